package dev.hubpress.guide;

import dev.hubpress.core.channel.Edition;
import dev.hubpress.core.content.ContentTree;
import dev.hubpress.core.testing.ContentFixtures;
import dev.hubpress.core.testing.Editions;
import dev.hubpress.core.testing.SentenceEdit;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.contentstream.PDFGraphicsStreamEngine;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.graphics.image.PDImage;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.awt.geom.GeneralPath;
import java.awt.geom.Point2D;
import java.awt.geom.Rectangle2D;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 16 item 2 on the real hub: r2 edits one sentence of one section ({@link SentenceEdit}); its
 * guide says so in the contents, in the margin beside that section, and in an appendix, and is
 * stamped with its revision and date.
 */
class EditionPdfTest {

    /** The change bar's colour in guide.css (#c0392b). */
    private static final float[] BAR = {0xc0 / 255f, 0x39 / 255f, 0x2b / 255f};
    /** The text column's left edge: the page's 20 mm margin, in points; the bar stands 6.5 pt left of it, in the margin. */
    private static final float TEXT_LEFT = 20 / 25.4f * 72;
    private static final float BAR_LEFT = TEXT_LEFT - 6.5f - 2.5f;
    /** The bar's width in guide.css. */
    private static final float BAR_WIDTH = 2.5f;
    private static final Pattern PAGE_NUMBER = Pattern.compile("(\\d+)\\s*$");

    private static Edition second;
    private static byte[] pdf;
    private static List<String> pages;

    @BeforeAll
    static void render() throws IOException {
        second = SentenceEdit.secondEdition();
        pdf = GuideFixtures.RENDERER.render(second).get(0).bytes();
        pages = pageTexts(pdf);
    }

    @Test
    void theChangedSectionIsFlaggedInTheContentsAndListedInTheAppendixWithTheRightPage() {
        // GIVEN r2's guide; the section's heading page is the first page with the heading as a line of its own
        int headingPage = headingPage(SentenceEdit.SECTION_TITLE);

        // THEN its contents line carries the text marker and the heading's page number
        String tocLine = lines(String.join("\n", pages.subList(0, headingPage - 1))).stream()
                .filter(l -> l.contains(SentenceEdit.SECTION_TITLE)).findFirst().orElseThrow();
        assertThat(tocLine).contains("changed");
        assertThat(printedPage(tocLine)).isEqualTo(headingPage);
        // and it is the only line flagged (one sentence of one section changed)
        assertThat(String.join("\n", pages).split("· changed", -1)).hasSize(2);

        // and the appendix names the edition before and lists the section with the heading's page number
        int appendix = firstPageWith("Changes since edition 1", headingPage);
        String appendixLine = lines(pages.get(appendix - 1)).stream()
                .filter(l -> l.contains(SentenceEdit.SECTION_TITLE)).findFirst().orElseThrow();
        assertThat(printedPage(appendixLine)).isEqualTo(headingPage);
    }

    @Test
    void theChangedSectionsPageHasAChangeBarInTheMarginAsAnArtifactAndUnchangedPagesHaveNone() throws IOException {
        int headingPage = headingPage(SentenceEdit.SECTION_TITLE);
        try (PDDocument document = Loader.loadPDF(pdf)) {
            List<Integer> barred = new ArrayList<>();
            for (int i = 0; i < document.getNumberOfPages(); i++) {
                if (!changeBars(document.getPage(i)).isEmpty()) {
                    barred.add(i + 1);
                }
            }
            // the heading's page has a bar; the section may run on to the next page, no other page has one
            assertThat(barred).contains(headingPage);
            assertThat(barred).allMatch(p -> p == headingPage || p == headingPage + 1);
        }
    }

    @Test
    void everyPageFooterAndTheXmpCarryTheRevisionAndItsDate() throws IOException {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            // the cover has no footer; every other page's says "revision r2 · 2 November 2026"
            for (int i = 1; i < pages.size(); i++) {
                assertThat(pages.get(i)).as("page " + (i + 1)).contains("Page " + (i + 1) + " of " + pages.size() + " · revision r2 · 2 November 2026");
            }
            String xmp = new String(document.getDocumentCatalog().getMetadata().toByteArray(), StandardCharsets.UTF_8);
            assertThat(xmp).contains("<xmpMM:VersionID>r2</xmpMM:VersionID>").contains("<xmp:CreateDate>2026-11-02T09:30:00Z</xmp:CreateDate>");
            assertThat(document.getDocumentInformation().getCreationDate().toInstant()).isEqualTo(second.revision().createdAt());
        }
    }

    @Test
    void twoRendersOfTheEditionAreByteIdentical() {
        assertThat(GuideFixtures.RENDERER.render(second).get(0).bytes()).isEqualTo(pdf);
    }

    @Test
    void aFirstEditionFlagsNothingAndHasNoAppendix() throws IOException {
        // GIVEN r1 of the same hub (no parent)
        byte[] first = GuideFixtures.RENDERER.render(Editions.firstEdition(ContentFixtures.repositoryTree())).get(0).bytes();

        String text = String.join("\n", pageTexts(first));
        assertThat(text).doesNotContain("· changed").doesNotContain("Changes since edition");
        try (PDDocument document = Loader.loadPDF(first)) {
            for (PDPage page : document.getPages()) {
                assertThat(changeBars(page)).isEmpty();
            }
        }
    }

    @Test
    void anAddedPageIsFlaggedWholeAndARemovedOneIsListedByTitle() throws IOException {
        // GIVEN r1 with pages A and B, r2 removing B and adding C
        ContentTree one = ContentFixtures.tree("guides/a.md", ContentFixtures.page("Alpha", "guides", 1, "## One\n\nFirst.\n"),
                "guides/b.md", ContentFixtures.page("Bravo", "guides", 2, "## Two\n\nSecond.\n"));
        ContentTree two = ContentFixtures.tree("guides/a.md", ContentFixtures.page("Alpha", "guides", 1, "## One\n\nFirst.\n"),
                "guides/c.md", ContentFixtures.page("Charlie", "guides", 3, "## Three\n\nThird.\n"));
        Edition r2 = Editions.nextEdition(Editions.firstEdition(one), one, two);
        byte[] bytes = GuideFixtures.RENDERER.render(r2).get(0).bytes();
        List<String> texts = pageTexts(bytes);

        // THEN C's contents line and its section's are flagged, A's are not
        List<String> toc = lines(texts.get(1));
        assertThat(toc).filteredOn(l -> l.startsWith("Charlie") || l.startsWith("Three")).allMatch(l -> l.contains("changed")).hasSize(2);
        assertThat(toc).filteredOn(l -> l.startsWith("Alpha") || l.startsWith("One")).noneMatch(l -> l.contains("changed")).hasSize(2);
        // the appendix lists C with its page and B by title, without a page
        String appendix = texts.get(texts.size() - 1);
        int charliePage = headingPage(texts, "Charlie");
        String charlie = lines(appendix).stream().filter(l -> l.startsWith("Charlie")).findFirst().orElseThrow();
        assertThat(printedPage(charlie)).isEqualTo(charliePage);
        assertThat(lines(appendix)).contains("Bravo");
        // and C's page has the bar, A's has none
        try (PDDocument document = Loader.loadPDF(bytes)) {
            assertThat(changeBars(document.getPage(charliePage - 1))).isNotEmpty();
            assertThat(changeBars(document.getPage(headingPage(texts, "Alpha") - 1))).isEmpty();
        }
    }

    private static int headingPage(String heading) {
        return headingPage(pages, heading);
    }

    /** The 1-based page on which {@code heading} is a line of its own (contents and appendix lines carry page numbers). */
    private static int headingPage(List<String> texts, String heading) {
        for (int i = 0; i < texts.size(); i++) {
            if (lines(texts.get(i)).contains(heading)) {
                return i + 1;
            }
        }
        throw new AssertionError("no page has the heading " + heading);
    }

    private static int firstPageWith(String text, int from) {
        for (int i = from; i < pages.size(); i++) {
            if (pages.get(i).contains(text)) {
                return i + 1;
            }
        }
        throw new AssertionError("no page after " + from + " has " + text);
    }

    private static int printedPage(String line) {
        Matcher m = PAGE_NUMBER.matcher(line);
        assertThat(m.find()).as("a page number at the end of: " + line).isTrue();
        return Integer.parseInt(m.group(1));
    }

    private static List<String> lines(String text) {
        return Arrays.stream(text.split("\\R")).map(String::strip).toList();
    }

    static List<String> pageTexts(byte[] bytes) throws IOException {
        List<String> texts = new ArrayList<>();
        try (PDDocument document = Loader.loadPDF(bytes)) {
            PDFTextStripper stripper = new PDFTextStripper();
            for (int i = 1; i <= document.getNumberOfPages(); i++) {
                stripper.setStartPage(i);
                stripper.setEndPage(i);
                texts.add(stripper.getText(document));
            }
        }
        return texts;
    }

    /**
     * The change bars shown on a page: shapes filled in the bar's colour, inside marked content
     * tagged /Artifact, inside the clip, in the margin left of the text column.
     */
    static List<Rectangle2D> changeBars(PDPage page) throws IOException {
        BarFinder finder = new BarFinder(page);
        finder.processPage(page);
        return finder.bars;
    }

    private static final class BarFinder extends PDFGraphicsStreamEngine {
        private final List<Rectangle2D> bars = new ArrayList<>();
        private final Deque<COSName> marked = new ArrayDeque<>();
        private GeneralPath path = new GeneralPath();

        BarFinder(PDPage page) {
            super(page);
        }

        @Override
        public void beginMarkedContentSequence(COSName tag, COSDictionary properties) {
            marked.push(tag);
        }

        @Override
        public void endMarkedContentSequence() {
            marked.poll();
        }

        @Override
        public void appendRectangle(Point2D p0, Point2D p1, Point2D p2, Point2D p3) {
            path.moveTo(p0.getX(), p0.getY());
            path.lineTo(p1.getX(), p1.getY());
            path.lineTo(p2.getX(), p2.getY());
            path.lineTo(p3.getX(), p3.getY());
            path.closePath();
        }

        @Override
        public void moveTo(float x, float y) {
            path.moveTo(x, y);
        }

        @Override
        public void lineTo(float x, float y) {
            path.lineTo(x, y);
        }

        @Override
        public void curveTo(float x1, float y1, float x2, float y2, float x3, float y3) {
            path.curveTo(x1, y1, x2, y2, x3, y3);
        }

        @Override
        public Point2D getCurrentPoint() {
            return path.getCurrentPoint();
        }

        @Override
        public void closePath() {
            path.closePath();
        }

        @Override
        public void endPath() {
            path = new GeneralPath();
        }

        @Override
        public void fillPath(int windingRule) throws IOException {
            Rectangle2D box = path.getBounds2D();
            float[] colour = getGraphicsState().getNonStrokingColor().toRGB() == -1 ? null : rgb(getGraphicsState().getNonStrokingColor().toRGB());
            boolean artifact = marked.contains(COSName.ARTIFACT);
            // Only what is seen counts: a shape outside the clip (the content box) is drawn but never shown.
            boolean shown = getGraphicsState().getCurrentClippingPath().getBounds2D().contains(box);
            if (artifact && shown && colour != null && close(colour, BAR) && box.getMinX() >= BAR_LEFT - 0.5
                    && box.getMaxX() <= BAR_LEFT + BAR_WIDTH + 0.5) {
                bars.add(box);
            }
            path = new GeneralPath();
        }

        @Override
        public void strokePath() {
            path = new GeneralPath();
        }

        @Override
        public void fillAndStrokePath(int windingRule) throws IOException {
            fillPath(windingRule);
        }

        @Override
        public void drawImage(PDImage pdImage) {
        }

        @Override
        public void clip(int windingRule) {
        }

        @Override
        public void shadingFill(COSName shadingName) {
        }

        private static float[] rgb(int rgb) {
            return new float[]{(rgb >> 16 & 0xff) / 255f, (rgb >> 8 & 0xff) / 255f, (rgb & 0xff) / 255f};
        }

        private static boolean close(float[] a, float[] b) {
            for (int i = 0; i < 3; i++) {
                if (Math.abs(a[i] - b[i]) > 0.02f) {
                    return false;
                }
            }
            return true;
        }
    }
}
