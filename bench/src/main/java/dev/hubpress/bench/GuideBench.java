package dev.hubpress.bench;

import dev.hubpress.core.load.ContentReader;
import dev.hubpress.core.channel.Channels;
import dev.hubpress.core.content.ContentFile;
import dev.hubpress.core.content.ContentTree;
import dev.hubpress.core.gate.GateLimits;
import dev.hubpress.core.gate.PublishGate;
import dev.hubpress.core.markdown.MarkdownEngine;
import dev.hubpress.core.model.Hub;
import dev.hubpress.core.channel.Artifact;
import dev.hubpress.core.channel.Edition;
import dev.hubpress.core.channel.GuideInfo;
import dev.hubpress.core.revision.ChangeSets;
import dev.hubpress.core.revision.Revision;
import dev.hubpress.core.revision.RevisionStatus;
import dev.hubpress.guide.GuideRenderer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * PDF guide benchmark (bench/run guide): the real hub's guide rendered warm (median of several
 * runs after warm-up), then one guide of a generated N-page hub, reporting hub pages/s, PDF
 * pages/s and the peak heap in use (sampled, garbage included).
 */
final class GuideBench {

    private GuideBench() {
    }

    static void main(String[] args) throws Exception {
        String sizes = stringArg(args, "--sizes", "");
        if (!sizes.isEmpty()) {
            wholeProcess(Arrays.stream(sizes.split(",")).mapToInt(Integer::parseInt).toArray(), stringArg(args, "--heap", "2g"),
                    Path.of(stringArg(args, "--work", "bench/target/guide")).toAbsolutePath());
            return;
        }
        int pages = Stats.intArg(args, "--pages", 1000);
        int warmup = Stats.intArg(args, "--warmup", 3);
        int runs = Stats.intArg(args, "--runs", 5);
        Path content = Path.of(stringArg(args, "--content", "content"));
        MarkdownEngine markdown = MarkdownEngine.standard();
        PublishGate gate = new PublishGate(new ContentReader(markdown), GateLimits.DEFAULT, Channels.discover());
        GuideRenderer guide = new GuideRenderer(markdown);

        if (Files.isDirectory(content)) {
            Edition real = edition(gate, read(content));
            long cold = System.nanoTime();
            List<Artifact> first = guide.render(real);
            double coldMs = (System.nanoTime() - cold) / 1e6;
            for (int i = 1; i < warmup; i++) {
                guide.render(real);
            }
            double[] ms = new double[runs];
            for (int i = 0; i < runs; i++) {
                long t = System.nanoTime();
                guide.render(real);
                ms[i] = (System.nanoTime() - t) / 1e6;
            }
            GuideInfo info = GuideInfo.of(guide.facts(first)).orElseThrow();
            System.out.printf(Locale.ROOT, "real guide (%s): %d hub pages -> %d PDF pages, %.1f MB; cold %.0f ms, warm median %.0f ms (min %.0f) over %d runs%n",
                    content, real.hub().pages().size(), info.pages(), info.bytes() / 1e6, coldMs, Stats.median(ms),
                    Arrays.stream(ms).min().orElse(0), runs);
        } else {
            System.out.println("no content folder at " + content.toAbsolutePath() + ": skipping the real guide");
        }

        ContentTree tree = SyntheticHub.generate(pages);
        Edition synthetic = edition(gate, tree);
        guide.render(edition(gate, SyntheticHub.generate(Math.min(pages, 50)))); // warm the generated-hub path too
        System.gc();
        HeapSampler sampler = HeapSampler.start();
        long t = System.nanoTime();
        List<Artifact> artifacts = guide.render(synthetic);
        double seconds = (System.nanoTime() - t) / 1e9;
        long peak = sampler.stop();
        GuideInfo info = GuideInfo.of(guide.facts(artifacts)).orElseThrow();
        System.out.printf(Locale.ROOT, "generated hub: %d hub pages (%.1f MB Markdown) -> %d PDF pages, %.1f MB in %.1f s = %.1f hub pages/s, %.1f PDF pages/s%n",
                pages, tree.totalBytes() / 1e6, info.pages(), info.bytes() / 1e6, seconds, pages / seconds, info.pages() / seconds);
        System.out.printf(Locale.ROOT, "heap: peak used %.0f MB (sampled every 2 ms, garbage included), cap -Xmx %d MB; java %s on %d cores%n",
                peak / 1e6, Runtime.getRuntime().maxMemory() / (1024 * 1024), System.getProperty("java.version"),
                Runtime.getRuntime().availableProcessors());
    }

    /**
     * The guide as {@code ./hub publish} makes it, in fresh processes capped at {@code heap}: for
     * each size, the first publish of a generated hub into an empty folder (no laid-out part kept),
     * then a one-page edit published by a new process that finds the parts in the state folder.
     * Wall time, CPU time and peak RSS from GNU time; the parts laid out from the renderer.
     */
    private static void wholeProcess(int[] sizes, String heap, Path work) throws Exception {
        String jar = Path.of(GuideBench.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> jvm = List.of(java, "-Xmx" + heap, "-cp", jar, Bench.class.getName(), "scale-child", "once", "--channels", "guide");
        System.out.println("# machine");
        System.out.println(ScaleBench.machine());
        System.out.println("| hub pages | PDF pages | PDF MB | first publish: guide s | process s | process CPU s | peak heap MB | RSS MB | one-page edit: guide s | process s | process CPU s | peak heap MB | RSS MB |");
        System.out.println("|---|---|---|---|---|---|---|---|---|---|---|---|---|");
        for (int pages : sizes) {
            Path dir = work.resolve(String.valueOf(pages));
            ScaleBench.deleteTree(dir);
            Path content = dir.resolve("content");
            ScaleBench.writeTree(SyntheticHub.generate(pages), content);
            Path out = dir.resolve("out");
            List<String> first = new ArrayList<>(jvm);
            first.addAll(List.of("--content", content.toString(), "--out", out.toString()));
            Timed full = ScaleBench.time(first, dir);
            ScaleBench.editPage(content, pages, 1);
            Timed edit = ScaleBench.time(first, dir);
            Path pdf;
            try (Stream<Path> walk = Files.walk(out)) {
                pdf = walk.filter(f -> f.getFileName().toString().matches("r[0-9]+\\.pdf")).max(Comparator.naturalOrder()).orElseThrow();
            }
            int pdfPages;
            try (org.apache.pdfbox.pdmodel.PDDocument d = org.apache.pdfbox.Loader.loadPDF(pdf.toFile())) {
                pdfPages = d.getNumberOfPages();
            }
            // CPU seconds (user + system, GNU time) as well as wall: other work shares the cores.
            System.out.printf(Locale.ROOT, "| %d | %d | %.1f | %.1f | %.1f | %.1f | %s | %.0f | %.1f | %.1f | %.1f | %s | %.0f |%n", pages, pdfPages, Files.size(pdf) / 1e6,
                    Double.parseDouble(full.results().get("guide.ms")) / 1000, full.seconds(), full.cpuSeconds(), full.results().get("guide.peakHeapMB"),
                    full.rssMb(),
                    Double.parseDouble(edit.results().get("guide.ms")) / 1000, edit.seconds(), edit.cpuSeconds(), edit.results().get("guide.peakHeapMB"),
                    edit.rssMb());
        }
        System.out.println("(each a fresh JVM with -Xmx" + heap + "; java " + System.getProperty("java.version") + " on "
                + Runtime.getRuntime().availableProcessors() + " cores)");
    }

    static Edition edition(PublishGate gate, ContentTree tree) {
        Hub hub = gate.inspect(tree).hub().orElseThrow(() -> new IllegalStateException("hub fails the gate: "
                + gate.inspect(tree).errors().stream().limit(5).toList()));
        Revision revision = new Revision("bench", 1, tree.hash(), 0, Instant.parse("2026-01-01T00:00:00Z"), "", "bench",
                RevisionStatus.ACCEPTED, List.of(), ChangeSets.first(hub, tree.manifest()), Map.of());
        return new Edition(hub, revision, List.of(revision));
    }

    static ContentTree read(Path root) {
        List<ContentFile> files = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.filter(Files::isRegularFile).sorted().toList()) {
                files.add(new ContentFile(root.relativize(p).toString().replace('\\', '/'), Files.readAllBytes(p)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new ContentTree(files);
    }

    static String stringArg(String[] args, String name, String defaultValue) {
        for (int i = 0; i < args.length - 1; i++) {
            if (args[i].equals(name)) {
                return args[i + 1];
            }
        }
        return defaultValue;
    }
}
