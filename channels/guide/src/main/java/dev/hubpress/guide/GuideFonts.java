package dev.hubpress.guide;

import com.openhtmltopdf.outputdevice.helper.BaseRendererBuilder.FSFontUseCase;
import com.openhtmltopdf.outputdevice.helper.BaseRendererBuilder.FontStyle;
import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;

/**
 * The fonts bundled under {@code fonts/} (Noto, SIL Open Font License 1.1; see {@code fonts/OFL.txt}):
 * read once per process, registered with every render, subset and embedded in the PDF. The
 * guide's CSS names only these families, so nothing falls back to a non-embedded base-14 font.
 */
final class GuideFonts {

    /** Body text. */
    static final String SERIF = "Noto Serif";
    /** Headings, running header and footer, the chart. */
    static final String SANS = "Noto Sans";
    static final String MONO = "Noto Sans Mono";
    /** Fallbacks for arrows (→), check marks (✓) and other symbols. */
    static final String SYMBOLS = "Noto Sans Symbols";
    static final String SYMBOLS2 = "Noto Sans Symbols2";

    /** One bundled font file. */
    record Face(String file, String family, int weight, FontStyle style, boolean svg) {
    }

    static final List<Face> FACES = List.of(
            new Face("NotoSerif-Regular.ttf", SERIF, 400, FontStyle.NORMAL, false),
            new Face("NotoSerif-Bold.ttf", SERIF, 700, FontStyle.NORMAL, false),
            new Face("NotoSerif-Italic.ttf", SERIF, 400, FontStyle.ITALIC, false),
            new Face("NotoSerif-BoldItalic.ttf", SERIF, 700, FontStyle.ITALIC, false),
            new Face("NotoSans-Regular.ttf", SANS, 400, FontStyle.NORMAL, true),
            new Face("NotoSans-Bold.ttf", SANS, 700, FontStyle.NORMAL, true),
            new Face("NotoSansMono-Regular.ttf", MONO, 400, FontStyle.NORMAL, false),
            new Face("NotoSansSymbols-Regular.ttf", SYMBOLS, 400, FontStyle.NORMAL, false),
            new Face("NotoSansSymbols2-Regular.ttf", SYMBOLS2, 400, FontStyle.NORMAL, false));

    private static final byte[][] BYTES = new byte[FACES.size()][];

    private GuideFonts() {
    }

    /** The bytes of a bundled font file. */
    static synchronized byte[] bytes(Face face) {
        int i = FACES.indexOf(face);
        if (BYTES[i] == null) {
            try (InputStream in = GuideFonts.class.getResourceAsStream("/fonts/" + face.file())) {
                if (in == null) {
                    throw new IllegalStateException("bundled font missing: fonts/" + face.file());
                }
                BYTES[i] = withoutTable(in.readAllBytes(), "GSUB");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return BYTES[i];
    }

    /**
     * The font without one table. The guide drops GSUB (glyph substitution: ligatures and the
     * like), because PDFBox 3 applies it on every text run through a slow, regex-based path that
     * dominated the render time of large guides, and because openhtmltopdf measures text without
     * it anyway. The bundled files stay unmodified; this happens in memory.
     */
    static byte[] withoutTable(byte[] font, String tag) {
        ByteBuffer in = ByteBuffer.wrap(font);
        int numTables = in.getShort(4) & 0xffff;
        List<int[]> kept = new ArrayList<>();
        for (int t = 0; t < numTables; t++) {
            int record = 12 + 16 * t;
            String name = new String(font, record, 4, StandardCharsets.ISO_8859_1);
            if (!name.equals(tag)) {
                kept.add(new int[] {record, in.getInt(record + 8), in.getInt(record + 12)});
            }
        }
        if (kept.size() == numTables) {
            return font;
        }
        int header = 12 + 16 * kept.size();
        int size = header;
        for (int[] k : kept) {
            size += (k[2] + 3) & ~3;
        }
        ByteBuffer out = ByteBuffer.allocate(size);
        int entrySelector = 31 - Integer.numberOfLeadingZeros(kept.size());
        int searchRange = (1 << entrySelector) * 16;
        out.putInt(in.getInt(0)).putShort((short) kept.size()).putShort((short) searchRange)
                .putShort((short) entrySelector).putShort((short) (kept.size() * 16 - searchRange));
        int offset = header;
        for (int[] k : kept) {
            out.put(font, k[0], 8).putInt(offset).putInt(k[2]);
            out.put(offset, font, k[1], k[2]);
            offset += (k[2] + 3) & ~3;
        }
        return out.array();
    }

    static void register(PdfRendererBuilder builder) {
        for (Face face : FACES) {
            byte[] bytes = bytes(face);
            builder.useFont(() -> new ByteArrayInputStream(bytes), face.family(), face.weight(), face.style(), true,
                    face.svg() ? EnumSet.of(FSFontUseCase.DOCUMENT, FSFontUseCase.SVG) : EnumSet.of(FSFontUseCase.DOCUMENT));
        }
    }
}
