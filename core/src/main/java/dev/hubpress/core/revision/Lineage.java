package dev.hubpress.core.revision;

import java.util.ArrayList;
import java.util.List;

/**
 * The revisions whose changes the newest one's content is made of. The log is append-only, so a
 * rollback is a revision too: rK restoring rN has rN's tree, and what its content is made of is
 * rN's lineage, not rK's own change set nor those of the revisions between rN and rK, which it
 * undoes. Walking the history newest first, a rollback is left out and so is every revision
 * after the one it restores; everything else is kept.
 * <p>
 * Pages are dated from it (a restored page keeps the date it had in rN), the guide is stamped
 * with its newest revision (rN's guide, byte for byte), and digests tell subscribers only the
 * changes in it (a rollback itself is never mailed, and neither is what it undid).
 */
public final class Lineage {

    private Lineage() {
    }

    /**
     * @param newestFirst accepted revisions, newest first (a {@link History}'s, or an edition's)
     * @return the lineage of the first of them, newest first; empty when the revision a rollback
     *         restores is older than the revisions given
     */
    public static List<Revision> of(List<Revision> newestFirst) {
        List<Revision> lineage = new ArrayList<>();
        long bound = Long.MAX_VALUE;
        for (Revision revision : newestFirst) {
            if (revision.seq() > bound) {
                continue;
            }
            if (revision.isRollback()) {
                bound = revision.restores();
                continue;
            }
            lineage.add(revision);
        }
        return lineage;
    }
}
