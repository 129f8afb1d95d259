package dev.hubpress.core.work;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A whole file's bytes, read a piece at a time. {@code Files.readAllBytes} reads a file in one call,
 * and the JDK copies every read into an array through a direct buffer as large as the read: a new
 * one (zeroed, then faulted in page by page) each time a thread reads a file larger than any
 * before, kept by that thread afterwards. The render cache's whole-hub objects are 19 MB at 1,000
 * pages and ten times that at 10,000, read by pool threads that live as long as the process. In
 * pieces of {@link #PIECE}, the buffer a thread keeps is at most that.
 */
public final class FileBytes {

    /** The largest read: the direct buffer a reading thread keeps. */
    static final int PIECE = 1 << 20;

    private FileBytes() {
    }

    /**
     * The file's bytes: as many as it had when opened (the files read so are replaced whole, never
     * written in place).
     *
     * @throws java.nio.file.NoSuchFileException when there is no such file
     * @throws IOException when it cannot be read, is larger than an array can hold, or shrinks while read
     */
    public static byte[] read(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            if (size > Integer.MAX_VALUE - 8) {
                throw new IOException(file + " is too large to read whole: " + size + " bytes");
            }
            byte[] bytes = new byte[(int) size];
            int done = 0;
            while (done < bytes.length) {
                int read = channel.read(ByteBuffer.wrap(bytes, done, Math.min(PIECE, bytes.length - done)));
                if (read < 0) {
                    throw new EOFException(file + " ended after " + done + " of its " + size + " bytes");
                }
                done += read;
            }
            return bytes;
        }
    }
}
