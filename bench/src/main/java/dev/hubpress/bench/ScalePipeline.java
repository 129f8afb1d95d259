package dev.hubpress.bench;

import dev.hubpress.core.content.ContentTree;
import dev.hubpress.core.gate.GateLimits;
import dev.hubpress.core.gate.PublishGate;
import dev.hubpress.core.markdown.MarkdownEngine;
import dev.hubpress.core.publish.ChannelRenderer;
import dev.hubpress.core.publish.IngestResult;
import dev.hubpress.core.publish.IngestRevision;
import dev.hubpress.core.publish.PublishChannel;
import dev.hubpress.core.publish.Snapshots;
import dev.hubpress.feeds.FeedRenderer;
import dev.hubpress.guide.GuideRenderer;
import dev.hubpress.local.FileBlobStore;
import dev.hubpress.local.FolderArtifactStore;
import dev.hubpress.local.FolderContentSource;
import dev.hubpress.local.JsonLinesRevisionLog;
import dev.hubpress.site.SiteRenderer;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@code ./hub publish} does, with the same embedded adapters from hub-local (folder content
 * source, file blob store, JSON-lines revision log, folder artifact store) and the same use cases
 * (IngestRevision, PublishChannel), but with a chosen set of channels and a timer around each
 * phase. One instance is one long-lived process's pipeline (like {@code ./hub preview} or a warm
 * Lambda container): its markdown engine, gate and renderers live as long as it does.
 */
final class ScalePipeline {

    /** Figures of one phase: the ingest (read + snapshot + gate + change set) or one channel. */
    record Phase(String name, double ms, int objects, int written, long bytes, long peakHeap) {
    }

    private final Path content;
    private final Path site;
    private final PublishGate gate;
    private final List<ChannelRenderer> channels;
    private final Snapshots snapshots;
    private final JsonLinesRevisionLog log;
    private final FolderArtifactStore store;
    private final FolderContentSource source;
    private final IngestRevision ingest;

    ScalePipeline(Path content, Path out, List<String> channelNames) {
        this.content = content;
        this.site = out.resolve("site");
        MarkdownEngine markdown = new MarkdownEngine();
        this.gate = new PublishGate(markdown, GateLimits.DEFAULT);
        List<ChannelRenderer> list = new ArrayList<>();
        for (String name : channelNames) {
            list.add(switch (name) {
                case "site" -> new SiteRenderer(markdown);
                case "feeds" -> new FeedRenderer(markdown);
                case "guide" -> new GuideRenderer(markdown);
                default -> throw new IllegalArgumentException("unknown channel " + name);
            });
        }
        this.channels = List.copyOf(list);
        Path state = out.resolve("state");
        this.snapshots = new Snapshots(new FileBlobStore(state.resolve("blobs")));
        this.log = new JsonLinesRevisionLog(state.resolve("revisions.jsonl"), w -> { });
        this.store = new FolderArtifactStore(site);
        this.source = new FolderContentSource(content, w -> { });
        // A fixed clock: the revisions (and so every byte published) are the same on every run.
        this.ingest = new IngestRevision("bench", gate, snapshots, log,
                Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC));
    }

    Path content() {
        return content;
    }

    /** Reads the content folder and publishes it; the phases in order, empty when nothing changed. */
    List<Phase> publish() {
        List<Phase> phases = new ArrayList<>();
        HeapSampler sampler = HeapSampler.start();
        long t0 = System.nanoTime();
        ContentTree tree = source.read();
        IngestResult result = ingest.ingest(tree, "bench");
        phases.add(new Phase("ingest", (System.nanoTime() - t0) / 1e6, 0, 0, 0, sampler.stop()));
        if (!(result instanceof IngestResult.Accepted accepted)) {
            if (result instanceof IngestResult.Rejected rejected) {
                throw new IllegalStateException("generated hub rejected: " + rejected.revision().errors().stream().limit(5).toList());
            }
            return phases;
        }
        for (ChannelRenderer renderer : channels) {
            sampler = HeapSampler.start();
            long t = System.nanoTime();
            PublishChannel.Outcome outcome = new PublishChannel(renderer, gate, snapshots, log, store)
                    .publish(accepted.revision(), accepted.hub());
            phases.add(new Phase(renderer.channel(), (System.nanoTime() - t) / 1e6, outcome.status().objects(),
                    outcome.written(), outcome.status().bytes(), sampler.stop()));
        }
        return phases;
    }

    /** Peak resident set size of this process so far, in bytes (VmHWM), or -1 where /proc is missing. */
    static long peakRss() {
        try {
            for (String line : java.nio.file.Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (java.io.IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }

    static Map<String, Phase> byName(List<Phase> phases) {
        Map<String, Phase> map = new LinkedHashMap<>();
        phases.forEach(p -> map.put(p.name(), p));
        return map;
    }
}
