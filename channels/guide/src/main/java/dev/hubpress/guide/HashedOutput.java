package dev.hubpress.guide;

import dev.hubpress.core.content.Hashing;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;

/**
 * An output that also takes the SHA-256 of what passes through it, on a thread of its own: a
 * book's digest is ready when its last byte is written. Hashed afterwards, a 1,000-page book (22
 * MB) took a quarter of a second of one core at the end of every publish (no SHA-256 intrinsic
 * under the quick compiler), while during the binding a core is half idle. On one core the bytes
 * are hashed where they are written. Chunks wait to be hashed in order, at most {@link #AHEAD} of
 * them, so a writer faster than the hashing waits rather than copying the book into memory.
 */
final class HashedOutput extends FilterOutputStream {

    private static final int AHEAD = 64;
    private static final ExecutorService HASHING = Runtime.getRuntime().availableProcessors() < 2 ? null
            : Executors.newSingleThreadExecutor(task -> {
                Thread thread = new Thread(task, "guide-hash");
                thread.setDaemon(true);
                return thread;
            });

    private final MessageDigest digest = Hashing.newSha256();
    private final Semaphore room = new Semaphore(AHEAD);
    /** The last chunk handed to the hashing thread: it runs them in the order given, so when this one is done all are. */
    private Future<?> last = CompletableFuture.completedFuture(null);

    HashedOutput(OutputStream out) {
        super(out);
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        out.write(b, off, len);
        if (HASHING == null) {
            digest.update(b, off, len);
            return;
        }
        byte[] chunk = Arrays.copyOfRange(b, off, off + len);
        try {
            room.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while hashing the book");
        }
        last = HASHING.submit(() -> {
            try {
                digest.update(chunk);
            } finally {
                room.release();
            }
        });
    }

    /** The SHA-256 of everything written, in lower-case hex, once it is all hashed; ask once, after the last write. */
    String sha256Hex() throws IOException {
        try {
            last.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while hashing the book");
        } catch (ExecutionException e) {
            throw new IOException("hashing the book failed", e.getCause());
        }
        return Hashing.hex(digest.digest());
    }
}
