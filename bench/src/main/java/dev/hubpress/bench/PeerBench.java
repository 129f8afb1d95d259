package dev.hubpress.bench;

import dev.hubpress.core.content.ContentTree;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * {@code bench/run peers}: issue 14's table and targets, measured as a user runs it. Every figure
 * of ours is a whole process timed by GNU time like the peers': our real launcher
 * ({@code ./hub publish}) for full publishes and one-page edits, and the bench's
 * {@code scale-child once} (the same local adapters and use cases, a chosen set of channels) where
 * a job needs a subset of channels, since {@code ./hub} publishes them all. Each job runs ours and
 * its peer interleaved ({@link Interleaved}) on the generated hubs ({@link SyntheticHub}) and the
 * real content folder, then prints Markdown tables. Never part of the test suite.
 */
final class PeerBench {

    private final Path root;
    private final Path hub;
    private final Path work;
    private final int runs;
    private final Set<Integer> jobs;
    private final int weasyMax;
    private final String heapCap;
    /** Where job 6 writes its growth charts. */
    private final Path charts;
    private final List<String> childJvm;
    private final List<String> childMain;
    private final int quickCompilerUpTo;
    private final int youngFrom;
    private final List<Report.Row> rows = new ArrayList<>();
    private final List<Report.Row> guideRows = new ArrayList<>();
    private final Map<String, Measured> measured = new LinkedHashMap<>();
    private final List<String> guideLines = new ArrayList<>();
    private String heapLine = "";

    /** What one hub's jobs measured, for the growth table and charts and the targets. */
    static final class Measured {
        int pages;
        Interleaved.Runs full;
        Interleaved.Runs edit;
        Interleaved.Runs htmlFeeds;
        Interleaved.Runs guide;
        int ourPdfPages;
        int peerPdfPages;
    }

    private PeerBench(String[] args) throws Exception {
        Path jar = Path.of(PeerBench.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        root = Path.of(ScaleBench.stringArg(args, "--root", jar.getParent().getParent().getParent().toString())).toAbsolutePath();
        hub = root.resolve("hub");
        work = Path.of(ScaleBench.stringArg(args, "--work", root.resolve("bench/target/peers").toString())).toAbsolutePath();
        runs = Stats.intArg(args, "--runs", 5);
        jobs = Arrays.stream(ScaleBench.stringArg(args, "--jobs", "1,2,3,4,5,6").split(",")).map(String::trim)
                .map(Integer::parseInt).collect(Collectors.toCollection(TreeSet::new));
        weasyMax = Stats.intArg(args, "--weasyprint-max", 1000);
        heapCap = ScaleBench.stringArg(args, "--heap-cap", "2g");
        charts = Path.of(ScaleBench.stringArg(args, "--charts", work.toString())).toAbsolutePath();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        // The child stands in for ./hub publishing some channels only: the same collector, pages and
        // compilers as the launcher's (the compilers chosen by the hub's size, in child(content)).
        List<String> jvm = new ArrayList<>(List.of(java, "-XX:+UseSerialGC"));
        if (hugePagesOnRequest()) {
            jvm.add("-XX:+UseTransparentHugePages");
        }
        childJvm = List.copyOf(jvm);
        childMain = List.of("-cp", jar.toString(), Bench.class.getName(), "scale-child", "once");
        quickCompilerUpTo = quickCompilerUpTo(Files.readString(hub));
        youngFrom = youngGenerationFrom(Files.readString(hub));
    }

    /**
     * The child's command for a hub ({@code … scale-child once}): the launcher's collector and
     * pages, and the quick compiler (with the launcher's code cache for it) only where the launcher would choose it ({@code JIT_PAGES_C1} Markdown files or fewer). Without it the guide's
     * child spent 41 % of its CPU in the optimising compiler at 1,000 pages, which ./hub never does there.
     * A child publishes a hub afresh, so it takes the young generation the launcher gives a first
     * publish from {@code YOUNG_PAGES} Markdown files on.
     */
    private List<String> child(Path content) throws IOException {
        List<String> command = new ArrayList<>(childJvm);
        long pages;
        try (Stream<Path> files = Files.walk(content)) {
            pages = files.filter(f -> f.toString().endsWith(".md") && Files.isRegularFile(f)).limit(quickCompilerUpTo + 1L).count();
        }
        if (pages <= quickCompilerUpTo) {
            command.add("-XX:TieredStopAtLevel=1");
            command.add(QUICK_CODE_CACHE);
        }
        if (pages >= youngFrom) {
            command.add(YOUNG);
        }
        command.addAll(childMain);
        return command;
    }

    /** The code cache the launcher gives the quick compiler alone (the size both compilers get: no collection to unload code). */
    static final String QUICK_CODE_CACHE = "-XX:ReservedCodeCacheSize=240m";

    /** The young generation the launcher gives a large hub's first publish. */
    static final String YOUNG = "-Xmn256m";

    /** The launcher's page count from which a first publish gets {@link #YOUNG}, read from the script itself. */
    static int youngGenerationFrom(String launcher) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?m)^YOUNG_PAGES=(\\d+)$").matcher(launcher);
        if (!m.find() || !launcher.contains("young=(" + YOUNG + ")")) {
            throw new IllegalStateException("./hub no longer sets YOUNG_PAGES and " + YOUNG + ": say here how it sizes a first publish's heap");
        }
        return Integer.parseInt(m.group(1));
    }

    /** The launcher's page count up to which it publishes with the quick compiler only, read from the script itself. */
    static int quickCompilerUpTo(String launcher) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?m)^JIT_PAGES_C1=(\\d+)$").matcher(launcher);
        if (!m.find()) {
            throw new IllegalStateException("./hub no longer sets JIT_PAGES_C1: say here how it picks its compilers");
        }
        return Integer.parseInt(m.group(1));
    }

    /** Whether the kernel gives the heap huge pages when asked ("[madvise]"): ./hub then asks for them. */
    private static boolean hugePagesOnRequest() {
        try {
            return Files.readString(Path.of("/sys/kernel/mm/transparent_hugepage/enabled")).contains("[madvise]");
        } catch (IOException e) {
            return false;
        }
    }

    static void run(String[] args) throws Exception {
        PeerBench bench = new PeerBench(args);
        List<Integer> sizes = Arrays.stream(ScaleBench.stringArg(args, "--pages", "1000,10000").split(",")).map(String::trim)
                .filter(s -> !s.isEmpty()).map(Integer::parseInt).sorted().toList();
        String real = ScaleBench.stringArg(args, "--real", bench.root.resolve("content").toString());
        bench.measure(sizes, real.equals("none") ? null : Path.of(real).toAbsolutePath());
    }

    private void measure(List<Integer> sizes, Path realContent) throws Exception {
        Files.createDirectories(work);
        System.out.println("## Machine\n");
        System.out.println(ScaleBench.machine() + "; load average " + load());
        System.out.println("jobs " + jobs + ", " + runs + " measured runs of each side after one untimed warm-up, interleaved A B A B\n");
        prepareHub(realContent);
        // The launcher picks the newest runtime installed, which need not be the one running this bench.
        System.out.println("./hub runs " + hubRuntime() + "\n");

        Map<String, Path> hubs = new LinkedHashMap<>();
        if (realContent != null) {
            Path content = work.resolve("real/content");
            ScaleBench.deleteTree(work.resolve("real"));
            ScaleBench.copyTree(realContent, content);
            hubs.put("real (" + pages(content) + " pages)", content);
        }
        for (int n : sizes) {
            Path content = work.resolve(n + "/content");
            ScaleBench.deleteTree(work.resolve(String.valueOf(n)));
            ContentTree tree = SyntheticHub.generate(n);
            ScaleBench.writeTree(tree, content);
            hubs.put(String.format(Locale.ROOT, "%,d pages", n), content);
        }
        for (Map.Entry<String, Path> h : hubs.entrySet()) {
            Path content = h.getValue();
            Path dir = content.getParent();
            Measured m = new Measured();
            m.pages = pages(content);
            measured.put(h.getKey(), m);
            System.out.printf(Locale.ROOT, "# %s (%.1f MB of Markdown)%n", h.getKey(), ScaleBench.readTree(content).totalBytes() / 1e6);
            HugoSite.write(ScaleBench.readTree(content), dir.resolve("hugo"));
            if (jobs.contains(1)) {
                m.full = fullPublish(h.getKey(), content, dir);
            }
            if (jobs.contains(2)) {
                m.edit = edit(h.getKey(), content, dir);
            }
            if (jobs.contains(3)) {
                m.htmlFeeds = htmlFeeds(h.getKey(), content, dir);
            }
            if (jobs.contains(4)) {
                guide(h.getKey(), content, dir, m, h.getKey().startsWith("real") || pages(content) <= weasyMax);
            }
        }
        if (jobs.contains(5)) {
            String largest = sizes.isEmpty() ? hubs.keySet().iterator().next() : String.format(Locale.ROOT, "%,d pages", sizes.get(sizes.size() - 1));
            heapCheck(largest, hubs.get(largest));
        }
        report(sizes);
    }

    // ---------------------------------------------------------------------------------------------
    // The jobs
    // ---------------------------------------------------------------------------------------------

    /** Job 1: ./hub publish of every channel into an empty folder, against Hugo (HTML + RSS) into an empty one. */
    private Interleaved.Runs fullPublish(String label, Path content, Path dir) throws Exception {
        Path out = dir.resolve("out-full");
        Path hugo = dir.resolve("hugo");
        return job("1. full publish, all channels", label, "Hugo (HTML + RSS)",
                round -> {
                    ScaleBench.deleteTree(out);
                    return ours(publish(content, out), Map.of(), "full");
                },
                round -> freshHugo(hugo));
    }

    /** Job 2: one page edited, then ./hub publish again (state kept) against Hugo building again (public/ kept). */
    private Interleaved.Runs edit(String label, Path original, Path dir) throws Exception {
        Path content = dir.resolve("edit/content");
        Path out = dir.resolve("edit/out");
        Path hugo = dir.resolve("edit/hugo");
        ScaleBench.deleteTree(dir.resolve("edit"));
        ScaleBench.copyTree(original, content);
        HugoSite.write(ScaleBench.readTree(content), hugo);
        String page = PageEdit.firstPage(content);
        // Revision 1 and Hugo's first build, untimed: what the edits are published on top of.
        ours(publish(content, out), Map.of(), "edit-r1");
        hugo(hugo);
        System.out.println("  editing " + page);
        return job("2. one-page edit, fresh process", label, "Hugo (rebuild)",
                round -> {
                    PageEdit.apply(content.resolve(page), round);
                    return ours(publish(content, out), Map.of(), "edit");
                },
                round -> {
                    PageEdit.apply(hugo.resolve("content").resolve(page), round);
                    return hugo(hugo);
                });
    }

    /** Job 3: site + feeds only. ./hub has no channel option, so the bench child publishes just those two. */
    private Interleaved.Runs htmlFeeds(String label, Path content, Path dir) throws Exception {
        Path out = dir.resolve("out-html");
        Path hugo = dir.resolve("hugo");
        return job("3. HTML + feeds (bench child)", label, "Hugo (HTML + RSS)",
                round -> {
                    ScaleBench.deleteTree(out);
                    return ours(ScaleBench.concat(child(content), "--content", content.toString(), "--out", out.toString(), "--channels", "site,feeds"),
                            Map.of(), "html-feeds");
                },
                round -> freshHugo(hugo));
    }

    /**
     * Job 4: the guide alone (bench child, guide channel only) against WeasyPrint laying out the
     * guide's XHTML as one document ({@code GuideDocument.build}, written by a child beforehand).
     */
    private void guide(String label, Path content, Path dir, Measured m, boolean withPeer) throws Exception {
        Path out = dir.resolve("out-guide");
        Path html = dir.resolve("guide.html");
        Path pdf = dir.resolve("weasyprint.pdf");
        if (withPeer) {
            List<String> child = child(content);
            Timed x = Timed.run(ScaleBench.concat(child.subList(0, child.size() - 1), "xhtml", "--content", content.toString(), "--out", html.toString()),
                    work, Map.of(), work.resolve("xhtml.log"));
            if (x.exit() != 0) {
                throw new IllegalStateException("the guide's XHTML was not written: " + Files.readString(work.resolve("xhtml.log")));
            }
        }
        m.guide = job("4. guide (bench child)", label, withPeer ? "WeasyPrint" : null,
                round -> {
                    ScaleBench.deleteTree(out);
                    return ours(ScaleBench.concat(child(content), "--content", content.toString(), "--out", out.toString(), "--channels", "guide"), Map.of(), "guide");
                },
                withPeer ? round -> {
                    Files.deleteIfExists(pdf);
                    return Timed.run(List.of("weasyprint", html.toString(), pdf.toString()), work, Map.of(), work.resolve("weasyprint.log"));
                } : null);
        Optional<Path> ourPdf = GuidePdf.in(out);
        m.ourPdfPages = ourPdf.isPresent() ? GuidePdf.pages(ourPdf.get()) : 0;
        m.peerPdfPages = withPeer && Files.isRegularFile(pdf) ? GuidePdf.pages(pdf) : 0;
    }

    /** Job 5: ./hub publish of every channel with the JVM's heap capped (HUB_JAVA_OPTS), once. */
    private void heapCheck(String label, Path content) throws Exception {
        Path out = content.getParent().resolve("out-heap");
        ScaleBench.deleteTree(out);
        String before = load();
        Timed t = ours(publish(content, out),
                Map.of("HUB_JAVA_OPTS", "-Xmx" + heapCap), "heap");
        Optional<Path> pdf = GuidePdf.in(out);
        boolean pass = t.exit() == 0 && pdf.isPresent();
        heapLine = String.format(Locale.ROOT, "| %s | `HUB_JAVA_OPTS=-Xmx%s ./hub publish` | %s | %s s | %s MB | %s | %s → %s |",
                label, heapCap, pass ? "**pass**" : "**fail** (exit " + t.exit() + (pdf.isEmpty() ? ", no guide PDF" : "") + ")",
                Report.number(t.seconds()), Report.number(t.rssMb()), pdf.isEmpty() ? "–" : GuidePdf.pages(pdf.get()) + " PDF pages", before, load());
        heapPass = pass;
        System.out.println("5. heap cap " + heapCap + ": " + heapLine);
    }

    private boolean heapPass;

    // ---------------------------------------------------------------------------------------------
    // Running
    // ---------------------------------------------------------------------------------------------

    private Interleaved.Runs job(String job, String label, String peerName, Interleaved.Trial ours, Interleaved.Trial peer) throws Exception {
        String before = load();
        Interleaved.Runs r = Interleaved.run(runs, ours, peer);
        Report.Row row = new Report.Row(job, label, Summary.of(r.ours()), peerName, r.peer().isEmpty() ? null : Summary.of(r.peer()),
                before + " → " + load());
        rows.add(row);
        System.out.println(Report.sideBySide(List.of(row)).lines().skip(2).findFirst().orElse(""));
        return r;
    }

    /** One of our processes; a failed run is kept (its log copied beside the work folder) and counted, not fatal. */
    private Timed ours(List<String> command, Map<String, String> env, String name) throws Exception {
        Path log = work.resolve(name + ".log");
        Timed t = Timed.run(command, root, env, log);
        if (t.exit() != 0) {
            Files.copy(log, work.resolve(name + "-failed.log"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            List<String> lines = Files.readAllLines(log);
            System.out.println("  ours failed (exit " + t.exit() + "), last lines of " + work.resolve(name + "-failed.log") + ":");
            lines.subList(Math.max(0, lines.size() - 4), lines.size()).forEach(l -> System.out.println("    " + l));
        }
        return t;
    }

    private List<String> publish(Path content, Path out) {
        return List.of(hub.toString(), "publish", "--content", content.toString(), "--out", out.toString());
    }

    /** Hugo into an empty public/, as our full publishes go into an empty folder. */
    private Timed freshHugo(Path site) throws Exception {
        ScaleBench.deleteTree(site.resolve("public"));
        ScaleBench.deleteTree(site.resolve("resources"));
        return hugo(site);
    }

    private Timed hugo(Path site) throws Exception {
        Timed t = Timed.run(List.of("hugo", "--quiet", "-s", site.toString(), "-d", site.resolve("public").toString()), work, Map.of(),
                work.resolve("hugo.log"));
        if (t.exit() != 0) {
            throw new IllegalStateException("hugo failed: " + Files.readString(work.resolve("hugo.log")));
        }
        return t;
    }

    /** Builds ./hub and its class-data archive if needed (untimed), as a user's first run would. */
    private void prepareHub(Path content) throws Exception {
        Path out = work.resolve("prepare");
        ScaleBench.deleteTree(out);
        Timed t = Timed.run(publish(content == null ? root.resolve("content") : content, out), root, Map.of(), work.resolve("prepare.log"));
        if (t.exit() != 0) {
            throw new IllegalStateException("./hub publish failed: " + Files.readString(work.resolve("prepare.log")));
        }
        ScaleBench.deleteTree(out);
    }

    /** What ./hub --version says of the runtime it runs on ("on Java 25… (home)"). */
    private String hubRuntime() throws IOException, InterruptedException {
        Process p = new ProcessBuilder(hub.toString(), "--version").directory(root.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor();
        return out.lines().filter(l -> l.startsWith("on Java ")).findFirst().orElse("on a runtime it did not name: " + out.strip());
    }

    // ---------------------------------------------------------------------------------------------
    // Report
    // ---------------------------------------------------------------------------------------------

    private void report(List<Integer> sizes) {
        System.out.println("\n## Side by side (medians of " + runs + " interleaved runs)\n");
        System.out.println(Report.sideBySide(rows));
        List<Report.Verdict> verdicts = new ArrayList<>();
        if (jobs.contains(4)) {
            System.out.println("## Guide against WeasyPrint (PDF pages per second, whole process)\n");
            System.out.println("| hub | ours: PDF pages | ours: wall | ours: PDF pages/s | ours: guide channel alone | WeasyPrint: PDF pages | WeasyPrint: wall | WeasyPrint: PDF pages/s | ours / WeasyPrint |");
            System.out.println("|---|---|---|---|---|---|---|---|---|");
            Target tenfold = Target.atLeast("Guide ≥ 10× WeasyPrint's PDF pages/s", 10, "×");
            measured.forEach((label, m) -> {
                if (m.guide == null) {
                    return;
                }
                Summary ours = Summary.of(m.guide.ours());
                double ourRate = m.ourPdfPages / ours.median();
                double channelS = Summary.result(m.guide.ours(), "guide.ms") / 1000;
                String line = String.format(Locale.ROOT, "| %s | %d | %s | %s | %s s (%s pages/s) |", label, m.ourPdfPages, Report.seconds(ours),
                        Report.number(ourRate), Report.number(channelS), Report.number(m.ourPdfPages / channelS));
                if (m.guide.peer().isEmpty()) {
                    System.out.println(line + " – | – | – | – |");
                    return;
                }
                Summary peer = Summary.of(m.guide.peer());
                double peerRate = m.peerPdfPages / peer.median();
                double ratio = ourRate / peerRate;
                System.out.printf(Locale.ROOT, "%s %d | %s | %s | **%s×** |%n", line, m.peerPdfPages, Report.seconds(peer),
                        Report.number(peerRate), Report.number(ratio));
                verdicts.add(new Report.Verdict(tenfold.name() + ", " + label,
                        Report.number(ourRate) + " vs " + Report.number(peerRate) + " PDF pages/s", tenfold.verdict(ratio)));
            });
            System.out.println();
        }
        if (!heapLine.isEmpty()) {
            System.out.println("## Guide under a heap cap\n");
            System.out.println("| hub | command | result | wall | peak RSS | guide | load before → after |\n|---|---|---|---|---|---|---|");
            System.out.println(heapLine + "\n");
        }
        List<Report.Verdict> head = new ArrayList<>();
        measured.forEach((label, m) -> {
            if (label.startsWith("real") && m.edit != null) {
                Summary s = Summary.of(m.edit.ours());
                head.add(new Report.Verdict("Real hub, one-page edit ≤ 1.5 s wall", Report.seconds(s),
                        failed(s, Target.atMost("", 1.5, " s").verdict(s.median()))));
            }
        });
        if (!sizes.isEmpty()) {
            int small = sizes.get(0);
            int large = sizes.get(sizes.size() - 1);
            Measured s = measured.get(String.format(Locale.ROOT, "%,d pages", small));
            Measured l = measured.get(String.format(Locale.ROOT, "%,d pages", large));
            String at = small == 1000 ? "" : String.format(Locale.ROOT, " (measured at %,d pages)", small);
            if (s.full != null) {
                Summary f = Summary.of(s.full.ours());
                head.add(new Report.Verdict("1,000-page hub, full publish of all channels ≤ 10 s wall" + at, Report.seconds(f),
                        failed(f, Target.atMost("", 10, " s").verdict(f.median()))));
                head.add(new Report.Verdict("… and ≤ 1 GB peak RSS" + at, Report.number(f.rssMaxMb()) + " MB (max of runs)",
                        Target.atMost("", 1024, " MB").verdict(f.rssMaxMb())));
            }
            if (s.edit != null) {
                Summary e = Summary.of(s.edit.ours());
                head.add(new Report.Verdict("1,000-page hub, one-page edit in a fresh process ≤ 2 s wall" + at, Report.seconds(e),
                        failed(e, Target.atMost("", 2, " s").verdict(e.median()))));
            }
            String atLarge = large == 10000 ? "" : String.format(Locale.ROOT, " (measured at %,d pages)", large);
            if (l.htmlFeeds != null) {
                Summary o = Summary.of(l.htmlFeeds.ours());
                Summary h = Summary.of(l.htmlFeeds.peer());
                head.add(new Report.Verdict("HTML + feeds at 10,000 pages no slower than Hugo, whole process" + atLarge,
                        Report.number(o.median()) + " s vs Hugo " + Report.number(h.median()) + " s",
                        failed(o, Target.atMost("", 1, "×").verdict(o.ratio(h)))));
            }
            head.addAll(verdicts);
            if (!heapLine.isEmpty()) {
                head.add(new Report.Verdict("A 10,000-page hub's guide renders within 2 GB heap" + atLarge, "see the heap-cap table",
                        heapPass ? "met" : "**missed** (the publish under -Xmx" + heapCap + " failed)"));
            }
            if (jobs.contains(6) && small != large) {
                List<Report.Growth> growth = growth(s, l);
                System.out.println("## Growth\n");
                System.out.println(Report.growth(growth, small, large));
                long within = growth.stream().filter(Report.Growth::ours).filter(g -> g.timeLarge() / g.timeSmall() <= 1.1 * large / small
                        && !(g.memLarge() / g.memSmall() > 1.1 * large / small)).count();
                long ours = growth.stream().filter(Report.Growth::ours).count();
                head.add(new Report.Verdict("Growth: 10× pages ≤ 11× time and memory, per channel" + (small == 1000 && large == 10000 ? ""
                        : String.format(Locale.ROOT, " (here ×%s pages ≤ ×%s)", Report.number((double) large / small), Report.number(1.1 * large / small))),
                        within + " of " + ours + " lines within", within == ours ? "met" : "**missed** on " + (ours - within) + " (growth table)"));
                writeCharts();
            }
        }
        System.out.println("## Targets\n");
        System.out.println(Report.targets(head));
        System.out.println("load average at the end: " + load());
    }

    /** Job 6's charts, every hub measured (the real one too) a point on each line. */
    private void writeCharts() {
        try {
            Files.createDirectories(charts);
            SvgChart[] drawn = growthCharts(measured.values());
            Files.writeString(charts.resolve("peers-growth-time.svg"), drawn[0].svg());
            Files.writeString(charts.resolve("peers-growth-memory.svg"), drawn[1].svg());
            System.out.println("charts: " + charts.resolve("peers-growth-time.svg") + ", " + charts.resolve("peers-growth-memory.svg") + "\n");
        } catch (IOException e) {
            System.out.println("charts not written: " + e.getMessage() + "\n");
        }
    }

    /**
     * Two log-log charts against pages, whole processes only: the median wall time and peak RSS of
     * each job of ours and of each peer. A line whose every run failed has no point there: a failed
     * run's time is not the job's.
     */
    static SvgChart[] growthCharts(Collection<Measured> hubs) {
        SvgChart time = new SvgChart("Whole-process time against hub size", "seconds, median");
        SvgChart memory = new SvgChart("Peak RSS against hub size", "MB");
        for (Measured m : hubs) {
            plot(time, memory, "./hub publish, all channels", m.pages, m.full, true);
            plot(time, memory, "./hub publish, one-page edit", m.pages, m.edit, true);
            plot(time, memory, "HTML + feeds (bench child)", m.pages, m.htmlFeeds, true);
            plot(time, memory, "guide (bench child)", m.pages, m.guide, true);
            plot(time, memory, "Hugo, full build", m.pages, m.full, false);
            plot(time, memory, "Hugo, rebuild after the edit", m.pages, m.edit, false);
            plot(time, memory, "WeasyPrint", m.pages, m.guide, false);
        }
        return new SvgChart[] {time, memory};
    }

    private static void plot(SvgChart time, SvgChart memory, String line, int pages, Interleaved.Runs runs, boolean ours) {
        List<Timed> side = runs == null ? List.of() : ours ? runs.ours() : runs.peer();
        List<Timed> passed = side.stream().filter(t -> t.exit() == 0).toList();
        if (passed.isEmpty()) {
            return;
        }
        Summary s = Summary.of(passed);
        time.point(line, pages, s.median());
        memory.point(line, pages, s.rssMb());
    }

    private static String failed(Summary s, String verdict) {
        return s.failures() == 0 ? verdict : "**missed**: " + s.failures() + " of " + s.runs() + " runs failed";
    }

    private static List<Report.Growth> growth(Measured s, Measured l) {
        List<Report.Growth> g = new ArrayList<>();
        whole(g, "all channels, ./hub publish", s.full, l.full);
        whole(g, "one-page edit, ./hub publish", s.edit, l.edit);
        whole(g, "HTML + feeds, whole process", s.htmlFeeds, l.htmlFeeds);
        for (String phase : List.of("ingest", "site", "feeds")) {
            channel(g, phase + " (in the HTML + feeds process; peak heap)", phase, s.htmlFeeds, l.htmlFeeds);
        }
        whole(g, "guide, whole process", s.guide, l.guide);
        channel(g, "guide channel (peak heap)", "guide", s.guide, l.guide);
        if (s.full != null && l.full != null) {
            g.add(peer("Hugo", s.full, l.full));
        }
        if (s.guide != null && l.guide != null && !s.guide.peer().isEmpty() && !l.guide.peer().isEmpty()) {
            g.add(peer("WeasyPrint", s.guide, l.guide));
        }
        return g;
    }

    private static void whole(List<Report.Growth> g, String what, Interleaved.Runs s, Interleaved.Runs l) {
        if (s == null || l == null) {
            return;
        }
        Summary a = Summary.of(s.ours());
        Summary b = Summary.of(l.ours());
        g.add(new Report.Growth(what + " (RSS)", a.median(), b.median(), a.rssMb(), b.rssMb(), true));
    }

    private static void channel(List<Report.Growth> g, String what, String phase, Interleaved.Runs s, Interleaved.Runs l) {
        if (s == null || l == null) {
            return;
        }
        g.add(new Report.Growth(what, Summary.result(s.ours(), phase + ".ms") / 1000, Summary.result(l.ours(), phase + ".ms") / 1000,
                Summary.result(s.ours(), phase + ".peakHeapMB"), Summary.result(l.ours(), phase + ".peakHeapMB"), true));
    }

    private static Report.Growth peer(String name, Interleaved.Runs s, Interleaved.Runs l) {
        Summary a = Summary.of(s.peer());
        Summary b = Summary.of(l.peer());
        return new Report.Growth(name + " (RSS)", a.median(), b.median(), a.rssMb(), b.rssMb(), false);
    }

    // ---------------------------------------------------------------------------------------------
    // Helpers
    // ---------------------------------------------------------------------------------------------

    private static String load() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (IOException e) {
            return "?";
        }
    }

    private static int pages(Path content) throws IOException {
        try (Stream<Path> walk = Files.walk(content)) {
            return (int) walk.filter(p -> p.toString().endsWith(".md")).count();
        }
    }

}
