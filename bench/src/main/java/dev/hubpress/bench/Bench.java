package dev.hubpress.bench;

import dev.hubpress.core.load.ContentReader;
import dev.hubpress.core.channel.Channels;
import dev.hubpress.core.content.ContentTree;
import dev.hubpress.core.gate.GateLimits;
import dev.hubpress.core.gate.GateResult;
import dev.hubpress.core.gate.PublishGate;
import dev.hubpress.core.markdown.MarkdownEngine;
import dev.hubpress.core.model.Hub;
import dev.hubpress.core.channel.Artifact;
import dev.hubpress.core.channel.Edition;
import dev.hubpress.core.revision.ChangeSets;
import dev.hubpress.core.revision.Revision;
import dev.hubpress.core.revision.RevisionStatus;
import dev.hubpress.site.SiteRenderer;

import java.lang.management.ManagementFactory;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Gate + HTML benchmark on a generated hub: warm-up runs, then measured runs, reporting warm
 * pages per second (median), the split between gate and site, and the peak heap. Run it through
 * {@code bench/run}; it is not part of the test suite.
 */
public final class Bench {

    private Bench() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("scale")) {
            ScaleBench.run(Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        if (args.length > 0 && args[0].equals("peers")) {
            PeerBench.run(Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        if (args.length > 0 && args[0].equals("scale-child")) {
            ScaleBench.child(Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        if (args.length > 0 && args[0].equals("generate")) {
            ScaleBench.generate(Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        if (args.length > 0 && args[0].equals("guide-picture")) {
            GuidePicture.main(Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        if (args.length > 0 && args[0].equals("guide")) {
            GuideBench.main(Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        if (args.length > 0 && args[0].equals("digest")) {
            DigestBench.main(Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        if (args.length > 0 && args[0].equals("synthetic")) {
            // The generated hub as a content folder, for harnesses outside this module (bench/publish-requests).
            String[] rest = Arrays.copyOfRange(args, 1, args.length);
            java.nio.file.Path out = java.nio.file.Path.of(ScaleBench.stringArg(rest, "--out", "bench/target/synthetic/content"));
            ScaleBench.writeTree(SyntheticHub.generate(Stats.intArg(rest, "--pages", 1000)), out);
            System.out.println(out.toAbsolutePath());
            return;
        }
        if (args.length > 0 && args[0].equals("search")) {
            SearchBench.run(Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        if (args.length > 0 && args[0].equals("feeds")) {
            FeedBench.run(Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        int pages = Stats.intArg(args, "--pages", 1000);
        int warmup = Stats.intArg(args, "--warmup", 5);
        int runs = Stats.intArg(args, "--runs", 10);

        ContentTree tree = SyntheticHub.generate(pages);
        MarkdownEngine markdown = MarkdownEngine.standard();
        System.out.printf(Locale.ROOT, "hub: %d pages, %.1f MB of Markdown; %d warm-up runs, %d measured%n",
                pages, tree.totalBytes() / 1e6, warmup, runs);

        for (int i = 0; i < warmup; i++) {
            publish(tree, markdown);
        }
        System.gc();
        HeapSampler sampler = HeapSampler.start();
        double[] total = new double[runs];
        double[] gateMs = new double[runs];
        double[] siteMs = new double[runs];
        long bytes = 0;
        for (int i = 0; i < runs; i++) {
            Result r = publish(tree, markdown);
            total[i] = r.gateMs + r.siteMs;
            gateMs[i] = r.gateMs;
            siteMs[i] = r.siteMs;
            bytes = r.bytes;
        }
        long sampledPeak = sampler.stop();
        double median = Stats.median(total);
        System.out.printf(Locale.ROOT, "gate + site: median %.0f ms (gate %.0f ms, site %.0f ms) = %.0f pages/s; %d objects, %.1f MB written%n",
                median, Stats.median(gateMs), Stats.median(siteMs), pages * 1000 / median, pages + 6, bytes / 1e6);
        Result last = publish(tree, markdown);
        System.gc();
        long live = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        System.out.printf(Locale.ROOT, "heap: peak used %.0f MB (sampled every 2 ms, garbage included), live after a run %.0f MB, "
                        + "cap -Xmx %d MB; java %s on %d cores%n",
                sampledPeak / 1e6, live / 1e6, Runtime.getRuntime().maxMemory() / (1024 * 1024),
                System.getProperty("java.version"), Runtime.getRuntime().availableProcessors());
        if (last.bytes == 0) {
            throw new IllegalStateException("nothing rendered");
        }
    }

    private record Result(double gateMs, double siteMs, long bytes) {
    }

    /**
     * One full publish with a new gate and site renderer: both remember the previous run's pages
     * (for incremental republishing), which would turn every run after the first into a cache hit.
     */
    private static Result publish(ContentTree tree, MarkdownEngine markdown) {
        PublishGate gate = new PublishGate(new ContentReader(markdown), GateLimits.DEFAULT, Channels.discover());
        SiteRenderer site = new SiteRenderer(markdown);
        long t0 = System.nanoTime();
        GateResult result = gate.inspect(tree);
        Hub hub = result.hub().orElseThrow(() -> new IllegalStateException("generated hub fails the gate: "
                + result.errors().subList(0, Math.min(5, result.errors().size()))));
        long t1 = System.nanoTime();
        Revision revision = new Revision("bench", 1, tree.hash(), 0, Instant.parse("2026-01-01T00:00:00Z"), "", "bench",
                RevisionStatus.ACCEPTED, List.of(), ChangeSets.first(hub, tree.manifest()), Map.of());
        List<Artifact> artifacts = site.render(new Edition(hub, revision, List.of(revision)));
        long t2 = System.nanoTime();
        long bytes = artifacts.stream().mapToLong(Artifact::size).sum();
        return new Result((t1 - t0) / 1e6, (t2 - t1) / 1e6, bytes);
    }
}
