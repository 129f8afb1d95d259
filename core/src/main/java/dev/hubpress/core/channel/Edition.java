package dev.hubpress.core.channel;

import dev.hubpress.core.model.Hub;
import dev.hubpress.core.revision.Revision;

import java.util.List;

/**
 * The hub as of one accepted revision, with its recent history: everything a channel renderer
 * needs, so that its output is a pure function of the edition.
 *
 * @param history accepted revisions newest first, this one included
 */
public record Edition(Hub hub, Revision revision, List<Revision> history) {

    public Edition {
        history = List.copyOf(history);
        if (!revision.accepted()) {
            throw new IllegalArgumentException("only accepted revisions are published: " + revision.id());
        }
    }
}
