package dev.hubpress.feeds;

import dev.hubpress.core.testing.Editions;
import com.fasterxml.jackson.databind.JsonNode;
import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.feed.synd.SyndFeed;
import dev.hubpress.core.content.ContentTree;
import dev.hubpress.core.model.Hub;
import dev.hubpress.core.model.HubConfig;
import dev.hubpress.core.channel.Artifact;
import dev.hubpress.core.channel.Edition;
import dev.hubpress.core.revision.ChangeKind;
import dev.hubpress.core.revision.ChangeSet;
import dev.hubpress.core.revision.PageChange;
import dev.hubpress.core.revision.Revision;
import dev.hubpress.core.revision.SectionChange;
import dev.hubpress.core.testing.ContentFixtures;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Titles and text that break naive feed writers: CDATA terminators, markup, ampersands, control
 * characters XML 1.0 forbids, non-characters, unpaired surrogates, emoji and right-to-left text.
 * The feeds stay well-formed, valid and parseable, and keep every character XML can carry.
 */
class HostileTextTest {

    /** Each string is one trap; together they are the hostile title. */
    static final List<String> CORPUS = List.of(
            "]]>", "<![CDATA[x]]>", "a & b &amp; &#0; &bogus;", "<script>alert(1)</script>", "\"quotes' <b>bold</b>",
            "nul\u0000 soh\u0001 bs\u0008 vt\u000B ff\u000C esc\u001B us\u001F",
            "tab\tlf\ncr\r", "nonchars\uFFFE\uFFFF", "lone high \uD800 lone low \uDC00 reversed \uDC00\uD800",
            "emoji 😀 👩‍💻 🇳🇱", "עברית ‏العربية‎ \u202Eevil\u202C", "del\u007F c1\u0085");
    static final String HOSTILE = String.join(" | ", CORPUS);
    static final String CLEAN = Xml10.clean(HOSTILE);

    private static List<Artifact> feeds;

    @BeforeAll
    static void renderAHostileHub() {
        // A page whose title and body the gate accepts, carrying the printable traps …
        ContentTree tree = ContentFixtures.tree("guides/x.md", "---\ntitle: \"]]> & <b>x</b> 😀 עברית\"\n"
                + "summary: \"Summary ]]> & <i>\"\nsection: guides\norder: 1\n---\n"
                + "Body ]]> & `<script>alert(1)</script>` 😀 עברית.\n\n## Part ]]> & `<b>`\n\nMore ]]> text.\n");
        Hub parsed = Editions.hub(tree);
        // … in a hub whose settings carry every trap, with change sets (as the log stores them) that do too.
        HubConfig config = new HubConfig(HOSTILE, HOSTILE, HOSTILE, "https://hub.test", HOSTILE, "en",
                parsed.config().sections(), Map.of());
        Hub hub = new Hub(config, parsed.compensation(), parsed.pages());
        String part = parsed.page("guides/x").orElseThrow().headings().get(0).id();
        Revision r1 = revision(1, Instant.parse("2026-01-01T00:00:00Z"), new ChangeSet(List.of(
                new PageChange("guides/x", HOSTILE, ChangeKind.ADDED, false, List.of()),
                new PageChange("guides/gone", HOSTILE, ChangeKind.ADDED, false, List.of())), List.of()));
        Revision r2 = revision(2, Instant.parse("2026-01-02T00:00:00Z"), new ChangeSet(List.of(
                new PageChange("guides/x", HOSTILE, ChangeKind.CHANGED, true, List.of(
                        new SectionChange(part, HOSTILE, ChangeKind.CHANGED),
                        new SectionChange("", HOSTILE, ChangeKind.CHANGED),
                        new SectionChange("no-such-section", HOSTILE, ChangeKind.ADDED),
                        new SectionChange("old", HOSTILE, ChangeKind.REMOVED))),
                new PageChange("guides/gone", HOSTILE, ChangeKind.REMOVED, false, List.of())), List.of()));
        feeds = new FeedRenderer(Editions.MARKDOWN).render(new Edition(hub, r2, List.of(r2, r1)));
    }

    private static Revision revision(long seq, Instant at, ChangeSet changes) {
        return new Revision("hub", seq, "tree-" + seq, seq - 1, at, "manifest-" + seq, "test",
                dev.hubpress.core.revision.RevisionStatus.ACCEPTED, List.of(), changes, Map.of());
    }

    @Test
    void theCleanedCorpusStillHasEveryTrapXmlCanCarry() {
        // then only what XML 1.0 forbids is gone (so the tests below test the traps, not an empty string)
        assertThat(CLEAN).contains("]]>", "<![CDATA[x]]>", "&bogus;", "<script>", "😀", "👩‍💻", "🇳🇱", "עברית", "العربية",
                "\u202E", "\t", "\n", "\r", "\u007F", "\u0085");
        assertThat(CLEAN).doesNotContain("\u0000", "\u0001", "\u0008", "\u000B", "\u000C", "\u001B", "\u001F", "\uFFFE", "\uFFFF");
        assertThat(CLEAN.chars().filter(c -> Character.isSurrogate((char) c)).count())
                .as("only the surrogates of paired emoji remain").isEqualTo(CLEAN.codePoints().filter(c -> c > 0xFFFF).count() * 2);
    }

    @Test
    void everyXmlFeedIsWellFormedAndParsesBack() throws Exception {
        for (String key : List.of(FeedRenderer.RSS, FeedRenderer.ATOM)) {
            // when the feed is parsed strictly, then by Rome
            Artifact feed = Editions.find(feeds, key);
            FeedParsing.dom(feed.bytes());
            SyndFeed parsed = FeedParsing.rome(feed);

            // then the titles come back as written, minus what XML cannot carry (CR aside: XML reads it as LF)
            assertThat(lf(parsed.getTitle())).as(key).isEqualTo(lf(CLEAN));
            assertThat(parsed.getEntries()).as(key).hasSize(4);
            assertThat(parsed.getEntries()).extracting(SyndEntry::getTitle).extracting(HostileTextTest::lf).as(key)
                    .containsExactly(lf("Updated: " + CLEAN), lf("Removed: " + CLEAN), lf("New: " + CLEAN), lf("New: " + CLEAN));
        }
    }

    @Test
    void theAtomFeedIsStillValidBySchema() throws Exception {
        assertThat(FeedParsing.atomSchemaErrors(Editions.find(feeds, FeedRenderer.ATOM).bytes())).isEmpty();
    }

    @Test
    void theJsonFeedParsesAndCarriesTheSameText() {
        // when the JSON Feed is read
        JsonNode feed = FeedParsing.json(Editions.find(feeds, FeedRenderer.JSON));

        // then it has the cleaned title exactly (JSON keeps CR), and escaped page text in the content
        assertThat(feed.path("title").asText()).isEqualTo(CLEAN);
        assertThat(feed.path("items").get(0).path("title").asText()).isEqualTo("Updated: " + CLEAN);
        String content = feed.path("items").get(2).path("content_html").asText();
        assertThat(content).contains("]]&gt;", "&amp;", "&lt;script&gt;", "😀", "עברית").doesNotContain("<script>");
    }

    @Test
    void noFeedCarriesACharacterXmlForbids() {
        for (Artifact feed : feeds) {
            String text = Editions.text(feed);
            assertThat(text.codePoints().filter(c -> !Xml10.allowed(c)).boxed().toList()).as(feed.key()).isEmpty();
        }
    }

    private static String lf(String s) {
        return s.replace("\r\n", "\n").replace('\r', '\n');
    }

}
