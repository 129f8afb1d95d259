package dev.hubpress.guide;

import dev.hubpress.core.channel.CharacterSet;
import dev.hubpress.core.content.ContentFile;
import dev.hubpress.core.testing.ContentFixtures;
import org.apache.fontbox.ttf.CmapLookup;
import org.apache.fontbox.ttf.TTFParser;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.pdfbox.io.RandomAccessReadBuffer;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The bundled fonts cover every character the guide can print, and {@code printable.txt} — what
 * {@link GuideChannel#printable()} declares to the gate — is exactly what they cover.
 *
 * <p>When a font changes, write the file again from the fonts and commit it with them:
 * {@code mvn -B -o -q -pl channels/guide -am test -Dtest=FontCoverageTest -Dsurefire.failIfNoSpecifiedTests=false -Dguide.printable.write=true}.
 */
class FontCoverageTest {

    /** Characters the guide itself writes (· in the footer, ↑ back-references) and typographic ones editors use. */
    private static final String EXTRA = "·↑–—‘’“”…→€✓×©";
    private static final Path RESOURCE = Path.of("src/main/resources/dev/hubpress/guide", GuideChannel.PRINTABLE);

    /**
     * Characters that print as nothing by design, declared printable though no font need have them:
     * tab and line breaks (layout), the soft hyphen, and format characters (Unicode category Cf) that
     * join, separate or set direction: openhtmltopdf drops a format character no font has, which for
     * these is what they mean. (Not U+FFFC, dropped too: it stands for an object the text lacks.)
     */
    static final String INVISIBLE = """
            0009-000A
            000D
            00AD
            061C
            180E
            200B-200F
            202A-202E
            2060-2064
            2066-206F
            FEFF
            E0001
            E0020-E007F
            """;

    @Test
    void aChartIsGivenTheFamiliesItsTextNeedsAndNoOther() {
        // GIVEN charts' texts: Latin labels and figures; with a Hebrew, an Arabic and a Japanese label
        // WHEN the families each needs are asked for
        // THEN Latin needs the chart's sans alone, each script adds the fallback the layout engine would take for it
        assertThat(GuideFonts.chartFamilies("Senior engineer $180k–$260k (2025)")).containsExactly(GuideFonts.SANS);
        assertThat(GuideFonts.chartFamilies("Senior שלום بيت 日本")).containsExactly(
                GuideFonts.SANS, GuideFonts.HEBREW, GuideFonts.ARABIC, GuideFonts.CJK);
    }

    @Test
    void eachThreadParsesAFaceOnceAndKeepsItsParseToItself() throws Exception {
        GuideFonts.Face serif = GuideFonts.face(GuideFonts.SERIF, 400, false);
        // GIVEN this thread's parse of a face
        TrueTypeFont mine = GuideFonts.parsed(serif);

        // WHEN this thread asks again, and another thread asks
        TrueTypeFont again = GuideFonts.parsed(serif);
        java.util.concurrent.atomic.AtomicReference<TrueTypeFont> theirs = new java.util.concurrent.atomic.AtomicReference<>();
        Thread other = new Thread(() -> theirs.set(GuideFonts.parsed(serif)));
        other.start();
        other.join();

        // THEN this thread gets its own parse back, the other thread one of its own (a parse reads from one shared buffer)
        assertThat(again).isSameAs(mine);
        assertThat(theirs.get()).isNotNull().isNotSameAs(mine);
        assertThat(theirs.get().getNumberOfGlyphs()).isEqualTo(mine.getNumberOfGlyphs());
    }

    @Test
    void thePrintableResourceIsExactlyWhatEveryFontStackCovers() throws IOException {
        // GIVEN what every stack of bundled fonts covers, in every weight and style the CSS asks for
        CharacterSet expected = expectedPrintable();
        String text = expected.format(header());
        if (Boolean.getBoolean("guide.printable.write")) {
            Files.writeString(RESOURCE, text, StandardCharsets.UTF_8);
        }

        // WHEN the channel's declaration is read, as the gate reads it
        CharacterSet declared = new GuideChannel().printable().orElseThrow();

        // THEN it is that, to the code point (see this class's Javadoc to write it again)
        assertThat(Files.readString(RESOURCE, StandardCharsets.UTF_8)).isEqualTo(text);
        assertThat(declared).isEqualTo(expected);
    }

    @Test
    void theScriptsTheGuidePromisesArePrintableAndRareIdeographsAndPrivateUseAreNot() throws IOException {
        CharacterSet printable = new GuideChannel().printable().orElseThrow();
        // Japanese, Chinese (simplified and traditional), Korean, Arabic, Persian, Hebrew with points, emoji
        String promised = "日本語のテキスト、カタカナ。简体中文：这是测试。繁體中文：這是測試。한국어 텍스트"
                + "العربية لغة سامية فارسی پژوهش עִבְרִית שלום 🚀😀❤️👍🏽👩‍💻🇯🇵 ａｂｃ１２３";
        assertThat(promised.codePoints().filter(c -> !printable.contains(c))
                .mapToObj(c -> String.format("U+%04X", c)).toList()).isEmpty();
        // a CJK Extension B ideograph (out of the subset), private use, an unassigned code point, the object replacement
        for (int c : new int[] {0x20000, 0x2A6D6, 0xE000, 0xF8FF, 0xF0000, 0x0378, 0xFFFC}) {
            assertThat(printable.contains(c)).as("U+%04X", c).isFalse();
        }
        // a script no bundled font has: Devanagari
        assertThat(printable.contains(0x0915)).isFalse();
    }

    @Test
    void everyCharacterOfTheContentAndTheGuideIsPrintableAndTheBodyFontsCoverTheContentAlone() throws IOException {
        // GIVEN every character of content/ (Markdown, hub.yaml and data) plus what the guide adds
        TreeSet<Integer> used = contentCharacters();
        EXTRA.codePoints().forEach(used::add);
        CharacterSet printable = new GuideChannel().printable().orElseThrow();

        // THEN each is printable
        assertThat(used.stream().filter(c -> !printable.contains(c))
                .map(c -> String.format("U+%04X %s", c, Character.getName(c))).toList()).isEmpty();
        assertThat(used).contains((int) '–', (int) '—', (int) '’', (int) '“', (int) '”', (int) '→', (int) '€', (int) '✓', (int) '…');

        // AND the content's own text needs no fallback: each serif and sans face has all of it (one look)
        TreeSet<Integer> content = contentCharacters();
        for (GuideFonts.Face face : GuideFonts.FACES) {
            if (face.family().equals(GuideFonts.SERIF) || face.family().equals(GuideFonts.SANS)) {
                BitSet covered = covered(face);
                for (int c : content) {
                    assertThat(covered.get(c)).as(face.file() + " has U+%04X", c).isTrue();
                }
            }
        }
    }

    @Test
    void everyFormTheArabicShapingWritesIsInTheArabicFont() throws IOException {
        // GIVEN the printable Arabic letters ArabicShaping shapes, in every position, and every lam-alef
        BitSet naskh = covered(GuideFonts.face(GuideFonts.ARABIC, 400, false));
        BitSet naskhBold = covered(GuideFonts.face(GuideFonts.ARABIC, 700, false));
        CharacterSet printable = new GuideChannel().printable().orElseThrow();
        List<String> missing = new ArrayList<>();
        for (int l = 0x0620; l <= 0x06FF; l++) {
            int letter = l;
            if (!printable.contains(letter) || ArabicShaping.joiningType(letter) == 'T') {
                continue;
            }
            // WHEN it stands alone, ends, starts and sits inside a word (with beh, which joins both ways)
            String[] contexts = {"", "\u0628", "", "\u0628"};
            String[] after = {"", "", "\u0628", "\u0628"};
            for (int i = 0; i < contexts.length; i++) {
                String shaped = ArabicShaping.shape(contexts[i] + Character.toString(letter) + after[i]);
                // THEN the font has whatever it became
                shaped.codePoints().filter(c -> !naskh.get(c) || !naskhBold.get(c))
                        .forEach(c -> missing.add(String.format("U+%04X (of U+%04X)", c, letter)));
            }
        }
        for (String alef : new String[] {"\u0622", "\u0623", "\u0625", "\u0627"}) {
            for (String text : new String[] {"\u0644" + alef, "\u0628\u0644" + alef}) {
                ArabicShaping.shape(text).codePoints().filter(c -> !naskh.get(c)).forEach(c -> missing.add(String.format("U+%04X", c)));
            }
        }
        assertThat(missing).isEmpty();
    }

    /**
     * Presentation forms that Noto Naskh Arabic 2.004 draws with a glyph it also maps to another
     * letter's form, so the PDF's text names that letter instead: GUEH initial (read as GAF WITH TWO
     * DOTS BELOW), RNOON initial and medial (read as TTEHEH's). Sindhi letters; left as they are.
     */
    private static final Set<Integer> READ_BACK_AS_ANOTHER_LETTER = Set.of(0xFB96, 0xFBA2, 0xFBA3);

    @Test
    void everyPrintableCharacterIsReadBackFromThePdfAsItself() throws IOException {
        // GIVEN each printable character, drawn with the first face of each stack that has it
        CharacterSet printable = new GuideChannel().printable().orElseThrow();
        List<String> wrong = new ArrayList<>();
        for (GuideFonts.Stack stack : GuideFonts.Stack.values()) {
            for (int weight : new int[] {400, 700}) {
                for (boolean italic : new boolean[] {false, true}) {
                    List<GuideFonts.Face> chain = stack.families().stream().map(f -> GuideFonts.face(f, weight, italic)).toList();
                    List<CmapLookup> cmaps = new ArrayList<>();
                    for (GuideFonts.Face face : chain) {
                        cmaps.add(parse(face).getUnicodeCmapLookup());
                    }
                    for (int c = 0; c <= Character.MAX_CODE_POINT; c++) {
                        if (!printable.contains(c) || READ_BACK_AS_ANOTHER_LETTER.contains(c)) {
                            continue;
                        }
                        for (int f = 0; f < chain.size(); f++) {
                            GuideFonts.Face face = chain.get(f);
                            CmapLookup cmap = cmaps.get(f);
                            int glyph = cmap.getGlyphId(c);
                            if (glyph > 0) {
                                // WHEN PDFBox writes the ToUnicode map: the first code point the cmap maps to that glyph
                                int read = cmap.getCharCodes(glyph).get(0);
                                // THEN that is the character, or its compatibility equivalent for a compatibility character
                                if (read != c && (nfkc(c).equals(Character.toString(c)) || !nfkc(read).equals(nfkc(c)))) {
                                    wrong.add(String.format("U+%04X read back as U+%04X from %s", c, read, face.file()));
                                }
                                break;
                            }
                        }
                    }
                }
            }
        }
        assertThat(wrong).isEmpty();
    }

    private static String nfkc(int c) {
        return java.text.Normalizer.normalize(Character.toString(c), java.text.Normalizer.Form.NFKC);
    }

    @Test
    void theStylesheetNamesOnlyTheFontStacks() {
        // GIVEN the guide's stylesheet with its stacks filled in
        String css = GuideDocument.css(Paper.LETTER);

        // THEN every font-family in it is one of the stacks, so every kind of text has every fallback
        Set<String> stacks = new LinkedHashSet<>();
        for (GuideFonts.Stack stack : GuideFonts.Stack.values()) {
            stacks.add(stack.css('"'));
        }
        Matcher m = Pattern.compile("font-family:\\s*([^;}]+)").matcher(css);
        int found = 0;
        while (m.find()) {
            assertThat(stacks).contains(m.group(1).strip());
            found++;
        }
        assertThat(found).isGreaterThanOrEqualTo(5);
        assertThat(css).doesNotContain("__");
    }

    @Test
    void theFontsAreOflLicensedWithTheLicenseBesideThem() throws IOException {
        Path fonts = Path.of("src/main/resources/fonts");
        String license = Files.readString(fonts.resolve("OFL.txt"));
        assertThat(license).contains("SIL Open Font License", "Version 1.1");
        for (GuideFonts.Face face : GuideFonts.FACES) {
            assertThat(fonts.resolve(face.file())).exists();
            assertThat(license).as("OFL.txt names " + face.file()).contains(face.file());
            TrueTypeFont font = parse(face);
            // name id 13: the license description inside the font itself
            assertThat(font.getNaming().getNameRecords().stream().filter(r -> r.getNameId() == 13).findFirst()
                    .map(r -> r.getString())).as(face.file()).hasValueSatisfying(s -> assertThat(s).contains("Open Font License"));
        }
    }

    /** What the resource must hold: the invisible characters, and what every stack covers in every weight and style. */
    static CharacterSet expectedPrintable() throws IOException {
        BitSet all = null;
        for (GuideFonts.Stack stack : GuideFonts.Stack.values()) {
            for (int weight : new int[] {400, 700}) {
                for (boolean italic : new boolean[] {false, true}) {
                    BitSet union = new BitSet();
                    for (String family : stack.families()) {
                        union.or(covered(GuideFonts.face(family, weight, italic)));
                    }
                    if (all == null) {
                        all = union;
                    } else {
                        all.and(union);
                    }
                }
            }
        }
        CharacterSet invisible = CharacterSet.parse(INVISIBLE);
        BitSet printable = all;
        return CharacterSet.matching(c -> invisible.contains(c) || (printable.get(c) && text(c)));
    }

    /**
     * Whether a code point a font maps is text the gate may let through: not a control, surrogate
     * or noncharacter, not private use (a font's private glyphs mean nothing to anyone else), not
     * U+FFFC (openhtmltopdf never prints it).
     */
    private static boolean text(int c) {
        int type = Character.getType(c);
        return type != Character.CONTROL && type != Character.SURROGATE && type != Character.PRIVATE_USE
                && c != 0xFFFC && (c & 0xFFFE) != 0xFFFE && !(c >= 0xFDD0 && c <= 0xFDEF);
    }

    private static String header() {
        StringBuilder h = new StringBuilder("""
                The characters the PDF guide prints (GuideChannel#printable): the publish gate refuses any other.
                Generated from the cmaps of the bundled fonts by FontCoverageTest (do not edit; see its Javadoc to
                write it again): what every font stack (GuideFonts.Stack) covers in regular, bold, italic and bold
                italic, less private use, controls and U+FFFC, plus the invisible format characters (FontCoverageTest.INVISIBLE).
                One range a line, hex. Fonts:""");
        for (GuideFonts.Face face : GuideFonts.FACES) {
            h.append("\n  ").append(face.file());
        }
        return h.toString();
    }

    private static TreeSet<Integer> contentCharacters() {
        TreeSet<Integer> used = new TreeSet<>();
        for (ContentFile file : ContentFixtures.repositoryTree().files()) {
            new String(file.bytes(), StandardCharsets.UTF_8).codePoints().filter(c -> c >= 0x20).forEach(used::add);
        }
        return used;
    }

    private static final Map<String, BitSet> COVERED = new HashMap<>();
    private static final Map<String, TrueTypeFont> PARSED = new HashMap<>();

    /** The code points a face's Unicode cmap maps to a glyph other than .notdef. */
    static synchronized BitSet covered(GuideFonts.Face face) throws IOException {
        BitSet covered = COVERED.get(face.file());
        if (covered == null) {
            CmapLookup cmap = parse(face).getUnicodeCmapLookup();
            covered = new BitSet();
            for (int c = 0; c <= Character.MAX_CODE_POINT; c++) {
                if (cmap.getGlyphId(c) > 0) {
                    covered.set(c);
                }
            }
            COVERED.put(face.file(), covered);
        }
        return covered;
    }

    private static synchronized TrueTypeFont parse(GuideFonts.Face face) throws IOException {
        TrueTypeFont font = PARSED.get(face.file());
        if (font == null) {
            try {
                font = new TTFParser().parse(new RandomAccessReadBuffer(GuideFonts.bytes(face)));
            } catch (UncheckedIOException e) {
                throw e.getCause();
            }
            PARSED.put(face.file(), font);
        }
        return font;
    }
}
