package dev.hubpress.bench;

import java.util.List;
import java.util.Locale;

/** The Markdown tables {@code bench/run peers} prints, ready for docs/benchmarks.md. */
final class Report {

    private Report() {
    }

    /** One comparison: a job on one hub, ours against a peer (or alone: peer null). */
    record Row(String job, String hub, Summary ours, String peerName, Summary peer, String load) {
    }

    /** One line of the growth table: a figure at the small and at the large hub. */
    record Growth(String what, double timeSmall, double timeLarge, double memSmall, double memLarge, boolean ours) {
    }

    static String number(double v) {
        if (Double.isNaN(v)) {
            return "–";
        }
        double a = Math.abs(v);
        return String.format(Locale.ROOT, a >= 100 ? "%,.0f" : a >= 10 ? "%.1f" : "%.2f", v);
    }

    static String seconds(Summary s) {
        String text = number(s.median()) + " s (" + number(s.min()) + "–" + number(s.max()) + ")";
        return s.failures() == 0 ? text : text + ", **" + s.failures() + " of " + s.runs() + " failed**";
    }

    static String sideBySide(List<Row> rows) {
        StringBuilder t = new StringBuilder("""
                | job | hub | ours: wall, median (min–max) | ours: CPU | ours: peak RSS (max) | peer | peer: wall, median (min–max) | peer: peak RSS | ours / peer | load before → after |
                |---|---|---|---|---|---|---|---|---|---|
                """);
        for (Row r : rows) {
            t.append("| ").append(r.job()).append(" | ").append(r.hub()).append(" | ").append(seconds(r.ours()))
                    .append(" | ").append(number(r.ours().cpu())).append(" s | ").append(number(r.ours().rssMb())).append(" MB (")
                    .append(number(r.ours().rssMaxMb())).append(") | ");
            if (r.peer() == null) {
                t.append("– | – | – | – | ");
            } else {
                t.append(r.peerName()).append(" | ").append(seconds(r.peer())).append(" | ").append(number(r.peer().rssMb()))
                        .append(" MB | **").append(number(r.ours().ratio(r.peer()))).append("×** | ");
            }
            t.append(r.load()).append(" |\n");
        }
        return t.toString();
    }

    /**
     * Growth from the small hub to the large one, against the limit of 1.1 × the size ratio
     * (11× for 1,000 → 10,000 pages); the peers' lines are shown for reference, without a verdict.
     */
    static String growth(List<Growth> rows, int small, int large) {
        double factor = (double) large / small;
        Target time = Target.atMost("time", 1.1 * factor, "×");
        StringBuilder t = new StringBuilder(String.format(Locale.ROOT, """
                | %,d → %,d pages (×%s) | time | × | memory | × | within %s× time and memory? |
                |---|---|---|---|---|---|
                """, small, large, number(factor), number(1.1 * factor)));
        for (Growth g : rows) {
            double tr = g.timeLarge() / g.timeSmall();
            double mr = g.memLarge() / g.memSmall();
            String verdict;
            if (!g.ours()) {
                verdict = "(peer, for reference)";
            } else if (Double.isNaN(tr) && Double.isNaN(mr)) {
                verdict = "not measured";
            } else {
                verdict = "time " + time.verdict(tr) + (Double.isNaN(mr) ? "" : "; memory " + time.verdict(mr));
            }
            t.append("| ").append(g.what()).append(" | ").append(number(g.timeSmall())).append(" → ").append(number(g.timeLarge()))
                    .append(" s | ").append(number(tr)).append("× | ").append(number(g.memSmall())).append(" → ")
                    .append(number(g.memLarge())).append(" MB | ").append(number(mr)).append("× | ").append(verdict).append(" |\n");
        }
        return t.toString();
    }

    /** A target and its verdict, with what was measured and where. */
    record Verdict(String target, String measured, String verdict) {
    }

    static String targets(List<Verdict> verdicts) {
        StringBuilder t = new StringBuilder("| target | measured | verdict |\n|---|---|---|\n");
        for (Verdict v : verdicts) {
            t.append("| ").append(v.target()).append(" | ").append(v.measured()).append(" | ").append(v.verdict()).append(" |\n");
        }
        return t.toString();
    }
}
