package dev.hubpress.core.publish;

import dev.hubpress.core.testing.Gates;
import dev.hubpress.core.content.ContentTree;
import dev.hubpress.core.gate.GateLimits;
import dev.hubpress.core.gate.PublishGate;
import dev.hubpress.core.markdown.MarkdownEngine;
import dev.hubpress.core.revision.ChangeKind;
import dev.hubpress.core.revision.ChangeSet;
import dev.hubpress.core.revision.PageChange;
import dev.hubpress.core.revision.Revision;
import dev.hubpress.core.revision.RevisionStatus;
import dev.hubpress.core.revision.SectionChange;
import dev.hubpress.core.testing.FixedClock;
import dev.hubpress.core.testing.InMemoryBlobStore;
import dev.hubpress.core.testing.InMemoryRevisionLog;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import java.util.List;
import java.util.Map;

import static dev.hubpress.core.testing.ContentFixtures.page;
import static dev.hubpress.core.testing.ContentFixtures.tree;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/** Ingest turns pushed trees into numbered revisions: accepted with a change set, rejected with errors, or nothing. */
class IngestRevisionTest {

    private static final String HUB = "test";
    private static final String GUIDE = "## One\n\nFirst.\n\n## Two\n\nSecond.\n";

    private final PublishGate gate = Gates.gate();
    private final InMemoryBlobStore blobs = new InMemoryBlobStore();
    private final Snapshots snapshots = new Snapshots(blobs);
    private final InMemoryRevisionLog log = new InMemoryRevisionLog();
    private final IngestRevision ingest = new IngestRevision(HUB, gate, Gates.loader(), snapshots, log, FixedClock.standard());

    private final ContentTree first = tree("guides/a.md", page("A", "guides", 1, GUIDE));
    private final ContentTree edited = tree("guides/a.md", page("A", "guides", 1, GUIDE.replace("Second.", "Second, edited.")));
    private final ContentTree broken = tree("guides/a.md", page("A", "guides", 1, GUIDE + "\n[x](missing.md)\n"));
    private final ContentTree fixed = tree("guides/a.md", page("A", "guides", 1, GUIDE.replace("First.", "First, fixed.")));

    private Revision accepted(IngestResult result) {
        assertThat(result).isInstanceOf(IngestResult.Accepted.class);
        return ((IngestResult.Accepted) result).revision();
    }

    @Test
    void firstIngestIsAcceptedAsR1WithEveryPageAdded() {
        // when
        IngestResult result = ingest.ingest(first, "local publish");
        // then
        Revision r1 = accepted(result);
        assertThat(r1.id()).isEqualTo("r1");
        assertThat(r1.parent()).isZero();
        assertThat(r1.status()).isEqualTo(RevisionStatus.ACCEPTED);
        assertThat(r1.createdAt()).isEqualTo(FixedClock.INSTANT);
        assertThat(r1.trigger()).isEqualTo("local publish");
        assertThat(r1.treeHash()).isEqualTo(first.hash());
        assertThat(r1.changes().pages()).extracting(PageChange::slug).containsExactly("index", "guides/a");
        assertThat(r1.changes().pages()).extracting(PageChange::kind).containsOnly(ChangeKind.ADDED);
        assertThat(snapshots.load(r1.manifest()).hash()).isEqualTo(first.hash());
        assertThat(((IngestResult.Accepted) result).hub().pages()).hasSize(2);
        assertThat(log.get(HUB, 1)).contains(r1);
    }

    @Test
    void theHistoryAnIngestHandsOnIsTheOneAReadOfTheLogGivesAfterIt() {
        // GIVEN a hub with as many accepted revisions as a publish reads
        for (int i = 1; i <= PublishRevision.HISTORY; i++) {
            accepted(ingest.ingest(tree("guides/a.md", page("A", "guides", 1, GUIDE.replace("First.", "Edit " + i + "."))), "push " + i));
        }

        // WHEN one more push is accepted, and a revision is rolled back to after it
        IngestResult pushed = ingest.ingest(edited, "push");
        RollbackResult rolledBack = ingest.restore(PublishRevision.HISTORY, "rollback");

        // THEN each hands on the history a channel function reads by number (the newest HISTORY
        // accepted revisions), not one more: a revision published either way shows the same revisions
        assertThat(accepted(pushed).seq()).isEqualTo(PublishRevision.HISTORY + 1);
        assertThat(pushed.history().accepted()).hasSize(PublishRevision.HISTORY)
                .extracting(Revision::seq).startsWith((long) PublishRevision.HISTORY + 1).endsWith(2L);
        assertThat(rolledBack).isInstanceOfSatisfying(RollbackResult.Restored.class,
                r -> assertThat(r.history()).isEqualTo(log.recent(HUB, PublishRevision.HISTORY)));
    }

    @Test
    void sameTreeAgainIsUnchangedAndCreatesNoRevision() {
        // given
        Revision r1 = accepted(ingest.ingest(first, "push 1"));
        // when
        IngestResult again = ingest.ingest(tree("guides/a.md", page("A", "guides", 1, GUIDE)), "push 2");
        // then
        assertThat(again).isInstanceOfSatisfying(IngestResult.Unchanged.class, u -> assertThat(u.head()).isEqualTo(r1));
        assertThat(log.all(HUB)).hasSize(1);
    }

    @Test
    void editedSectionBecomesR2WithParentR1AndThatSectionInItsChangeSet() {
        // given
        ingest.ingest(first, "push 1");
        // when
        Revision r2 = accepted(ingest.ingest(edited, "push 2"));
        // then
        assertThat(r2.seq()).isEqualTo(2);
        assertThat(r2.parent()).isEqualTo(1);
        assertThat(r2.changes().pages()).singleElement().satisfies(change -> {
            assertThat(change.slug()).isEqualTo("guides/a");
            assertThat(change.kind()).isEqualTo(ChangeKind.CHANGED);
            assertThat(change.sections()).extracting(SectionChange::anchor, SectionChange::title, SectionChange::kind)
                    .containsExactly(tuple("two", "Two", ChangeKind.CHANGED));
        });
    }

    @Test
    void rejectedTreeIsRecordedAndTheNextGoodTreeIsComparedWithTheLastAcceptedOne() {
        // given
        ingest.ingest(first, "push 1");
        ingest.ingest(edited, "push 2");
        // when
        IngestResult rejected = ingest.ingest(broken, "push 3");
        IngestResult next = ingest.ingest(fixed, "push 4");
        // then: r3 is rejected with its error
        assertThat(rejected).isInstanceOf(IngestResult.Rejected.class);
        Revision r3 = ((IngestResult.Rejected) rejected).revision();
        assertThat(r3.seq()).isEqualTo(3);
        assertThat(r3.status()).isEqualTo(RevisionStatus.REJECTED);
        assertThat(r3.changes()).isEqualTo(ChangeSet.NONE);
        assertThat(r3.errors()).singleElement().satisfies(e -> {
            assertThat(e.toString()).startsWith("guides/a.md:15: broken link 'missing.md'");
        });
        // and r4 is against r2, the last accepted: section one changed, two is back to r2's text
        Revision r4 = accepted(next);
        assertThat(r4.seq()).isEqualTo(4);
        assertThat(r4.parent()).isEqualTo(2);
        assertThat(r4.changes().pages()).singleElement().satisfies(change -> assertThat(change.sections())
                .extracting(SectionChange::anchor, SectionChange::title, SectionChange::kind)
                .containsExactly(tuple("one", "One", ChangeKind.CHANGED), tuple("two", "Two", ChangeKind.CHANGED)));
        assertThat(log.accepted(HUB, 10)).extracting(Revision::seq).containsExactly(4L, 2L, 1L);
    }

    @Test
    void theLastAcceptedTreeAgainAfterARejectionMakesNoNewRevision() {
        // GIVEN r1 accepted, then r2 rejected
        Revision r1 = accepted(ingest.ingest(first, "push 1"));
        ingest.ingest(broken, "push 2");

        // WHEN the good tree of r1 is pushed again
        IngestResult again = ingest.ingest(tree("guides/a.md", page("A", "guides", 1, GUIDE)), "push 3");

        // THEN nothing new is recorded: it is r1, unchanged, and the log still ends with r2
        assertThat(again).isInstanceOfSatisfying(IngestResult.Unchanged.class, u -> assertThat(u.head()).isEqualTo(r1));
        assertThat(log.all(HUB)).extracting(Revision::seq).containsExactly(1L, 2L);
    }

    @Test
    void revisionTimesAreKeptToTheSecondWhateverTheClockGives() {
        // GIVEN a clock with nanoseconds, as the system clock has
        IngestRevision precise = new IngestRevision(HUB, gate, Gates.loader(), snapshots, log,
                Clock.fixed(Instant.parse("2026-12-02T04:07:18.460171388Z"), ZoneOffset.UTC));

        // WHEN a revision is made
        Revision r1 = accepted(precise.ingest(first, "push 1"));

        // THEN its time is whole seconds, which every channel's date formats accept
        assertThat(r1.createdAt()).isEqualTo(Instant.parse("2026-12-02T04:07:18Z"));
    }

    @Test
    void sameBrokenTreeAgainCreatesNoSecondRejection() {
        // given
        ingest.ingest(first, "push 1");
        ingest.ingest(broken, "push 2");
        // when
        IngestResult again = ingest.ingest(broken, "push 3");
        // then
        assertThat(again).isInstanceOf(IngestResult.Unchanged.class);
        assertThat(log.all(HUB)).extracting(Revision::status).containsExactly(RevisionStatus.ACCEPTED, RevisionStatus.REJECTED);
    }

    @Test
    void claimLostToAConcurrentWriterIsRetriedWithTheNextNumber() {
        // given: r1, then another writer claims r2 just before this ingest does
        ingest.ingest(first, "push 1");
        Revision competitor = new Revision(HUB, 2, "other-tree", 1, FixedClock.INSTANT, "", "other push",
                RevisionStatus.REJECTED, List.of(), ChangeSet.NONE, Map.of());
        log.beforeNextClaim(() -> log.claim(competitor));
        // when
        Revision mine = accepted(ingest.ingest(edited, "push 2"));
        // then
        assertThat(log.failedClaims()).isEqualTo(1);
        assertThat(mine.seq()).isEqualTo(3);
        assertThat(mine.parent()).isEqualTo(1);
        assertThat(log.all(HUB)).extracting(Revision::trigger).containsExactly("push 1", "other push", "push 2");
    }
}
