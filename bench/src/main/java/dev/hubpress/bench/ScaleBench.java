package dev.hubpress.bench;

import dev.hubpress.core.load.ContentReader;
import dev.hubpress.core.channel.Channels;
import dev.hubpress.core.content.ContentFile;
import dev.hubpress.core.content.ContentTree;
import dev.hubpress.core.gate.GateLimits;
import dev.hubpress.core.gate.PublishGate;
import dev.hubpress.core.markdown.MarkdownEngine;
import dev.hubpress.core.model.Hub;
import dev.hubpress.core.revision.ChangeSets;
import dev.hubpress.core.revision.Revision;
import dev.hubpress.core.revision.RevisionStatus;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Scale benchmark ({@code bench/run scale}): for generated hubs of 100, 1,000 and 10,000 pages,
 * publishes gate + site + feeds (+ the PDF guide where feasible) with the real local pipeline,
 * in a fresh JVM per run (whole process) and warm in one JVM; then an incremental publish after a
 * one-page edit; and runs Hugo (HTML + RSS) and WeasyPrint (PDF) on the same input in the same run.
 * Prints Markdown tables and writes two SVG growth charts. Never part of the test suite.
 *
 * <p>Each measurement in a fresh JVM runs as {@code /usr/bin/time -f "%e %M" java … Bench scale-child …},
 * so ours, Hugo and WeasyPrint are timed and their peak RSS read the same way.
 */
final class ScaleBench {

    private ScaleBench() {
    }

    // ---------------------------------------------------------------------------------------------
    // Parent: orchestrates, runs peers, reports.
    // ---------------------------------------------------------------------------------------------

    static void run(String[] args) throws Exception {
        List<Integer> sizes = Arrays.stream(stringArg(args, "--pages", "100,1000,10000").split(","))
                .map(String::trim).map(Integer::parseInt).toList();
        int guideMax = Stats.intArg(args, "--guide-max", 1000);
        int weasyMax = Stats.intArg(args, "--weasyprint-max", 1000);
        int runs = Stats.intArg(args, "--runs", 3);
        int warmup = Stats.intArg(args, "--warmup", 3);
        int edits = Stats.intArg(args, "--edits", 3);
        String heap = stringArg(args, "--heap", "2g");
        boolean peers = !Arrays.asList(args).contains("--no-peers");
        Path work = Path.of(stringArg(args, "--work", "bench/target/scale")).toAbsolutePath();
        Path charts = Path.of(stringArg(args, "--charts", "bench/target/scale")).toAbsolutePath();
        Files.createDirectories(work);
        Files.createDirectories(charts);
        String jar = Path.of(ScaleBench.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> jvm = List.of(java, "-Xmx" + heap, "-cp", jar, Bench.class.getName(), "scale-child");

        System.out.println("# machine");
        System.out.println(machine());
        List<Map<String, String>> rows = new ArrayList<>();
        for (int pages : sizes) {
            Map<String, String> r = new LinkedHashMap<>();
            r.put("pages", String.valueOf(pages));
            Path dir = work.resolve(String.valueOf(pages));
            deleteTree(dir);
            Path content = dir.resolve("content");
            ContentTree tree = SyntheticHub.generate(pages);
            writeTree(tree, content);
            r.put("markdownMB", fmt(tree.totalBytes() / 1e6, 1));
            System.out.printf(Locale.ROOT, "%n# %d pages (%.1f MB Markdown)%n", pages, tree.totalBytes() / 1e6);

            // 1. Ours, whole process: a fresh JVM reads, gates and publishes site + feeds into an empty folder.
            List<Double> cold = new ArrayList<>();
            Map<String, String> last = Map.of();
            for (int i = 0; i < runs; i++) {
                deleteTree(dir.resolve("cold"));
                Timed t = time(concat(jvm, "once", "--content", content.toString(), "--out", dir.resolve("cold").toString(),
                        "--channels", "site,feeds"), dir);
                cold.add(t.seconds());
                last = t.results();
                r.put("coldRssMB", fmt(t.maxRssKb() / 1024.0, 0));
            }
            r.put("coldS", fmt(median(cold), 2));
            r.put("coldObjects", String.valueOf(Integer.parseInt(last.get("site.objects")) + Integer.parseInt(last.get("feeds.objects"))));
            r.put("coldWritten", String.valueOf(Integer.parseInt(last.get("site.written")) + Integer.parseInt(last.get("feeds.written"))));
            r.put("coldMB", fmt((Long.parseLong(last.get("site.bytes")) + Long.parseLong(last.get("feeds.bytes"))) / 1e6, 1));
            System.out.println("ours, whole process (site + feeds): " + cold + " s");

            // 2. Ours, a fresh process after a one-page edit (what a second ./hub publish does).
            Path edited = dir.resolve("content-edited");
            copyTree(content, edited);
            editPage(edited, pages, 1);
            Timed inc = time(concat(jvm, "once", "--content", edited.toString(), "--out", dir.resolve("cold").toString(),
                    "--channels", "site,feeds"), dir);
            r.put("coldIncS", fmt(inc.seconds(), 2));
            r.put("coldIncWritten", String.valueOf(Integer.parseInt(inc.results().get("site.written")) + Integer.parseInt(inc.results().get("feeds.written"))));
            System.out.println("ours, whole process after a one-page edit: " + inc.seconds() + " s, " + inc.results());

            // 3. Ours, warm (one JVM: warm-up, measured full publishes, incremental publishes, the guide).
            boolean guide = pages <= guideMax;
            Path xhtml = dir.resolve("guide.xhtml");
            List<String> warmCmd = concat(jvm, "warm", "--content", content.toString(), "--work", dir.resolve("warm").toString(),
                    "--runs", String.valueOf(runs), "--warmup", String.valueOf(warmup), "--edits", String.valueOf(edits),
                    "--guide", String.valueOf(guide), "--xhtml", pages <= weasyMax && peers ? xhtml.toString() : "");
            Timed warm = time(warmCmd, dir);
            r.putAll(warm.results());
            r.put("warmProcessRssMB", fmt(warm.maxRssKb() / 1024.0, 0));
            System.out.println("ours, warm: " + warm.results());

            // 4. Our guide, whole process.
            if (guide) {
                deleteTree(dir.resolve("guide-cold"));
                Timed g = time(concat(jvm, "once", "--content", content.toString(), "--out", dir.resolve("guide-cold").toString(),
                        "--channels", "guide"), dir);
                r.put("guideColdS", fmt(g.seconds(), 2));
                r.put("guideColdRssMB", fmt(g.maxRssKb() / 1024.0, 0));
                System.out.println("ours, guide whole process: " + g.seconds() + " s");
            }

            if (peers) {
                // 5. Hugo on the same Markdown: HTML + RSS.
                Path hugo = dir.resolve("hugo");
                HugoSite.write(tree, hugo);
                List<Double> hugoDisk = new ArrayList<>();
                long hugoRss = 0;
                int hugoFiles = 0;
                for (int i = 0; i <= runs; i++) {
                    deleteTree(hugo.resolve("public"));
                    deleteTree(hugo.resolve("resources"));
                    Timed t = time(List.of("hugo", "--quiet", "-s", hugo.toString(), "-d", hugo.resolve("public").toString()), dir);
                    if (i == 0) {
                        r.put("hugoFirstS", fmt(t.seconds(), 2));
                    } else {
                        hugoDisk.add(t.seconds());
                    }
                    hugoRss = Math.max(hugoRss, t.maxRssKb());
                }
                hugoFiles = countFiles(hugo.resolve("public"));
                List<Double> hugoMem = new ArrayList<>();
                for (int i = 0; i < runs; i++) {
                    hugoMem.add(time(List.of("hugo", "--quiet", "--renderToMemory", "-s", hugo.toString()), dir).seconds());
                }
                r.put("hugoS", fmt(median(hugoDisk), 2));
                r.put("hugoMemS", fmt(median(hugoMem), 2));
                r.put("hugoRssMB", fmt(hugoRss / 1024.0, 0));
                r.put("hugoFiles", String.valueOf(hugoFiles));
                System.out.println("hugo: first " + r.get("hugoFirstS") + " s, then " + hugoDisk + " s; renderToMemory " + hugoMem + " s");

                // 6. WeasyPrint on the guide's own XHTML document.
                if (Files.isRegularFile(xhtml)) {
                    Path html = dir.resolve("guide.html");
                    Files.copy(xhtml, html);
                    Path pdf = dir.resolve("weasyprint.pdf");
                    Timed w = time(List.of("weasyprint", html.toString(), pdf.toString()), dir);
                    int pdfPages = GuidePdf.pages(pdf);
                    r.put("weasyS", fmt(w.seconds(), 2));
                    r.put("weasyRssMB", fmt(w.maxRssKb() / 1024.0, 0));
                    r.put("weasyPdfPages", String.valueOf(pdfPages));
                    System.out.println("weasyprint: " + w.seconds() + " s, " + pdfPages + " PDF pages");
                }
            }
            rows.add(r);
            System.out.println("row: " + r);
        }
        report(rows, charts);
    }

    private static void report(List<Map<String, String>> rows, Path charts) throws IOException {
        System.out.println("\n# results (Markdown)\n");
        System.out.println("| pages | MB md | ingest+gate ms | site ms | feeds ms | warm total ms | warm pages/s | peak heap MB | whole process s | process RSS MB | objects (MB) | Hugo s (to memory) | Hugo RSS MB | ours/Hugo warm | ours/Hugo process |");
        System.out.println("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|");
        for (Map<String, String> r : rows) {
            double warm = d(r, "warm.totalMs");
            double hugo = d(r, "hugoS");
            System.out.printf(Locale.ROOT, "| %s | %s | %s | %s | %s | %.0f | %.0f | %s | %s | %s | %s (%s) | %s (%s) | %s | %s | %s |%n",
                    r.get("pages"), r.get("markdownMB"), r.get("warm.ingestMs"), r.get("warm.siteMs"), r.get("warm.feedsMs"),
                    warm, d(r, "pages") * 1000 / warm, r.get("warm.peakHeapMB"), r.get("coldS"), r.get("coldRssMB"),
                    r.get("coldObjects"), r.get("coldMB"), r.getOrDefault("hugoS", "–"), r.getOrDefault("hugoMemS", "–"),
                    r.getOrDefault("hugoRssMB", "–"),
                    hugo > 0 ? fmt(warm / 1000 / hugo, 2) : "–", hugo > 0 ? fmt(d(r, "coldS") / hugo, 2) : "–");
        }
        System.out.println("\n| pages | full publish (warm, cold caches) ms | incremental ms (median) | incremental / full | objects written incremental / full | fresh-process full s | fresh-process incremental s | written |");
        System.out.println("|---|---|---|---|---|---|---|---|");
        for (Map<String, String> r : rows) {
            System.out.printf(Locale.ROOT, "| %s | %s | %s | %s | %s / %s | %s | %s | %s |%n", r.get("pages"), r.get("inc.fullMs"),
                    r.get("inc.medianMs"), fmt(d(r, "inc.medianMs") / d(r, "inc.fullMs") * 100, 1) + " %",
                    r.get("inc.written"), r.get("inc.fullWritten"), r.get("coldS"), r.get("coldIncS"), r.get("coldIncWritten"));
        }
        System.out.println("\n| pages | guide warm s | hub pages/s | PDF pages | PDF pages/s | peak heap MB | whole process s | RSS MB | WeasyPrint s | WeasyPrint PDF pages | WeasyPrint PDF pages/s | RSS MB | ours/WeasyPrint pages/s |");
        System.out.println("|---|---|---|---|---|---|---|---|---|---|---|---|---|");
        for (Map<String, String> r : rows) {
            if (!r.containsKey("guide.ms")) {
                continue;
            }
            double ours = d(r, "guide.pdfPages") / (d(r, "guide.ms") / 1000);
            double weasy = r.containsKey("weasyS") ? d(r, "weasyPdfPages") / d(r, "weasyS") : 0;
            System.out.printf(Locale.ROOT, "| %s | %.1f | %.1f | %s | %.1f | %s | %s | %s | %s | %s | %s | %s | %s |%n", r.get("pages"),
                    d(r, "guide.ms") / 1000, d(r, "pages") / (d(r, "guide.ms") / 1000), r.get("guide.pdfPages"), ours,
                    r.get("guide.peakHeapMB"), r.get("guideColdS"), r.get("guideColdRssMB"), r.getOrDefault("weasyS", "–"),
                    r.getOrDefault("weasyPdfPages", "–"), weasy > 0 ? fmt(weasy, 1) : "–", r.getOrDefault("weasyRssMB", "–"),
                    weasy > 0 ? fmt(ours / weasy, 2) : "–");
        }
        SvgChart time = new SvgChart("Publish time against hub size", "milliseconds");
        SvgChart memory = new SvgChart("Memory against hub size", "MB");
        for (Map<String, String> r : rows) {
            double p = d(r, "pages");
            time.point("ingest + gate (warm)", p, d(r, "warm.ingestMs"))
                    .point("site (warm)", p, d(r, "warm.siteMs"))
                    .point("feeds (warm)", p, d(r, "warm.feedsMs"))
                    .point("guide (warm)", p, d(r, "guide.ms"))
                    .point("total site+feeds (warm)", p, d(r, "warm.totalMs"))
                    .point("whole process (ours)", p, d(r, "coldS") * 1000)
                    .point("Hugo (whole process)", p, d(r, "hugoS") * 1000)
                    .point("incremental (warm)", p, d(r, "inc.medianMs"));
            memory.point("peak heap, site+feeds", p, d(r, "warm.peakHeapMB"))
                    .point("peak heap, guide", p, d(r, "guide.peakHeapMB"))
                    .point("RSS, whole process (ours)", p, d(r, "coldRssMB"))
                    .point("RSS, Hugo", p, d(r, "hugoRssMB"))
                    .point("RSS, WeasyPrint", p, d(r, "weasyRssMB"));
        }
        Files.writeString(charts.resolve("bench-scale-time.svg"), time.svg());
        Files.writeString(charts.resolve("bench-scale-memory.svg"), memory.svg());
        System.out.println("\ncharts: " + charts.resolve("bench-scale-time.svg") + ", " + charts.resolve("bench-scale-memory.svg"));
    }

    /**
     * {@code bench/run generate --pages N --out DIR}: writes the generated hub of N pages (the one
     * {@code scale} measures) as a content folder, e.g. to time {@code ./hub publish --content DIR}.
     */
    static void generate(String[] args) throws IOException {
        int pages = Stats.intArg(args, "--pages", 1000);
        Path out = Path.of(stringArg(args, "--out", "bench/target/generated/" + pages)).toAbsolutePath();
        deleteTree(out);
        ContentTree tree = SyntheticHub.generate(pages);
        writeTree(tree, out);
        System.out.printf(Locale.ROOT, "%d pages (%.1f MB of Markdown) in %s%n", pages, tree.totalBytes() / 1e6, out);
    }

    // ---------------------------------------------------------------------------------------------
    // Child: one JVM's measurements, printed as "RESULT key value" lines.
    // ---------------------------------------------------------------------------------------------

    static void child(String[] args) throws Exception {
        String mode = args[0];
        Path content = Path.of(stringArg(args, "--content", "content"));
        if (mode.equals("once")) {
            Path out = Path.of(stringArg(args, "--out", "out"));
            List<String> channels = List.of(stringArg(args, "--channels", "site,feeds").split(","));
            List<ScalePipeline.Phase> phases = new ScalePipeline(content, out, channels).publish();
            for (ScalePipeline.Phase p : phases) {
                result(p.name() + ".ms", fmt(p.ms(), 0));
                result(p.name() + ".objects", String.valueOf(p.objects()));
                result(p.name() + ".written", String.valueOf(p.written()));
                result(p.name() + ".bytes", String.valueOf(p.bytes()));
                result(p.name() + ".peakHeapMB", fmt(p.peakHeap() / 1048576.0, 0));
            }
            result("peakRssMB", fmt(ScalePipeline.peakRss() / 1e6 / 1.048576, 0));
            return;
        }
        if (mode.equals("xhtml")) {
            // The guide as one document, for WeasyPrint (bench/run peers); in a child for its heap.
            Files.writeString(Path.of(stringArg(args, "--out", "guide.html")), guideXhtml(content), StandardCharsets.UTF_8);
            return;
        }
        Path work = Path.of(stringArg(args, "--work", "bench/target/scale/warm"));
        int runs = Stats.intArg(args, "--runs", 3);
        int warmup = Stats.intArg(args, "--warmup", 3);
        int edits = Stats.intArg(args, "--edits", 3);
        boolean guide = Boolean.parseBoolean(stringArg(args, "--guide", "false"));
        String xhtml = stringArg(args, "--xhtml", "");
        List<String> channels = List.of("site", "feeds");
        int pages = countFiles(content) - 1;

        // Full publishes: a new pipeline (nothing cached) into an empty folder each time, on a warm JIT.
        for (int i = 0; i < warmup; i++) {
            deleteTree(work);
            new ScalePipeline(content, work, channels).publish();
        }
        List<Map<String, ScalePipeline.Phase>> measured = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            deleteTree(work);
            System.gc();
            measured.add(ScalePipeline.byName(new ScalePipeline(content, work, channels).publish()));
        }
        for (String phase : List.of("ingest", "site", "feeds")) {
            result("warm." + phase + "Ms", fmt(median(measured.stream().map(m -> m.get(phase).ms()).toList()), 0));
        }
        result("warm.totalMs", fmt(median(measured.stream().map(m -> m.values().stream().mapToDouble(ScalePipeline.Phase::ms).sum()).toList()), 0));
        result("warm.peakHeapMB", fmt(measured.stream().flatMap(m -> m.values().stream()).mapToLong(ScalePipeline.Phase::peakHeap).max().orElse(0) / 1048576.0, 0));
        result("warm.objects", String.valueOf(measured.get(0).get("site").objects() + measured.get(0).get("feeds").objects()));

        // Incremental: one long-lived pipeline publishes the hub, then one edited page at a time.
        Path incContent = work.resolveSibling("inc-content");
        deleteTree(incContent);
        copyTree(content, incContent);
        Path incOut = work.resolveSibling("inc-out");
        deleteTree(incOut);
        deleteTree(work);
        System.gc();
        ScalePipeline pipeline = new ScalePipeline(incContent, incOut, channels);
        Map<String, ScalePipeline.Phase> full = ScalePipeline.byName(pipeline.publish());
        result("inc.fullMs", fmt(full.values().stream().mapToDouble(ScalePipeline.Phase::ms).sum(), 0));
        result("inc.fullWritten", String.valueOf(full.get("site").written() + full.get("feeds").written()));
        List<Double> incMs = new ArrayList<>();
        int written = 0;
        StringBuilder detail = new StringBuilder();
        for (int e = 1; e <= edits; e++) {
            editPage(incContent, pages, e);
            Map<String, ScalePipeline.Phase> inc = ScalePipeline.byName(pipeline.publish());
            double ms = inc.values().stream().mapToDouble(ScalePipeline.Phase::ms).sum();
            incMs.add(ms);
            written = inc.get("site").written() + inc.get("feeds").written();
            detail.append(String.format(Locale.ROOT, "%s%.0f ms (ingest %.0f, site %.0f, feeds %.0f; %d+%d written)",
                    e == 1 ? "" : "; ", ms, inc.get("ingest").ms(), inc.get("site").ms(), inc.get("feeds").ms(),
                    inc.get("site").written(), inc.get("feeds").written()));
        }
        result("inc.medianMs", fmt(median(incMs), 0));
        result("inc.written", String.valueOf(written));
        result("inc.detail", detail.toString());
        deleteTree(incOut);
        deleteTree(incContent);
        pipeline = null;

        if (guide) {
            // Warm the guide's path on a small hub first, then one measured guide of this hub.
            Path small = work.resolveSibling("guide-warmup");
            deleteTree(small);
            writeTree(SyntheticHub.generate(50), small.resolve("content"));
            new ScalePipeline(small.resolve("content"), small.resolve("out"), List.of("guide")).publish();
            deleteTree(small);
            Path out = work.resolveSibling("guide-warm");
            deleteTree(out);
            System.gc();
            Map<String, ScalePipeline.Phase> g = ScalePipeline.byName(new ScalePipeline(content, out, List.of("guide")).publish());
            result("guide.ms", fmt(g.get("guide").ms(), 0));
            result("guide.ingestMs", fmt(g.get("ingest").ms(), 0));
            result("guide.peakHeapMB", fmt(g.get("guide").peakHeap() / 1048576.0, 0));
            result("guide.bytes", String.valueOf(g.get("guide").bytes()));
            result("guide.pdfPages", String.valueOf(GuidePdf.pages(GuidePdf.in(out).orElseThrow())));
            deleteTree(out);
        }
        if (!xhtml.isEmpty()) {
            Files.writeString(Path.of(xhtml), guideXhtml(content), StandardCharsets.UTF_8);
        }
        result("warm.processPeakRssMB", fmt(ScalePipeline.peakRss() / 1048576.0, 0));
    }

    /** The XHTML document the guide channel lays out, exactly (GuideDocument.build, reached by reflection). */
    static String guideXhtml(Path content) throws Exception {
        ContentTree tree = readTree(content);
        MarkdownEngine markdown = MarkdownEngine.standard();
        Hub hub = new PublishGate(new ContentReader(markdown), GateLimits.DEFAULT, Channels.discover()).inspect(tree).hub().orElseThrow();
        Revision revision = new Revision("bench", 1, tree.hash(), 0, Instant.parse("2026-01-01T00:00:00Z"), "", "bench",
                RevisionStatus.ACCEPTED, List.of(), ChangeSets.first(hub, tree.manifest()), Map.of());
        Class<?> document = Class.forName("dev.hubpress.guide.GuideDocument");
        Class<?> paper = Class.forName("dev.hubpress.guide.Paper");
        Method build = document.getDeclaredMethod("build", MarkdownEngine.class, Hub.class, Revision.class, paper);
        build.setAccessible(true);
        org.w3c.dom.Document dom = (org.w3c.dom.Document) build.invoke(null, markdown, hub, revision, paper.getEnumConstants()[0]);
        javax.xml.transform.Transformer t = javax.xml.transform.TransformerFactory.newInstance().newTransformer();
        t.setOutputProperty(javax.xml.transform.OutputKeys.METHOD, "xml");
        t.setOutputProperty(javax.xml.transform.OutputKeys.ENCODING, "UTF-8");
        java.io.StringWriter w = new java.io.StringWriter();
        t.transform(new javax.xml.transform.dom.DOMSource(dom), new javax.xml.transform.stream.StreamResult(w));
        return w.toString();
    }

    /** A content folder as a tree, paths relative to it with forward slashes. */
    static ContentTree readTree(Path content) throws IOException {
        List<ContentFile> files = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(content)) {
            for (Path p : walk.filter(Files::isRegularFile).sorted().toList()) {
                files.add(new ContentFile(content.relativize(p).toString().replace('\\', '/'), Files.readAllBytes(p)));
            }
        }
        return new ContentTree(files);
    }

    private static void result(String key, String value) {
        System.out.println("RESULT " + key + " " + value);
        System.out.flush();
    }

    // ---------------------------------------------------------------------------------------------
    // Helpers
    // ---------------------------------------------------------------------------------------------

    /** One timed subprocess (GNU time); a failure stops the benchmark with the command's output. */
    static Timed time(List<String> command, Path dir) throws IOException, InterruptedException {
        Path log = Files.createTempFile(dir, "output", ".log");
        Timed timed = Timed.run(command, dir, Map.of(), log);
        String output = Files.readString(log);
        Files.delete(log);
        if (timed.exit() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed (" + timed.exit() + "):\n" + output);
        }
        return timed;
    }

    /** Appends a sentence to the first topic of the e-th page (spread over the hub): one section changes. */
    static void editPage(Path content, int pages, int e) throws IOException {
        int i = 1 + (int) ((long) e * 7919 % Math.max(1, pages - 1));
        Path page = content.resolve(SyntheticHub.path(i));
        String text = Files.readString(page);
        String marker = "## Topic 2";
        int at = text.indexOf(marker);
        String edited = text.substring(0, at) + "Edited for the incremental benchmark, edit " + e + ".\n\n" + text.substring(at);
        Files.writeString(page, edited);
    }

    static void writeTree(ContentTree tree, Path root) throws IOException {
        for (ContentFile file : tree.files()) {
            Path p = root.resolve(file.path());
            Files.createDirectories(p.getParent());
            Files.write(p, file.bytes());
        }
    }

    static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path p : walk.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }

    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException exc) throws IOException {
                Files.delete(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    static int countFiles(Path root) {
        try (Stream<Path> walk = Files.walk(root)) {
            return (int) walk.filter(Files::isRegularFile).count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String machine() {
        StringBuilder s = new StringBuilder();
        s.append("nproc ").append(Runtime.getRuntime().availableProcessors());
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) {
                    s.append(", CPU ").append(line.substring(line.indexOf(':') + 1).trim());
                    break;
                }
            }
            for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
                if (line.startsWith("MemTotal")) {
                    s.append(", memory ").append(Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024 / 1024).append(" GiB");
                }
            }
        } catch (IOException e) {
            s.append(" (no /proc)");
        }
        s.append(", java ").append(System.getProperty("java.vm.name")).append(' ').append(System.getProperty("java.runtime.version"));
        s.append(", ").append(firstLine(List.of("hugo", "version"))).append(", ").append(firstLine(List.of("weasyprint", "--version")));
        return s.toString();
    }

    private static String firstLine(List<String> command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            p.waitFor();
            return out.lines().findFirst().orElse(command.get(0) + ": no output");
        } catch (IOException | InterruptedException e) {
            return command.get(0) + ": not installed";
        }
    }

    static List<String> concat(List<String> head, String... tail) {
        List<String> all = new ArrayList<>(head);
        all.addAll(Arrays.asList(tail));
        return all;
    }

    private static double median(List<Double> values) {
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return sorted.length == 0 ? 0 : sorted[sorted.length / 2];
    }

    private static double d(Map<String, String> r, String key) {
        try {
            return Double.parseDouble(r.getOrDefault(key, "0"));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    static String fmt(double v, int digits) {
        return String.format(Locale.ROOT, "%." + digits + "f", v);
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
