package dev.hubpress.core.revision;

import dev.hubpress.core.content.ContentTree;
import dev.hubpress.core.publish.IngestResult;
import dev.hubpress.core.publish.IngestRevision;
import dev.hubpress.core.publish.Snapshots;
import dev.hubpress.core.testing.FixedClock;
import dev.hubpress.core.testing.Gates;
import dev.hubpress.core.testing.InMemoryBlobStore;
import dev.hubpress.core.testing.InMemoryRevisionLog;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static dev.hubpress.core.testing.ContentFixtures.page;
import static dev.hubpress.core.testing.ContentFixtures.tree;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A page removed and a page added with the same body in one revision is a move: its old slug
 * redirects to the new one, in that revision and every later one, until a page takes the old slug
 * again or the page goes.
 */
class MovesTest {

    private static final String BODY = "## One\n\nThe text that moves.\n";
    private static final String OTHER = "## Other\n\nSomething else.\n";

    private final InMemoryRevisionLog log = new InMemoryRevisionLog();
    private final IngestRevision ingest = new IngestRevision("hub", Gates.gate(), Gates.loader(),
            new Snapshots(new InMemoryBlobStore()), log, FixedClock.standard());

    private ChangeSet push(ContentTree tree) {
        IngestResult result = ingest.ingest(tree, "test");
        assertThat(result).isInstanceOf(IngestResult.Accepted.class);
        return ((IngestResult.Accepted) result).revision().changes();
    }

    @Test
    void aRenameRedirectsTheOldSlugAndLaterRevisionsKeepIt() {
        push(tree("guides/old.md", page("Old", "guides", 1, BODY), "guides/b.md", page("B", "guides", 2, OTHER)));

        // r2: renamed and retitled, same body
        ChangeSet r2 = push(tree("guides/new.md", page("New title", "guides", 1, BODY), "guides/b.md", page("B", "guides", 2, OTHER)));
        // r3: an unrelated edit
        ChangeSet r3 = push(tree("guides/new.md", page("New title", "guides", 1, BODY),
                "guides/b.md", page("B", "guides", 2, OTHER + "\nMore.\n")));

        assertThat(r2.moved()).isEqualTo(Map.of("guides/old", "guides/new"));
        assertThat(r2.pages()).extracting(PageChange::kind).containsExactlyInAnyOrder(ChangeKind.ADDED, ChangeKind.REMOVED);
        assertThat(r3.moved()).isEqualTo(Map.of("guides/old", "guides/new"));
        assertThat(r3.isEmpty()).isFalse();
        assertThat(log.get("hub", 3).orElseThrow().changes().moved()).containsEntry("guides/old", "guides/new");
    }

    @Test
    void aSecondMoveCollapsesTheChainToTheNewestSlug() {
        push(tree("guides/a.md", page("A", "guides", 1, BODY)));
        push(tree("guides/b.md", page("A", "guides", 1, BODY)));

        ChangeSet r3 = push(tree("c.md", page("A", "guides", 1, BODY)));

        assertThat(r3.moved()).isEqualTo(Map.of("guides/a", "c", "guides/b", "c"));
    }

    @Test
    void aPageTakingTheOldSlugAgainEndsTheRedirect() {
        push(tree("guides/a.md", page("A", "guides", 1, BODY)));
        push(tree("guides/b.md", page("A", "guides", 1, BODY)));

        ChangeSet r3 = push(tree("guides/b.md", page("A", "guides", 1, BODY), "guides/a.md", page("New A", "guides", 2, OTHER)));

        assertThat(r3.moved()).isEmpty();
    }

    @Test
    void removingTheMovedPageEndsItsRedirect() {
        push(tree("guides/a.md", page("A", "guides", 1, BODY)));
        push(tree("guides/b.md", page("A", "guides", 1, BODY)));

        ChangeSet r3 = push(tree("guides/c.md", page("C", "guides", 1, OTHER)));

        assertThat(r3.moved()).isEmpty();
    }

    @Test
    void aBodyEditedWhileMovingIsNoMove() {
        push(tree("guides/a.md", page("A", "guides", 1, BODY)));

        ChangeSet r2 = push(tree("guides/b.md", page("A", "guides", 1, BODY + "\nAn edit.\n")));

        assertThat(r2.moved()).isEmpty();
    }

    @Test
    void lineEndingsAndSurroundingBlanksAreNotPartOfTheIdentity() {
        push(tree("guides/a.md", page("A", "guides", 1, BODY)));

        ChangeSet r2 = push(tree("guides/b.md", page("A", "guides", 1, "\n\n" + BODY.replace("\n", "\r\n") + "\n\n")));

        assertThat(r2.moved()).isEqualTo(Map.of("guides/a", "guides/b"));
    }

    @Test
    void twoRemovedPagesWithOneBodyAreAmbiguousAndNotMoved() {
        push(tree("guides/a.md", page("A", "guides", 1, BODY), "guides/b.md", page("B", "guides", 2, BODY)));

        ChangeSet r2 = push(tree("guides/c.md", page("C", "guides", 1, BODY)));

        assertThat(r2.moved()).isEmpty();
    }

    @Test
    void changeSetsRecordedBeforeMovesHaveNoneAndMovesAloneAreNoChange() {
        ChangeSet withMoves = new ChangeSet(java.util.List.of(), java.util.List.of(), Map.of("a", "b"));

        assertThat(withMoves.isEmpty()).isTrue();
        assertThat(new ChangeSet(java.util.List.of(), java.util.List.of(), null).moved()).isEmpty();
        assertThat(withMoves.withMoved(Map.of()).moved()).isEmpty();
    }
}
