package dev.hubpress.site;

import dev.hubpress.core.chart.CompensationChart;
import dev.hubpress.core.markdown.HtmlText;
import dev.hubpress.core.model.Compensation;

/** The compensation chart as the site shows it: the SVG in a captioned figure, then its figures as a table. */
final class ChartFigure {

    private ChartFigure() {
    }

    /**
     * The figure's HTML; {@code id} keeps element ids unique if a page has two charts.
     *
     * @param sourceHref link to the hub's sources page, or null when the hub has none
     */
    static String compensation(Compensation data, String id, int sourceNumber, String sourceHref) {
        StringBuilder html = new StringBuilder();
        html.append("<figure class=\"chart\" aria-labelledby=\"").append(id).append("-caption\">\n");
        html.append(CompensationChart.svg(data, id));
        html.append("<figcaption id=\"").append(id).append("-caption\">Compensation by level, ")
                .append(HtmlText.escape(data.currency())).append(". Bars show ranges; an arrow means “and more”")
                .append(CompensationChart.mixesMeasures(data) ? "; the lighter bar is base salary, the others total compensation" : "")
                .append(sourceHref == null ? "" : ". Source: <a href=\"" + HtmlText.escape(sourceHref) + "\">source " + sourceNumber + "</a>")
                .append(".</figcaption>\n");
        html.append("</figure>\n<table class=\"chart-data\">\n<caption>Compensation by level (the figures behind the chart)</caption>\n")
                .append("<thead><tr><th scope=\"col\">Level</th><th scope=\"col\">Experience</th><th scope=\"col\">Range</th>")
                .append("<th scope=\"col\">Measure</th><th scope=\"col\">Note</th></tr></thead>\n<tbody>\n");
        for (Compensation.Level level : data.levels()) {
            html.append("<tr><th scope=\"row\">").append(HtmlText.escape(level.label()))
                    .append(level.titles().isEmpty() ? "" : " <span class=\"note\">(" + HtmlText.escape(level.titles()) + ")</span>")
                    .append("</th><td>").append(level.years().isEmpty() ? "—" : HtmlText.escape(level.years()) + " years")
                    .append("</td><td>").append(HtmlText.escape(CompensationChart.range(level, data.currency())))
                    .append("</td><td>").append(HtmlText.escape(level.measure()))
                    .append("</td><td>").append(HtmlText.escape(level.note())).append("</td></tr>\n");
        }
        html.append("</tbody>\n</table>");
        return html.toString();
    }
}
