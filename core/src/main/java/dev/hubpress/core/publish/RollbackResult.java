package dev.hubpress.core.publish;

import dev.hubpress.core.model.Hub;
import dev.hubpress.core.revision.History;
import dev.hubpress.core.revision.Revision;

/**
 * The outcome of a rollback ({@link IngestRevision#restore}), with the hub's history as it left it.
 */
public sealed interface RollbackResult {

    /** A new revision, whose tree is the restored one's, is recorded and ready for the channels. */
    record Restored(Revision revision, Hub hub, History history) implements RollbackResult {
    }

    /** The last accepted revision has that tree already: nothing was recorded. */
    record Current(Revision head, Revision target, History history) implements RollbackResult {
    }

    /** Nothing was recorded, for the reason said. */
    record Refused(Refusal reason, String message) implements RollbackResult {
    }

    /** Why a revision cannot be restored. */
    enum Refusal {
        /** The hub has no revision with that number. */
        UNKNOWN,
        /** That revision failed the gate: there is nothing published to go back to. */
        REJECTED
    }
}
