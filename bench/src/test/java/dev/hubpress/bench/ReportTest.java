package dev.hubpress.bench;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The Markdown the side-by-side benchmark prints. */
class ReportTest {

    private static Summary summary(double... seconds) {
        return Summary.of(java.util.Arrays.stream(seconds).mapToObj(s -> new Timed(s, 512 * 1024, s * 2, 0, Map.of())).toList());
    }

    @Test
    void aComparisonRowGivesMediansRangesRssTheRatioAndTheLoad() {
        Report.Row row = new Report.Row("1. full publish", "1,000 pages", summary(4.0, 5.0, 6.0), "Hugo", summary(2.0, 2.5, 3.0), "1.0 → 2.0");

        String table = Report.sideBySide(List.of(row));

        assertThat(table.lines().toList()).hasSize(3);
        assertThat(table.lines().toList().get(2)).isEqualTo(
                "| 1. full publish | 1,000 pages | 5.00 s (4.00–6.00) | 10.0 s | 512 MB (512) | Hugo | 2.50 s (2.00–3.00) | 512 MB | **2.00×** | 1.0 → 2.0 |");
    }

    @Test
    void aRowWithoutAPeerAndWithFailuresSaysSo() {
        Summary failing = Summary.of(List.of(new Timed(1, 1024, 1, 1, Map.of()), new Timed(2, 1024, 1, 0, Map.of())));

        String line = Report.sideBySide(List.of(new Report.Row("5. x", "real", failing, null, null, "0 → 0"))).lines().toList().get(2);

        assertThat(line).contains("**1 of 2 failed**").contains("| – | – | – | – |");
    }

    @Test
    void growthIsJudgedAgainstElevenTenthsOfTheSizeRatioForOursOnly() {
        String table = Report.growth(List.of(
                new Report.Growth("site", 1, 12, 100, 500, true),
                new Report.Growth("feeds", 1, 5, 100, 200, true),
                new Report.Growth("Hugo", 1, 20, 100, 2000, false)), 1000, 10000);

        List<String> lines = table.lines().toList();
        assertThat(lines.get(0)).startsWith("| 1,000 → 10,000 pages (×10.0) |").contains("within 11.0×");
        assertThat(lines.get(2)).contains("| 12.0× |").contains("time **missed** by 1.09× (12.0× > 11.0×)").contains("memory met (5.00× ≤ 11.0×)");
        assertThat(lines.get(3)).contains("time met (5.00× ≤ 11.0×)");
        assertThat(lines.get(4)).endsWith("| (peer, for reference) |");
    }

    @Test
    void numbersKeepTwoSignificantPlacesBelowTenAndGroupThousands() {
        assertThat(Report.number(1.234)).isEqualTo("1.23");
        assertThat(Report.number(12.34)).isEqualTo("12.3");
        assertThat(Report.number(12345.6)).isEqualTo("12,346");
        assertThat(Report.number(Double.NaN)).isEqualTo("–");
    }
}
