package dev.hubpress.bench;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** A target says met, or missed and by how much, in both directions. */
class TargetTest {

    @Test
    void anUpperLimitIsMetAtOrUnderItAndMissedByTheExcessAbove() {
        Target t = Target.atMost("edit", 1.5, " s");

        assertThat(t.verdict(1.5)).isEqualTo("met (1.50 s ≤ 1.50 s)");
        assertThat(t.verdict(4.2)).isEqualTo("**missed** by 2.70 s (4.20 s > 1.50 s, 2.80× the limit)");
    }

    @Test
    void aLowerLimitIsMetAtOrAboveItAndMissedByTheShortfall() {
        Target t = Target.atLeast("guide", 10, "×");

        assertThat(t.verdict(12)).isEqualTo("met (12.0× ≥ 10.0×)");
        assertThat(t.verdict(6.8)).isEqualTo("**missed** by 3.20× (6.80× < 10.0×, 1.47× short)");
    }

    @Test
    void nothingMeasuredIsSaidSo() {
        assertThat(Target.atMost("x", 1, " s").verdict(Double.NaN)).isEqualTo("not measured");
    }
}
