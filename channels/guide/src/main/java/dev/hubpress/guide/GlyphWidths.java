package dev.hubpress.guide;

import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDType0Font;

import java.io.IOException;
import java.util.Arrays;

/**
 * One font's glyph widths by code point, each taken once with {@link PDFont#getStringWidth}, which
 * measures by encoding the text and reading every code back through the font's CMap. Only for a
 * Type 0 font encoded Identity-H (every font the guide embeds): there each code point is one
 * two-byte code, so a string's width is the sum of its code points' widths, added in the same order
 * as PDFBox adds them, and so the same float. For any other font the sum is unknown (NaN). Not
 * shared between threads.
 */
final class GlyphWidths {
    /** A code point not yet measured. */
    private static final float UNKNOWN = Float.NaN;
    /** A code point the font cannot encode (or measure). */
    private static final float MISSING = Float.NEGATIVE_INFINITY;

    private final PDFont font;
    private final boolean summable;
    /** Widths by code point, in blocks of 256 made when first needed. */
    private final float[][] blocks = new float[(Character.MAX_CODE_POINT >> 8) + 1][];

    GlyphWidths(PDFont font) {
        this.font = font;
        this.summable = font instanceof PDType0Font type0 && type0.getCMap() != null
                && "Identity-H".equals(type0.getCMap().getName());
    }

    /** The text's width as {@code font.getStringWidth(text)} gives it, or NaN if the font cannot encode all of it. */
    float sum(String text) {
        if (!summable) {
            return Float.NaN;
        }
        float width = 0;
        for (int i = 0; i < text.length(); ) {
            int codePoint = text.codePointAt(i);
            float glyph = width(codePoint);
            if (glyph == MISSING) {
                return Float.NaN;
            }
            width += glyph;
            i += Character.charCount(codePoint);
        }
        return width;
    }

    private float width(int codePoint) {
        float[] block = blocks[codePoint >> 8];
        if (block == null) {
            block = new float[256];
            Arrays.fill(block, UNKNOWN);
            blocks[codePoint >> 8] = block;
        }
        float width = block[codePoint & 0xFF];
        if (Float.isNaN(width)) {
            try {
                width = font.getStringWidth(Character.toString(codePoint));
            } catch (IOException | RuntimeException e) {
                // as getStringWidth fails for any text holding it: whoever asked measures that text another way
                width = MISSING;
            }
            block[codePoint & 0xFF] = width;
        }
        return width;
    }
}
