package dev.hubpress.core.revision;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The newest part of a hub's revision log, read at once: the newest revision whatever its status
 * (an ingest compares its tree), and the newest accepted revisions (the parent of the next one,
 * and the history a channel shows). A publish reads it once and keeps it up to date in memory as
 * it claims a revision and records channel outcomes.
 *
 * @param latest   the newest revision, accepted or rejected; empty for a hub with none yet
 * @param accepted accepted revisions, newest first
 */
public record History(Optional<Revision> latest, List<Revision> accepted) {

    public History {
        accepted = List.copyOf(accepted);
    }

    /** A hub with no revision yet. */
    public static History empty() {
        return new History(Optional.empty(), List.of());
    }

    /** The newest accepted revision: the parent of the next one. */
    public Optional<Revision> lastAccepted() {
        return accepted.stream().findFirst();
    }

    /** The accepted revision with that number, if it is among these. */
    public Optional<Revision> accepted(long seq) {
        return accepted.stream().filter(r -> r.seq() == seq).findFirst();
    }

    /** Accepted revisions up to and including {@code seq}, newest first: what an edition of {@code seq} shows. */
    public List<Revision> upTo(long seq) {
        return accepted.stream().filter(r -> r.seq() <= seq).toList();
    }

    /** This history after claiming a revision: it is the newest, and the newest accepted if it is accepted. */
    public History with(Revision claimed) {
        List<Revision> newer = new ArrayList<>();
        if (claimed.accepted()) {
            newer.add(claimed);
        }
        accepted.stream().filter(r -> r.seq() != claimed.seq()).forEach(newer::add);
        return new History(Optional.of(claimed), newer);
    }

    /**
     * This history with only its newest {@code n} accepted revisions: what a read of the log for
     * {@code n} accepted revisions returns.
     */
    public History newest(int n) {
        return accepted.size() <= n ? this : new History(latest, accepted.subList(0, n));
    }

    /** This history with a revision replaced by a newer copy of itself (a channel outcome recorded on it). */
    public History replacing(Revision updated) {
        Optional<Revision> newest = latest.map(r -> r.seq() == updated.seq() ? updated : r);
        return new History(newest, accepted.stream().map(r -> r.seq() == updated.seq() ? updated : r).toList());
    }
}
