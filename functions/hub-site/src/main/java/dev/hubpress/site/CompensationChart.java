package dev.hubpress.site;

import dev.hubpress.core.markdown.HtmlText;
import dev.hubpress.core.model.Compensation;

import java.text.NumberFormat;
import java.util.Locale;

/**
 * Draws compensation bands as an inline SVG bar chart: one horizontal band per level on a shared
 * scale, labelled with its range, followed (outside the figure) by the same figures as a table (the text alternative
 * for screen readers and for anyone who prefers numbers). Colours come from CSS classes so the
 * chart follows light and dark mode.
 */
public final class CompensationChart {

    private static final int WIDTH = 640;
    private static final int LABEL_WIDTH = 150;
    private static final int RIGHT_PAD = 20;
    private static final int ROW = 44;
    private static final int TOP = 10;
    private static final int AXIS = 30;

    private CompensationChart() {
    }

    /**
     * The chart figure's HTML; {@code id} keeps element ids unique if a page has two charts.
     *
     * @param sourceHref link to the hub's sources page, or null when the hub has none
     */
    static String figure(Compensation data, String id, int sourceNumber, String sourceHref) {
        StringBuilder svg = new StringBuilder();
        svg.append("<figure class=\"chart\" aria-labelledby=\"").append(id).append("-caption\">\n");
        svg.append(svg(data, id));
        svg.append("<figcaption id=\"").append(id).append("-caption\">Compensation by level, ")
                .append(HtmlText.escape(data.currency())).append(". Bars show ranges; an arrow means “and more”")
                .append(data.levels().stream().anyMatch(CompensationChart::isBase) && data.levels().stream().anyMatch(l -> !isBase(l))
                        ? "; the lighter bar is base salary, the others total compensation" : "")
                .append(sourceHref == null ? "" : ". Source: <a href=\"" + HtmlText.escape(sourceHref) + "\">source " + sourceNumber + "</a>")
                .append(".</figcaption>\n");
        svg.append("</figure>\n<table class=\"chart-data\">\n<caption>Compensation by level (the figures behind the chart)</caption>\n")
                .append("<thead><tr><th scope=\"col\">Level</th><th scope=\"col\">Experience</th><th scope=\"col\">Range</th>")
                .append("<th scope=\"col\">Measure</th><th scope=\"col\">Note</th></tr></thead>\n<tbody>\n");
        for (Compensation.Level level : data.levels()) {
            svg.append("<tr><th scope=\"row\">").append(HtmlText.escape(level.label()))
                    .append(level.titles().isEmpty() ? "" : " <span class=\"note\">(" + HtmlText.escape(level.titles()) + ")</span>")
                    .append("</th><td>").append(level.years().isEmpty() ? "—" : HtmlText.escape(level.years()) + " years")
                    .append("</td><td>").append(HtmlText.escape(range(level, data.currency())))
                    .append("</td><td>").append(HtmlText.escape(level.measure()))
                    .append("</td><td>").append(HtmlText.escape(level.note())).append("</td></tr>\n");
        }
        svg.append("</tbody>\n</table>");
        return svg.toString();
    }

    private static boolean isBase(Compensation.Level level) {
        return level.measure().contains("base");
    }

    /**
     * The chart alone: an {@code <svg>} element (no namespace declaration: HTML5 does not need it;
     * an XML host adds it) whose colours come from the classes {@code chart-grid}, {@code chart-axis},
     * {@code chart-label}, {@code chart-bar}, {@code chart-bar-base}, {@code chart-open} and
     * {@code chart-value}. Also used by the PDF guide.
     */
    public static String svg(Compensation data, String id) {
        long step = tickStep(data.maxValue());
        int ticks = (int) Math.max(1, (data.maxValue() + data.maxValue() / 20 + step - 1) / step);
        long scaleMax = step * ticks;
        int plotWidth = WIDTH - LABEL_WIDTH - RIGHT_PAD;
        int height = TOP + data.levels().size() * ROW + AXIS;
        StringBuilder svg = new StringBuilder();
        svg.append("<svg class=\"chart-svg\" viewBox=\"0 0 ").append(WIDTH).append(' ').append(height)
                .append("\" role=\"img\" aria-labelledby=\"").append(id).append("-title ").append(id).append("-desc\">\n");
        svg.append("<title id=\"").append(id).append("-title\">Compensation by level</title>\n");
        svg.append("<desc id=\"").append(id).append("-desc\">");
        for (Compensation.Level level : data.levels()) {
            svg.append(HtmlText.escape(level.label())).append(": ").append(HtmlText.escape(range(level, data.currency()))).append(' ')
                    .append(HtmlText.escape(level.measure())).append(". ");
        }
        svg.append("</desc>\n");
        for (int tick = 0; tick <= ticks; tick++) {
            long value = step * tick;
            int x = LABEL_WIDTH + (int) (plotWidth * value / scaleMax);
            svg.append("<line class=\"chart-grid\" x1=\"").append(x).append("\" y1=\"").append(TOP)
                    .append("\" x2=\"").append(x).append("\" y2=\"").append(height - AXIS + 4).append("\"/>\n");
            svg.append("<text class=\"chart-axis\" x=\"").append(x).append("\" y=\"").append(height - 8)
                    .append("\" text-anchor=\"middle\">").append(HtmlText.escape(shortMoney(value, data.currency()))).append("</text>\n");
        }
        int y = TOP;
        for (Compensation.Level level : data.levels()) {
            int x1 = LABEL_WIDTH + (int) (plotWidth * level.min() / scaleMax);
            int x2 = LABEL_WIDTH + (int) (plotWidth * level.max() / scaleMax);
            int barY = y + 8;
            svg.append("<text class=\"chart-label\" x=\"").append(LABEL_WIDTH - 10).append("\" y=\"").append(barY + 15)
                    .append("\" text-anchor=\"end\">").append(HtmlText.escape(level.label())).append("</text>\n");
            svg.append("<rect class=\"chart-bar").append(isBase(level) ? " chart-bar-base" : "")
                    .append("\" x=\"").append(x1).append("\" y=\"").append(barY).append("\" width=\"")
                    .append(Math.max(2, x2 - x1)).append("\" height=\"20\" rx=\"3\"/>\n");
            if (level.openEnded()) {
                svg.append("<path class=\"chart-open\" d=\"M").append(x2 + 2).append(' ').append(barY)
                        .append(" l8 10 l-8 10 z\"/>\n");
            }
            String label = range(level, data.currency());
            boolean labelInside = x1 - LABEL_WIDTH > 200;
            svg.append("<text class=\"chart-value\" x=\"").append(labelInside ? x1 - 6 : x2 + (level.openEnded() ? 14 : 6))
                    .append("\" y=\"").append(barY + 15).append("\" text-anchor=\"").append(labelInside ? "end" : "start")
                    .append("\">").append(HtmlText.escape(label)).append("</text>\n");
            y += ROW;
        }
        svg.append("</svg>\n");
        return svg.toString();
    }

    public static String range(Compensation.Level level, String currency) {
        return money(level.min(), currency) + "–" + money(level.max(), currency) + (level.openEnded() ? "+" : "");
    }

    private static String money(long value, String currency) {
        NumberFormat format = NumberFormat.getIntegerInstance(Locale.US);
        String symbol = "USD".equals(currency) ? "$" : currency + " ";
        return symbol + format.format(value);
    }

    private static String shortMoney(long value, String currency) {
        String symbol = "USD".equals(currency) ? "$" : currency + " ";
        if (value == 0) {
            return symbol + "0";
        }
        if (value >= 1_000_000) {
            long tenths = Math.round(value / 100_000.0);
            return symbol + (tenths % 10 == 0 ? String.valueOf(tenths / 10) : tenths / 10 + "." + tenths % 10) + "M";
        }
        return symbol + Math.round(value / 1000.0) + "k";
    }

    /** A round tick step (1, 2.5 or 5 times a power of ten) giving at most five ticks. */
    private static long tickStep(long max) {
        long power = 1;
        while (true) {
            for (long factor : new long[] {10, 25, 50}) {
                long step = power * factor / 10;
                if (step > 0 && max / step < 5) {
                    return step;
                }
            }
            power *= 10;
        }
    }
}
