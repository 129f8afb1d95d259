package dev.hubpress.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/** Whole-file writes that readers never see half done: a temp file in the same folder, then a rename. */
final class AtomicFiles {

    private AtomicFiles() {
    }

    private static final Set<PosixFilePermission> PUBLISHED = PosixFilePermissions.fromString("rw-r--r--");

    /** Writes the bytes to the target, creating its folders; replaces any existing file in one step. */
    static void write(Path target, byte[] bytes) {
        Path dir = target.toAbsolutePath().getParent();
        Path temp = null;
        try {
            Files.createDirectories(dir);
            // Hidden name: the preview server and the content reader both skip dot files.
            temp = Files.createTempFile(dir, "." + target.getFileName() + ".", ".tmp");
            Files.write(temp, bytes);
            readableByAll(temp);
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

    /**
     * Temp files are created owner-only; a published file must be readable by the web server that
     * serves the folder, as any file written with the usual umask would be.
     */
    private static void readableByAll(Path file) throws IOException {
        if (Files.getFileStore(file).supportsFileAttributeView("posix")) {
            Files.setPosixFilePermissions(file, PUBLISHED);
        }
    }
}
