package dev.hubpress.core.publish;

import dev.hubpress.core.model.Hub;
import dev.hubpress.core.revision.History;
import dev.hubpress.core.revision.Revision;

/**
 * The outcome of ingesting a content tree, with the hub's history as the ingest left it (read
 * once, the new revision included), so that publishing needs no second read of the log.
 */
public sealed interface IngestResult {

    History history();

    /** The tree is identical to the head revision: nothing was created. */
    record Unchanged(Revision head, History history) implements IngestResult {
    }

    /** A new revision passed the gate and is ready for the channels. */
    record Accepted(Revision revision, Hub hub, History history) implements IngestResult {
    }

    /** A new revision failed the gate; its errors are on it. Nothing published changes. */
    record Rejected(Revision revision, History history) implements IngestResult {
    }
}
