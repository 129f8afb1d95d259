package dev.hubpress.guide;

import dev.hubpress.core.channel.Channels;
import dev.hubpress.core.content.ContentTree;
import dev.hubpress.core.content.GateError;
import dev.hubpress.core.gate.GateLimits;
import dev.hubpress.core.gate.GateResult;
import dev.hubpress.core.gate.PublishGate;
import dev.hubpress.core.load.ContentReader;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.pdfbox.text.TextPosition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;

import static dev.hubpress.core.testing.ContentFixtures.page;
import static dev.hubpress.core.testing.ContentFixtures.tree;
import dev.hubpress.core.model.Hub;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Japanese, Chinese, Korean, Arabic, Hebrew and emoji through the real gate (with the guide's own
 * declaration) into the PDF and back out with PDFBox's text extraction: every character comes back
 * (none as {@code #}), right-to-left text in logical order, Arabic in its joined forms; and a
 * character none of the bundled fonts has is refused by the gate at its line.
 */
class GuideScriptsTest {

    static final String JAPANESE = "日本語の文章です。カタカナとひらがなと漢字。";
    static final String SIMPLIFIED = "简体中文：这是一个测试。";
    static final String TRADITIONAL = "繁體中文：這是一個測試。";
    static final String KOREAN = "한국어 문장입니다.";
    /** "Peace be upon you": lam-alef in the first word, every position of a joining letter. */
    static final String ARABIC = "السلام عليكم";
    static final String HEBREW = "שלום עולם";
    static final String EMOJI = "Launch 🚀 smile 😀 thumbs 👍";
    static final List<String> LINES = List.of(JAPANESE, SIMPLIFIED, TRADITIONAL, KOREAN, ARABIC, HEBREW, EMOJI);
    /** 400 ideographs and kana without a space: the line breaker must break between them. */
    static final String LONG_JAPANESE = "東京は日本の首都であり、多くの企業が本社を置いている。".repeat(16);

    /** A gate with the guide's real declaration, printable set included. */
    static final PublishGate GUIDE_GATE = new PublishGate(new ContentReader(GuideFixtures.MARKDOWN), GateLimits.DEFAULT,
            Channels.of(List.of(new GuideChannel())));

    /** A chart level's label in three scripts: the chart (SVG) and its table print it. */
    static final String LEVEL = "新卒 مبتدئ חדש";

    static ContentTree scripts() {
        StringBuilder body = new StringBuilder("## Scripts\n\n");
        LINES.forEach(line -> body.append(line).append("\n\n"));
        body.append(LONG_JAPANESE).append("\n\n```hub-chart\ncompensation\n```\n");
        return tree("guides/scripts.md", page("Scripts 日本語 עברית", "guides", 1, body.toString()),
                "data/compensation.yaml", "currency: JPY\nlevels:\n  - { id: entry, label: " + LEVEL + ", min: 4000000, max: 6000000 }\n"
                        + "  - { id: senior, label: シニア, min: 8000000, max: 12000000 }\n");
    }

    private static byte[] bytes;
    private static PDDocument pdf;
    private static String text;

    /** The guide of {@link #scripts()}, checked by the guide's gate and rendered once per test JVM. */
    static synchronized byte[] pdfBytes() {
        if (bytes == null) {
            // GIVEN a page in six scripts that passes the gate with the guide's declaration
            GateResult result = GUIDE_GATE.inspect(scripts());
            assertThat(result.errors()).isEmpty();
            // WHEN the guide renders it
            bytes = GuideFixtures.RENDERER.render(GuideFixtures.edition(scripts(), 1)).get(0).bytes();
        }
        return bytes.clone();
    }

    @BeforeAll
    static void render() throws IOException {
        pdf = Loader.loadPDF(pdfBytes());
        text = new PDFTextStripper().getText(pdf);
    }

    @AfterAll
    static void close() throws IOException {
        pdf.close();
    }

    @Test
    void everyCharacterComesBackInTheExtractedTextAndNoneAsAHash() {
        // THEN each line comes back whole, right-to-left lines in logical order
        List<String> lines = text.lines().map(String::strip).toList();
        for (String line : LINES) {
            assertThat(lines).as("the PDF's text has %s", line).contains(line);
        }
        // AND the chart's table names the levels in their scripts
        assertThat(text).contains(LEVEL, "シニア");
        // AND the title in the running header, the outline and the table of contents kept its scripts too
        assertThat(text).contains("Scripts 日本語 עברית");
        // AND nothing was replaced by the layout engine's stand-in
        assertThat(text).doesNotContain("#");
    }

    @Test
    void theChartIsGivenTheFamiliesOfItsLabelsScripts() {
        // GIVEN the page with the chart, as the guide lays it out
        Hub hub = GuideFixtures.hub(scripts());
        org.w3c.dom.Document part = GuideDocument.part(GuideFixtures.MARKDOWN, hub, hub.pages(), Paper.LETTER);

        // WHEN the text its chart draws is read
        String chartText = GuideRenderer.chartText(part);

        // THEN it holds the levels' labels (the Arabic shaped, as the chart draws it), and their scripts' fallbacks
        // are registered for the chart beside the sans
        assertThat(chartText).contains("シニア").contains(ArabicShaping.shape("مبتدئ")).contains("חדש");
        assertThat(GuideFonts.chartFamilies(chartText)).contains(GuideFonts.SANS, GuideFonts.CJK, GuideFonts.ARABIC, GuideFonts.HEBREW);
        // and a document without a chart has none
        assertThat(GuideRenderer.chartText(GuideDocument.parse("<html xmlns=\"http://www.w3.org/1999/xhtml\"><body><p>x</p></body></html>")))
                .isNull();
    }

    @Test
    void arabicIsDrawnInItsJoinedFormsRightToLeft() throws IOException {
        // WHEN the glyphs of the Arabic line are read as drawn, left to right, before extraction normalizes them
        List<TextPosition> drawn = glyphsOfLines(line -> line.stream()
                .anyMatch(p -> p.getUnicode().codePoints().anyMatch(c -> c >= 0xFE70 && c <= 0xFEFC)));
        String glyphs = drawn.stream().map(TextPosition::getUnicode).reduce("", String::concat).replace(" ", "");

        // THEN they are the presentation forms for each letter's place in its word: alef isolated
        // (which the font draws with the letter's own glyph, so it reads back as the letter), lam
        // initial, seen medial, the lam-alef ligature final, meem isolated (the letter, likewise);
        // ain initial, lam and yeh and kaf medial, meem final — in visual order, the last letter leftmost
        String logical = "\u0627\uFEDF\uFEB4\uFEFC\u0645" + "\uFECB\uFEE0\uFEF4\uFEDC\uFEE2";
        String visual = new StringBuilder(logical).reverse().toString();
        assertThat(glyphs).contains(visual);
    }

    @Test
    void theScriptFontsAreEmbeddedSubsets() throws IOException {
        Set<String> fonts = new TreeSet<>();
        for (PDPage page : pdf.getPages()) {
            for (COSName name : page.getResources().getFontNames()) {
                PDFont font = page.getResources().getFont(name);
                assertThat(font.isEmbedded()).as(font.getName()).isTrue();
                fonts.add(font.getName().replaceFirst("^[A-Z]{6}\\+", ""));
            }
        }
        assertThat(fonts).contains("NotoSansCJKjp-Regular", "NotoNaskhArabic-Regular", "NotoSerifHebrew-Regular", "NotoEmoji-Regular");
        // subset: the CJK font's 9 MB do not travel with a page that uses a few dozen of its glyphs
        assertThat(pdfBytes().length).isLessThan(400_000);
    }

    @Test
    void aLongLineOfIdeographsBreaksBetweenThemWithinTheMargins() throws IOException {
        // WHEN the positions of every glyph of the long Japanese paragraph are read
        List<TextPosition> positions = glyphsOfLines(line -> line.stream().map(TextPosition::getUnicode)
                .reduce("", String::concat).contains("首都"));

        // THEN it takes several lines and no glyph runs past the right margin (20 mm of a letter page)
        float right = 612 - 20 / 25.4f * 72;
        assertThat(positions.stream().map(TextPosition::getYDirAdj).distinct().count()).isGreaterThan(5);
        assertThat(positions).allSatisfy(p -> assertThat(p.getXDirAdj() + p.getWidthDirAdj()).isLessThanOrEqualTo(right + 0.5f));
    }

    /** The glyphs of the lines of the PDF some test picks, as drawn (left to right), before extraction normalizes them. */
    private static List<TextPosition> glyphsOfLines(Predicate<List<TextPosition>> picked) throws IOException {
        List<TextPosition> glyphs = new ArrayList<>();
        new PDFTextStripper() {
            @Override
            protected void writeString(String string, List<TextPosition> line) {
                if (picked.test(line)) {
                    glyphs.addAll(line);
                }
            }
        }.getText(pdf);
        return glyphs;
    }

    @Test
    void aCharacterNoBundledFontHasIsRefusedByTheGateAtItsLine() {
        // GIVEN the same page with a rare ideograph (CJK Extension B) on line 9 and a private-use character on line 11
        String body = "## Scripts\n\n" + JAPANESE + " \uD840\uDC0B\n\nA logo \uE000 here.\n\n" + ARABIC + "\n";
        ContentTree tree = tree("guides/scripts.md", page("Scripts", "guides", 1, body));

        // WHEN the gate with the guide's declaration inspects it
        GateResult result = GUIDE_GATE.inspect(tree);

        // THEN both are refused, each named at its line, and nothing else is
        assertThat(result.hub()).isEmpty();
        assertThat(result.errors()).extracting(GateError::toString).containsExactly(
                "guides/scripts.md:9: the guide channel cannot print U+2000B '\uD840\uDC0B' (CJK UNIFIED IDEOGRAPHS EXTENSION B 2000B): "
                        + "use another character or leave it out",
                "guides/scripts.md:11: the guide channel cannot print U+E000 '\uE000' (PRIVATE USE AREA E000): "
                        + "use another character or leave it out");
    }
}
