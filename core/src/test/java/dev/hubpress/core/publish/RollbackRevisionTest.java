package dev.hubpress.core.publish;

import dev.hubpress.core.content.ContentTree;
import dev.hubpress.core.revision.ChangeKind;
import dev.hubpress.core.revision.PageChange;
import dev.hubpress.core.revision.Revision;
import dev.hubpress.core.revision.SectionChange;
import dev.hubpress.core.testing.FixedClock;
import dev.hubpress.core.testing.Gates;
import dev.hubpress.core.testing.InMemoryBlobStore;
import dev.hubpress.core.testing.InMemoryRevisionLog;
import org.junit.jupiter.api.Test;

import static dev.hubpress.core.testing.ContentFixtures.page;
import static dev.hubpress.core.testing.ContentFixtures.tree;
import static org.assertj.core.api.Assertions.assertThat;

/** {@link IngestRevision#restore}: a rollback is a new revision with an earlier revision's tree, or a refusal that records nothing. */
class RollbackRevisionTest {

    private static final String HUB = "test";
    private static final String GUIDE = "## One\n\nFirst.\n\n## Two\n\nSecond.\n";

    private final InMemoryBlobStore blobs = new InMemoryBlobStore();
    private final Snapshots snapshots = new Snapshots(blobs);
    private final InMemoryRevisionLog log = new InMemoryRevisionLog();
    private final IngestRevision ingest = new IngestRevision(HUB, Gates.gate(), Gates.loader(), snapshots, log, FixedClock.standard());

    private final ContentTree first = tree("guides/a.md", page("A", "guides", 1, GUIDE));
    private final ContentTree edited = tree("guides/a.md", page("A", "guides", 1, GUIDE.replace("Second.", "Second, edited.")),
            "guides/b.md", page("B", "guides", 2, "## Three\n\nThird.\n"));
    private final ContentTree broken = tree("guides/a.md", page("A", "guides", 1, GUIDE + "\n[x](missing.md)\n"));

    private Revision ingested(ContentTree tree) {
        return ((IngestResult.Accepted) ingest.ingest(tree, "push")).revision();
    }

    @Test
    void restoringR1AfterR2RecordsR3WithR1sTreeAndWhatWentBack() {
        // GIVEN r1, then r2 editing a section and adding a page
        Revision r1 = ingested(first);
        Revision r2 = ingested(edited);
        int blobsBefore = blobs.size();
        // WHEN r1 is restored
        RollbackResult result = ingest.restore(1, "local rollback");
        // THEN r3 has r1's tree and snapshot, r2 as parent, and the change set back from r2 to r1
        assertThat(result).isInstanceOf(RollbackResult.Restored.class);
        RollbackResult.Restored restored = (RollbackResult.Restored) result;
        Revision r3 = restored.revision();
        assertThat(r3.id()).isEqualTo("r3");
        assertThat(r3.accepted()).isTrue();
        assertThat(r3.treeHash()).isEqualTo(r1.treeHash());
        assertThat(r3.manifest()).isEqualTo(r1.manifest());
        assertThat(r3.parent()).isEqualTo(2);
        assertThat(r3.trigger()).isEqualTo("local rollback");
        assertThat(r3.restores()).isEqualTo(1);
        assertThat(r3.changes().summary()).isEqualTo("restores r1: 1 page changed, 1 removed");
        assertThat(r3.changes().pages()).extracting(PageChange::slug, PageChange::kind)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("guides/a", ChangeKind.CHANGED),
                        org.assertj.core.groups.Tuple.tuple("guides/b", ChangeKind.REMOVED));
        assertThat(r3.changes().pages().get(0).sections()).extracting(SectionChange::anchor).containsExactly("two");
        assertThat(restored.hub().pages()).extracting(p -> p.slug()).containsExactly("index", "guides/a");
        assertThat(restored.history().lastAccepted()).contains(r3);
        // history stays append-only, and nothing new is stored: the snapshot is r1's
        assertThat(log.all(HUB)).extracting(Revision::seq).containsExactly(1L, 2L, 3L);
        assertThat(log.get(HUB, 2)).contains(r2);
        assertThat(blobs.size()).isEqualTo(blobsBefore);
        // pushing r1's tree again now changes nothing: it is the head's
        assertThat(ingest.ingest(first, "push")).isInstanceOf(IngestResult.Unchanged.class);
    }

    @Test
    void anUnknownRevisionIsRefusedAndNothingIsRecorded() {
        assertThat(ingest.restore(1, "rollback")).isEqualTo(new RollbackResult.Refused(RollbackResult.Refusal.UNKNOWN,
                "no revision r1 of hub test: nothing is published yet"));
        ingested(first);
        ingested(edited);
        assertThat(ingest.restore(9, "rollback")).isEqualTo(new RollbackResult.Refused(RollbackResult.Refusal.UNKNOWN,
                "no revision r9 of hub test (the newest is r2)"));
        assertThat(ingest.restore(0, "rollback")).isInstanceOf(RollbackResult.Refused.class);
        assertThat(log.all(HUB)).hasSize(2);
    }

    @Test
    void aRejectedRevisionIsRefused() {
        ingested(first);
        ingest.ingest(broken, "push");
        ingested(edited);
        assertThat(ingest.restore(2, "rollback")).isEqualTo(new RollbackResult.Refused(RollbackResult.Refusal.REJECTED,
                "r2 was rejected by the gate (1 error): only an accepted revision can be restored"));
        assertThat(log.all(HUB)).hasSize(3);
    }

    @Test
    void restoringTheTreeTheHubHasAlreadyRecordsNothing() {
        Revision r1 = ingested(first);
        Revision r2 = ingested(edited);
        // the head itself
        assertThat(ingest.restore(2, "rollback")).isInstanceOfSatisfying(RollbackResult.Current.class, c -> {
            assertThat(c.head()).isEqualTo(r2);
            assertThat(c.target()).isEqualTo(r2);
        });
        // r1 once restored: r3 has its tree, so restoring r1 (or r3) again is nothing to do
        Revision r3 = ((RollbackResult.Restored) ingest.restore(1, "rollback")).revision();
        assertThat(ingest.restore(1, "rollback")).isInstanceOfSatisfying(RollbackResult.Current.class, c -> {
            assertThat(c.head()).isEqualTo(r3);
            assertThat(c.target()).isEqualTo(r1);
        });
        assertThat(log.all(HUB)).hasSize(3);
        // and r2 can be restored again: rolling forward is a rollback too
        Revision r4 = ((RollbackResult.Restored) ingest.restore(2, "rollback")).revision();
        assertThat(r4.treeHash()).isEqualTo(r2.treeHash());
        assertThat(r4.restores()).isEqualTo(2);
    }
}
