package dev.hubpress.core.chart;

import dev.hubpress.core.markdown.HtmlText;
import dev.hubpress.core.model.Compensation;

import java.text.NumberFormat;
import java.util.Locale;

/**
 * Draws compensation bands as an SVG bar chart: one horizontal band per level on a shared scale,
 * labelled with its range. Every channel that shows the pay bands draws them here, so the site and
 * the guide chart the same figures the same way; each channel frames the chart (caption, the
 * figures as a table) in its own markup. Colours come from CSS classes, so the site's chart
 * follows light and dark mode; a host without outer CSS passes its own ({@link #standalone}).
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

    /** Whether a level's band is base salary (drawn lighter) rather than total compensation. */
    public static boolean isBase(Compensation.Level level) {
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
        int height = height(data);
        StringBuilder svg = new StringBuilder();
        svg.append("<svg class=\"chart-svg\" viewBox=\"0 0 ").append(WIDTH).append(' ').append(height)
                .append("\" role=\"img\" aria-labelledby=\"").append(id).append("-title ").append(id).append("-desc\">\n");
        svg.append("<title id=\"").append(id).append("-title\">Compensation by level</title>\n");
        svg.append("<desc id=\"").append(id).append("-desc\">").append(HtmlText.escape(description(data))).append("</desc>\n");
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

    /**
     * The chart for an XML host without outer stylesheets (the guide's XHTML): the SVG namespace
     * declared, {@code css} inside the SVG, an {@code alt} text and a rendered width; the height
     * keeps the chart's proportions.
     */
    public static String standalone(Compensation data, String id, String css, double widthMm) {
        String svg = svg(data, id);
        double ratio = (double) height(data) / WIDTH;
        int start = svg.indexOf("<svg ") + "<svg ".length();
        svg = svg.substring(0, start) + "xmlns=\"http://www.w3.org/2000/svg\" alt=\""
                + HtmlText.escape(("Bar chart of compensation by level, " + data.currency() + ". " + description(data)).trim())
                + "\" style=\"width: " + String.format(Locale.ROOT, "%.0fmm; height: %.1fmm", widthMm, widthMm * ratio)
                + "\" " + svg.substring(start);
        int open = svg.indexOf('>') + 1;
        return svg.substring(0, open) + "<style type=\"text/css\">" + css + "</style>" + svg.substring(open);
    }

    /** The figures, one sentence per level, each followed by a space: "Senior: $180,000–$250,000 total compensation. " */
    public static String description(Compensation data) {
        StringBuilder text = new StringBuilder();
        for (Compensation.Level level : data.levels()) {
            text.append(level.label()).append(": ").append(range(level, data.currency())).append(' ')
                    .append(level.measure()).append(". ");
        }
        return text.toString();
    }

    /** Whether some levels are base salary and others total compensation (the caption then says which bar is which). */
    public static boolean mixesMeasures(Compensation data) {
        return data.levels().stream().anyMatch(CompensationChart::isBase) && data.levels().stream().anyMatch(l -> !isBase(l));
    }

    private static int height(Compensation data) {
        return TOP + data.levels().size() * ROW + AXIS;
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

    /**
     * A round tick step (1, 2.5 or 5 times a power of ten) giving at most five ticks. Bounded: the
     * power stops growing before it overflows, so no figure can make it loop.
     */
    static long tickStep(long max) {
        long power = 1;
        while (power <= Long.MAX_VALUE / 100) {
            for (long factor : new long[] {10, 25, 50}) {
                long step = power * factor / 10;
                if (step > 0 && max / step < 5) {
                    return step;
                }
            }
            power *= 10;
        }
        return Math.max(1, max / 4);
    }
}
