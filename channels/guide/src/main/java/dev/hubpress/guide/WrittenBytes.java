package dev.hubpress.guide;

import org.apache.pdfbox.io.RandomAccessRead;
import org.apache.pdfbox.io.RandomAccessReadView;

import java.io.IOException;

/**
 * A PDF's bytes in memory, as PDFBox's parser reads them: one array and a position. PDFBox's own
 * {@code RandomAccessReadBuffer} reads through a list of byte buffers and moves back by seeking
 * (a division per call); its parser steps back a byte after almost every token it reads, and under
 * the quick compiler, which inlines none of it, that stepping was a third of binding a 1,000-page book.
 */
final class WrittenBytes implements RandomAccessRead {

    private final byte[] bytes;
    /** At most the length: a seek past the end stops there, as in PDFBox's buffer. */
    private long position;
    private boolean closed;

    WrittenBytes(byte[] bytes) {
        this.bytes = bytes;
    }

    @Override
    public int read() throws IOException {
        open();
        return position < bytes.length ? bytes[(int) position++] & 0xff : -1;
    }

    @Override
    public int read(byte[] into, int offset, int length) throws IOException {
        open();
        if (length == 0) {
            return 0;
        }
        if (position >= bytes.length) {
            return -1;
        }
        int n = (int) Math.min(length, bytes.length - position);
        System.arraycopy(bytes, (int) position, into, offset, n);
        position += n;
        return n;
    }

    @Override
    public int peek() throws IOException {
        open();
        return position < bytes.length ? bytes[(int) position] & 0xff : -1;
    }

    @Override
    public void rewind(int count) throws IOException {
        seek(position - count);
    }

    @Override
    public void skip(int count) throws IOException {
        seek(position + count);
    }

    @Override
    public long getPosition() throws IOException {
        open();
        return position;
    }

    @Override
    public void seek(long to) throws IOException {
        open();
        if (to < 0) {
            throw new IOException("Invalid position " + to);
        }
        position = Math.min(to, bytes.length);
    }

    @Override
    public long length() throws IOException {
        open();
        return bytes.length;
    }

    @Override
    public boolean isEOF() throws IOException {
        open();
        return position >= bytes.length;
    }

    @Override
    public int available() throws IOException {
        open();
        return (int) Math.max(0, bytes.length - position);
    }

    @Override
    public boolean isClosed() {
        return closed;
    }

    /** A view with a position of its own, over the same array (as PDFBox's buffer makes one): reading it leaves this one's alone. */
    @Override
    public RandomAccessReadView createView(long start, long length) throws IOException {
        open();
        return new RandomAccessReadView(new WrittenBytes(bytes), start, length, true);
    }

    @Override
    public void close() {
        closed = true;
    }

    private void open() throws IOException {
        if (closed) {
            throw new IOException("RandomAccessBuffer already closed");
        }
    }
}
