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
        Target t = Target.atLeast("pages", 100, " pages/s");

        assertThat(t.verdict(120)).isEqualTo("met (120 pages/s ≥ 100 pages/s)");
        assertThat(t.verdict(68)).isEqualTo("**missed** by 32.0 pages/s (68.0 pages/s < 100 pages/s, 1.47× short)");
    }

    @Test
    void aRatioIsMissedByAFactorNotByADifferenceOfRatios() {
        Target tenfold = Target.atLeast("guide", 10, "×");
        Target noSlower = Target.atMost("html", 1, "×");

        assertThat(tenfold.verdict(12)).isEqualTo("met (12.0× ≥ 10.0×)");
        assertThat(tenfold.verdict(6.8)).isEqualTo("**missed** by 1.47× (6.80× < 10.0×)");
        assertThat(noSlower.verdict(4.33)).isEqualTo("**missed** by 4.33× (4.33× > 1.00×)");
    }

    @Test
    void nothingMeasuredIsSaidSo() {
        assertThat(Target.atMost("x", 1, " s").verdict(Double.NaN)).isEqualTo("not measured");
    }
}
