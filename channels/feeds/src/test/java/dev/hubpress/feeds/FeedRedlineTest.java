package dev.hubpress.feeds;

import com.fasterxml.jackson.databind.JsonNode;
import com.rometools.rome.feed.synd.SyndEntry;
import dev.hubpress.core.channel.Artifact;
import dev.hubpress.core.channel.Edition;
import dev.hubpress.core.content.ContentTree;
import dev.hubpress.core.testing.ContentFixtures;
import dev.hubpress.core.testing.Editions;
import dev.hubpress.core.testing.HtmlDom;
import dev.hubpress.core.testing.SentenceEdit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 16's redline in the feeds: one sentence edited in one section of the real hub, published as
 * r2; each feed read back (Rome, Jackson, Atom against RFC 4287 with Jing) carries the excerpt in
 * the entry of that change, and the entry's HTML says exactly which words went and came.
 */
class FeedRedlineTest {

    private static final String REDLINE = "https://hub.example.com/changes/r2.html#" + SentenceEdit.SLUG;

    private static List<Artifact> feeds;

    @BeforeAll
    static void publishTheEdit() {
        feeds = new FeedRenderer(Editions.MARKDOWN).render(SentenceEdit.secondEdition());
    }

    @Test
    void theAtomEntryCarriesTheSentenceDeletedAndAddedAndTheFeedStaysValid() throws Exception {
        // when the Atom feed is validated and read back
        Artifact atom = Editions.find(feeds, FeedRenderer.ATOM);
        assertThat(FeedParsing.atomSchemaErrors(atom.bytes())).isEmpty();
        SyndEntry entry = FeedParsing.rome(atom).getEntries().get(0);
        // then the edit's entry holds the excerpt
        assertThat(entry.getTitle()).isEqualTo("Updated: Make senior backend engineer");
        assertExcerpt(entry.getContents().get(0).getValue());
    }

    @Test
    void theRssItemAndTheJsonFeedItemCarryTheSameExcerpt() {
        SyndEntry item = FeedParsing.rome(Editions.find(feeds, FeedRenderer.RSS)).getEntries().get(0);
        assertExcerpt(item.getDescription().getValue());
        JsonNode json = FeedParsing.json(Editions.find(feeds, FeedRenderer.JSON)).get("items").get(0);
        assertExcerpt(json.get("content_html").asText());
    }

    @Test
    void wordsThatLookLikeMarkupStayText() throws Exception {
        // given an edit that adds a code span holding a script element
        ContentTree repository = ContentFixtures.repositoryTree();
        ContentTree edited = SentenceEdit.edited(repository);
        String page = new String(edited.file(SentenceEdit.PATH).orElseThrow().bytes(), StandardCharsets.UTF_8);
        ContentTree hostile = ContentFixtures.with(repository, SentenceEdit.PATH,
                page.replace(SentenceEdit.AFTER, "Never run `<script>alert(1)</script>` & co.").getBytes(StandardCharsets.UTF_8));
        Edition second = Editions.nextEdition(Editions.firstEdition(repository), repository, hostile);
        // when the feeds are rendered and the Atom entry read back
        Artifact atom = Editions.find(new FeedRenderer(Editions.MARKDOWN).render(second), FeedRenderer.ATOM);
        assertThat(FeedParsing.atomSchemaErrors(atom.bytes())).isEmpty();
        String html = FeedParsing.rome(atom).getEntries().get(0).getContents().get(0).getValue();
        // then the words are inserted as text, and no element of theirs exists
        assertThat(HtmlDom.texts(html, "ins")).containsExactly("Never run <script>alert(1)</script> & co.");
        assertThat(HtmlDom.elements(HtmlDom.parse(html), "script")).isEmpty();
    }

    private static void assertExcerpt(String html) {
        assertThat(HtmlDom.texts(html, "del")).containsExactly(SentenceEdit.BEFORE);
        assertThat(HtmlDom.texts(html, "ins")).containsExactly(SentenceEdit.AFTER);
        assertThat(HtmlDom.texts(html, "p")).anyMatch(p -> p.startsWith("Before: ") && p.contains(SentenceEdit.BEFORE))
                .anyMatch(p -> p.startsWith("After: ") && p.contains(SentenceEdit.AFTER))
                .contains(SentenceEdit.SECTION_TITLE);
        assertThat(HtmlDom.elements(HtmlDom.parse(html), "a")).anyMatch(a -> a.getAttribute("href").equals(REDLINE));
    }
}
