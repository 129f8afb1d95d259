package dev.hubpress.guide;

import org.apache.pdfbox.io.RandomAccessStreamCache;
import org.apache.pdfbox.pdmodel.PDDocument;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;

/**
 * The sources a book is bound from, in order, each one inflated, parsed and read ({@link
 * Binding#readAhead}) while the one before it is bound, on a thread of its own: binding is one
 * thread's work (the book is written in order), and reading a source was a third of it. Only the
 * sources the binding expects to read are read ahead (one bound before is copied, not read); one
 * it takes unexpectedly is read then. At most two sources are open at once, the one bound and the
 * next. On one core they are read in turn.
 *
 * <p>A source is used by one thread at a time: the reading thread hands it over whole.
 */
final class BookSources implements AutoCloseable {

    /** A source's bytes and the document read from them. */
    record Source(byte[] bytes, PDDocument document) {
    }

    private final List<Supplier<byte[]>> pdfs;
    private final RandomAccessStreamCache.StreamCacheCreateFunction cache;
    /** The indexes to read ahead, in order. */
    private final List<Integer> expected;
    /** The reading thread; null on one core. */
    private final ExecutorService reader;
    private Future<Source> ahead;
    private int aheadIndex = -1;
    private int nextExpected;
    private int taken = -1;

    /**
     * @param pdfs      each source's bytes
     * @param readAhead by index: whether the binding expects to read the source
     */
    BookSources(List<Supplier<byte[]>> pdfs, List<Boolean> readAhead, RandomAccessStreamCache.StreamCacheCreateFunction cache) {
        if (readAhead.size() != pdfs.size()) {
            throw new IllegalArgumentException(pdfs.size() + " sources, " + readAhead.size() + " flags");
        }
        this.pdfs = List.copyOf(pdfs);
        this.cache = cache;
        this.expected = java.util.stream.IntStream.range(0, pdfs.size()).filter(readAhead::get).boxed().toList();
        this.reader = Runtime.getRuntime().availableProcessors() < 2 || expected.isEmpty() ? null
                : Executors.newSingleThreadExecutor(r -> {
                    Thread thread = new Thread(r, "guide-read-ahead");
                    thread.setDaemon(true);
                    return thread;
                });
        readNextExpected();
    }

    /** The source at this index, read; the caller closes its document. Indexes are taken in increasing order. */
    Source take(int index) throws IOException {
        if (index <= taken || index >= pdfs.size()) {
            throw new IllegalArgumentException("source " + index + " after " + taken + " of " + pdfs.size());
        }
        taken = index;
        if (aheadIndex >= 0 && aheadIndex < index) {
            // read ahead and not taken after all (the binding copied it): closed, and the next expected one read
            closeAhead();
            readNextExpected();
        }
        if (index != aheadIndex) {
            return read(index);
        }
        Future<Source> current = ahead;
        readNextExpected();
        return take(current);
    }

    /** Starts reading the next expected source after the last taken one, if any (and there is a reading thread). */
    private void readNextExpected() {
        ahead = null;
        aheadIndex = -1;
        while (nextExpected < expected.size() && expected.get(nextExpected) <= taken) {
            nextExpected++;
        }
        if (reader != null && nextExpected < expected.size()) {
            int index = expected.get(nextExpected++);
            aheadIndex = index;
            ahead = reader.submit(() -> read(index));
        }
    }

    private Source read(int index) throws IOException {
        byte[] bytes = pdfs.get(index).get();
        PDDocument document = WrittenPdf.read(bytes, cache);
        try {
            Binding.readAhead(document);
        } catch (IOException | RuntimeException e) {
            // only a head start: the binding reads the source again and reports what is wrong with it
        }
        return new Source(bytes, document);
    }

    private static Source take(Future<Source> future) throws IOException {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while reading a part of the guide", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) {
                throw io;
            }
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new UncheckedIOException(new IOException(cause));
        }
    }

    private void closeAhead() {
        try {
            if (ahead != null) {
                take(ahead).document().close();
            }
        } catch (IOException | RuntimeException | Error e) {
            // it failed to read, so nothing is open; the binding's own failure is the one reported
        }
        ahead = null;
        aheadIndex = -1;
    }

    /** Closes a source read ahead and not taken (the binding failed), and stops the reading thread. */
    @Override
    public void close() {
        if (reader == null) {
            return;
        }
        try {
            closeAhead();
        } finally {
            reader.shutdownNow();
        }
    }
}
