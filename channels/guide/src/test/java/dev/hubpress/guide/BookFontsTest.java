package dev.hubpress.guide;

import org.apache.fontbox.ttf.TTFParser;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSBase;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.io.RandomAccessReadBuffer;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDResources;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.pdfbox.text.TextPosition;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/** A book embeds one subset of each face its pages use, holding every glyph they draw. */
class BookFontsTest {

    @Test
    void theWholeBookEmbedsEachFaceItUsesOnce() throws IOException {
        // GIVEN the real hub's book, bound from parts that each embed their own subsets
        byte[] pdf = GuideFixtures.repositoryPdf();

        // WHEN its pages' fonts are counted by face
        Map<String, Integer> fonts = fontsByFace(pdf);

        // THEN each face is one font (the footer's face too), and each is a bundled face
        assertThat(fonts).hasSizeGreaterThanOrEqualTo(5).allSatisfy((face, count) -> {
            assertThat(count).as(face).isEqualTo(1);
            assertThat(GuideFonts.byPostScriptName(face)).as(face).isNotNull();
        });
        assertThat(fonts).containsKey(GuideFonts.footer().postScriptName());
    }

    @Test
    void eachSectionsBookEmbedsEachFaceItUsesOnce() throws IOException {
        // GIVEN each section's own book
        for (Map.Entry<String, byte[]> section : GuideFixtures.repositorySectionPdfs().entrySet()) {
            // WHEN its pages' fonts are counted by face
            Map<String, Integer> fonts = fontsByFace(section.getValue());

            // THEN each face is one font
            assertThat(fonts).as(section.getKey()).isNotEmpty().allSatisfy((face, count) -> assertThat(count).as(face).isEqualTo(1));
        }
    }

    @Test
    void everyGlyphTheRealBookDrawsIsInItsFont() throws IOException {
        // GIVEN the real hub's book WHEN every glyph its pages draw is looked up in the font it is drawn in
        Glyphs glyphs = glyphs(GuideFixtures.repositoryPdf());

        // THEN each is in the embedded subset (not .notdef): body, headings, code, footers
        assertThat(glyphs.drawn).isGreaterThan(50_000);
        assertThat(glyphs.missing).isEmpty();
    }

    @Test
    void everyGlyphABookInSixScriptsDrawsIsInItsFont() throws IOException {
        // GIVEN a book with Japanese, Chinese, Korean, Arabic, Hebrew and emoji: the fallback faces
        byte[] pdf = GuideScriptsTest.pdfBytes();

        // WHEN every glyph its pages draw is looked up in the font it is drawn in
        Glyphs glyphs = glyphs(pdf);

        // THEN each is in the subset, and the fallback faces are one font each too
        assertThat(glyphs.missing).isEmpty();
        assertThat(glyphs.faces).contains("NotoSansCJKjp-Regular", "NotoNaskhArabic-Regular", "NotoSerifHebrew-Regular",
                "NotoEmoji-Regular");
        assertThat(fontsByFace(pdf)).allSatisfy((face, count) -> assertThat(count).as(face).isEqualTo(1));
    }

    @Test
    void aPartsPagesLookTheSameInTheBookAsWithTheirOwnSubsets() throws IOException {
        // GIVEN the companies section's parts as the book's plan cuts them, each laid out alone with its own font
        // subsets, and the book that binds their pages with the book's fonts
        dev.hubpress.core.model.Hub hub = GuideFixtures.repositoryEdition().hub();
        List<List<dev.hubpress.core.model.Page>> parts = GuideParts.plan(hub.pages()).stream()
                .filter(pages -> pages.get(0).section().equals("companies")).toList();
        assertThat(parts).isNotEmpty();
        try (PDDocument book = Loader.loadPDF(GuideFixtures.repositoryPdf())) {
            Map<String, Integer> bookPages = new java.util.HashMap<>();
            for (int p = 0; p < book.getNumberOfPages(); p++) {
                bookPages.putIfAbsent(textWithoutFooter(book, p), p);
            }
            int compared = 0;
            for (List<dev.hubpress.core.model.Page> pages : parts) {
                RenderedPart part = GuideRenderer.layout(GuideDocument.part(GuideFixtures.MARKDOWN, hub, pages, Paper.LETTER), new Sandbox());
                compared += samePixels(part, book, bookPages);
            }
            assertThat(compared).isGreaterThan(5);
        }
    }

    /**
     * Compares each page of the part with the book's page of the same text ({@code bookPages}: the
     * book's pages by their text): how many were compared.
     */
    private static int samePixels(RenderedPart part, PDDocument bound, Map<String, Integer> bookPages) throws IOException {
        try (PDDocument alone = Loader.loadPDF(part.pdf())) {
            // WHEN each of its pages and the book's page with the same text are drawn (above the book's footer)
            org.apache.pdfbox.rendering.PDFRenderer drawAlone = new org.apache.pdfbox.rendering.PDFRenderer(alone);
            org.apache.pdfbox.rendering.PDFRenderer drawBound = new org.apache.pdfbox.rendering.PDFRenderer(bound);
            int compared = 0;
            for (int p = 0; p < alone.getNumberOfPages(); p++) {
                Integer inBook = bookPages.get(textWithoutFooter(alone, p));
                assertThat(inBook).as("page %d of the part is in the book", p + 1).isNotNull();
                java.awt.image.BufferedImage mine = drawAlone.renderImage(p, 1.5f);
                java.awt.image.BufferedImage theirs = drawBound.renderImage(inBook, 1.5f);

                // THEN every pixel is the same: each glyph is drawn from the book's subset as from the part's own
                assertThat(theirs.getWidth()).isEqualTo(mine.getWidth());
                int above = mine.getHeight() - Math.round(50 * 1.5f);
                int differ = 0;
                for (int y = 0; y < above; y++) {
                    for (int x = 0; x < mine.getWidth(); x++) {
                        if (mine.getRGB(x, y) != theirs.getRGB(x, y)) {
                            differ++;
                        }
                    }
                }
                assertThat(differ).as("pixels that differ on page %d of the part (%d of the book)", p + 1, inBook + 1).isZero();
                compared++;
            }
            return compared;
        }
    }

    /** A page's text without the footer the book adds ("Page 3 of 44 · …"). */
    private static String textWithoutFooter(PDDocument document, int page) throws IOException {
        PDFTextStripper stripper = new PDFTextStripper();
        stripper.setStartPage(page + 1);
        stripper.setEndPage(page + 1);
        return stripper.getText(document).lines().filter(line -> !line.matches("Page [0-9]+ of [0-9]+.*"))
                .collect(java.util.stream.Collectors.joining("\n"));
    }

    @Test
    void eachFacesPostScriptNameIsTheOneItsFileGives() throws IOException {
        // GIVEN each bundled face WHEN its file is parsed THEN the name the binding knows it by is the file's own
        for (GuideFonts.Face face : GuideFonts.FACES) {
            try (TrueTypeFont font = new TTFParser().parse(new RandomAccessReadBuffer(GuideFonts.bytes(face)))) {
                assertThat(face.postScriptName()).as(face.file()).isEqualTo(font.getName());
            }
        }
        assertThat(GuideFonts.byPostScriptName("NotoSerif-Regular")).isEqualTo(GuideFonts.FACES.get(0));
        assertThat(BookFonts.baseName("ABCDEF+NotoSans-Bold")).isEqualTo("NotoSans-Bold");
        assertThat(BookFonts.baseName("NotoSans-Bold")).isEqualTo("NotoSans-Bold");
    }

    @Test
    void aFontKeptForTheNextBookReadsBackAsTheSameObjects() throws IOException {
        // GIVEN a face's font as a book makes it: a subset of the serif face for "Keep me"
        GuideFonts.Face face = GuideFonts.FACES.get(0);
        try (PDDocument book = new PDDocument()) {
            java.util.BitSet glyphs = glyphIds(face, "Keep me");
            org.apache.pdfbox.cos.COSDictionary font = BookFonts.make(book, face, glyphs);

            // WHEN it is kept as bytes and read back
            byte[] kept = BookFonts.encode(font);
            org.apache.pdfbox.cos.COSDictionary read = BookFonts.decode(kept).orElseThrow();

            // THEN it is the same tree: the same entries in order, direct where the font's are, the same
            // stream bytes (its font file, widths, ToUnicode), so kept again it is the same bytes
            assertThat(BookFonts.encode(read)).isEqualTo(kept);
            assertThat(read.keySet()).containsExactlyElementsOf(font.keySet());
            assertThat(read.getNameAsString(COSName.BASE_FONT)).isEqualTo(font.getNameAsString(COSName.BASE_FONT)).endsWith("+NotoSerif-Regular");
            assertThat(kept.length).as("the subset's file is in the bytes").isGreaterThan(1_000);
        }
    }

    private static final COSName REGISTRY = COSName.getPDFName("Registry");
    private static final COSName CIDSYSTEMINFO = COSName.getPDFName("CIDSystemInfo");

    @Test
    void eachKindOfObjectReadsBackAsItWas() throws IOException {
        // GIVEN a tree of every kind of object a font may hold, one dictionary in it direct
        org.apache.pdfbox.cos.COSDictionary font = new org.apache.pdfbox.cos.COSDictionary();
        org.apache.pdfbox.cos.COSDictionary info = new org.apache.pdfbox.cos.COSDictionary();
        info.setDirect(true);
        org.apache.pdfbox.cos.COSString registry = new org.apache.pdfbox.cos.COSString("Adobe");
        registry.setForceHexForm(true);
        info.setItem(REGISTRY, registry);
        font.setItem(CIDSYSTEMINFO, info);
        font.setItem(COSName.FONT_BBOX, new org.apache.pdfbox.cos.COSArray(List.of(new org.apache.pdfbox.cos.COSFloat(-0.125f),
                org.apache.pdfbox.cos.COSInteger.get(1_000), org.apache.pdfbox.cos.COSBoolean.TRUE, org.apache.pdfbox.cos.COSNull.NULL)));
        org.apache.pdfbox.cos.COSStream file = new org.apache.pdfbox.cos.COSStream();
        try (java.io.OutputStream raw = file.createRawOutputStream()) {
            raw.write(new byte[] {1, 2, 3});
        }
        file.setItem(COSName.FILTER, COSName.FLATE_DECODE);
        font.setItem(COSName.FONT_FILE2, file);

        // WHEN kept and read back
        org.apache.pdfbox.cos.COSDictionary read = BookFonts.decode(BookFonts.encode(font)).orElseThrow();

        // THEN each object is what it was: a direct dictionary stays direct (the book writes it in place)
        org.apache.pdfbox.cos.COSDictionary readInfo = read.getCOSDictionary(CIDSYSTEMINFO);
        assertThat(readInfo.isDirect()).isTrue();
        assertThat(read.isDirect()).isFalse();
        assertThat(((org.apache.pdfbox.cos.COSString) readInfo.getItem(REGISTRY)).getForceHexForm()).isTrue();
        assertThat(readInfo.getString(REGISTRY)).isEqualTo("Adobe");
        List<COSBase> box = new ArrayList<>();
        read.getCOSArray(COSName.FONT_BBOX).forEach(box::add);
        assertThat(box).containsExactly(new org.apache.pdfbox.cos.COSFloat(-0.125f),
                org.apache.pdfbox.cos.COSInteger.get(1_000), org.apache.pdfbox.cos.COSBoolean.TRUE, org.apache.pdfbox.cos.COSNull.NULL);
        org.apache.pdfbox.cos.COSStream readFile = (org.apache.pdfbox.cos.COSStream) read.getDictionaryObject(COSName.FONT_FILE2);
        assertThat(readFile.getCOSName(COSName.FILTER)).isEqualTo(COSName.FLATE_DECODE);
        try (java.io.InputStream raw = readFile.createRawInputStream()) {
            assertThat(raw.readAllBytes()).containsExactly(1, 2, 3);
        }
        // and an object met twice is not a tree: not kept
        font.setItem(COSName.W, info);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> BookFonts.encode(font)).isInstanceOf(IOException.class);
    }

    @Test
    void aDamagedKeptFontIsNotRead() throws IOException {
        // GIVEN a kept font's bytes
        GuideFonts.Face face = GuideFonts.FACES.get(0);
        byte[] kept;
        try (PDDocument book = new PDDocument()) {
            kept = BookFonts.encode(BookFonts.make(book, face, glyphIds(face, "Keep me")));
        }

        // WHEN they are cut short, lengthened, or hold a kind of object no font does THEN nothing is read, and nothing thrown
        for (int length : new int[] {0, 3, 4, 5, kept.length / 2, kept.length - 1}) {
            assertThat(BookFonts.decode(java.util.Arrays.copyOf(kept, length))).as("cut to %d", length).isEmpty();
        }
        assertThat(BookFonts.decode(java.util.Arrays.copyOf(kept, kept.length + 1))).isEmpty();
        byte[] foreign = kept.clone();
        foreign[4] = 'X';
        assertThat(BookFonts.decode(foreign)).isEmpty();
        byte[] huge = kept.clone();
        huge[6] = 0x7f; // the dictionary's entry count
        assertThat(BookFonts.decode(huge)).isEmpty();
    }

    @Test
    void aFontIsKeptByItsFaceAndItsGlyphs() throws IOException {
        GuideFonts.Face serif = GuideFonts.FACES.get(0);
        GuideFonts.Face bold = GuideFonts.FACES.get(1);
        java.util.BitSet glyphs = glyphIds(serif, "Keep me");
        java.util.BitSet more = (java.util.BitSet) glyphs.clone();
        more.set(glyphs.length() + 1);

        assertThat(BookFonts.key(serif, glyphs)).isEqualTo(BookFonts.key(serif, (java.util.BitSet) glyphs.clone()))
                .isNotEqualTo(BookFonts.key(serif, more))
                .isNotEqualTo(BookFonts.key(bold, glyphs));
    }

    /** The face's glyph ids for the text, and .notdef's, as a page drawing it names them. */
    private static java.util.BitSet glyphIds(GuideFonts.Face face, String text) throws IOException {
        java.util.BitSet ids = new java.util.BitSet();
        ids.set(0);
        try (TrueTypeFont font = new TTFParser().parse(new RandomAccessReadBuffer(GuideFonts.bytes(face)))) {
            var cmap = font.getUnicodeCmapLookup();
            text.codePoints().forEach(c -> ids.set(cmap.getGlyphId(c)));
        }
        assertThat(ids.cardinality()).isGreaterThan(3);
        return ids;
    }

    /** How many distinct font objects the pages name, by face (the font's name without its subset tag). */
    private static Map<String, Integer> fontsByFace(byte[] pdf) throws IOException {
        Map<String, Integer> byFace = new TreeMap<>();
        Set<COSBase> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        try (PDDocument document = Loader.loadPDF(pdf)) {
            for (PDPage page : document.getPages()) {
                PDResources resources = page.getResources();
                for (COSName name : resources.getFontNames()) {
                    PDFont font = resources.getFont(name);
                    if (seen.add(font.getCOSObject())) {
                        byFace.merge(BookFonts.baseName(font.getName()), 1, Integer::sum);
                    }
                }
            }
        }
        return byFace;
    }

    /** The glyphs a book's text draws: how many, which faces, and those its font lacks. */
    private static final class Glyphs extends PDFTextStripper {
        int drawn;
        final Set<String> faces = new java.util.TreeSet<>();
        final List<String> missing = new ArrayList<>();

        @Override
        protected void processTextPosition(TextPosition text) {
            PDFont font = text.getFont();
            faces.add(BookFonts.baseName(font.getName()));
            for (int code : text.getCharacterCodes()) {
                drawn++;
                try {
                    if (!(font instanceof PDType0Font type0) || type0.getDescendantFont().codeToGID(code) == 0) {
                        missing.add(font.getName() + " code " + code + " ('" + text.getUnicode() + "', page " + getCurrentPageNo() + ")");
                    }
                } catch (IOException e) {
                    missing.add(font.getName() + " code " + code + ": " + e.getMessage());
                }
            }
        }
    }

    private static Glyphs glyphs(byte[] pdf) throws IOException {
        Glyphs glyphs = new Glyphs();
        try (PDDocument document = Loader.loadPDF(pdf)) {
            glyphs.getText(document);
        }
        return glyphs;
    }
}
