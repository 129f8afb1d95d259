package dev.hubpress.guide.view;

import java.util.List;

/**
 * The compensation chart as {@code chart.jte} lays it out: the SVG, its caption and the figures
 * behind it as a table.
 *
 * @param svg           the chart, standalone SVG from the core: the template writes it unescaped
 * @param mixesMeasures whether the caption must say which bar is base salary
 * @param source        number of the hub source the figures come from
 */
public record ChartView(String svg, String currency, boolean mixesMeasures, int source, List<Row> rows) {

    public ChartView {
        rows = List.copyOf(rows);
    }

    /**
     * One level of the table.
     *
     * @param years the experience, e.g. "5–8", or empty when the data gives none
     */
    public record Row(String label, String years, String range, String measure) {
    }
}
