package dev.hubpress.bench;

import dev.hubpress.core.channel.Channels;
import dev.hubpress.core.content.ContentTree;
import dev.hubpress.core.publish.IngestResult;
import dev.hubpress.core.publish.PublishRevision;
import dev.hubpress.core.revision.History;
import dev.hubpress.core.revision.Revision;
import dev.hubpress.local.LocalWorkspace;


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
 * What {@code ./hub publish} does, on the same {@link LocalWorkspace} (the local adapters and the
 * core's use cases), but with a chosen set of channels and a timer around each phase. One instance
 * is one long-lived process's pipeline (like {@code ./hub preview} or a warm Lambda container): its
 * reader, gate and renderers live as long as it does.
 */
final class ScalePipeline {

    /** Figures of one phase: the ingest (read + snapshot + gate + change set) or one channel. */
    record Phase(String name, double ms, int objects, int written, long bytes, long peakHeap) {
    }

    private final Path content;
    private final LocalWorkspace workspace;
    private final List<String> channels;

    ScalePipeline(Path content, Path out, List<String> channelNames) {
        this.content = content;
        // A fixed clock: the revisions (and so every byte published) are the same on every run.
        this.workspace = new LocalWorkspace(content, out, "bench", Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC),
                Channels.discover(), w -> { });
        for (String name : channelNames) {
            if (workspace.channels().publishing().stream().noneMatch(c -> c.id().equals(name))) {
                throw new IllegalArgumentException("unknown channel " + name);
            }
        }
        this.channels = List.copyOf(channelNames);
    }

    Path content() {
        return content;
    }

    /** Reads the content folder and publishes it; the phases in order, empty when nothing changed. */
    List<Phase> publish() {
        List<Phase> phases = new ArrayList<>();
        HeapSampler sampler = HeapSampler.start();
        long t0 = System.nanoTime();
        ContentTree tree = workspace.source().read();
        IngestResult result = workspace.ingest().ingest(tree, "bench");
        phases.add(new Phase("ingest", (System.nanoTime() - t0) / 1e6, 0, 0, 0, sampler.stop()));
        if (!(result instanceof IngestResult.Accepted accepted)) {
            if (result instanceof IngestResult.Rejected rejected) {
                throw new IllegalStateException("generated hub rejected: " + rejected.revision().errors().stream().limit(5).toList());
            }
            return phases;
        }
        Revision revision = accepted.revision();
        History history = accepted.history();
        for (String channel : workspace.channels().publishing().stream().map(c -> c.id()).filter(channels::contains).toList()) {
            sampler = HeapSampler.start();
            long t = System.nanoTime();
            PublishRevision.Report report = workspace.publish().publish(revision, accepted.hub(), history, List.of(channel));
            PublishRevision.Outcome outcome = report.outcomes().get(0);
            if (outcome.failed()) {
                throw new IllegalStateException(channel + " failed: " + outcome.status().error());
            }
            revision = report.revision();
            history = report.history();
            phases.add(new Phase(channel, (System.nanoTime() - t) / 1e6, outcome.status().objects(),
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
