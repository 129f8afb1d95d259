package dev.hubpress.core.publish;

import dev.hubpress.core.content.ContentTree;
import dev.hubpress.core.gate.GateResult;
import dev.hubpress.core.gate.PublishGate;
import dev.hubpress.core.load.HubLoader;
import dev.hubpress.core.model.Hub;
import dev.hubpress.core.model.Page;
import dev.hubpress.core.port.RevisionLog;
import dev.hubpress.core.revision.ChangeSet;
import dev.hubpress.core.revision.ChangeSets;
import dev.hubpress.core.revision.Moves;
import dev.hubpress.core.revision.History;
import dev.hubpress.core.revision.Revision;
import dev.hubpress.core.revision.RevisionStatus;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Use case: turn a pushed content tree into a revision. Snapshot the blobs (those of the files that
 * changed since the last accepted revision: the others are stored already), skip a tree identical
 * to the head, pass the publish gate, compute the change set against the last accepted revision,
 * and claim the next sequence number.
 * <p>
 * Concurrent ingests of one hub (at-least-once notifications, several pushes at once) stay in the
 * order their trees were read: each attempt reads the head <em>before</em> it reads the tree, and
 * claims the number after that head conditionally. A claim that succeeds therefore holds a tree
 * read after every revision before it was recorded, and a claim lost to another writer reads the
 * tree again. So a slow ingest holding an older read can never land on top of a newer one, and
 * the newest revision is the tree as the last ingest found it.
 */
public final class IngestRevision {

    private static final int CLAIM_ATTEMPTS = 5;

    private final String hub;
    private final PublishGate gate;
    private final HubLoader loader;
    private final Snapshots snapshots;
    private final RevisionLog log;
    private final Clock clock;

    /**
     * @param loader reads the parent revision's changed pages for the change set (they passed the gate once already)
     */
    public IngestRevision(String hub, PublishGate gate, HubLoader loader, Snapshots snapshots, RevisionLog log, Clock clock) {
        this.hub = hub;
        this.gate = gate;
        this.loader = loader;
        this.snapshots = snapshots;
        this.log = log;
        this.clock = clock;
    }

    /** Ingests a tree read once (a local publish: nobody else writes the tree meanwhile). */
    public IngestResult ingest(ContentTree tree, String trigger) {
        return ingest(() -> tree, trigger);
    }

    /**
     * Ingests the tree as the source holds it now: read again on every attempt, each time after
     * the head (see the class comment), so that the revision claimed is never older than its parent.
     */
    public IngestResult ingest(Supplier<ContentTree> source, String trigger) {
        for (int attempt = 1; ; attempt++) {
            History history = log.recent(hub, PublishRevision.HISTORY);
            Optional<Revision> latest = history.latest();
            ContentTree tree = source.get();
            String treeHash = tree.hash();
            if (latest.isPresent() && latest.get().treeHash().equals(treeHash)) {
                return new IngestResult.Unchanged(latest.get(), history);
            }
            Optional<Revision> parent = history.lastAccepted();
            // Back to the last accepted tree after a rejected push: nothing new to publish, so no
            // empty revision, changelog entry or feed update either.
            if (parent.isPresent() && parent.get().treeHash().equals(treeHash)) {
                return new IngestResult.Unchanged(parent.get(), history);
            }
            // The parent's blobs are stored already: only the files that changed since are put.
            Map<String, String> parentFiles = parent.map(p -> snapshots.files(p.manifest())).orElse(Map.of());
            String manifest = snapshots.store(tree, parentFiles.values());
            GateResult result = gate.inspect(tree);
            long seq = latest.map(Revision::seq).orElse(0L) + 1;
            long parentSeq = parent.map(Revision::seq).orElse(0L);
            Revision revision;
            if (!result.passed()) {
                revision = new Revision(hub, seq, treeHash, parentSeq, now(), manifest, trigger,
                        RevisionStatus.REJECTED, result.errors(), ChangeSet.NONE, Map.of());
            } else {
                ChangeSet changes = changesAgainst(parent, parentFiles, result.hub().orElseThrow(), tree);
                revision = new Revision(hub, seq, treeHash, parentSeq, now(), manifest, trigger,
                        RevisionStatus.ACCEPTED, List.of(), changes, Map.of());
            }
            if (log.claim(revision)) {
                History after = claimed(history, revision);
                return revision.accepted()
                        ? new IngestResult.Accepted(revision, result.hub().orElseThrow(), after)
                        : new IngestResult.Rejected(revision, after);
            }
            lostClaim(attempt);
        }
    }

    /**
     * The history after claiming a revision, as a read of the log would return it now: no more
     * accepted revisions than every publish reads ({@link PublishRevision#HISTORY}), so a revision
     * published right after its ingest and the same revision published again by number (a
     * channel function, a rebuild) show the same revisions and give the same bytes.
     */
    private static History claimed(History history, Revision revision) {
        return history.with(revision).newest(PublishRevision.HISTORY);
    }

    /**
     * Records a rollback: a new revision whose tree is revision {@code seq}'s (its snapshot: nothing
     * is stored again, and the tree is not gated again, as it passed once), with the change set
     * against the last accepted revision, marked as {@linkplain ChangeSet#restores() restoring}
     * {@code seq}. The log stays append-only: the revisions in between stay in it. Claimed as an
     * ingest claims, so a push and a rollback at the same moment are put one after the other.
     */
    public RollbackResult restore(long seq, String trigger) {
        for (int attempt = 1; ; attempt++) {
            History history = log.recent(hub, PublishRevision.HISTORY);
            long newest = history.latest().map(Revision::seq).orElse(0L);
            Optional<Revision> found = seq < 1 || seq > newest ? Optional.empty()
                    : history.accepted(seq).or(() -> log.get(hub, seq));
            if (found.isEmpty()) {
                return new RollbackResult.Refused(RollbackResult.Refusal.UNKNOWN, "no revision r" + seq + " of hub " + hub
                        + (newest == 0 ? ": nothing is published yet" : " (the newest is r" + newest + ")"));
            }
            Revision target = found.get();
            if (!target.accepted()) {
                int errors = target.errors().size();
                return new RollbackResult.Refused(RollbackResult.Refusal.REJECTED, target.id() + " was rejected by the gate ("
                        + errors + (errors == 1 ? " error" : " errors") + "): only an accepted revision can be restored");
            }
            Revision parent = history.lastAccepted().orElseThrow();
            if (parent.treeHash().equals(target.treeHash())) {
                return new RollbackResult.Current(parent, target, history);
            }
            ContentTree tree = snapshots.load(target.manifest());
            Hub restored = loader.load(tree);
            ChangeSet changes = changesAgainst(Optional.of(parent), snapshots.files(parent.manifest()), restored, tree)
                    .restoring(seq);
            Revision revision = new Revision(hub, newest + 1, target.treeHash(), parent.seq(), now(), target.manifest(),
                    trigger, RevisionStatus.ACCEPTED, List.of(), changes, Map.of());
            if (log.claim(revision)) {
                return new RollbackResult.Restored(revision, restored, claimed(history, revision));
            }
            lostClaim(attempt);
        }
    }

    private void lostClaim(int attempt) {
        if (attempt == CLAIM_ATTEMPTS) {
            throw new IllegalStateException("could not claim a revision number for hub " + hub + " after "
                    + CLAIM_ATTEMPTS + " attempts: too many concurrent pushes");
        }
    }

    /**
     * The revision's time, to the second: every channel shows it (HTML {@code <time datetime>},
     * feeds, PDF metadata, email headers), and a second is what all of them accept.
     */
    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.SECONDS);
    }

    /**
     * Compares with the parent's pages whose files changed: only those are read back from its snapshot
     * (a removed page among them, whose body tells a move).
     */
    private ChangeSet changesAgainst(Optional<Revision> parent, Map<String, String> parentFiles, Hub current, ContentTree tree) {
        if (parent.isEmpty()) {
            return ChangeSets.first(current, tree.manifest());
        }
        Set<String> compare = ChangeSets.pagesToCompare(parentFiles, tree.manifest());
        List<Page> parentPages = compare.isEmpty() ? List.of() : loader.pages(snapshots.load(parentFiles, compare));
        ChangeSet changes = ChangeSets.between(parentPages, parentFiles, current, tree.manifest());
        // The parent's redirects are carried on, so a moved page's old URL outlives the history a publish reads.
        return changes.withMoved(Moves.carry(parent.get().changes().moved(), Moves.detect(parentPages, changes, current), current));
    }
}
