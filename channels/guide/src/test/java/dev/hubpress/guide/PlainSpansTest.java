package dev.hubpress.guide;

import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSBase;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSInteger;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class PlainSpansTest {

    private static final COSName SPAN = COSName.getPDFName("Span");

    @Test
    void aSpanHoldingOnlyOneRunOfTextOnItsParentsPageIsFoldedIntoItsParent() throws Exception {
        try (PDDocument pdf = new PDDocument()) {
            // GIVEN a paragraph on page 1 holding four Spans: a plain one; one with a language; one
            // naming page 2; and one the parent tree does not name for its id
            PDPage first = page(pdf, 0);
            PDPage second = page(pdf, 1);
            COSDictionary paragraph = element("P", null, first.getCOSObject());
            COSDictionary plain = span(paragraph, 0, first);
            COSDictionary withLanguage = span(paragraph, 1, first);
            withLanguage.setString(COSName.LANG, "de");
            COSDictionary otherPage = span(paragraph, 0, second);
            COSDictionary unnamed = span(paragraph, 2, first);
            paragraph.setItem(COSName.K, array(plain, withLanguage, otherPage, unnamed));
            COSArray firstIds = array(plain, withLanguage, paragraph);
            COSArray secondIds = array(otherPage);
            tree(pdf, paragraph, firstIds, secondIds);

            // WHEN the document's plain Spans are folded
            int folded = PlainSpans.fold(pdf);

            // THEN only the plain one is: its id sits in the paragraph, and the parent tree names the paragraph for it
            assertThat(folded).isEqualTo(1);
            COSArray kids = (COSArray) paragraph.getDictionaryObject(COSName.K);
            assertThat(kids.get(0)).isEqualTo(COSInteger.get(0));
            assertThat(List.of(kids.get(1), kids.get(2), kids.get(3))).containsExactly(withLanguage, otherPage, unnamed);
            assertThat(firstIds.get(0)).isSameAs(paragraph);
            assertThat(firstIds.get(1)).isSameAs(withLanguage);
            assertThat(secondIds.get(0)).isSameAs(otherPage);
        }
    }

    @Test
    void aSpanThatHeldOnlyPlainSpansIsFoldedTooAndTheIdsKeepTheirOrder() throws Exception {
        try (PDDocument pdf = new PDDocument()) {
            // GIVEN a paragraph holding a Span that groups two plain Spans (ids 1 then 0), between two ids of its own
            PDPage page = page(pdf, 0);
            COSDictionary paragraph = element("P", null, page.getCOSObject());
            COSDictionary group = element("Span", paragraph, page.getCOSObject());
            COSDictionary second = span(group, 1, page);
            COSDictionary first = span(group, 0, page);
            group.setItem(COSName.K, array(second, first));
            paragraph.setItem(COSName.K, array(COSInteger.get(2), group, COSInteger.get(3)));
            COSArray ids = array(first, second, paragraph, paragraph);
            tree(pdf, paragraph, ids);

            // WHEN folded
            int folded = PlainSpans.fold(pdf);

            // THEN all three are gone: the paragraph holds the ids in the order the Spans gave them, and is named for each
            assertThat(folded).isEqualTo(3);
            assertThat((COSArray) paragraph.getDictionaryObject(COSName.K))
                    .containsExactly(COSInteger.get(2), COSInteger.get(1), COSInteger.get(0), COSInteger.get(3));
            for (int id = 0; id < ids.size(); id++) {
                assertThat(ids.get(id)).as("parent tree entry for id " + id).isSameAs(paragraph);
            }
        }
    }

    @Test
    void aLaidOutPartKeepsNoPlainSpanAndItsParentTreeNamesTheElementsHoldingEachId() throws Exception {
        // GIVEN the repository's companies pages laid out as one part (which folds)
        RenderedPart part = GuideFixtures.repositoryPart("companies");

        try (PDDocument pdf = WrittenPdf.read(part.pdf(), org.apache.pdfbox.io.IOUtils.createMemoryOnlyStreamCache())) {
            // THEN folding it again finds nothing left to fold
            assertThat(PlainSpans.fold(pdf)).isZero();
            // and its structure holds as a book's does (each parent tree entry's element holds its id)
            assertThat(PdfChecks.structureTree(pdf)).isPositive();
        }
    }

    private static PDPage page(PDDocument pdf, int key) {
        PDPage page = new PDPage();
        page.getCOSObject().setInt(COSName.STRUCT_PARENTS, key);
        pdf.addPage(page);
        return page;
    }

    private static COSDictionary element(String type, COSDictionary parent, COSBase page) {
        COSDictionary element = new COSDictionary();
        element.setItem(COSName.TYPE, COSName.getPDFName("StructElem"));
        element.setItem(COSName.S, COSName.getPDFName(type));
        if (parent != null) {
            element.setItem(COSName.P, parent);
        }
        element.setItem(COSName.PG, page);
        return element;
    }

    private static COSDictionary span(COSDictionary parent, int id, PDPage page) {
        COSDictionary span = element("Span", parent, page.getCOSObject());
        span.setInt(COSName.K, id);
        assertThat(span.getCOSName(COSName.S)).isEqualTo(SPAN);
        return span;
    }

    private static COSArray array(COSBase... items) {
        COSArray array = new COSArray();
        for (COSBase item : items) {
            array.add(item);
        }
        return array;
    }

    private static void tree(PDDocument pdf, COSDictionary top, COSArray... pages) {
        COSDictionary root = new COSDictionary();
        root.setItem(COSName.TYPE, COSName.STRUCT_TREE_ROOT);
        root.setItem(COSName.K, top);
        top.setItem(COSName.P, root);
        COSArray nums = new COSArray();
        for (int i = 0; i < pages.length; i++) {
            nums.add(COSInteger.get(i));
            nums.add(pages[i]);
        }
        COSDictionary parentTree = new COSDictionary();
        parentTree.setItem(COSName.NUMS, nums);
        root.setItem(COSName.PARENT_TREE, parentTree);
        pdf.getDocumentCatalog().getCOSObject().setItem(COSName.STRUCT_TREE_ROOT, root);
    }
}
