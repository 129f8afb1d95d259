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
 * thread's work (the book is written in order), and reading a source was a third of it. At most
 * two sources are open at once, the one bound and the next. On one core they are read in turn.
 *
 * <p>A source is used by one thread at a time: the reading thread hands it over whole.
 */
final class BookSources implements AutoCloseable {

    /** A source's bytes and the document read from them. */
    record Source(byte[] bytes, PDDocument document) {
    }

    private final List<Supplier<byte[]>> pdfs;
    private final RandomAccessStreamCache.StreamCacheCreateFunction cache;
    /** The reading thread; null on one core. */
    private final ExecutorService reader;
    private Future<Source> ahead;
    private int next;

    BookSources(List<Supplier<byte[]>> pdfs, RandomAccessStreamCache.StreamCacheCreateFunction cache) {
        this.pdfs = List.copyOf(pdfs);
        this.cache = cache;
        this.reader = Runtime.getRuntime().availableProcessors() < 2 || pdfs.isEmpty() ? null
                : Executors.newSingleThreadExecutor(r -> {
                    Thread thread = new Thread(r, "guide-read-ahead");
                    thread.setDaemon(true);
                    return thread;
                });
        if (reader != null) {
            ahead = reader.submit(() -> read(0));
        }
    }

    boolean hasNext() {
        return next < pdfs.size();
    }

    /** The next source, read; the caller closes its document. The one after it is read meanwhile. */
    Source next() throws IOException {
        int index = next++;
        if (reader == null) {
            return read(index);
        }
        Future<Source> current = ahead;
        int following = next;
        ahead = following < pdfs.size() ? reader.submit(() -> read(following)) : null;
        return take(current);
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

    /** Closes a source read ahead and not taken (the binding failed), and stops the reading thread. */
    @Override
    public void close() {
        if (reader == null) {
            return;
        }
        try {
            if (ahead != null) {
                take(ahead).document().close();
            }
        } catch (IOException | RuntimeException | Error e) {
            // it failed to read, so nothing is open; the binding's own failure is the one reported
        } finally {
            reader.shutdownNow();
        }
    }
}
