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
import java.util.concurrent.atomic.AtomicReference;

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

    @Test
    void aBookWithTenThousandTopLevelBookmarksBindsOnASmallStack() throws Exception {
        // GIVEN a front and a part whose outline is a chain of 10,000 bookmarks, as a hub of 10,000
        // pages without sections gives the book (PDFBox walks a chain linked into a parsed document
        // one call deeper per bookmark: a 10,000-page edit overflowed a 1 MB stack under the quick compiler)
        Edition edition = GuideFixtures.repositoryEdition();
        List<byte[]> files = new ArrayList<>();
        int bookmarks = 10_000;
        StringBuilder chain = new StringBuilder("<bookmarks>");
        for (int i = 0; i < bookmarks; i++) {
            chain.append("<bookmark name=\"Bookmark ").append(i).append("\" href=\"#it\"/>");
        }
        chain.append("</bookmarks>");
        for (String[] source : List.of(new String[]{"", "<h1>Front</h1><p>The cover.</p>"},
                new String[]{chain.toString(), "<h1 id=\"it\">Part</h1><p>Its one page.</p>"})) {
            String xhtml = "<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"en\"><head><title>T</title>" + source[0]
                    + "<style>body { font-family: 'Noto Serif'; }</style></head><body>" + source[1] + "</body></html>";
            byte[] laidOut = GuideRenderer.pdf(GuideDocument.parse(xhtml), edition.hub().config(), edition.revision(), new Sandbox());
            try (PDDocument document = Loader.loadPDF(laidOut)) {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                BookWriter.write(document, BookWriter.Packing.OFFSETS, out);
                files.add(out.toByteArray());
            }
        }

        // WHEN the book is bound on a thread with a quarter of the JVM's usual 1 MB stack
        AtomicReference<Object> outcome = new AtomicReference<>();
        Thread binder = new Thread(null, () -> {
            try {
                outcome.set(bind(files, false, new ArrayList<>()));
            } catch (Throwable e) {
                outcome.set(e);
            }
        }, "small-stack", 256 * 1024);
        binder.start();
        binder.join();

        // THEN it binds, with every bookmark at the top of the book's outline
        assertThat(outcome.get()).isInstanceOf(byte[].class);
        try (PDDocument book = Loader.loadPDF((byte[]) outcome.get())) {
            List<String> titles = new ArrayList<>();
            book.getDocumentCatalog().getDocumentOutline().children().forEach(item -> titles.add(item.getTitle()));
            assertThat(titles).hasSize(bookmarks).contains("Bookmark 0", "Bookmark 9999");
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
