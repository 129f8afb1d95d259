package dev.hubpress.core.channel;

import dev.hubpress.core.model.Hub;
import dev.hubpress.core.revision.Lineage;
import dev.hubpress.core.revision.Revision;

import java.util.ArrayList;
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

    /**
     * The revisions this edition's content is made of, newest first ({@link Lineage}): its history
     * without rollbacks and what they undid. What a channel dates pages from, where the history is
     * what it lists as history (the changelog, feed entries).
     */
    public List<Revision> lineage() {
        List<Revision> shown = new ArrayList<>();
        shown.add(revision);
        history.stream().filter(r -> r.seq() < revision.seq()).forEach(shown::add);
        return Lineage.of(shown);
    }

    /**
     * The revision whose content this edition shows, as that content was first published: the
     * revision itself, or for a rollback of rN the revision rN's content came from. A channel that
     * stamps its output with a revision (the guide) stamps this one, so a rollback republishes the
     * earlier output byte for byte.
     */
    public Revision content() {
        List<Revision> lineage = lineage();
        return lineage.isEmpty() ? revision : lineage.get(0);
    }
}
