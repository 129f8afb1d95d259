package dev.hubpress.guide;

import org.apache.pdfbox.io.IOUtils;
import org.apache.pdfbox.io.RandomAccessRead;
import org.apache.pdfbox.io.RandomAccessStreamCache;
import org.apache.pdfbox.pdfparser.PDFParser;
import org.apache.pdfbox.pdmodel.PDDocument;

import java.io.IOException;

/**
 * Reads a PDF that {@link BookWriter} wrote (a part, the front or back matter, a book) trusting its
 * cross-reference offsets and stream lengths. PDFBox's default (lenient) reading first checks
 * every offset against the file, to repair files other writers damaged: a third of reading a part,
 * most of reading a section's book to count its pages.
 */
final class WrittenPdf {

    private WrittenPdf() {
    }

    static PDDocument read(byte[] bytes, RandomAccessStreamCache.StreamCacheCreateFunction cache) throws IOException {
        RandomAccessRead file = new WrittenBytes(bytes);
        try {
            return new PDFParser(file, "", null, null, cache).parse(false);
        } catch (IOException | RuntimeException e) {
            file.close();
            throw e;
        }
    }

    static PDDocument read(byte[] bytes) throws IOException {
        return read(bytes, IOUtils.createMemoryOnlyStreamCache());
    }
}
