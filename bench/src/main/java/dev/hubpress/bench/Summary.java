package dev.hubpress.bench;

import java.util.List;

/**
 * The measured runs of one side of a comparison: median, minimum and maximum wall seconds,
 * median CPU seconds, median and maximum peak RSS, and how many runs failed (non-zero exit).
 */
record Summary(int runs, double median, double min, double max, double cpu, double rssMb, double rssMaxMb, int failures) {

    static Summary of(List<Timed> runs) {
        if (runs.isEmpty()) {
            throw new IllegalArgumentException("no runs");
        }
        double[] wall = runs.stream().mapToDouble(Timed::seconds).toArray();
        double[] rss = runs.stream().mapToDouble(Timed::rssMb).toArray();
        return new Summary(runs.size(), Stats.median(wall), min(wall), max(wall),
                Stats.median(runs.stream().mapToDouble(Timed::cpuSeconds).toArray()), Stats.median(rss), max(rss),
                (int) runs.stream().filter(t -> t.exit() != 0).count());
    }

    /**
     * A figure a bench child printed ({@code RESULT site.ms 812}) over the runs: the median, or the
     * maximum for peaks ({@code *.peakHeapMB}); NaN when no run printed it.
     */
    static double result(List<Timed> runs, String key) {
        double[] values = runs.stream().map(Timed::results).map(m -> m.get(key)).filter(v -> v != null && !v.isEmpty())
                .mapToDouble(Double::parseDouble).toArray();
        if (values.length == 0) {
            return Double.NaN;
        }
        return key.endsWith("peakHeapMB") ? max(values) : Stats.median(values);
    }

    /** This side's median against another's: above 1 means this one took longer. */
    double ratio(Summary other) {
        return median / other.median;
    }

    private static double min(double[] v) {
        double m = Double.POSITIVE_INFINITY;
        for (double x : v) {
            m = Math.min(m, x);
        }
        return m;
    }

    private static double max(double[] v) {
        double m = Double.NEGATIVE_INFINITY;
        for (double x : v) {
            m = Math.max(m, x);
        }
        return m;
    }
}
