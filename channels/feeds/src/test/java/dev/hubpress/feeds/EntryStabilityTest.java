package dev.hubpress.feeds;

import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.feed.synd.SyndFeed;
import dev.hubpress.core.testing.ContentFixtures;
import dev.hubpress.core.content.ContentTree;
import dev.hubpress.core.channel.Artifact;
import dev.hubpress.core.publish.IngestResult;
import dev.hubpress.core.publish.PublishRevision;
import dev.hubpress.core.revision.Revision;
import dev.hubpress.core.testing.InMemoryArtifactStore;
import dev.hubpress.core.testing.InMemoryRevisionLog;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import static dev.hubpress.core.testing.ContentFixtures.HUB_YAML;
import static dev.hubpress.core.testing.ContentFixtures.page;
import static dev.hubpress.core.testing.ContentFixtures.tree;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Entries neither duplicate nor vanish nor change when the hub moves on: driven through the real
 * pipeline (ingest, gate, change sets, publish) on the in-memory stores.
 */
class EntryStabilityTest {

    private static final String HUB = "test";
    private static final Instant T1 = Instant.parse("2026-03-01T08:00:00.123456Z");

    private final FeedsPipeline pipeline = new FeedsPipeline(HUB);
    private final InMemoryRevisionLog log = pipeline.log;
    private final InMemoryArtifactStore store = pipeline.store;
    private final PublishRevision feeds = pipeline.feeds;

    private static ContentTree guide(String pay, String offers) {
        return tree("guides/negotiate.md", page("Negotiate & win", "guides", 1,
                "Opening words.\n\n## Pay\n\n" + pay + "\n\n## Offers\n\n" + offers + "\n"));
    }

    /** Ingests a tree at a moment and publishes the feeds if it made a revision; returns the ingest result. */
    private IngestResult push(ContentTree tree, Instant at) {
        return pipeline.push(tree, at);
    }

    /** RSS, Atom and JSON Feed as the store holds them. */
    private List<Artifact> threeFeeds() {
        return List.of(store.get(FeedRenderer.RSS).orElseThrow(), store.get(FeedRenderer.ATOM).orElseThrow(),
                store.get(FeedRenderer.JSON).orElseThrow());
    }

    private List<SyndEntry> atomEntries() {
        return FeedParsing.rome(store.get(FeedRenderer.ATOM).orElseThrow()).getEntries();
    }

    @Test
    void editingAPageTwiceYieldsTwoEntriesAndLeavesTheFirstAsItWas() {
        // given a page published, then edited once (its Pay section)
        push(guide("Ask for a range.", "Compare offers."), T1);
        push(guide("Ask for a range, in writing.", "Compare offers."), T1.plusSeconds(3_600));
        SyndEntry firstEdit = atomEntries().get(0);

        // when it is edited a second time (its Offers section), a day later
        push(guide("Ask for a range, in writing.", "Compare offers side by side."), T1.plusSeconds(90_000));
        List<SyndEntry> entries = atomEntries();

        // then there are two Updated entries for it, newest first, with distinct ids
        assertThat(entries).extracting(SyndEntry::getTitle).containsExactly(
                "Updated: Negotiate & win", "Updated: Negotiate & win", "New: Home", "New: Negotiate & win");
        assertThat(entries.get(0).getUri()).isEqualTo("tag:hub.test,2026-03-02:guides/negotiate/r3");
        assertThat(entries.get(1).getUri()).isEqualTo("tag:hub.test,2026-03-01:guides/negotiate/r2");
        assertThat(entries).extracting(SyndEntry::getUri).doesNotHaveDuplicates();
        // and the first edit's entry kept its id and both its dates (the revision's, to the second)
        SyndEntry sameEdit = entries.get(1);
        assertThat(sameEdit.getUri()).isEqualTo(firstEdit.getUri());
        assertThat(sameEdit.getPublishedDate()).isEqualTo(firstEdit.getPublishedDate());
        assertThat(sameEdit.getUpdatedDate()).isEqualTo(firstEdit.getUpdatedDate());
        assertThat(sameEdit.getPublishedDate().toInstant()).isEqualTo(Instant.parse("2026-03-01T09:00:00Z"));
        // and each names the section it changed
        assertThat(entries.get(0).getDescription().getValue()).isEqualTo("Changed section: “Offers”.");
        assertThat(entries.get(1).getDescription().getValue()).isEqualTo("Changed section: “Pay”.");
        assertThat(entries.get(0).getLink()).isEqualTo("https://hub.test/guides/negotiate.html#offers");
    }

    @Test
    void republishingAnUnchangedTreeAddsNoEntryAndChangesNoByte() {
        // given a hub published twice (a page, then an edit)
        push(guide("Ask.", "Compare."), T1);
        push(guide("Ask early.", "Compare."), T1.plusSeconds(60));
        List<Artifact> before = threeFeeds();
        int writes = store.writes().size();

        // when the same tree is pushed again later, and the head revision is published again anyway
        IngestResult again = push(guide("Ask early.", "Compare."), T1.plusSeconds(7_200));
        Revision head = log.latest(HUB).orElseThrow();
        PublishRevision.Outcome outcome = feeds.publish(HUB, head.seq(), List.of(FeedsChannel.ID)).outcomes().get(0);

        // then no revision was made, the feeds have the same entries, and nothing was rewritten
        assertThat(again).isInstanceOf(IngestResult.Unchanged.class);
        assertThat(head.seq()).isEqualTo(2);
        assertThat(atomEntries()).hasSize(3);
        assertThat(outcome.written()).isZero();
        assertThat(store.writes()).hasSize(writes);
        assertThat(threeFeeds()).isEqualTo(before);
    }

    @Test
    void aRevisionThatChangesNoPageLeavesTheFeedsDateAndBytesAsTheyWere() {
        // GIVEN a hub published, then a page edited an hour later
        push(guide("Ask.", "Compare."), T1);
        push(guide("Ask early.", "Compare."), T1.plusSeconds(3_600));
        List<Artifact> before = threeFeeds();

        // WHEN a day later a revision changes only the hub's description, which no feed shows
        ContentTree described = ContentFixtures.with(guide("Ask early.", "Compare."), "hub.yaml",
                HUB_YAML.replace("description: Pages for tests.", "description: Pages for tests, and only tests.")
                        .getBytes(StandardCharsets.UTF_8));
        assertThat(push(described, T1.plusSeconds(90_000))).isInstanceOf(IngestResult.Accepted.class);

        // THEN the feeds still say they were last updated by the edit, and not one byte of them changed
        SyndFeed atom = FeedParsing.rome(store.get(FeedRenderer.ATOM).orElseThrow());
        assertThat(((com.rometools.rome.feed.atom.Feed) atom.originalWireFeed()).getUpdated().toInstant())
                .isEqualTo(T1.plusSeconds(3_600).truncatedTo(ChronoUnit.SECONDS));
        assertThat(threeFeeds()).isEqualTo(before);
    }

    @Test
    void aRemovedPageGetsAnEntryThatLinksToTheChangelog() {
        // given a page published
        push(guide("Ask.", "Compare."), T1);

        // when it is deleted
        push(tree(), T1.plusSeconds(60));
        List<SyndEntry> entries = atomEntries();

        // then the newest entry says so and points at the revision in the changelog (the page is gone)
        assertThat(entries.get(0).getTitle()).isEqualTo("Removed: Negotiate & win");
        assertThat(entries.get(0).getUri()).isEqualTo("tag:hub.test,2026-03-01:guides/negotiate/r2");
        assertThat(entries.get(0).getLink()).isEqualTo("https://hub.test/changelog.html#r2");
        // and the older "New" entry (after Home's, in reading order) keeps its id, now pointing at the changelog too
        assertThat(entries.get(2).getTitle()).isEqualTo("New: Negotiate & win");
        assertThat(entries.get(2).getUri()).isEqualTo("tag:hub.test,2026-03-01:guides/negotiate/r1");
        assertThat(entries.get(2).getLink()).isEqualTo("https://hub.test/changelog.html#r1");
    }

    @Test
    void theFeedsKeepTheConfiguredNumberOfNewestEntries() {
        // given a hub that keeps two entries, after three revisions
        String yaml = HUB_YAML + "channels:\n  feeds: { entries: 2 }\n";
        push(tree("hub.yaml", yaml, "guides/a.md", page("A", "guides", 1, "One.\n")), T1);
        push(tree("hub.yaml", yaml, "guides/a.md", page("A", "guides", 1, "Two.\n")), T1.plusSeconds(60));
        push(tree("hub.yaml", yaml, "guides/a.md", page("A", "guides", 1, "Three.\n"),
                "guides/b.md", page("B", "guides", 2, "Bee.\n")), T1.plusSeconds(120));

        // then each feed has the two newest, newest first
        assertThat(atomEntries()).extracting(SyndEntry::getUri).containsExactly(
                "tag:hub.test,2026-03-01:guides/a/r3", "tag:hub.test,2026-03-01:guides/b/r3");
        assertThat(FeedParsing.rome(store.get(FeedRenderer.RSS).orElseThrow()).getEntries()).hasSize(2);
        assertThat(FeedParsing.json(store.get(FeedRenderer.JSON).orElseThrow()).path("items")).hasSize(2);
    }
}
