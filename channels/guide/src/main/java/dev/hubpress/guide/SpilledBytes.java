package dev.hubpress.guide;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.ref.Cleaner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Bytes kept in a file of their own in a temporary folder instead of on the heap: a laid-out part
 * is read only when a book is bound, and a 10,000-page hub's parts (about 200 MB deflated) held in
 * memory were part of what took its guide beyond a 2 GB heap. The file is deleted when nothing refers to
 * these bytes any more, and the folder when the process exits. Immutable; thread-safe.
 */
final class SpilledBytes {

    private static final Cleaner CLEANER = Cleaner.create();

    private final Path file;

    private SpilledBytes(Path file) {
        this.file = file;
    }

    /** Writes a copy of the bytes to a new file. */
    static SpilledBytes of(byte[] bytes) {
        try {
            Path file = Files.createTempFile(Folder.PATH, "part", ".bin");
            Files.write(file, bytes);
            SpilledBytes spilled = new SpilledBytes(file);
            CLEANER.register(spilled, new Delete(file));
            return spilled;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep a laid-out part in " + Folder.PATH + ": " + e.getMessage(), e);
        }
    }

    /** The bytes, read back. */
    byte[] read() {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException("a laid-out part is gone from " + file + ": " + e.getMessage(), e);
        }
    }

    /** Deletes one file; it must not refer to the SpilledBytes, or that would never become unreachable. */
    private record Delete(Path file) implements Runnable {
        @Override
        public void run() {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                // left for the exit hook, or the system's cleaning of its temporary folder
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
                files.sorted(Comparator.reverseOrder()).forEach(p -> new Delete(p).run());
            } catch (IOException | UncheckedIOException e) {
                // the system's temporary folder is cleaned by others
            }
        }
    }
}
