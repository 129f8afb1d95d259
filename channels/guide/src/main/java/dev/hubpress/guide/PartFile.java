package dev.hubpress.guide;

import org.apache.pdfbox.io.RandomAccessRead;
import org.apache.pdfbox.io.RandomAccessReadBuffer;
import org.apache.pdfbox.io.RandomAccessStreamCache;
import org.apache.pdfbox.pdfparser.PDFParser;
import org.apache.pdfbox.pdmodel.PDDocument;

import java.io.IOException;

/**
 * Reads a part, or front or back matter, as {@link BookWriter} wrote it to be bound: trusting its
 * cross-reference offsets and stream lengths. PDFBox's default (lenient) reading first checks every
 * offset against the file, to repair files other writers damaged: a third of reading a part.
 */
final class PartFile extends PDFParser {

    private PartFile(RandomAccessRead file, RandomAccessStreamCache.StreamCacheCreateFunction cache) throws IOException {
        super(file, "", null, null, cache);
        setLenient(false);
    }

    static PDDocument read(byte[] bytes, RandomAccessStreamCache.StreamCacheCreateFunction cache) throws IOException {
        RandomAccessRead file = new RandomAccessReadBuffer(bytes);
        try {
            return new PartFile(file, cache).parse();
        } catch (IOException | RuntimeException e) {
            file.close();
            throw e;
        }
    }
}
