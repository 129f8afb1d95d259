package dev.hubpress.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Whole-file writes that readers never see half done: a temp file in the same folder, then a rename. */
final class AtomicFiles {

    private AtomicFiles() {
    }

    /** Writes the bytes to the target, creating its folders; replaces any existing file in one step. */
    static void write(Path target, byte[] bytes) {
        Path dir = target.toAbsolutePath().getParent();
        Path temp = null;
        try {
            Files.createDirectories(dir);
            // Hidden name: the preview server and the content reader both skip dot files.
            temp = Files.createTempFile(dir, "." + target.getFileName() + ".", ".tmp");
            Files.write(temp, bytes);
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
            temp = null;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target + ": " + e.getMessage(), e);
        } finally {
            if (temp != null) {
                try {
                    Files.deleteIfExists(temp);
                } catch (IOException ignored) {
                    // best effort: a leftover hidden temp file is harmless
                }
            }
        }
    }
}
