package dev.hubpress.core.publish;

import dev.hubpress.core.content.ContentTree;
import dev.hubpress.core.gate.GateResult;
import dev.hubpress.core.gate.PublishGate;
import dev.hubpress.core.model.Hub;
import dev.hubpress.core.port.RevisionLog;
import dev.hubpress.core.revision.ChangeSet;
import dev.hubpress.core.revision.ChangeSets;
import dev.hubpress.core.revision.Revision;
import dev.hubpress.core.revision.RevisionStatus;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Use case: turn a pushed content tree into a revision. Snapshot the blobs, skip a tree identical
 * to the head, pass the publish gate, compute the change set against the last accepted revision,
 * and claim the next sequence number.
 */
public final class IngestRevision {

    private static final int CLAIM_ATTEMPTS = 5;

    private final String hub;
    private final PublishGate gate;
    private final Snapshots snapshots;
    private final RevisionLog log;
    private final Clock clock;

    public IngestRevision(String hub, PublishGate gate, Snapshots snapshots, RevisionLog log, Clock clock) {
        this.hub = hub;
        this.gate = gate;
        this.snapshots = snapshots;
        this.log = log;
        this.clock = clock;
    }

    public IngestResult ingest(ContentTree tree, String trigger) {
        String treeHash = tree.hash();
        for (int attempt = 1; ; attempt++) {
            Optional<Revision> latest = log.latest(hub);
            if (latest.isPresent() && latest.get().treeHash().equals(treeHash)) {
                return new IngestResult.Unchanged(latest.get());
            }
            String manifest = snapshots.store(tree);
            GateResult result = gate.inspect(tree);
            long seq = latest.map(Revision::seq).orElse(0L) + 1;
            Optional<Revision> parent = log.accepted(hub, 1).stream().findFirst();
            long parentSeq = parent.map(Revision::seq).orElse(0L);
            Revision revision;
            if (!result.passed()) {
                revision = new Revision(hub, seq, treeHash, parentSeq, clock.instant(), manifest, trigger,
                        RevisionStatus.REJECTED, result.errors(), ChangeSet.NONE, Map.of());
            } else {
                ChangeSet changes = changesAgainst(parent, result.hub().orElseThrow(), tree);
                revision = new Revision(hub, seq, treeHash, parentSeq, clock.instant(), manifest, trigger,
                        RevisionStatus.ACCEPTED, List.of(), changes, Map.of());
            }
            if (log.claim(revision)) {
                return revision.accepted()
                        ? new IngestResult.Accepted(revision, result.hub().orElseThrow())
                        : new IngestResult.Rejected(revision);
            }
            if (attempt == CLAIM_ATTEMPTS) {
                throw new IllegalStateException("could not claim a revision number for hub " + hub + " after "
                        + CLAIM_ATTEMPTS + " attempts: too many concurrent pushes");
            }
        }
    }

    private ChangeSet changesAgainst(Optional<Revision> parent, Hub current, ContentTree tree) {
        if (parent.isEmpty()) {
            return ChangeSets.between(null, Map.of(), current, tree.manifest());
        }
        ContentTree parentTree = snapshots.load(parent.get().manifest());
        Hub parentHub = gate.inspect(parentTree).hub().orElseThrow(() ->
                new IllegalStateException("accepted revision " + parent.get().id() + " no longer passes the gate"));
        return ChangeSets.between(parentHub, parentTree.manifest(), current, tree.manifest());
    }
}
