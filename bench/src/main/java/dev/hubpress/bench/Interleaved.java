package dev.hubpress.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * Ours and a peer measured in turns, A B A B …: one untimed warm-up of each (round 0), then
 * {@code runs} measured rounds, so that a change in the machine's load falls on both alike.
 */
final class Interleaved {

    /** One run of a side: prepare (untimed), then one timed whole process. Round 0 is the warm-up. */
    @FunctionalInterface
    interface Trial {
        Timed run(int round) throws Exception;
    }

    /** The measured runs of each side, in the order they ran (warm-ups left out). */
    record Runs(List<Timed> ours, List<Timed> peer) {
    }

    private Interleaved() {
    }

    /** A B A B …; {@code peer} may be null when a job has no peer (then only A runs). */
    static Runs run(int runs, Trial ours, Trial peer) throws Exception {
        List<Timed> a = new ArrayList<>();
        List<Timed> b = new ArrayList<>();
        for (int round = 0; round <= runs; round++) {
            Timed x = ours.run(round);
            Timed y = peer == null ? null : peer.run(round);
            if (round > 0) {
                a.add(x);
                if (y != null) {
                    b.add(y);
                }
            }
        }
        return new Runs(List.copyOf(a), List.copyOf(b));
    }
}
