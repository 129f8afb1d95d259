package dev.hubpress.core.revision;

import dev.hubpress.core.channel.Edition;
import dev.hubpress.core.model.Hub;
import dev.hubpress.core.testing.ContentFixtures;
import dev.hubpress.core.testing.Editions;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.hubpress.core.testing.MailFixtures.added;
import static dev.hubpress.core.testing.MailFixtures.changed;
import static dev.hubpress.core.testing.MailFixtures.revision;
import static org.assertj.core.api.Assertions.assertThat;

/** A rollback's content is the restored revision's: its lineage, what feeds announce, what an edition stamps. */
class LineageTest {

    private static Revision rollback(long seq, long restores, PageChange... pages) {
        return revision("hub", seq, new ChangeSet(List.of(pages), List.of(), restores));
    }

    private static List<Long> seqs(List<Revision> revisions) {
        return revisions.stream().map(Revision::seq).toList();
    }

    @Test
    void aRollbackLeavesItselfAndWhatItUndidOutOfTheLineage() {
        Revision r1 = revision(1, added("a"));
        Revision r2 = revision(2, changed("a", "x"));
        Revision r3 = rollback(3, 1, changed("a", "x"));
        Revision r4 = revision(4, changed("a", "y"));
        assertThat(seqs(Lineage.of(List.of(r3, r2, r1)))).containsExactly(1L);
        assertThat(seqs(Lineage.of(List.of(r4, r3, r2, r1)))).containsExactly(4L, 1L);
        assertThat(seqs(Lineage.of(List.of(r2, r1)))).containsExactly(2L, 1L);
    }

    @Test
    void rollingBackToAnUndoneRevisionOrToARollbackFollowsWhatThatOneWasMadeOf() {
        Revision r1 = revision(1, added("a"));
        Revision r2 = revision(2, changed("a", "x"));
        Revision r3 = rollback(3, 1, changed("a", "x"));
        // r4 restores r2 (undone by r3): r2's content again
        assertThat(seqs(Lineage.of(List.of(rollback(4, 2), r3, r2, r1)))).containsExactly(2L, 1L);
        // r4 restores r3, itself a rollback to r1: r1's content
        assertThat(seqs(Lineage.of(List.of(rollback(4, 3), r3, r2, r1)))).containsExactly(1L);
    }

    @Test
    void anEditionOfARollbackShowsTheRestoredRevisionsContentAndKeepsTheWholeHistory() {
        Revision r1 = revision(1, added("a"));
        Revision r2 = revision(2, changed("a", "x"));
        Revision r3 = rollback(3, 1, changed("a", "x"));
        Hub hub = Editions.hub(ContentFixtures.tree("guides/a.md", ContentFixtures.page("A", "guides", 1, "Text.\n")));
        Edition edition = new Edition(hub, r3, List.of(r3, r2, r1));
        assertThat(edition.content()).isEqualTo(r1);
        assertThat(seqs(edition.lineage())).containsExactly(1L);
        assertThat(seqs(edition.history())).containsExactly(3L, 2L, 1L);
        assertThat(new Edition(hub, r2, List.of(r3, r2, r1)).content()).isEqualTo(r2);
    }

    @Test
    void aRollbacksSummarySaysWhatItRestores() {
        assertThat(new ChangeSet(List.of(changed("a", "x")), List.of(), 1).summary()).isEqualTo("restores r1: 1 page changed");
        assertThat(new ChangeSet(List.of(), List.of("hub.yaml"), 4).summary()).isEqualTo("restores r4: 1 settings/data file changed");
        assertThat(new ChangeSet(List.of(changed("a", "x"), changed("b")), List.of(), 0).summary()).isEqualTo("2 pages changed");
        assertThat(rollback(3, 1).isRollback()).isTrue();
        assertThat(rollback(3, 1).restores()).isEqualTo(1);
        assertThat(revision(2).isRollback()).isFalse();
    }

    @Test
    void feedsAnnounceARollbackWithItsOwnChangesAndNeverTheHeldBackRevisionsItUndid() {
        ChannelStatus failed = ChannelStatus.failed(1, "site down");
        ChannelStatus done = ChannelStatus.done(1, 1, 1, "listing");
        Revision r1 = revision(1, added("a")).withChannel(Announcements.SITE, done);
        Revision r2 = revision(2, added("b")).withChannel(Announcements.SITE, failed);
        Revision r3 = rollback(3, 1, new PageChange("b", "Page b", ChangeKind.REMOVED, false, List.of()))
                .withChannel(Announcements.SITE, done);
        List<Announcements.Announcement> announced = Announcements.of(List.of(r3, r2, r1));
        assertThat(announced).extracting(a -> a.revision().seq()).containsExactly(3L, 1L);
        // r2's page was never announced (its site failed) and r3 undid it: r3 announces its own change only
        assertThat(announced.get(0).changes()).isEqualTo(r3.changes());
        // without the rollback, r2 held back would have been merged into r3
        Revision r3edit = revision(3, changed("a", "x")).withChannel(Announcements.SITE, done);
        assertThat(Announcements.of(List.of(r3edit, r2, r1)).get(0).changes().pages()).extracting(PageChange::slug)
                .containsExactly("b", "a");
    }
}
