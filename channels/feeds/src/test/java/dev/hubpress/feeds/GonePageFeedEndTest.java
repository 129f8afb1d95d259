package dev.hubpress.feeds;

import dev.hubpress.core.channel.FeedTopic;
import dev.hubpress.core.publish.PublishRevision;
import dev.hubpress.core.testing.ContentFixtures;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How long a removed page's feed stays: while the history a publish reads ({@link
 * PublishRevision#HISTORY} revisions) holds one of the page's changes. Through the real pipeline on
 * the in-memory stores: r1 adds the page, r2 removes it, then every revision edits another page.
 */
class GonePageFeedEndTest {

    private static final Instant T1 = Instant.parse("2026-11-01T09:30:00Z");

    @Test
    void aRemovedPagesFeedIsDeletedByTheFirstPublishWhoseHistoryNoLongerReachesTheRemoval() {
        // GIVEN a page published in r1 and removed in r2
        FeedsPipeline pipeline = new FeedsPipeline("hub");
        String removed = FeedTopic.page("guides/retired").atom();
        String kept = ContentFixtures.page("Kept", "guides", 2, "## Kept\n\nEdit 0.\n");
        pipeline.accepted(ContentFixtures.tree("guides/retired.md", ContentFixtures.page("Retired", "guides", 1, "## Gone\n\nSoon gone.\n"),
                "guides/kept.md", kept), T1);
        pipeline.accepted(ContentFixtures.tree("guides/kept.md", kept), T1.plusSeconds(60));
        assertThat(pipeline.store.get(removed)).as("r2's feed of the removed page").isPresent();

        // WHEN other pages change revision after revision
        long lastWith = 2;
        long firstWithout = 0;
        for (int edit = 1; firstWithout == 0 && edit <= PublishRevision.HISTORY + 5; edit++) {
            long seq = pipeline.accepted(ContentFixtures.tree("guides/kept.md", kept.replace("Edit 0.", "Edit " + edit + ".")),
                    T1.plusSeconds(60L * (edit + 1))).revision().seq();
            if (seq >= PublishRevision.HISTORY) {
                // near the end of the window, the revision published again by number, as a channel
                // function publishes it, must find every object as the ingest's publish left it
                int writes = pipeline.store.writes().size();
                int deletes = pipeline.store.deletes().size();
                assertThat(pipeline.feeds.publish("hub", seq, List.of(FeedsChannel.ID)).outcomes().get(0).failure()).isEmpty();
                assertThat(pipeline.store.writes()).as("r" + seq + " by number").hasSize(writes);
                assertThat(pipeline.store.deletes()).as("r" + seq + " by number").hasSize(deletes);
            }
            if (pipeline.store.get(removed).isPresent()) {
                lastWith = seq;
            } else {
                firstWithout = seq;
            }
        }

        // THEN the feed stays through every revision whose history still holds r2, and the next one
        // deletes it, whichever way the revision is published
        assertThat(lastWith).isEqualTo(2 + PublishRevision.HISTORY - 1);
        assertThat(firstWithout).isEqualTo(lastWith + 1);
    }
}
