package dev.hubpress.bench;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.io.IOUtils;
import org.apache.pdfbox.io.RandomAccessReadBufferedFile;
import org.apache.pdfbox.pdmodel.PDDocument;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;

/** The published guide in an out folder, and the page count of a PDF. */
final class GuidePdf {

    private GuidePdf() {
    }

    /**
     * The whole book: the PDF directly in {@code site/guide/} that is not a revision's own copy
     * ({@code r12.pdf}); per-section PDFs live in a folder below and are not it.
     */
    static Optional<Path> in(Path out) throws IOException {
        Path dir = out.resolve("site/guide");
        if (!Files.isDirectory(dir)) {
            return Optional.empty();
        }
        try (Stream<Path> pdfs = Files.list(dir)) {
            return pdfs.filter(Files::isRegularFile).filter(p -> p.toString().endsWith(".pdf"))
                    .filter(p -> !p.getFileName().toString().matches("r[0-9]+\\.pdf")).findFirst();
        }
    }

    static int pages(Path pdf) throws IOException {
        // Held in temporary files, not the heap: a 10,000-page guide is larger than the bench's 512 MB cap.
        try (PDDocument d = Loader.loadPDF(new RandomAccessReadBufferedFile(pdf.toFile()), "", null, null,
                IOUtils.createTempFileOnlyStreamCache())) {
            return d.getNumberOfPages();
        }
    }
}
