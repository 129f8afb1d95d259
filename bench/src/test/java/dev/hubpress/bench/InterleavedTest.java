package dev.hubpress.bench;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Ours and the peer take turns, after one warm-up each, and the warm-ups are not counted. */
class InterleavedTest {

    private static Timed timed(double seconds) {
        return new Timed(seconds, 1024, seconds, 0, Map.of());
    }

    @Test
    void runsAWarmUpOfEachThenAlternatesAndKeepsOnlyTheMeasuredRuns() throws Exception {
        // given two sides that note when they run
        List<String> order = new ArrayList<>();

        // when three rounds are measured
        Interleaved.Runs runs = Interleaved.run(3,
                round -> { order.add("A" + round); return timed(10 + round); },
                round -> { order.add("B" + round); return timed(20 + round); });

        // then A B A B …, the warm-ups (round 0) first and left out of the figures
        assertThat(order).containsExactly("A0", "B0", "A1", "B1", "A2", "B2", "A3", "B3");
        assertThat(runs.ours()).extracting(Timed::seconds).containsExactly(11.0, 12.0, 13.0);
        assertThat(runs.peer()).extracting(Timed::seconds).containsExactly(21.0, 22.0, 23.0);
    }

    @Test
    void withoutAPeerOnlyOursRuns() throws Exception {
        List<String> order = new ArrayList<>();

        Interleaved.Runs runs = Interleaved.run(2, round -> { order.add("A" + round); return timed(round); }, null);

        assertThat(order).containsExactly("A0", "A1", "A2");
        assertThat(runs.peer()).isEmpty();
    }
}
