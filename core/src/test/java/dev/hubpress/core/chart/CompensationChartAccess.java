package dev.hubpress.core.chart;

/** The chart's scale, for tests in other packages. */
public final class CompensationChartAccess {

    private CompensationChartAccess() {
    }

    public static long tickStep(long max) {
        return CompensationChart.tickStep(max);
    }
}
