package dev.hubpress.core.model;

import java.util.List;

/**
 * Compensation by level from {@code data/compensation.yaml}: structured so that channels can
 * chart it instead of only quoting prose.
 *
 * @param source number of the hub source the figures come from
 */
public record Compensation(String currency, int source, String basis, List<Level> levels) {

    public Compensation {
        levels = List.copyOf(levels);
    }

    public long maxValue() {
        return levels.stream().mapToLong(Level::max).max().orElse(0);
    }

    /**
     * One level's band. {@code openEnded} means the top of the band is "and more".
     *
     * @param measure what the band measures, e.g. "base salary" or "total compensation"
     */
    public record Level(String id, String label, String titles, String years, long min, long max,
                        boolean openEnded, String measure, String note) {
    }
}
