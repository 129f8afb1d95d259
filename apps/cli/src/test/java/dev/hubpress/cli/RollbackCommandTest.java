package dev.hubpress.cli;

import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.io.SyndFeedInput;
import dev.hubpress.core.channel.Channels;
import dev.hubpress.core.content.Hashing;
import dev.hubpress.core.testing.ContentFixtures;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xml.sax.InputSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 16's rollback acceptance, through the command line's entry point on a copy of the
 * repository's content: r1, r2, then {@code ./hub rollback r1} publishes a site, feeds and guide
 * byte-identical to r1's except the history entries, and no digest; and each refusal has its line
 * and its exit status.
 */
class RollbackCommandTest {

    static final long D1 = 1_740_823_200L;
    static final String EDITED = "careers/first-backend-role.md";
    static final String ADDED = "careers/staff-path.md";
    /** What a history entry is in the changelog and the home page's latest changes: one section per revision. */
    static final Pattern ENTRY_OF_R2_OR_R3 = Pattern.compile("<section class=\"change\" aria-labelledby=\"r[23]\">.*?</section>\n\n?",
            Pattern.DOTALL);

    @TempDir
    Path tmp;
    Path content;
    Path out;
    Path site;
    long epoch = D1;
    final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    final ByteArrayOutputStream stderr = new ByteArrayOutputStream();

    @BeforeEach
    void copyContent() throws IOException {
        content = ContentFixtures.copyRepositoryContent(tmp.resolve("content"));
        out = tmp.resolve("out");
        site = out.resolve("site");
    }

    int hub(String... args) {
        stdout.reset();
        stderr.reset();
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--out", out.toString()));
        if (args[0].equals("publish")) {
            all.addAll(List.of("--content", content.toString()));
        }
        return new HubCommand(new PrintStream(stdout, true, StandardCharsets.UTF_8), new PrintStream(stderr, true, StandardCharsets.UTF_8),
                Map.of("SOURCE_DATE_EPOCH", Long.toString(epoch), LocalMail.SECRET_ENV, "a local test secret of 32+ characters!"),
                Channels::discover).run(all.toArray(String[]::new));
    }

    String printed() {
        return stdout.toString(StandardCharsets.UTF_8) + stderr.toString(StandardCharsets.UTF_8);
    }

    void nextDay() {
        epoch += 86_400;
    }

    @Test
    void rollingBackToR1RepublishesR1sSiteFeedsAndGuideExceptTheHistoryEntriesAndMailsNobody() throws Exception {
        // GIVEN r1 published, and two subscribers: one every update, one weekly
        assertThat(hub("publish")).as(printed()).isZero();
        Map<String, String> r1 = digests(site);
        Map<String, byte[]> r1Bytes = read(site, "index.html", "changelog.html", "feeds/atom.xml", "feeds/rss.xml", "feeds/feed.json");
        assertThat(hub("subscribers", "add", "ann@example.com")).as(printed()).isZero();
        assertThat(hub("subscribers", "add", "bob@example.com", "--weekly")).as(printed()).isZero();
        // AND r2: a section edited and a page added, mailed to the every-update subscriber
        nextDay();
        Path page = content.resolve(EDITED);
        Files.writeString(page, Files.readString(page).replace("## What it pays\n", "## What it pays\n\nBands moved in 2026.\n"));
        Files.writeString(content.resolve(ADDED), "---\ntitle: The staff path\nsummary: What staff engineers do.\n"
                + "section: careers\norder: 9\n---\n\n## What changes\n\nScope.\n");
        assertThat(hub("publish")).as(printed()).isZero();
        assertThat(hub("digest")).as(printed()).isZero();
        assertThat(printed()).contains("1 sent");
        List<Path> mailed = outbox();
        assertThat(mailed).hasSize(1);

        // WHEN ./hub rollback r1 runs a day later
        nextDay();
        assertThat(hub("rollback", "r1")).as(printed()).isZero();

        // THEN r3 is recorded as restoring r1, and every channel is published (of the guide: its latest
        // copy and the edited section's book written again; r1's copy and the other sections' books unchanged)
        assertThat(stdout.toString(StandardCharsets.UTF_8)).contains("Published r3: restores r1: 1 page changed, 1 removed")
                .containsPattern("guide +9 objects: 2 written").containsPattern("site +\\d+ objects").containsPattern("feeds +\\d+ objects");
        assertThat(stderr.toString(StandardCharsets.UTF_8)).contains("Restoring r1 as r3").contains("No digest is sent for a rollback");
        // AND no digest for it: the every-update run and the weekly run send nothing, and nothing of r2 reaches the weekly subscriber
        assertThat(hub("digest")).as(printed()).isZero();
        assertThat(printed()).contains("Digest of r3 (every update)").contains("0 sent")
                .contains("Preview: r3 restores r1: no digest is sent for a rollback.");
        assertThat(hub("digest", "--weekly")).as(printed()).isZero();
        assertThat(printed()).contains("0 sent").contains("1 with nothing new");
        assertThat(outbox()).isEqualTo(mailed);

        // AND the site, feeds and guide are r1's, byte for byte, but for these:
        Map<String, String> r3 = digests(site);
        Set<String> extra = new TreeSet<>(r3.keySet());
        extra.removeAll(r1.keySet());
        // guide/r2.pdf: r2's own copy, kept for good (a permanent URL); r3 publishes r1's, guide/r1.pdf, no guide/r3.pdf;
        // the redline pages of r2 and r3, history like the changelog's entries, and r2's digest in the
        // archive (it was mailed; the rollback never is); and the feed of the page r2 added and the
        // rollback removed, which its followers still read, ending with "Removed: The staff path"
        assertThat(extra).containsExactly("changes/r2.html", "changes/r3.html", "digests/r2.html",
                "feeds/pages/careers/staff-path.atom", "guide/r2.pdf");
        assertThat(rome(Files.readAllBytes(site.resolve("feeds/pages/careers/staff-path.atom"))).getEntries())
                .extracting(SyndEntry::getTitle).containsExactly("Removed: The staff path", "New: The staff path");
        assertThat(r3.keySet()).containsAll(r1.keySet()).doesNotContain("guide/r3.pdf", "careers/staff-path.html");
        Set<String> differ = new TreeSet<>();
        r1.forEach((key, digest) -> {
            if (!digest.equals(r3.get(key))) {
                differ.add(key);
            }
        });
        // the history: the changelog and the home page's latest changes list r3 and r2; the digest
        // archive's index and feed r2's digest; the feeds that follow what changed have their entries
        // (the hub's, the careers section's, the edited page's), and so do the pages that list those
        // entries: the feeds pages of the hub and of careers, and the edited page's "Follow this page" block
        assertThat(differ).containsExactly("careers/first-backend-role.html", "changelog.html", "digests/feed.atom",
                "digests/index.html", "feeds/atom.xml", "feeds/feed.json",
                "feeds/pages/careers/first-backend-role.atom", "feeds/rss.xml", "feeds/sections/careers.atom",
                "feeds/sections/careers.json", "feeds/sections/careers.rss", "follow/index.html", "follow/sections/careers.html",
                "index.html");

        // AND those differ by the entries of r3 and r2 only: without them, the changelog and the home page are r1's bytes
        for (String key : List.of("changelog.html", "index.html")) {
            String now = Files.readString(site.resolve(key));
            assertThat(now).as(key).contains("Restores r1: 1 page changed, 1 removed.");
            assertThat(ENTRY_OF_R2_OR_R3.matcher(now).replaceAll("")).as(key)
                    .isEqualTo(new String(r1Bytes.get(key), StandardCharsets.UTF_8));
        }
        // AND the feeds are r1's entries, unchanged, after the rollback's and r2's
        for (String feed : List.of("feeds/atom.xml", "feeds/rss.xml")) {
            List<SyndEntry> before = rome(r1Bytes.get(feed)).getEntries();
            List<SyndEntry> after = rome(Files.readAllBytes(site.resolve(feed))).getEntries();
            assertThat(after.subList(0, 4)).extracting(SyndEntry::getTitle).as(feed).containsExactly(
                    "Restored: Land your first backend engineer role", "Removed: The staff path", "Updated: Land your first backend engineer role",
                    "New: The staff path");
            assertThat(after.get(0).getUri()).endsWith("/r3");
            assertThat(after.subList(4, after.size())).extracting(SyndEntry::getUri)
                    .containsExactlyElementsOf(before.stream().map(SyndEntry::getUri).toList());
            assertThat(after.subList(4, after.size())).extracting(e -> e.getDescription() == null ? e.getContents().get(0).getValue()
                    : e.getDescription().getValue()).containsExactlyElementsOf(before.stream().map(e -> e.getDescription() == null
                    ? e.getContents().get(0).getValue() : e.getDescription().getValue()).toList());
        }
        String json = Files.readString(site.resolve("feeds/feed.json"));
        assertThat(json).contains("Restored: Land your first backend engineer role").contains("Back as it was in revision 1.");

        // AND putting the content folder back as it was at r1 is no new revision: r3 has that tree
        Files.writeString(page, Files.readString(page).replace("\nBands moved in 2026.\n", ""));
        Files.delete(content.resolve(ADDED));
        assertThat(hub("publish")).as(printed()).isZero();
        assertThat(printed()).contains("No changes since r3: nothing published.");
    }

    @Test
    void aRevisionThatCannotBeRestoredIsRefusedWithOneLineAndItsOwnExitStatus() throws Exception {
        // nothing published yet
        assertThat(hub("rollback", "r1")).isEqualTo(HubCommand.NO_SUCH_REVISION);
        assertThat(stderr.toString(StandardCharsets.UTF_8)).isEqualTo("hub: no revision r1 of hub hub: nothing is published yet\n");
        // r1, a rejected r2, then r3
        assertThat(hub("publish")).as(printed()).isZero();
        Path page = content.resolve(EDITED);
        String text = Files.readString(page);
        Files.writeString(page, text + "\n[gone](no-such-page.md)\n");
        assertThat(hub("publish")).isEqualTo(HubCommand.FAILED);
        Files.writeString(page, text + "\nOne more line.\n");
        assertThat(hub("publish")).as(printed()).isZero();
        Map<String, String> r3 = digests(site);

        assertThat(hub("rollback", "r9")).isEqualTo(HubCommand.NO_SUCH_REVISION);
        assertThat(stderr.toString(StandardCharsets.UTF_8)).isEqualTo("hub: no revision r9 of hub hub (the newest is r3)\n");
        assertThat(hub("rollback", "2")).isEqualTo(HubCommand.NOT_RESTORABLE);
        assertThat(stderr.toString(StandardCharsets.UTF_8))
                .isEqualTo("hub: r2 was rejected by the gate (1 error): only an accepted revision can be restored\n");
        assertThat(hub("rollback", "r3")).isEqualTo(HubCommand.ALREADY_CURRENT);
        assertThat(stderr.toString(StandardCharsets.UTF_8)).isEqualTo("hub: r3 is the current revision: nothing to roll back\n");
        assertThat(hub("rollback", "rx")).isEqualTo(HubCommand.USAGE);
        assertThat(stderr.toString(StandardCharsets.UTF_8)).startsWith("hub: a revision is rN or N, N from 1: 'rx'\n")
                .contains("Usage: ./hub rollback");
        assertThat(hub("rollback")).isEqualTo(HubCommand.USAGE);
        assertThat(stderr.toString(StandardCharsets.UTF_8)).startsWith("hub: rollback needs REVISION\n");
        // none of these recorded or published anything
        assertThat(digests(site)).isEqualTo(r3);
        assertThat(Files.readAllLines(out.resolve("state/revisions.jsonl")).stream().filter(l -> l.contains("\"type\":\"revision\""))).hasSize(3);

        // r1 restored as r4; asking again is nothing to do
        nextDay();
        assertThat(hub("rollback", "1")).as(printed()).isZero();
        assertThat(hub("rollback", "r1")).isEqualTo(HubCommand.ALREADY_CURRENT);
        assertThat(stderr.toString(StandardCharsets.UTF_8)).isEqualTo("hub: r4 already has r1's content: nothing to roll back\n");
    }

    List<Path> outbox() throws IOException {
        Path outbox = out.resolve("outbox");
        if (!Files.isDirectory(outbox)) {
            return List.of();
        }
        try (Stream<Path> list = Files.list(outbox)) {
            return list.filter(p -> p.toString().endsWith(".eml")).sorted().toList();
        }
    }

    static Map<String, String> digests(Path root) throws IOException {
        Map<String, String> digests = new TreeMap<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                digests.put(root.relativize(file).toString().replace('\\', '/'), Hashing.sha256Hex(Files.readAllBytes(file)));
            }
        }
        return digests;
    }

    static Map<String, byte[]> read(Path root, String... keys) throws IOException {
        Map<String, byte[]> bytes = new TreeMap<>();
        for (String key : keys) {
            bytes.put(key, Files.readAllBytes(root.resolve(key)));
        }
        return bytes;
    }

    static SyndFeed rome(byte[] bytes) throws Exception {
        try (InputStream in = new java.io.ByteArrayInputStream(bytes)) {
            return new SyndFeedInput().build(new InputSource(in));
        }
    }
}
