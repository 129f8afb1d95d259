package dev.hubpress.it;

import dev.hubpress.core.content.Hashing;
import dev.hubpress.core.testing.ContentFixtures;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.withinPercentage;

/**
 * Runs the real launcher, {@code ./hub}, on a copy of the repository's content: the jar this build
 * just packaged, in a fresh JVM, with real files. (HUB_SKIP_BUILD=1: the test checks this build's
 * jar; it must not rebuild it behind Maven's back.)
 */
class HubCommandIT {

    private static Path repo;

    @TempDir
    Path tmp;

    /** What one run printed. */
    record Run(int exit, String out, String err) {
    }

    @BeforeAll
    static void findRepository() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !(Files.isRegularFile(dir.resolve("hub")) && Files.isRegularFile(dir.resolve("content/hub.yaml")))) {
            dir = dir.getParent();
        }
        assertThat(dir).as("repository root (with ./hub and content/) above " + Path.of("").toAbsolutePath()).isNotNull();
        repo = dir;
    }

    private Path copyContent() {
        return ContentFixtures.copyRepositoryContent(tmp.resolve("content"));
    }

    /** ./hub with the given arguments, run in the given folder. */
    private Run hub(Path cwd, String... args) throws Exception {
        return hub(cwd, Map.of(), args);
    }

    /** ./hub with these extra environment variables. */
    private Run hub(Path cwd, Map<String, String> env, String... args) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(repo.resolve("hub").toString());
        command.addAll(List.of(args));
        Path stdout = Files.createTempFile(tmp, "stdout", ".txt");
        Path stderr = Files.createTempFile(tmp, "stderr", ".txt");
        ProcessBuilder builder = new ProcessBuilder(command).directory(cwd.toFile())
                .redirectOutput(stdout.toFile()).redirectError(stderr.toFile());
        builder.environment().put("HUB_SKIP_BUILD", "1");
        builder.environment().put("JAVA", ProcessHandle.current().info().command().orElse("java"));
        builder.environment().put("SOURCE_DATE_EPOCH", "1740823200");
        builder.environment().putAll(env);
        Process process = builder.start();
        assertThat(process.waitFor(180, TimeUnit.SECONDS)).as("./hub finished in time").isTrue();
        return new Run(process.exitValue(), Files.readString(stdout), Files.readString(stderr));
    }

    /** ./hub publish from the repository root, with absolute paths into the temp folder. */
    private Run publish() throws Exception {
        return hub(repo, "publish", "--content", tmp.resolve("content").toString(), "--out", tmp.resolve("out").toString());
    }

    private long revisionLines() throws IOException {
        try (Stream<String> lines = Files.lines(tmp.resolve("out/state/revisions.jsonl"))) {
            return lines.filter(l -> l.startsWith("{\"type\":\"revision\"")).count();
        }
    }

    private Map<String, String> siteHashes() throws IOException {
        return treeHashes(tmp.resolve("out/site"));
    }

    private static Map<String, String> treeHashes(Path site) throws IOException {
        Map<String, String> hashes = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(site)) {
            for (Path p : walk.filter(Files::isRegularFile).toList()) {
                hashes.put(site.relativize(p).toString(), Hashing.sha256Hex(Files.readAllBytes(p)));
            }
        }
        return hashes;
    }

    @Test
    void publishesTheRepositoryContentAsASite() throws Exception {
        // GIVEN a copy of the repository's content
        copyContent();

        // WHEN it is published
        Run run = publish();

        // THEN the site is there and the summary says where
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(tmp.resolve("out/site/index.html")).isRegularFile();
        assertThat(run.out()).contains("r1").contains("file:").contains("index.html").contains("./hub preview");
        assertThat(run.err()).contains("Reading ").contains("Gate: ").contains("pages OK");
        // progress only: libraries' own logging (the PDF layout engine's INFO lines) stays out
        assertThat(run.err().lines()).hasSizeLessThan(15);
        assertThat(revisionLines()).isEqualTo(1);
    }

    @Test
    void twoPublishesOfOneRevisionGiveByteIdenticalSites() throws Exception {
        // GIVEN the same content published into two separate output folders (same SOURCE_DATE_EPOCH)
        copyContent();
        Run first = hub(repo, "publish", "--content", tmp.resolve("content").toString(), "--out", tmp.resolve("a").toString());
        Run second = hub(repo, "publish", "--content", tmp.resolve("content").toString(), "--out", tmp.resolve("b").toString());

        // WHEN the two published trees are compared
        Map<String, String> a = treeHashes(tmp.resolve("a/site"));
        Map<String, String> b = treeHashes(tmp.resolve("b/site"));

        // THEN every file is byte-identical
        assertThat(first.exit()).as(first.err()).isZero();
        assertThat(second.exit()).as(second.err()).isZero();
        assertThat(a).hasSizeGreaterThan(25).isEqualTo(b);
    }

    @Test
    void publishingUnchangedContentAgainCreatesNothing() throws Exception {
        // GIVEN published content
        copyContent();
        assertThat(publish().exit()).isZero();
        Map<String, String> before = siteHashes();

        // WHEN it is published again without changes
        Run again = publish();

        // THEN nothing is recorded or rewritten
        assertThat(again.exit()).as(again.err()).isZero();
        assertThat(again.out()).contains("No changes since r1");
        assertThat(revisionLines()).isEqualTo(1);
        assertThat(siteHashes()).isEqualTo(before);
    }

    @Test
    void editingOneSectionPublishesANewRevisionWhoseChangelogNamesIt() throws Exception {
        // GIVEN published content, and a page with a plain title and a plainly named section
        Path content = copyContent();
        assertThat(publish().exit()).isZero();
        Edit edit = findEditableSection(content);

        // WHEN a sentence is added to that section
        List<String> lines = new ArrayList<>(Files.readAllLines(edit.file()));
        lines.add(edit.headingIndex() + 1, "");
        lines.add(edit.headingIndex() + 2, "A sentence added by the integration test.");
        Files.write(edit.file(), lines);
        Run run = publish();

        // THEN r2 is published and the site's changelog names the page and the section
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).contains("r2").contains("1 page changed");
        assertThat(revisionLines()).isEqualTo(2);
        String changelog = Files.readString(tmp.resolve("out/site/changelog.html"));
        assertThat(changelog).contains(edit.pageTitle()).contains(edit.section());
    }

    record Edit(Path file, String pageTitle, int headingIndex, String section) {
    }

    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9 ,-]+");

    /** A page whose title and one "## " heading are plain text (nothing HTML would escape). */
    private static Edit findEditableSection(Path content) throws IOException {
        try (Stream<Path> walk = Files.walk(content)) {
            for (Path file : walk.filter(p -> p.toString().endsWith(".md")).sorted().toList()) {
                List<String> lines = Files.readAllLines(file);
                String title = null;
                for (String line : lines) {
                    Matcher m = Pattern.compile("^title:\\s*\"?(.*?)\"?\\s*$").matcher(line);
                    if (m.matches()) {
                        title = m.group(1);
                        break;
                    }
                }
                if (title == null || !PLAIN.matcher(title).matches()) {
                    continue;
                }
                for (int i = 0; i < lines.size(); i++) {
                    String heading = lines.get(i);
                    if (heading.startsWith("## ") && PLAIN.matcher(heading.substring(3).strip()).matches()) {
                        return new Edit(file, title, i, heading.substring(3).strip());
                    }
                }
            }
        }
        throw new IllegalStateException("no page with a plain title and a plain ## heading in " + content);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"broken link", "bad front matter", "invalid UTF-8"})
    void rejectedContentReportsWhereAndLeavesTheSiteAsItWas(String breakage) throws Exception {
        // GIVEN published content (run from the temp folder, with relative paths, as an editor would)
        Path content = copyContent();
        Run first = hub(tmp, "publish");
        assertThat(first.exit()).as(first.err()).isZero();
        Map<String, String> before = siteHashes();
        assertThat(before).isNotEmpty();

        // WHEN one page is broken
        Path page = content.resolve("careers/mid-to-senior.md");
        switch (breakage) {
            case "broken link" -> Files.writeString(page, "\nSee [this](no-such-page.md).\n", StandardOpenOption.APPEND);
            case "bad front matter" -> {
                List<String> lines = new ArrayList<>(Files.readAllLines(page));
                lines.removeIf(l -> l.startsWith("title:"));
                Files.write(page, lines);
            }
            default -> Files.write(page, new byte[]{'\n', 'b', 'a', 'd', ' ', (byte) 0xC3, '(', '\n'}, StandardOpenOption.APPEND);
        }
        Run run = hub(tmp, "publish");

        // THEN it fails, says file and line, records the rejection, and the site is byte-for-byte as before
        assertThat(run.exit()).as(run.out() + run.err()).isNotZero();
        assertThat(run.err()).containsPattern("(?m)^content/careers/mid-to-senior\\.md:\\d+: .+")
                .contains("r2 rejected").contains("the published site is unchanged");
        assertThat(revisionLines()).isEqualTo(2);
        assertThat(siteHashes()).isEqualTo(before);

        // AND publishing the same broken content again repeats the errors and still fails
        Run again = hub(tmp, "publish");
        assertThat(again.exit()).isNotZero();
        assertThat(again.out()).contains("No changes since r2");
        assertThat(again.err()).containsPattern("(?m)^content/careers/mid-to-senior\\.md:\\d+: .+");
        assertThat(siteHashes()).isEqualTo(before);
    }

    @ParameterizedTest(name = "./hub {0}")
    @ValueSource(strings = {"--help", "publish --help", "subscribers add --help"})
    void helpPrintsTheUsageAndNothingElseAndExitsZero(String args) throws Exception {
        // GIVEN / WHEN --help, through the launcher in a fresh JVM
        Run run = hub(tmp, args.split(" "));

        // THEN that command's usage on standard output, nothing on standard error, exit 0
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).startsWith("Usage: ./hub " + args.replace("--help", "").strip()).contains("-h, --help");
        assertThat(run.err()).isEmpty();
    }

    @Test
    void anUnknownCommandIsAUsageError() throws Exception {
        // GIVEN / WHEN an unknown command
        Run run = hub(tmp, "pubilsh");

        // THEN exit 2 with the usage text
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("unknown command 'pubilsh'").contains("Usage: ./hub");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void hubJavaOptsReachTheJvm() throws Exception {
        // GIVEN a heap cap (and the JVM's flag printout, to see it) in HUB_JAVA_OPTS
        Map<String, String> env = Map.of("HUB_JAVA_OPTS", "-Xmx160m -XX:+PrintCommandLineFlags");

        // WHEN the launcher starts
        Run run = hub(tmp, env, "--help");

        // THEN the JVM ran with that heap cap, and the command ran as usual
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).contains("-XX:MaxHeapSize=167772160").contains("Usage: ./hub");
    }

    @Test
    void theJvmCollectsGarbageSeriallyUnlessHubJavaOptsNamesACollector() throws Exception {
        // GIVEN the launcher as a user runs it (only the flag printout added), and with G1 named
        Run plain = hub(tmp, Map.of("HUB_JAVA_OPTS", "-XX:+PrintCommandLineFlags"), "--help");
        Run named = hub(tmp, Map.of("HUB_JAVA_OPTS", "-XX:+UseG1GC -XX:+PrintCommandLineFlags"), "--help");

        // THEN the JVM ran with the serial collector by default, and with the one named when there is one
        assertThat(plain.exit()).as(plain.err()).isZero();
        assertThat(plain.out()).contains("-XX:+UseSerialGC").contains("Usage: ./hub");
        assertThat(named.exit()).as(named.err()).isZero();
        assertThat(named.out()).contains("-XX:+UseG1GC").doesNotContain("-XX:+UseSerialGC");
    }

    @Test
    void theHeapIsInHugePagesWhereTheKernelGivesThemOnRequestUnlessHubJavaOptsSaysOtherwise() throws Exception {
        // GIVEN this machine's kernel setting for transparent huge pages, the launcher as a user
        // runs it (only the flag printout added), and with huge pages turned off in HUB_JAVA_OPTS
        Path setting = Path.of("/sys/kernel/mm/transparent_hugepage/enabled");
        boolean onRequest = Files.isReadable(setting) && Files.readString(setting).contains("[madvise]");
        Run plain = hub(tmp, Map.of("HUB_JAVA_OPTS", "-XX:+PrintCommandLineFlags"), "--help");
        Run named = hub(tmp, Map.of("HUB_JAVA_OPTS", "-XX:-UseTransparentHugePages -XX:+PrintCommandLineFlags"), "--help");

        // THEN the heap asks for huge pages exactly where the kernel gives them on request (with
        // "[always]" it needs not ask, with "[never]" the JVM would warn), and never against the option
        assertThat(plain.exit()).as(plain.err()).isZero();
        assertThat(plain.out().contains("-XX:+UseTransparentHugePages")).as(plain.out()).isEqualTo(onRequest);
        assertThat(plain.err()).doesNotContain("TransparentHugePages");
        assertThat(named.exit()).as(named.err()).isZero();
        assertThat(named.out()).contains("-XX:-UseTransparentHugePages").doesNotContain("-XX:+UseTransparentHugePages");
    }

    @Test
    void aSmallHubOrAnEditIsPublishedWithTheQuickCompilerOnlyAndALargeHubsFirstPublishWithBoth() throws Exception {
        // GIVEN the repository's hub (24 pages), a folder of 2,001 pages (what they say does not
        // matter: the compiler is chosen before the content is read), and the flag printout added
        Path large = Files.createDirectories(tmp.resolve("large"));
        for (int i = 0; i <= 2000; i++) {
            Files.writeString(large.resolve("page-" + i + ".md"), "# Page " + i + "\n");
        }
        Map<String, String> flags = Map.of("HUB_JAVA_OPTS", "-XX:+PrintCommandLineFlags");
        String content = repo.resolve("content").toString();

        // WHEN each is published, and the small one again with a tiered option named, and with a code cache size named
        Run small = hub(tmp, flags, "publish", "--content", content, "--out", tmp.resolve("out-small").toString());
        Run big = hub(tmp, flags, "publish", "--content=" + large, "--out", tmp.resolve("out-large").toString());
        Run named = hub(tmp, Map.of("HUB_JAVA_OPTS", "-XX:-TieredCompilation -XX:+PrintCommandLineFlags"),
                "publish", "--content", content, "--out", tmp.resolve("out-named").toString());
        Run sized = hub(tmp, Map.of("HUB_JAVA_OPTS", "-XX:ReservedCodeCacheSize=64m -XX:+PrintVMOptions"),
                "publish", "--content", content, "--out", tmp.resolve("out-sized").toString());

        // THEN the small hub ran on the quick compiler alone, the large one (rejected, as its pages
        // have no front matter) and the one with its own option without that
        assertThat(small.exit()).as(small.err()).isZero();
        // (with the code cache both compilers get, so no collection stops it to unload code; the JVM
        // prints that size for both compilers too, so only the quick compiler's runs are asked for it)
        String codeCache = "-XX:ReservedCodeCacheSize=251658240";
        assertThat(small.out()).contains("-XX:TieredStopAtLevel=1").contains(codeCache).contains("Published r1");
        assertThat(big.out()).contains("-XX:+UseSerialGC").doesNotContain("TieredStopAtLevel");
        assertThat(named.exit()).as(named.err()).isZero();
        assertThat(named.out()).contains("-XX:-TieredCompilation").doesNotContain("TieredStopAtLevel");
        // and a size named is the only one the JVM is given (each option it is given, in order: a later one would win anyway)
        assertThat(sized.exit()).as(sized.err()).isZero();
        assertThat(sized.out()).contains("VM option 'TieredStopAtLevel=1'").contains("VM option 'ReservedCodeCacheSize=64m'")
                .doesNotContain("ReservedCodeCacheSize=240m");

        // AND WHEN the large folder is published where an earlier publish left its render cache
        Path cached = tmp.resolve("out-cached");
        assertThat(hub(tmp, Map.of(), "publish", "--content", content, "--out", cached.toString()).exit()).isZero();
        assertThat(cached.resolve("state/cache")).isNotEmptyDirectory();
        Run edit = hub(tmp, flags, "publish", "--content", large.toString(), "--out=" + cached);

        // THEN it runs on the quick compiler alone, as an edit does at any size
        assertThat(edit.out()).contains("-XX:TieredStopAtLevel=1").contains(codeCache);
    }

    @Test
    void aLargeHubsFirstPublishGetsALargerYoungGenerationAndAnEditASmallHubOrANamedHeapSizeDoNot() throws Exception {
        // GIVEN a folder of 600 pages (what they say does not matter: the heap is sized before the
        // content is read), the repository's hub (24 pages), and the flag printout added
        Path large = Files.createDirectories(tmp.resolve("large-young"));
        for (int i = 0; i < 600; i++) {
            Files.writeString(large.resolve("page-" + i + ".md"), "# Page " + i + "\n");
        }
        Map<String, String> flags = Map.of("HUB_JAVA_OPTS", "-XX:+PrintCommandLineFlags");
        String young = "-XX:NewSize=268435456";

        // WHEN the large one is published afresh, with a heap cap named, and where a render cache was left;
        // and the small one afresh
        Run first = hub(tmp, flags, "publish", "--content", large.toString(), "--out", tmp.resolve("out-young").toString());
        Run capped = hub(tmp, Map.of("HUB_JAVA_OPTS", "-Xmx300m -XX:+PrintCommandLineFlags"),
                "publish", "--content", large.toString(), "--out", tmp.resolve("out-capped").toString());
        Path cached = tmp.resolve("out-young-cached");
        assertThat(hub(tmp, Map.of(), "publish", "--content", repo.resolve("content").toString(), "--out", cached.toString()).exit()).isZero();
        Run edit = hub(tmp, flags, "publish", "--content", large.toString(), "--out", cached.toString());
        Run small = hub(tmp, flags, "publish", "--content", repo.resolve("content").toString(), "--out", tmp.resolve("out-small-young").toString());

        // THEN only the large hub's first publish without a named size got the larger young generation
        assertThat(first.out()).contains(young);
        assertThat(capped.out()).contains("-XX:MaxHeapSize=314572800").doesNotContain(young);
        assertThat(edit.out()).contains("-XX:TieredStopAtLevel=1").doesNotContain(young);
        assertThat(small.exit()).as(small.err()).isZero();
        assertThat(small.out()).contains("Published r1").doesNotContain(young);
    }

    @Test
    void aLargeHubsEditStartsWithTheHeapItsPagesNeedAndPromotesSurvivorsAtOnceAndASmallHubDoesNot() throws Exception {
        // GIVEN the repository's hub published once: its render cache left in the folder, and its
        // pages counted there for the next start
        String content = repo.resolve("content").toString();
        Path out = tmp.resolve("out-heap");
        Run first = hub(tmp, Map.of(), "publish", "--content", content, "--out", out.toString());
        assertThat(first.exit()).as(first.err()).isZero();
        assertThat(Files.readString(out.resolve("state/page-count"))).isEqualTo("24\n");
        Map<String, String> flags = Map.of("HUB_JAVA_OPTS", "-XX:+PrintCommandLineFlags");

        // WHEN it is published again as it is; then as if the last publish had counted 10,000 pages
        // (the launcher reads only the count); and so with a heap cap, then a tenuring option, named
        Run small = hub(tmp, flags, "publish", "--content", content, "--out", out.toString());
        Files.writeString(out.resolve("state/page-count"), "10000\n");
        Run large = hub(tmp, flags, "publish", "--content", content, "--out", out.toString());
        Run capped = hub(tmp, Map.of("HUB_JAVA_OPTS", "-Xmx3g -XX:+PrintCommandLineFlags"),
                "publish", "--content", content, "--out", out.toString());
        Run tenured = hub(tmp, Map.of("HUB_JAVA_OPTS", "-XX:MaxTenuringThreshold=3 -XX:+PrintCommandLineFlags"),
                "publish", "--content", content, "--out", out.toString());
        Run collected = hub(tmp, Map.of("HUB_JAVA_OPTS", "-XX:+UseG1GC -XX:+PrintCommandLineFlags"),
                "publish", "--content", content, "--out", out.toString());

        // THEN only the large one starts with a heap of 200 KB a page (2 GB), or the most the JVM
        // takes on this machine, and promotes what survives a young collection at once; the small
        // one as the JVM would; what HUB_JAVA_OPTS names wins over the rule's own option, and
        // another collector named there (the rule was measured with the serial one) turns it off
        assertThat(small.exit()).as(small.err()).isZero();
        assertThat(small.out()).contains("No changes since r1").doesNotContain("InitialRAMPercentage")
                .doesNotContain("TenuringThreshold=0");
        assertThat(large.exit()).as(large.err()).isZero();
        assertThat(large.out()).contains("-XX:InitialRAMPercentage=").contains("-XX:MaxTenuringThreshold=0");
        long expected = Math.min(10_000L * 200 * 1024, flag(large.out(), "MaxHeapSize"));
        assertThat(flag(large.out(), "InitialHeapSize")).isCloseTo(expected, withinPercentage(2));
        assertThat(capped.exit()).as(capped.err()).isZero();
        assertThat(capped.out()).contains("-XX:MaxHeapSize=3221225472").doesNotContain("InitialRAMPercentage")
                .contains("-XX:MaxTenuringThreshold=0");
        assertThat(tenured.exit()).as(tenured.err()).isZero();
        assertThat(tenured.out()).contains("-XX:MaxTenuringThreshold=3").contains("-XX:InitialRAMPercentage=");
        assertThat(collected.exit()).as(collected.err()).isZero();
        assertThat(collected.out()).contains("-XX:+UseG1GC").doesNotContain("InitialRAMPercentage")
                .doesNotContain("TenuringThreshold=0");
    }

    /** A size the JVM printed among its flags (-XX:+PrintCommandLineFlags). */
    private static long flag(String printed, String name) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("-XX:" + name + "=(\\d+)").matcher(printed);
        assertThat(m.find()).as(name + " in " + printed).isTrue();
        return Long.parseLong(m.group(1));
    }

    /** What a stand-in runtime does when asked for an archive. */
    enum Archiving {
        /** writes one, and starts from it */
        WRITES,
        /** writes none (as a runtime that ignores the option would) */
        NONE,
        /** writes one it cannot start from (as Java 17 does from an archive cut short: SIGBUS) */
        BROKEN
    }

    /**
     * A stand-in Java runtime of that version: a release file and a bin/java that writes down its
     * arguments, one line per start, in calls.txt beside bin/, and archives as told.
     */
    private Path standIn(String version, Archiving archiving) throws IOException {
        return standIn(tmp.resolve("jdk-" + version + "-" + archiving), version, archiving);
    }

    /** {@link #standIn(String, Archiving)}, installed in this home folder. */
    private static Path standIn(Path runtimeHome, String version, Archiving archiving) throws IOException {
        Path home = Files.createDirectories(runtimeHome.resolve("bin"));
        Files.writeString(home.resolveSibling("release"), "IMPLEMENTOR=\"test\"\nJAVA_VERSION=\"" + version + "\"\n");
        Path log = home.resolveSibling("calls.txt");
        Path java = home.resolve("java");
        Files.writeString(java, "#!/usr/bin/env bash\n"
                + "echo \"$*\" >> '" + log + "'\n"
                + (archiving == Archiving.NONE ? ""
                : "for a in \"$@\"; do case \"$a\" in -XX:AOTCacheOutput=*|-XX:ArchiveClassesAtExit=*) echo archive > \"${a#*=}\";; esac; done\n")
                + (archiving == Archiving.BROKEN ? "for a in \"$@\"; do case \"$a\" in -Xshare:on|-XX:AOTMode=on) exit 134;; esac; done\n" : "")
                + "exit 0\n");
        assertThat(java.toFile().setExecutable(true)).isTrue();
        return java;
    }

    /** The starts a stand-in runtime has seen, one line of arguments each (none if it never started). */
    private static List<String> calls(Path java) throws IOException {
        Path log = java.getParent().resolveSibling("calls.txt");
        return Files.exists(log) ? Files.readAllLines(log) : List.of();
    }

    @Test
    void withNoRuntimeNamedTheNewestInstalledOneRuns() throws Exception {
        // GIVEN no JAVA or JAVA_HOME, and a folder of installed runtimes: a Java 21, a newer one
        // than any real runtime (a stand-in "99"), a Java 8 and an OpenJ9 newer still, both of
        // which ./hub cannot use; and a second folder with a runtime in macOS's bundle layout
        Path installed = tmp.resolve("jvm");
        Path java21 = standIn(installed.resolve("jdk-21"), "21.0.2", Archiving.WRITES);
        Path java99 = standIn(installed.resolve("jdk-99"), "99.0.1", Archiving.WRITES);
        Path java8 = standIn(installed.resolve("jdk-8"), "1.8.0_392", Archiving.WRITES);
        Path openj9 = standIn(installed.resolve("semeru-100"), "100.0.1", Archiving.WRITES);
        Files.writeString(openj9.getParent().resolveSibling("release"), "JVM_VARIANT=\"Openj9\"\n", StandardOpenOption.APPEND);
        Path bundles = tmp.resolve("JavaVirtualMachines");
        Path mac = standIn(bundles.resolve("zulu-98.jdk/Contents/Home"), "98.0.3", Archiving.WRITES);
        Map<String, String> unnamed = Map.of("JAVA", "", "JAVA_HOME", "", "HUB_CDS", "0");

        // WHEN ./hub runs with each folder to look in, and with both
        Run first = hub(tmp, with(unnamed, "HUB_JAVA_HOMES", installed.toString()), "publish", "--out", tmp.resolve("out").toString());
        Run second = hub(tmp, with(unnamed, "HUB_JAVA_HOMES", bundles.toString()), "--version");
        Run both = hub(tmp, with(unnamed, "HUB_JAVA_HOMES", bundles + " " + installed), "--version");

        // THEN the newest usable one ran each time, with what was asked; the others never started
        assertThat(List.of(first, second, both)).allSatisfy(run -> assertThat(run.exit()).as(run.err()).isZero());
        assertThat(calls(java99)).hasSize(2);
        assertThat(calls(java99).get(0)).contains(" -jar ").endsWith(" publish --out " + tmp.resolve("out"));
        assertThat(calls(java99).get(1)).endsWith(" --version");
        assertThat(calls(mac)).hasSize(1);
        assertThat(calls(mac).get(0)).endsWith(" --version");
        assertThat(calls(java21)).isEmpty();
        assertThat(calls(java8)).isEmpty();
        assertThat(calls(openj9)).isEmpty();
    }

    @Test
    void aRuntimeNamedOrOnThePathAsNewAsAnyInstalledRunsBeforeIt() throws Exception {
        // GIVEN an installed stand-in as new as the runtime running this build, and that runtime
        // as the PATH's java
        Path runner = Path.of(ProcessHandle.current().info().command().orElseThrow()).toRealPath();
        Path installed = tmp.resolve("jvm");
        Path same = standIn(installed.resolve("jdk-same"), Runtime.version().feature() + ".0.1", Archiving.WRITES);
        Path onPath = Files.createDirectories(tmp.resolve("path"));
        Files.createSymbolicLink(onPath.resolve("java"), runner);
        Map<String, String> env = Map.of("JAVA", "", "JAVA_HOME", "", "HUB_CDS", "0",
                "HUB_JAVA_HOMES", installed.toString(), "PATH", onPath + ":" + System.getenv("PATH"));

        // WHEN ./hub runs with no runtime named; then, a newer one installed, with JAVA_HOME naming the first
        Run tie = hub(tmp, env, "--version");
        Path newer = standIn(installed.resolve("jdk-newer"), (Runtime.version().feature() + 1) + ".0.1", Archiving.WRITES);
        Run named = hub(tmp, with(env, "JAVA_HOME", installed.resolve("jdk-same").toString()), "--version");

        // THEN the PATH's runs on a tie (the real one, which says what it is), and a named one runs
        // even when a newer one is installed
        assertThat(tie.exit()).as(tie.err()).isZero();
        assertThat(tie.out()).contains("on Java " + Runtime.version());
        assertThat(named.exit()).as(named.err()).isZero();
        assertThat(calls(same)).hasSize(1);
        assertThat(calls(same).get(0)).endsWith(" --version");
        assertThat(calls(newer)).isEmpty();
        Files.delete(onPath.resolve("java")); // the link, not the runtime: JUnit would warn deleting it
    }

    private static Map<String, String> with(Map<String, String> env, String name, String value) {
        Map<String, String> more = new java.util.HashMap<>(env);
        more.put(name, value);
        return more;
    }

    /** Where the launcher keeps a runtime's archive (or its record of making none), by the name it gives it. */
    private static Path record(Path java, String suffix) throws Exception {
        String key = java.toRealPath().toString().replaceAll("[^A-Za-z0-9._-]", "_");
        return repo.resolve("apps/cli/target/hub-" + key.substring(Math.max(0, key.length() - 200)) + suffix);
    }

    @Test
    void theLauncherKeepsAnAotCacheFromJava25AndAClassDataArchiveBefore() throws Exception {
        // GIVEN two stand-in runtimes, a Java 25 and a Java 17, so the choice shows on any machine
        Path java25 = standIn("25.0.1", Archiving.WRITES);
        Path java17 = standIn("17.0.9", Archiving.WRITES);

        // WHEN ./hub publishes with each
        for (Path java : List.of(java25, java17)) {
            Run run = hub(tmp, Map.of("JAVA", java.toString()), "publish", "--out", tmp.resolve("out").toString());
            assertThat(run.exit()).as(run.err()).isZero();
        }

        // THEN each made its archive in one training publish, started from it once before keeping
        // it, and ran with it: Java 25 an AOT cache (of classes, not the training's profiles), Java
        // 17 a dynamic class-data archive, each quiet if it cannot be used
        Path aot = record(java25, ".aot");
        Path jsa = record(java17, ".jsa");
        List<String> on25 = calls(java25);
        assertThat(on25).hasSize(3);
        assertThat(on25.get(0)).contains("-XX:AOTCacheOutput=").contains(" dev.hubpress.cli.StartRehearsal ").doesNotContain("ArchiveClassesAtExit")
                .contains("-XX:+IgnoreUnrecognizedVMOptions -XX:+UnlockDiagnosticVMOptions -XX:-AOTRecordTraining");
        assertThat(on25.get(1)).contains("-XX:AOTMode=on -XX:AOTCache=").endsWith(" --version");
        assertThat(on25.get(2)).contains("-Xlog:aot*=off -Xlog:cds*=off -XX:AOTCache=" + aot + " ").doesNotContain("SharedArchiveFile")
                .endsWith(" publish --out " + tmp.resolve("out"));
        List<String> on17 = calls(java17);
        assertThat(on17).hasSize(3);
        assertThat(on17.get(0)).contains("-XX:ArchiveClassesAtExit=").doesNotContain("AOTCache").doesNotContain("AOTRecordTraining");
        assertThat(on17.get(1)).contains("-Xshare:on -XX:SharedArchiveFile=").endsWith(" --version");
        assertThat(on17.get(2)).contains("-Xshare:auto -Xlog:cds=off -Xlog:cds+dynamic=off -XX:SharedArchiveFile=" + jsa + " ")
                .doesNotContain("AOTCache");
        // the stand-ins' archives are this test's own: not left in the build for the next run
        Files.delete(aot);
        Files.delete(jsa);
    }

    @Test
    void aRuntimeThatMakesNoArchiveIsNotTrainedAgainUntilTheNextBuild() throws Exception {
        // GIVEN a stand-in runtime that takes the archive option and writes nothing
        Path java = standIn("17.0.9", Archiving.NONE);
        Map<String, String> env = Map.of("JAVA", java.toString());

        // WHEN ./hub publishes with it twice
        Run first = hub(tmp, env, "publish", "--out", tmp.resolve("out").toString());
        int afterFirst = calls(java).size();
        Run second = hub(tmp, env, "publish", "--out", tmp.resolve("out").toString());
        List<String> all = calls(java);

        // THEN the first launch trained once and ran without an archive; the second only ran, as
        // the one before it had found there was none to make
        assertThat(first.exit()).as(first.err()).isZero();
        assertThat(second.exit()).as(second.err()).isZero();
        assertThat(afterFirst).isEqualTo(2);
        assertThat(all.get(0)).contains("-XX:ArchiveClassesAtExit=");
        assertThat(all.subList(1, all.size())).hasSize(2).allSatisfy(line -> assertThat(line)
                .doesNotContain("ArchiveClassesAtExit").doesNotContain("SharedArchiveFile").contains(" publish --out "));
        assertThat(first.err()).contains("Preparing faster starts");
        assertThat(second.err()).doesNotContain("Preparing faster starts");
        // (its record that it made none, removed: this test's own, not left in the build for the next run)
        Files.delete(record(java, ".jsa.none"));
    }

    @Test
    void anArchiveItsRuntimeCannotStartFromIsNotKept() throws Exception {
        // GIVEN a stand-in runtime whose archive it cannot start from (Java 17 dies of SIGBUS on an
        // archive cut short, at every start)
        Path java = standIn("17.0.9", Archiving.BROKEN);

        // WHEN ./hub publishes with it
        Run run = hub(tmp, Map.of("JAVA", java.toString()), "publish", "--out", tmp.resolve("out").toString());

        // THEN the publish ran without it, the archive is not kept, and the next build may try again
        List<String> all = calls(java);
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(all).hasSize(3);
        assertThat(all.get(1)).contains("-Xshare:on");
        assertThat(all.get(2)).doesNotContain("SharedArchiveFile").contains(" publish --out ");
        assertThat(record(java, ".jsa")).doesNotExist();
        Files.delete(record(java, ".jsa.none"));
    }

    /** A runtime's feature version from its release file, as the launcher reads it; 0 for none, or not HotSpot. */
    private static int feature(Path java) throws IOException {
        Path release = java.getParent().getParent().resolve("release");
        if (!Files.isRegularFile(release)) {
            return 0;
        }
        String text = Files.readString(release);
        Matcher version = Pattern.compile("(?m)^JAVA_VERSION=\"(\\d+)").matcher(text);
        return version.find() && !text.toLowerCase(Locale.ROOT).contains("openj9") ? Integer.parseInt(version.group(1)) : 0;
    }

    @Test
    void everyJavaRuntimeOnThisMachinePublishesFromTheArchiveTheLauncherMadeForIt() throws Exception {
        // GIVEN the runtime running this build and every other HotSpot runtime of Java 17 or newer
        // (what ./hub runs on) installed where Debian puts them (this machine's Temurin 25 among
        // them), each told to refuse to start if its archive cannot be used
        List<Path> runtimes = new ArrayList<>();
        runtimes.add(Path.of(ProcessHandle.current().info().command().orElseThrow()).toRealPath());
        Path installed = Path.of("/usr/lib/jvm");
        if (Files.isDirectory(installed)) {
            try (Stream<Path> homes = Files.list(installed)) {
                for (Path java : homes.map(h -> h.resolve("bin/java")).filter(Files::isExecutable).toList()) {
                    if (!runtimes.contains(java.toRealPath()) && feature(java.toRealPath()) >= 17) {
                        runtimes.add(java.toRealPath());
                    }
                }
            }
        }
        copyContent();
        for (Path java : runtimes) {
            boolean aot = feature(java) >= 25;
            String strict = aot ? "-XX:AOTMode=on" : "-Xshare:on";

            // WHEN ./hub publishes the repository's content with it
            Run run = hub(repo, Map.of("JAVA", java.toString(), "HUB_JAVA_OPTS", strict + " -XX:+PrintCommandLineFlags"),
                    "publish", "--content", tmp.resolve("content").toString(), "--out", tmp.resolve("out-" + runtimes.indexOf(java)).toString());

            // THEN it started from its archive (or it would not have started) and published
            assertThat(run.exit()).as(java + ": " + run.err()).isZero();
            assertThat(run.out()).as(java.toString()).contains(aot ? "-XX:AOTCache=" : "-XX:SharedArchiveFile=").contains("Published r1");
        }
    }
}
