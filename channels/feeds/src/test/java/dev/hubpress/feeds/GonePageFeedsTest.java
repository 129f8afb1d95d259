package dev.hubpress.feeds;

import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.feed.synd.SyndLink;
import dev.hubpress.core.channel.Artifact;
import dev.hubpress.core.channel.FeedTopic;
import dev.hubpress.core.testing.ContentFixtures;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A page's feed outlives the page: through the real pipeline (ingest, gate, change sets and moves,
 * publish on the in-memory stores), r2 removes one page and moves another to a new slug (the same
 * body), r3 edits a third. The feeds of the two pages that
 * went are still published, end with their removal and say where the page went, as a feed reader
 * that follows them reads them.
 */
class GonePageFeedsTest {

    private static final Instant T1 = Instant.parse("2026-11-01T09:30:00Z");
    private static final String REMOVED = "guides/retired";
    private static final String MOVED = "guides/old-name";
    private static final String MOVED_TO = "guides/new-name";
    private static final String EDITED = "guides/kept";

    private static final FeedsPipeline pipeline = new FeedsPipeline("hub");
    /** The two gone pages' feeds as r2 published them. */
    private static Artifact removedAtR2;
    private static Artifact movedAtR2;
    /** The keys r3's publish wrote. */
    private static List<String> writtenByR3;

    @BeforeAll
    static void publishTheHubThenRemoveAndMoveThenEdit() {
        String moved = ContentFixtures.page("Moving on", "guides", 2, "## Where\n\nSomewhere else.\n");
        String kept = ContentFixtures.page("Kept", "guides", 3, "## Kept\n\nStill here.\n");
        pipeline.accepted(ContentFixtures.tree(
                REMOVED + ".md", ContentFixtures.page("Retired", "guides", 1, "## Gone\n\nSoon gone.\n"),
                MOVED + ".md", moved, EDITED + ".md", kept), T1);
        pipeline.accepted(ContentFixtures.tree(MOVED_TO + ".md", moved, EDITED + ".md", kept), T1.plusSeconds(3_600));
        removedAtR2 = now(FeedTopic.page(REMOVED).atom());
        movedAtR2 = now(FeedTopic.page(MOVED).atom());
        int before = pipeline.store.writes().size();
        pipeline.accepted(ContentFixtures.tree(MOVED_TO + ".md", moved, EDITED + ".md", kept.replace("Still here.", "Still here, edited.")),
                T1.plusSeconds(7_200));
        writtenByR3 = pipeline.store.writes().subList(before, pipeline.store.writes().size()).stream().toList();
    }

    /** The feed's web page: its alternate link. */
    private static String alternate(SyndFeed feed) {
        return feed.getLinks().stream().filter(link -> "alternate".equals(link.getRel())).map(SyndLink::getHref)
                .findFirst().orElseThrow();
    }

    private static Artifact now(String key) {
        return pipeline.store.get(key).orElseThrow(() -> new AssertionError("not published: " + key));
    }

    @Test
    void aRemovedPagesFeedEndsWithItsRemovalAndSaysSo() throws Exception {
        // GIVEN the feed of the page r2 removed, as a reader's feed reader fetches it after r3
        Artifact atom = now(FeedTopic.page(REMOVED).atom());

        // WHEN it is read
        SyndFeed feed = FeedParsing.rome(atom);

        // THEN it is valid Atom, its newest entry is the removal (linking to r2 in the changelog), then its arrival,
        // and it says that no more entries will come
        assertThat(FeedParsing.atomSchemaErrors(atom.bytes())).isEmpty();
        assertThat(feed.getEntries()).extracting(SyndEntry::getTitle)
                .containsExactly("Removed: Retired", "New: Retired");
        assertThat(feed.getEntries().get(0).getLink()).isEqualTo("https://hub.test/changelog.html#r2");
        assertThat(alternate(feed)).isEqualTo("https://hub.test/changelog.html#r2");
        assertThat(feed.getTitle()).isEqualTo("Retired — Test Hub");
        assertThat(feed.getDescription()).isEqualTo("Retired is no longer in the hub: this feed has no more entries.");
        assertThat(feed.getUri()).isEqualTo("https://hub.test/" + FeedTopic.page(REMOVED).atom());
    }

    @Test
    void aMovedPagesOldFeedPointsAtThePageAndTheFeedItMovedTo() {
        // GIVEN the feed under the old slug of the page r2 moved
        SyndFeed feed = FeedParsing.rome(now(FeedTopic.page(MOVED).atom()));

        // THEN its web page is the page where it went, and it names that page's feed; the new slug has a feed of its own
        assertThat(alternate(feed)).isEqualTo("https://hub.test/" + MOVED_TO + ".html");
        assertThat(feed.getDescription()).isEqualTo("Moving on moved to https://hub.test/" + MOVED_TO + ".html: its changes are in that page's feed, https://hub.test/"
                + FeedTopic.page(MOVED_TO).atom() + ". This feed has no more entries.");
        assertThat(feed.getEntries().get(0).getTitle()).startsWith("Removed: ");
        assertThat(pipeline.store.get(FeedTopic.page(MOVED_TO).atom())).isPresent();
    }

    @Test
    void aGonePagesFeedIsNotWrittenAgainByLaterRevisions() {
        // THEN r3, which edits another page, wrote neither gone page's feed, and both are still r2's bytes
        assertThat(writtenByR3).contains(FeedTopic.page(EDITED).atom())
                .doesNotContain(FeedTopic.page(REMOVED).atom(), FeedTopic.page(MOVED).atom());
        assertThat(now(FeedTopic.page(REMOVED).atom())).isEqualTo(removedAtR2);
        assertThat(now(FeedTopic.page(MOVED).atom())).isEqualTo(movedAtR2);
    }
}
