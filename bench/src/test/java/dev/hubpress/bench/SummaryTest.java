package dev.hubpress.bench;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** What a side of a comparison reports from its runs. */
class SummaryTest {

    @Test
    void mediansMinimumMaximumPeakAndFailures() {
        // given three runs, one failed
        List<Timed> runs = List.of(
                new Timed(3.0, 2048, 5.0, 0, Map.of("site.ms", "300", "site.peakHeapMB", "90")),
                new Timed(1.0, 4096, 2.0, 1, Map.of("site.ms", "100", "site.peakHeapMB", "120")),
                new Timed(2.0, 1024, 4.0, 0, Map.of("site.ms", "200", "site.peakHeapMB", "60")));

        // when they are summarised
        Summary s = Summary.of(runs);

        // then the middle wall and CPU time, the extremes, RSS in MB, the failure, and the child's figures
        assertThat(s.median()).isEqualTo(2.0);
        assertThat(s.min()).isEqualTo(1.0);
        assertThat(s.max()).isEqualTo(3.0);
        assertThat(s.cpu()).isEqualTo(4.0);
        assertThat(s.rssMb()).isEqualTo(2.0);
        assertThat(s.rssMaxMb()).isEqualTo(4.0);
        assertThat(s.failures()).isEqualTo(1);
        assertThat(Summary.result(runs, "site.ms")).isEqualTo(200.0);
        assertThat(Summary.result(runs, "site.peakHeapMB")).as("a peak is the largest").isEqualTo(120.0);
        assertThat(Summary.result(runs, "guide.ms")).isNaN();
    }

    @Test
    void ratioIsOursOverThePeersMedian() {
        Summary ours = Summary.of(List.of(new Timed(6.0, 1, 1, 0, Map.of())));
        Summary peer = Summary.of(List.of(new Timed(2.0, 1, 1, 0, Map.of())));

        assertThat(ours.ratio(peer)).isEqualTo(3.0);
    }
}
