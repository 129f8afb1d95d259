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
    private static final Set<PosixFilePermission> OWNER_ONLY_FOLDER = PosixFilePermissions.fromString("rwx------");

    /** Writes the bytes to the target, creating its folders; replaces any existing file in one step. Readable by all. */
    static void write(Path target, byte[] bytes) {
        write(target, bytes, true);
    }

    /**
     * Like {@link #write}, for what only the user running hubpress may read (subscribers' addresses,
     * the emails to them): the file is the owner's only (0600) and so is its folder (0700), made so
     * if it is not. On a filesystem without POSIX permissions the file is written as it comes.
     */
    static void writePrivate(Path target, byte[] bytes) {
        privateFolder(target.toAbsolutePath().getParent());
        write(target, bytes, false);
    }

    /** Creates the folder (and its parents) and makes it the owner's only (0700). */
    static void privateFolder(Path folder) {
        try {
            Files.createDirectories(folder);
            if (posix(folder) && !Files.getPosixFilePermissions(folder).equals(OWNER_ONLY_FOLDER)) {
                Files.setPosixFilePermissions(folder, OWNER_ONLY_FOLDER);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make the private folder " + folder + ": " + e.getMessage(), e);
        }
    }

    private static void write(Path target, byte[] bytes, boolean published) {
        Path dir = target.toAbsolutePath().getParent();
        Path temp = null;
        try {
            Files.createDirectories(dir);
            // Hidden name: the preview server and the content reader both skip dot files.
            // Files.createTempFile makes it owner-only (0600) on POSIX filesystems.
            temp = Files.createTempFile(dir, "." + target.getFileName() + ".", ".tmp");
            Files.write(temp, bytes);
            if (published) {
                readableByAll(temp);
            }
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

    private static boolean posix(Path path) throws IOException {
        return Files.getFileStore(path).supportsFileAttributeView("posix");
    }

    /**
     * Temp files are created owner-only; a published file must be readable by the web server that
     * serves the folder, as any file written with the usual umask would be.
     */
    private static void readableByAll(Path file) throws IOException {
        if (posix(file)) {
            Files.setPosixFilePermissions(file, PUBLISHED);
        }
    }
}
