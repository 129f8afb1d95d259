package dev.hubpress.core.publish;

import dev.hubpress.core.model.Hub;
import dev.hubpress.core.revision.Revision;

/** The outcome of ingesting a content tree. */
public sealed interface IngestResult {

    /** The tree is identical to the head revision: nothing was created. */
    record Unchanged(Revision head) implements IngestResult {
    }

    /** A new revision passed the gate and is ready for the channels. */
    record Accepted(Revision revision, Hub hub) implements IngestResult {
    }

    /** A new revision failed the gate; its errors are on it. Nothing published changes. */
    record Rejected(Revision revision) implements IngestResult {
    }
}
