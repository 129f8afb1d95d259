package dev.hubpress.guide;

import com.openhtmltopdf.extend.FontContext;
import com.openhtmltopdf.pdfboxout.PdfBoxTextRenderer;
import com.openhtmltopdf.render.FSFont;

import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * openhtmltopdf's text measure, each width taken once per font and string in one layout. The
 * engine measures the same strings over and over (every contents entry's leader measures a
 * hundred dots, then its own run of dots, as it is laid out and again as it is painted), and PDFBox
 * measures a string by encoding it and reading each code back: 14 % of a 1,000-page first
 * publish's CPU. A width is a function of the font and the string, so remembering it changes no
 * byte of the layout ({@code MeasuredTextTest}). One layout runs on one thread: not shared.
 */
final class MeasuredText extends PdfBoxTextRenderer {

    private final Map<FSFont, Map<String, Integer>> widths = new IdentityHashMap<>();
    private long asked;
    private long measured;

    @Override
    public int getWidth(FontContext context, FSFont font, String string) {
        asked++;
        Map<String, Integer> byString = widths.computeIfAbsent(font, f -> new HashMap<>());
        Integer width = byString.get(string);
        if (width == null) {
            measured++;
            width = super.getWidth(context, font, string);
            byString.put(string, width);
        }
        return width;
    }

    /** How many widths the layout asked for. */
    long asked() {
        return asked;
    }

    /** How many of them were measured (the rest remembered). */
    long measured() {
        return measured;
    }
}
