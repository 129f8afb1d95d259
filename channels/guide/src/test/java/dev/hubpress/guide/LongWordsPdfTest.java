package dev.hubpress.guide;

import dev.hubpress.core.testing.EdgeCaseContent;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.pdfbox.text.TextPosition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Long unbroken words (a 300-character URL, a 200-character identifier in code, a code block, a
 * table cell, a heading, a list, a quote; long words in a title, a section and the chart's data)
 * break inside the page: the edge-case hub's guide, read back with PDFBox, has every character
 * within its page and every long word whole in its text.
 */
class LongWordsPdfTest {

    /** How far (in points) a glyph's box may poke out of the page: rounding in the font metrics. */
    private static final float TOLERANCE = 0.5f;

    /** What the guide does not print: the hub's section titles (its chapters are pages) and the chart's notes. */
    private static final List<String> NOT_PRINTED = List.of(EdgeCaseContent.SECTION_WORD, EdgeCaseContent.NOTE_WORD);

    private static PDDocument pdf;
    private static String textOnThePages;
    private static List<String> outside;
    private static int glyphs;

    @BeforeAll
    static void renderTheEdgeCaseGuide() throws IOException {
        // GIVEN the edge-case hub, WHEN the guide renders it and PDFBox reads every glyph's position back
        byte[] bytes = GuideFixtures.RENDERER.render(GuideFixtures.edition(EdgeCaseContent.tree(), 1)).get(0).bytes();
        pdf = Loader.loadPDF(bytes);
        PositionStripper stripper = new PositionStripper();
        stripper.getText(pdf);
        textOnThePages = stripper.inside.toString();
        outside = stripper.outside;
        glyphs = stripper.glyphs;
    }

    @AfterAll
    static void close() throws IOException {
        pdf.close();
    }

    @Test
    void everyGlyphLiesInsideItsPage() {
        // THEN no glyph of any page reaches past the page's edges
        assertThat(glyphs).as("glyphs read back").isGreaterThan(3000);
        assertThat(outside).as("glyphs outside their page's MediaBox").isEmpty();
    }

    @Test
    void everyLongWordIsInTheTextWhole() {
        // THEN each long word the guide prints is whole in the text on its pages (glyphs past a page's
        // edge left out), once the line breaks (and any hyphen) the layout put in it are taken out
        String joined = textOnThePages.replaceAll("[\\s\\u00AD\\u2010-]", "");
        List<String> printed = EdgeCaseContent.longWords().stream().filter(w -> !NOT_PRINTED.contains(w)).toList();
        assertThat(printed).hasSize(EdgeCaseContent.longWords().size() - NOT_PRINTED.size());
        assertThat(printed.stream().filter(word -> !joined.contains(word))
                .map(word -> word.substring(0, 30) + "… (" + word.length() + " characters)"))
                .as("long words not found whole in the guide's text").isEmpty();
        // and the ones it does not print are not there at all (rather than cut)
        assertThat(NOT_PRINTED).allSatisfy(word -> assertThat(joined).doesNotContain(word.substring(0, 20)));
    }

    /**
     * Collects the text of the glyphs inside their page's MediaBox, and those outside it (one line
     * per run of text).
     */
    private static final class PositionStripper extends PDFTextStripper {

        final StringBuilder inside = new StringBuilder();
        final List<String> outside = new ArrayList<>();
        int glyphs;

        PositionStripper() throws IOException {
        }

        @Override
        protected void writeString(String string, List<TextPosition> positions) throws IOException {
            PDRectangle box = getCurrentPage().getMediaBox();
            boolean reported = false;
            for (TextPosition p : positions) {
                glyphs++;
                float left = p.getXDirAdj();
                float right = left + p.getWidthDirAdj();
                float baseline = p.getYDirAdj();
                float top = baseline - p.getHeightDir();
                if (left >= -TOLERANCE && right <= box.getWidth() + TOLERANCE
                        && top >= -TOLERANCE && baseline <= box.getHeight() + TOLERANCE) {
                    inside.append(p.getUnicode());
                } else if (!reported) { // one line per run is enough to find it
                    reported = true;
                    outside.add(String.format(Locale.ROOT, "page %d: '%s' at x %.1f–%.1f, y %.1f–%.1f of %.0f × %.0f in \"%s\"",
                            getCurrentPageNo(), p.getUnicode(), left, right, top, baseline, box.getWidth(), box.getHeight(),
                            string.length() > 60 ? string.substring(0, 60) + "…" : string));
                }
            }
            inside.append(' ');
            super.writeString(string, positions);
        }
    }
}
