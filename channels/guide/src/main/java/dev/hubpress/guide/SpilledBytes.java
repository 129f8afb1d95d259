package dev.hubpress.guide;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.ref.Cleaner;
import java.lang.ref.Reference;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Bytes kept in a temporary file instead of on the heap: a laid-out part is read only when a book
 * is bound, and a 10,000-page hub's parts (about 200 MB deflated) held in memory were part of what
 * took its guide beyond a 2 GB heap. Immutable; thread-safe.
 *
 * <p>The bytes are appended to a segment file shared with others ({@link #SEGMENT_SIZE} each):
 * a file of its own for every part cost an edit a file created, written and deleted for each part
 * read back from the render cache (1,250 at 10,000 pages, 0.8 s on this file system). A segment is
 * deleted once it is full and nothing refers to any bytes in it any more; what is left, with the
 * folder, when the process exits.
 */
final class SpilledBytes {

    /** The size past which a segment takes no more bytes: what a long-lived process may keep of bytes no one needs. */
    static final long SEGMENT_SIZE = 64L << 20;

    private static final Cleaner CLEANER = Cleaner.create();
    /** The segment new bytes go to; guarded by the class. */
    private static Segment open;

    private final Segment segment;
    private final long offset;
    private final int length;

    private SpilledBytes(Segment segment, long offset, int length) {
        this.segment = segment;
        this.offset = offset;
        this.length = length;
    }

    /** Writes a copy of the bytes to the open segment. */
    static SpilledBytes of(byte[] bytes) {
        Segment segment;
        long offset;
        synchronized (SpilledBytes.class) {
            if (open == null || open.size >= SEGMENT_SIZE) {
                if (open != null) {
                    open.seal();
                }
                open = Segment.create();
            }
            segment = open;
            offset = segment.append(bytes);
        }
        SpilledBytes spilled = new SpilledBytes(segment, offset, bytes.length);
        CLEANER.register(spilled, segment::release);
        return spilled;
    }

    /** The bytes, read back. */
    byte[] read() {
        ByteBuffer buffer = ByteBuffer.allocate(length);
        try {
            while (buffer.hasRemaining()) {
                if (segment.channel.read(buffer, offset + buffer.position()) < 0) {
                    throw new IOException("the file ends before the bytes do");
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("a laid-out part is gone from " + segment.file + ": " + e.getMessage(), e);
        } finally {
            // Held until the bytes are read: unreachable sooner, its segment could be deleted under the read.
            Reference.reachabilityFence(this);
        }
        return buffer.array();
    }

    /** How many segment files hold spilled bytes now. */
    static long files() {
        try (Stream<Path> files = Files.list(Folder.PATH)) {
            return files.count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The file a segment is, how much it holds, and how many bytes' owners still refer to it. Guarded by SpilledBytes.class. */
    private static final class Segment {
        final Path file;
        final FileChannel channel;
        long size;
        int live;
        boolean sealed;

        private Segment(Path file, FileChannel channel) {
            this.file = file;
            this.channel = channel;
        }

        static Segment create() {
            try {
                Path file = Files.createTempFile(Folder.PATH, "parts", ".bin");
                return new Segment(file, FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot keep laid-out parts in " + Folder.PATH + ": " + e.getMessage(), e);
            }
        }

        /** Appends the bytes; returns where they start. */
        long append(byte[] bytes) {
            long at = size;
            try {
                ByteBuffer buffer = ByteBuffer.wrap(bytes);
                while (buffer.hasRemaining()) {
                    channel.write(buffer, at + buffer.position());
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot keep a laid-out part in " + file + ": " + e.getMessage(), e);
            }
            size += bytes.length;
            live++;
            return at;
        }

        /** Takes no more bytes; deleted now if no one refers to its bytes. */
        void seal() {
            sealed = true;
            deleteIfUnused();
        }

        /** One owner of bytes in it is gone (run by the cleaner, so it must not refer to that owner). */
        void release() {
            synchronized (SpilledBytes.class) {
                live--;
                deleteIfUnused();
            }
        }

        private void deleteIfUnused() {
            if (sealed && live == 0) {
                try {
                    channel.close();
                    Files.deleteIfExists(file);
                } catch (IOException e) {
                    // left for the exit hook, or the system's cleaning of its temporary folder
                }
            }
        }
    }

    /** The process's folder, made on first use and removed with what is left in it when the process exits. */
    private static final class Folder {
        static final Path PATH = create();

        private static Path create() {
            try {
                Path folder = Files.createTempDirectory("hubpress-guide-parts");
                Runtime.getRuntime().addShutdownHook(new Thread(() -> removeAll(folder), "hubpress-guide-parts-cleanup"));
                return folder;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot make a temporary folder for the guide's parts: " + e.getMessage(), e);
            }
        }

        private static void removeAll(Path folder) {
            try (Stream<Path> files = Files.walk(folder)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> {
                    try {
                        Files.deleteIfExists(p);
                    } catch (IOException e) {
                        // the system's temporary folder is cleaned by others
                    }
                });
            } catch (IOException | UncheckedIOException e) {
                // the system's temporary folder is cleaned by others
            }
        }
    }
}
