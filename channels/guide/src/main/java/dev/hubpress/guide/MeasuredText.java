package dev.hubpress.guide;

import com.openhtmltopdf.extend.FontContext;
import com.openhtmltopdf.extend.OutputDevice;
import com.openhtmltopdf.extend.TextRenderer;
import com.openhtmltopdf.pdfboxout.PdfBoxFSFont;
import com.openhtmltopdf.pdfboxout.PdfBoxFastOutputDevice;
import com.openhtmltopdf.pdfboxout.PdfBoxFontResolver.FontDescription;
import com.openhtmltopdf.pdfboxout.PdfBoxOutputDevice;
import com.openhtmltopdf.pdfboxout.PdfBoxTextRenderer;
import com.openhtmltopdf.render.FSFont;
import com.openhtmltopdf.render.JustificationInfo;
import org.apache.pdfbox.pdmodel.font.PDFont;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * openhtmltopdf's text measure, each width taken once per font (faces and size) and string in one
 * layout, and each glyph's width once per font. The engine measures the same strings over and over
 * (every contents entry's leader measures a hundred dots, then its own run of dots, as it is laid
 * out and again as it is painted), and PDFBox measures a string by encoding it and reading each
 * code back: 14 % of a 1,000-page first publish's CPU. A string the font encodes whole is measured
 * here as PDFBox would, the same float sum of the same glyph widths in the same order, from widths
 * taken once per code point ({@link GlyphWidths}); anything else (a character the font lacks:
 * fallback fonts) is measured by the engine.
 *
 * <p>It also draws. The engine's output device measures every string it draws, and throws the
 * width away: it only wants to know whether the first font encodes all of it (6 % of a 1,000-page
 * first publish's CPU). Here that is known from the code points already seen, and such a string
 * is drawn as the device would then draw it; any other string is left to the device. The device's
 * current font is private to it, so it is read through a handle; with an engine that has no such
 * field the device draws everything, as before.
 *
 * <p>Either way a layout comes out the same to the byte ({@code MeasuredTextTest}). One layout
 * runs on one thread: not shared.
 */
final class MeasuredText extends PdfBoxTextRenderer {

    /** The engine's own rounding of a width (PdfBoxTextRenderer.TEXT_MEASURING_DELTA). */
    private static final float TEXT_MEASURING_DELTA = 0.01f;
    /** The font the engine's device draws with now; null if this engine keeps it elsewhere. */
    private static final VarHandle DEVICE_FONT = deviceFont();

    /** Widths by font and string. */
    private final Map<FontKey, Map<String, Integer>> widths = new HashMap<>();
    private final Map<PDFont, GlyphWidths> glyphs = new IdentityHashMap<>();
    private long asked;
    private long measured;
    private long drawnDirectly;
    private long drawnByDevice;

    @Override
    public int getWidth(FontContext context, FSFont font, String string) {
        asked++;
        PdfBoxFSFont pdfBoxFont = (PdfBoxFSFont) font;
        Map<String, Integer> byString = widths.computeIfAbsent(new FontKey(pdfBoxFont.getFontDescriptions(), pdfBoxFont.getSize2D()),
                f -> new HashMap<>());
        Integer width = byString.get(string);
        if (width == null) {
            measured++;
            width = measure(context, pdfBoxFont, string);
            byString.put(string, width);
        }
        return width;
    }

    /**
     * What a width depends on: the font's faces (as objects: the engine makes a new font object for
     * the same faces and size each time it resolves a style's font, for every character when it
     * looks for a word's widest one) and its size.
     */
    private record FontKey(List<FontDescription> descriptions, float size) {
    }

    /** PdfBoxTextRenderer.getWidth, its usual case from glyph widths taken once; the engine's for the rest. */
    private int measure(FontContext context, PdfBoxFSFont font, String string) {
        PDFont first = firstLoaded(font);
        String effective = TextRenderer.getEffectivePrintableString(string);
        float sum = first == null || effective == null ? Float.NaN : glyphs(first).sum(effective);
        if (Float.isNaN(sum)) {
            return super.getWidth(context, font, string);
        }
        float result = sum / 1000f * font.getSize2D();
        return result - Math.floor(result) < TEXT_MEASURING_DELTA ? (int) result : (int) Math.ceil(result);
    }

    /** The font the engine measures with: its first description that has one. */
    private static PDFont firstLoaded(PdfBoxFSFont font) {
        if (font.getFontDescriptions() == null) {
            return null;
        }
        for (FontDescription description : font.getFontDescriptions()) {
            if (description.getFont() != null) {
                return description.getFont();
            }
        }
        return null;
    }

    @Override
    public void drawString(OutputDevice outputDevice, String string, float x, float y) {
        draw(outputDevice, string, x, y, null);
    }

    @Override
    public void drawString(OutputDevice outputDevice, String string, float x, float y, JustificationInfo info) {
        draw(outputDevice, string, x, y, info);
    }

    /** PdfBoxFastOutputDevice.drawString: a string its first font encodes whole is drawn at once, without measuring it. */
    private void draw(OutputDevice outputDevice, String string, float x, float y, JustificationInfo info) {
        PdfBoxOutputDevice device = (PdfBoxOutputDevice) outputDevice;
        if (DEVICE_FONT != null && device instanceof PdfBoxFastOutputDevice fast) {
            // called with the handle's exact type, (PdfBoxFastOutputDevice) PdfBoxFSFont: no adaptation per call
            PdfBoxFSFont font = (PdfBoxFSFont) DEVICE_FONT.get(fast);
            FontDescription first = font.getFontDescriptions().get(0);
            String effective = TextRenderer.getEffectivePrintableString(string);
            if (first.getFont() != null && effective != null && !Float.isNaN(glyphs(first.getFont()).sum(effective))) {
                drawnDirectly++;
                device.drawStringFast(effective, x, y, info, first, font.getSize2D());
                return;
            }
        }
        drawnByDevice++;
        device.drawString(string, x, y, info);
    }

    private GlyphWidths glyphs(PDFont font) {
        return glyphs.computeIfAbsent(font, GlyphWidths::new);
    }

    private static VarHandle deviceFont() {
        try {
            return MethodHandles.privateLookupIn(PdfBoxFastOutputDevice.class, MethodHandles.lookup())
                    .findVarHandle(PdfBoxFastOutputDevice.class, "_font", PdfBoxFSFont.class);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }

    /** How many widths the layout asked for. */
    long asked() {
        return asked;
    }

    /** How many of them were measured (the rest remembered). */
    long measured() {
        return measured;
    }

    /** How many fonts (faces and size) widths were kept for. */
    int fonts() {
        return widths.size();
    }

    /** How many strings were drawn without the device's measuring them. */
    long drawnDirectly() {
        return drawnDirectly;
    }

    /** How many strings were left to the device (a character its first font lacks). */
    long drawnByDevice() {
        return drawnByDevice;
    }
}
