package dev.hubpress.guide;

import dev.hubpress.core.channel.Edition;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSDocument;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Binding sources given with their bytes: what the binding did not read is copied from the bytes,
 * and the book is the very book bound from the sources' objects alone.
 */
class BindingTest {

    @Test
    void aBookBoundWithItsSourcesBytesIsTheBookBoundFromTheirObjects() throws IOException {
        // GIVEN a front and two tagged parts, each laid out and written as the guide writes a part
        Edition edition = GuideFixtures.repositoryEdition();
        List<byte[]> files = new ArrayList<>();
        for (String body : List.of("<h1>Front</h1><p>The cover.</p>",
                "<h1>Part one</h1><p>A paragraph (with 5 0 R in its text) and <a href=\"https://example.com/\">a link</a>.</p>"
                        + "<table><tr><th>Head</th></tr><tr><td>Cell</td></tr></table>",
                "<h1>Part two</h1><ul><li>One</li><li>Two</li></ul><p>The end.</p>")) {
            String xhtml = "<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"en\"><head><title>T</title>"
                    + "<style>body { font-family: 'Noto Serif'; }</style></head><body>"
                    + body + "</body></html>";
            byte[] laidOut = GuideRenderer.pdf(GuideDocument.parse(xhtml), edition.hub().config(), edition.revision(), new Sandbox());
            try (PDDocument document = Loader.loadPDF(laidOut)) {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                BookWriter.write(document, BookWriter.Packing.OFFSETS, out);
                files.add(out.toByteArray());
            }
        }

        // WHEN the book is bound from the parts' objects, and again with the parts' bytes
        byte[] fromObjects = bind(files, false, new ArrayList<>());
        List<Long> unread = new ArrayList<>();
        byte[] withBytes = bind(files, true, unread);

        // THEN the two books are the same bytes, though most of each part was never read as objects
        assertThat(withBytes).isEqualTo(fromObjects);
        assertThat(unread).hasSize(2).allSatisfy(count -> assertThat(count).isGreaterThan(10));
        try (PDDocument book = Loader.loadPDF(withBytes)) {
            assertThat(book.getNumberOfPages()).isEqualTo(3);
            assertThat(new PDFTextStripper().getText(book)).contains("Front").contains("with 5 0 R in its text")
                    .contains("Cell").contains("The end.");
            assertThat(book.getDocumentCatalog().getStructureTreeRoot().getKids()).hasSize(1);
        }
    }

    /** Binds the files; with bytes, notes for each part how many of its objects were never read. */
    private static byte[] bind(List<byte[]> files, boolean withBytes, List<Long> unread) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (PDDocument front = Loader.loadPDF(files.get(0))) {
            int pages = 0;
            for (byte[] file : files) {
                try (PDDocument document = Loader.loadPDF(file)) {
                    pages += document.getNumberOfPages();
                }
            }
            Binding binding = new Binding(front, pages, out, BookFonts.Kept.NONE);
            binding.open(front, null);
            binding.write();
            for (byte[] file : files.subList(1, files.size())) {
                try (PDDocument source = Loader.loadPDF(file)) {
                    List<PDPage> opened = binding.open(source, withBytes ? file : null);
                    assertThat(opened).isNotEmpty();
                    binding.write();
                    if (withBytes) {
                        COSDocument cos = source.getDocument();
                        unread.add(cos.getXrefTable().keySet().stream()
                                .map(cos::getObjectFromPool).filter(o -> !o.isDereferenced()).count());
                    }
                }
            }
            binding.finish(java.util.Map.of());
        }
        return out.toByteArray();
    }
}
