package dev.hubpress.guide;

import com.openhtmltopdf.css.constants.IdentValue;
import com.openhtmltopdf.extend.FSCacheEx;
import com.openhtmltopdf.extend.FSCacheValue;
import com.openhtmltopdf.pdfboxout.PDFontSupplier;
import com.openhtmltopdf.pdfboxout.PdfBoxRawPDFontMetrics;
import org.apache.fontbox.ttf.TTFParser;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.pdfbox.io.RandomAccessReadBuffer;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import com.openhtmltopdf.outputdevice.helper.BaseRendererBuilder.FSFontUseCase;
import com.openhtmltopdf.outputdevice.helper.BaseRendererBuilder.FontStyle;
import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;
import com.openhtmltopdf.pdfboxout.PdfRendererBuilder.CacheStore;

import dev.hubpress.core.content.Hashing;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The fonts bundled under {@code fonts/} (Noto, SIL Open Font License 1.1; see {@code fonts/OFL.txt}):
 * read once per process, parsed once per thread, registered with every render, subset and embedded in the PDF. The
 * guide's CSS names only these families, always as one of the {@link Stack}s — a family for the
 * kind of text, then the same fallbacks for the scripts and symbols it lacks — so nothing falls
 * back to a non-embedded base-14 font, and the characters {@code printable.txt} declares
 * ({@link GuideChannel#printable()}) print in every kind of text.
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
    /** Arabic (and Persian, Urdu letters), shaped by {@link GuideBidi}. */
    static final String ARABIC = "Noto Naskh Arabic";
    static final String HEBREW = "Noto Serif Hebrew";
    /** Japanese, Chinese and Korean: a subset of Noto Sans CJK JP (made by {@code channels/guide/fonts/subset-fonts}). */
    static final String CJK = "Noto Sans CJK JP";
    /** Emoji, in black and white: PDFBox embeds outline fonts only, not colour bitmap ones. */
    static final String EMOJI = "Noto Emoji";

    /** What every stack falls back to, in this order, for a character its own family lacks. */
    static final List<String> FALLBACKS = List.of(SYMBOLS, SYMBOLS2, ARABIC, HEBREW, CJK, EMOJI);

    /** The font-family list of each kind of text the guide sets. */
    enum Stack {
        /** Body text, the cover's description, the summary. */
        SERIF(GuideFonts.SERIF),
        /** Headings, cover, table of contents, running header and footer, captions, table heads, the chart. */
        SANS(GuideFonts.SANS),
        /** Code. */
        MONO(GuideFonts.MONO);

        private final String family;

        Stack(String family) {
            this.family = family;
        }

        /** Its family, then the fallbacks. */
        List<String> families() {
            List<String> families = new ArrayList<>();
            families.add(family);
            families.addAll(FALLBACKS);
            return families;
        }

        /** As a CSS {@code font-family} value, quoted with {@code quote}. */
        String css(char quote) {
            StringBuilder css = new StringBuilder();
            for (String f : families()) {
                css.append(css.length() == 0 ? "" : ", ").append(quote).append(f).append(quote);
            }
            return css.toString();
        }
    }

    /** One bundled font file. */
    record Face(String file, String family, int weight, FontStyle style, boolean svg) {

        /** The face's PostScript name, which PDFBox names its subsets by: its file's name without "-subset.ttf" or ".ttf". */
        String postScriptName() {
            return file.replaceFirst("(-subset)?\\.ttf$", "");
        }
    }

    static final List<Face> FACES = List.of(
            new Face("NotoSerif-Regular.ttf", SERIF, 400, FontStyle.NORMAL, false),
            new Face("NotoSerif-Bold.ttf", SERIF, 700, FontStyle.NORMAL, false),
            new Face("NotoSerif-Italic.ttf", SERIF, 400, FontStyle.ITALIC, false),
            new Face("NotoSerif-BoldItalic.ttf", SERIF, 700, FontStyle.ITALIC, false),
            new Face("NotoSans-Regular.ttf", SANS, 400, FontStyle.NORMAL, true),
            new Face("NotoSans-Bold.ttf", SANS, 700, FontStyle.NORMAL, true),
            new Face("NotoSansMono-Regular.ttf", MONO, 400, FontStyle.NORMAL, false),
            new Face("NotoSansSymbols-Regular.ttf", SYMBOLS, 400, FontStyle.NORMAL, true),
            new Face("NotoSansSymbols2-Regular.ttf", SYMBOLS2, 400, FontStyle.NORMAL, true),
            new Face("NotoNaskhArabic-Regular.ttf", ARABIC, 400, FontStyle.NORMAL, true),
            new Face("NotoNaskhArabic-Bold.ttf", ARABIC, 700, FontStyle.NORMAL, true),
            new Face("NotoSerifHebrew-Regular.ttf", HEBREW, 400, FontStyle.NORMAL, true),
            new Face("NotoSerifHebrew-Bold.ttf", HEBREW, 700, FontStyle.NORMAL, true),
            new Face("NotoSansCJKjp-Regular-subset.ttf", CJK, 400, FontStyle.NORMAL, true),
            new Face("NotoEmoji-Regular.ttf", EMOJI, 400, FontStyle.NORMAL, true));

    /** The bundled face of this PostScript name, or null. */
    static Face byPostScriptName(String name) {
        for (Face face : FACES) {
            if (face.postScriptName().equals(name)) {
                return face;
            }
        }
        return null;
    }

    /**
     * The face the layout engine takes of a family for text of this weight and style, as
     * openhtmltopdf's {@code FontFamily.match} chooses: the faces of that style (all of them when
     * none is), then the exact weight, else the nearest (lighter first up to 500, darker first above).
     */
    static Face face(String family, int weight, boolean italic) {
        List<Face> all = FACES.stream().filter(f -> f.family().equals(family)).toList();
        if (all.isEmpty()) {
            throw new IllegalArgumentException("no bundled font of the family " + family);
        }
        FontStyle style = italic ? FontStyle.ITALIC : FontStyle.NORMAL;
        List<Face> styled = all.stream().filter(f -> f.style() == style).toList();
        List<Face> candidates = styled.isEmpty() ? all : styled;
        return candidates.stream().min(java.util.Comparator.<Face>comparingInt(f -> Math.abs(f.weight() - weight))
                .thenComparingInt(f -> weight <= 500 ? f.weight() : -f.weight())).orElseThrow();
    }

    private static final byte[][] BYTES = new byte[FACES.size()][];
    private static String digest;

    /** The face of the footer the book's assembly stamps (the stylesheet's sans, as before). */
    static Face footer() {
        return face(SANS, 400, false);
    }

    /**
     * Which faces the layout engine gets (file, family, weight, style): part of the key of every
     * laid-out part, so a part set in other fonts is never reused. Their bytes are not read for it:
     * the files ship inside this module, whose code version (in every key too) is a SHA-256 of every
     * file in it made at build time. Reading and hashing the 15 MB of faces here, used or not, was a
     * tenth of a small hub's one-page edit.
     */
    static synchronized String digest() {
        if (digest == null) {
            StringBuilder all = new StringBuilder();
            for (Face face : FACES) {
                all.append(face).append('\n');
            }
            digest = Hashing.sha256Hex(all.toString());
        }
        return digest;
    }

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

    /**
     * Each thread's parsed faces. openhtmltopdf would parse a font file again for every layout
     * that uses it (12 % of a 1,000-page first publish, a quarter of the real hub's one-page edit);
     * a parsed {@link TrueTypeFont} reads its tables from one shared buffer, so it is kept per
     * thread, never shared between threads, for as long as the thread lives.
     */
    private static final ThreadLocal<TrueTypeFont[]> PARSED = ThreadLocal.withInitial(() -> new TrueTypeFont[FACES.size()]);

    /** The faces this thread has parsed so far, in {@link #FACES} order. */
    static List<Face> parsedHere() {
        TrueTypeFont[] mine = PARSED.get();
        List<Face> faces = new ArrayList<>();
        for (int i = 0; i < mine.length; i++) {
            if (mine[i] != null) {
                faces.add(FACES.get(i));
            }
        }
        return faces;
    }

    /** This thread's parse of a face (GSUB dropped, as {@link #bytes} gives it). */
    static TrueTypeFont parsed(Face face) {
        TrueTypeFont[] mine = PARSED.get();
        int i = FACES.indexOf(face);
        if (mine[i] == null) {
            try {
                mine[i] = new TTFParser().parse(new RandomAccessReadBuffer(bytes(face)));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return mine[i];
    }

    /** The resource {@link #metrics()} is read from, beside {@code printable.txt}. */
    static final String METRICS = "face-metrics.tsv";

    /**
     * The key openhtmltopdf (1.1.65) files a face's metrics under in its font-metrics cache. If a
     * later version names them otherwise, every face is loaded again for its metrics alone, and
     * {@code FaceMetricsTest} fails.
     */
    static String metricsKey(Face face) {
        IdentValue style = face.style() == FontStyle.ITALIC ? IdentValue.ITALIC : IdentValue.NORMAL;
        return "font-metrics2:" + face.family() + ":" + face.weight() + ":" + style;
    }

    /**
     * What openhtmltopdf measures of each face (ascent, descent, strike-through and underline), as
     * {@code face-metrics.tsv} records it: the layout engine sizes every line by the largest
     * ascent and descent of all the faces in its stack, and without these it loads each face to
     * measure it, the 9.5 MB CJK face included, for a page with no character of theirs (a third of
     * a second of the real hub's one-page edit). With them a face is loaded when a character needs
     * it. The file is checked against the faces by {@code FaceMetricsTest}, which also writes it.
     */
    static FSCacheEx<String, FSCacheValue> metrics() {
        return FaceMetrics.KNOWN;
    }

    /** The recorded metrics, and whatever else the engine measures and files (nothing, with the guide's stacks). */
    private static final class FaceMetrics implements FSCacheEx<String, FSCacheValue> {
        private static final FaceMetrics KNOWN = new FaceMetrics(read());
        private final Map<String, FSCacheValue> values;

        private FaceMetrics(Map<String, FSCacheValue> recorded) {
            this.values = new ConcurrentHashMap<>(recorded);
        }

        private static Map<String, FSCacheValue> read() {
            Map<String, FSCacheValue> recorded = new HashMap<>();
            try (InputStream in = GuideFonts.class.getResourceAsStream(METRICS)) {
                if (in == null) {
                    throw new IllegalStateException("missing resource " + METRICS + " of " + GuideFonts.class.getPackageName());
                }
                for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                    if (line.isBlank() || line.startsWith("#")) {
                        continue;
                    }
                    String[] cells = line.split("\t");
                    Face face = FACES.stream().filter(f -> f.file().equals(cells[0])).findFirst()
                            .orElseThrow(() -> new IllegalStateException(METRICS + " names no bundled face: " + cells[0]));
                    float[] v = new float[7];
                    for (int i = 0; i < v.length; i++) {
                        v[i] = Float.parseFloat(cells[i + 1]);
                    }
                    recorded.put(metricsKey(face), new PdfBoxRawPDFontMetrics(v[0], v[1], v[2], v[3], v[4], v[5], v[6]));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return recorded;
        }

        @Override
        public void put(String key, FSCacheValue value) {
            values.putIfAbsent(key, value);
        }

        @Override
        public FSCacheValue get(String key, Callable<? extends FSCacheValue> loader) {
            return values.computeIfAbsent(key, k -> {
                try {
                    return loader.call();
                } catch (Exception e) {
                    throw new IllegalStateException("measuring the font " + k, e);
                }
            });
        }

        @Override
        public FSCacheValue get(String key) {
            return values.get(key);
        }
    }

    /**
     * The families a chart's text is drawn in: the chart's own (sans), and for each character it
     * lacks, the first fallback that has it, as the layout engine falls back ({@link #FALLBACKS}).
     * Asked of this thread's parses (a fallback is parsed only when an earlier family lacks a
     * character of the text).
     */
    static Set<String> chartFamilies(String text) {
        Set<String> families = new LinkedHashSet<>();
        families.add(SANS);
        text.codePoints().distinct().forEach(c -> {
            if (Character.isWhitespace(c) || Character.isISOControl(c) || covers(SANS, c)) {
                return;
            }
            FALLBACKS.stream().filter(family -> covers(family, c)).findFirst().ifPresent(families::add);
        });
        return families;
    }

    /** Whether the family's regular face has a glyph for the character. */
    private static boolean covers(String family, int c) {
        try {
            org.apache.fontbox.ttf.CmapLookup cmap = parsed(face(family, 400, false)).getUnicodeCmapLookup();
            return cmap != null && cmap.getGlyphId(c) > 0;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Registers every face for the document laid out into {@code pdf}, loaded into it (subset when
     * embedded) from this thread's parse the first time the layout uses it; the layout and the
     * subsetting that ends it run on this thread. For a document with a chart, the faces marked
     * {@code svg} of the families its text needs ({@link #chartFamilies}) are registered for the
     * chart too, so the chart's text (the levels' labels) falls back through the same families as
     * the rest of the guide. Only those: the chart's renderer hashes every face registered for it
     * on every layout (openhtmltopdf's {@code FontCache} keys the Java2D font it makes once per
     * process by the bytes' digest), and all of them, the 9.5 MB CJK face among them, took a tenth
     * of a second of each of the two layouts of an edited part with the chart.
     *
     * @param chartText the text the document's charts draw; null for a document without a chart
     */
    static void register(PdfRendererBuilder builder, PDDocument pdf, String chartText) {
        Set<String> chartFamilies = chartText == null ? Set.of() : chartFamilies(chartText);
        builder.useCacheStore(CacheStore.PDF_FONT_METRICS, metrics());
        for (Face face : FACES) {
            builder.useFont(new PDFontSupplier(null) {
                @Override
                public PDFont supply() {
                    try {
                        return PDType0Font.load(pdf, parsed(face), true);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }
            }, face.family(), face.weight(), face.style(), true);
            if (face.svg() && chartFamilies.contains(face.family())) {
                byte[] bytes = bytes(face);
                builder.useFont(() -> new ByteArrayInputStream(bytes), face.family(), face.weight(), face.style(), true,
                        EnumSet.of(FSFontUseCase.SVG));
            }
        }
    }
}
