package dev.hubpress.guide;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSObject;
import org.apache.pdfbox.cos.COSString;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The bound book's writer on books made here: what it writes reads back with PDFBox as the same
 * document, objects shared by several pages are written once, and the same book gives the same
 * bytes. (The guide's own tests read whole guides written by it: GuidePdfTest, SectionPdfTest,
 * PdfUaTest with veraPDF.)
 */
class BookWriterTest {

    @ParameterizedTest
    @EnumSource(BookWriter.Packing.class)
    void aBookOfPagesFromSeveralFilesReadsBackWithItsTextAndSharedObjectsOnce(BookWriter.Packing packing) throws IOException {
        // GIVEN a book whose pages come from two files read back, sharing one dictionary between its pages
        byte[] first = file("Chapter one", 3);
        byte[] second = file("Chapter two", 2);
        try (PDDocument book = Loader.loadPDF(first); PDDocument other = Loader.loadPDF(second)) {
            for (PDPage page : other.getPages()) {
                page.setResources(page.getResources());
                book.addPage(page);
            }
            COSDictionary shared = new COSDictionary();
            shared.setItem(COSName.TYPE, COSName.getPDFName("Shared"));
            for (PDPage page : book.getPages()) {
                page.getCOSObject().setItem(COSName.getPDFName("Note"), shared);
            }
            book.getDocument().getTrailer().setItem(COSName.ID, ids());

            // WHEN it is written twice
            byte[] written = write(book, packing);
            byte[] again = write(book, packing);

            // THEN the bytes are the same, the file is a PDF 1.5+ with one cross-reference stream, and object streams as asked
            assertThat(again).isEqualTo(written);
            String raw = new String(written, StandardCharsets.ISO_8859_1);
            assertThat(raw).startsWith("%PDF-1.7").contains("/Type /XRef").endsWith("%%EOF\n");
            assertThat(raw.contains("/Type /ObjStm")).isEqualTo(packing == BookWriter.Packing.OBJECT_STREAMS);
            // and PDFBox reads back every page, its text, the one shared dictionary and the /ID
            try (PDDocument read = Loader.loadPDF(written)) {
                assertThat(read.getNumberOfPages()).isEqualTo(5);
                String text = new PDFTextStripper().getText(read);
                assertThat(text).contains("Chapter one, page 3").contains("Chapter two, page 2");
                COSObject note = (COSObject) read.getPage(0).getCOSObject().getItem(COSName.getPDFName("Note"));
                for (PDPage page : read.getPages()) {
                    COSObject same = (COSObject) page.getCOSObject().getItem(COSName.getPDFName("Note"));
                    assertThat(same.getKey()).isEqualTo(note.getKey());
                }
                assertThat(read.getDocument().getDocumentID().getString(0)).isEqualTo("0123456789abcdef");
            }
        }
    }

    private static COSArray ids() {
        COSArray ids = new COSArray();
        ids.add(new COSString("0123456789abcdef".getBytes(StandardCharsets.US_ASCII)));
        ids.add(new COSString("0123456789abcdef".getBytes(StandardCharsets.US_ASCII)));
        return ids;
    }

    private static byte[] write(PDDocument book, BookWriter.Packing packing) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BookWriter.write(book, packing, out);
        return out.toByteArray();
    }

    /** A small file of pages, each with one line of text in a standard font. */
    private static byte[] file(String title, int pages) throws IOException {
        try (PDDocument document = new PDDocument()) {
            PDType1Font font = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
            for (int i = 1; i <= pages; i++) {
                PDPage page = new PDPage(PDRectangle.A4);
                document.addPage(page);
                try (PDPageContentStream out = new PDPageContentStream(document, page)) {
                    out.beginText();
                    out.setFont(font, 12);
                    out.newLineAtOffset(72, 720);
                    out.showText(title + ", page " + i);
                    out.endText();
                }
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            document.save(out);
            return out.toByteArray();
        }
    }
}
