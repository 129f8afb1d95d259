package dev.hubpress.core.testing;

import dev.hubpress.core.content.ContentTree;
import dev.hubpress.core.gate.GateLimits;
import dev.hubpress.core.gate.PublishGate;
import dev.hubpress.core.markdown.MarkdownEngine;
import dev.hubpress.core.model.Hub;
import dev.hubpress.core.channel.Artifact;
import dev.hubpress.core.channel.Edition;
import dev.hubpress.core.revision.ChangeSet;
import dev.hubpress.core.revision.ChangeSets;
import dev.hubpress.core.revision.Moves;
import dev.hubpress.core.revision.Revision;
import dev.hubpress.core.revision.RevisionStatus;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Editions for channel tests, built the way the publish pipeline builds them: a first revision of
 * a content tree, then revisions that change it, each with its change set against the one before.
 */
public final class Editions {

    public static final MarkdownEngine MARKDOWN = MarkdownEngine.standard();
    public static final PublishGate GATE = Gates.gate();
    public static final Instant FIRST = Instant.parse("2026-11-01T09:30:00Z");

    private Editions() {
    }

    public static Hub hub(ContentTree tree) {
        return GATE.inspect(tree).hub().orElseThrow(() -> new AssertionError(GATE.inspect(tree).errors()));
    }

    /** The first revision of a tree: every page added. */
    public static Edition firstEdition(ContentTree tree) {
        Hub hub = hub(tree);
        ChangeSet changes = ChangeSets.first(hub, tree.manifest());
        Revision r1 = revision(1, 0, FIRST, tree, changes);
        return new Edition(hub, r1, List.of(r1));
    }

    /** The next revision on top of {@code previous} (whose tree was {@code previousTree}), one day later. */
    public static Edition nextEdition(Edition previous, ContentTree previousTree, ContentTree tree) {
        Hub hub = hub(tree);
        ChangeSet between = ChangeSets.between(previous.hub().pages(), previousTree.manifest(), hub, tree.manifest());
        ChangeSet changes = between.withMoved(Moves.carry(previous.revision().changes().moved(),
                Moves.detect(previous.hub().pages(), between, hub), hub));
        Revision next = revision(previous.revision().seq() + 1, previous.revision().seq(),
                previous.revision().createdAt().plusSeconds(86_400), tree, changes);
        List<Revision> history = new ArrayList<>();
        history.add(next);
        history.addAll(previous.history());
        return new Edition(hub, next, history);
    }

    /**
     * A rollback on top of {@code previous}, one day later: its tree is {@code restored}'s (a revision
     * of this history), and its change set, against {@code previous}, says it restores that revision.
     */
    public static Edition rollbackEdition(Edition previous, ContentTree previousTree, Edition restored, ContentTree restoredTree) {
        Edition next = nextEdition(previous, previousTree, restoredTree);
        Revision rollback = revision(next.revision().seq(), previous.revision().seq(), next.revision().createdAt(),
                restoredTree, next.revision().changes().restoring(restored.revision().seq()));
        List<Revision> history = new ArrayList<>();
        history.add(rollback);
        history.addAll(previous.history());
        return new Edition(next.hub(), rollback, history);
    }

    public static Revision revision(long seq, long parent, Instant at, ContentTree tree, ChangeSet changes) {
        return new Revision("hub", seq, tree.hash(), parent, at, "manifest-" + seq, "test",
                RevisionStatus.ACCEPTED, List.of(), changes, Map.of());
    }

    public static String text(Artifact artifact) {
        return new String(artifact.bytes(), StandardCharsets.UTF_8);
    }

    public static Artifact find(List<Artifact> artifacts, String key) {
        return artifacts.stream().filter(a -> a.key().equals(key)).findFirst()
                .orElseThrow(() -> new AssertionError("no artifact " + key + " among "
                        + artifacts.stream().map(Artifact::key).toList()));
    }
}
