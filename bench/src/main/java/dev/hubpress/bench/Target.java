package dev.hubpress.bench;

import java.util.Locale;

/**
 * One of issue 14's targets: a limit a measured figure must stay at or under ({@code atMost}) or
 * reach ({@code !atMost}), and the verdict, "met" or "missed by" how much.
 *
 * @param name  what is measured, as the issue words it
 * @param limit the limit, in {@code unit}
 * @param unit  appended to the figures ("s", " MB", "×")
 */
record Target(String name, double limit, boolean atMost, String unit) {

    static Target atMost(String name, double limit, String unit) {
        return new Target(name, limit, true, unit);
    }

    static Target atLeast(String name, double limit, String unit) {
        return new Target(name, limit, false, unit);
    }

    boolean met(double measured) {
        return atMost ? measured <= limit : measured >= limit;
    }

    /**
     * "met (0.8 s ≤ 1.5 s)" or "**missed** by 2.7 s (4.2 s > 1.5 s, 2.80× the limit)"; "not measured" for NaN.
     * A target that is itself a ratio ("×") is missed by a factor, never by a difference of ratios:
     * "**missed** by 1.47× (6.80× < 10.0×)".
     */
    String verdict(double measured) {
        if (Double.isNaN(measured)) {
            return "not measured";
        }
        String figures = figure(measured) + (atMost ? (met(measured) ? " ≤ " : " > ") : (met(measured) ? " ≥ " : " < ")) + figure(limit);
        if (met(measured)) {
            return "met (" + figures + ")";
        }
        double factor = atMost ? measured / limit : limit / measured;
        if (unit.equals("×")) {
            return String.format(Locale.ROOT, "**missed** by %s× (%s)", Report.number(factor), figures);
        }
        return String.format(Locale.ROOT, "**missed** by %s (%s, %.2f× %s)", figure(Math.abs(measured - limit)), figures, factor,
                atMost ? "the limit" : "short");
    }

    private String figure(double v) {
        return Report.number(v) + unit;
    }
}
