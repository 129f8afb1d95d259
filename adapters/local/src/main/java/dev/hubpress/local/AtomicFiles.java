package dev.hubpress.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Whole-file writes that readers never see half done: a temp file in the same folder, then a rename. */
final class AtomicFiles {

    private AtomicFiles() {
    }

    private static final Set<PosixFilePermission> PUBLISHED = PosixFilePermissions.fromString("rw-r--r--");
    private static final Set<PosixFilePermission> OWNER_ONLY_FOLDER = PosixFilePermissions.fromString("rwx------");
    /** Whether a file store keeps POSIX permissions, by device number (see {@link #posix}). */
    private static final Map<Object, Boolean> POSIX_BY_DEVICE = new ConcurrentHashMap<>();

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
            // Opened to write, not to truncate (the new file is empty): ext4 flushes a file that was
            // truncated to nothing to disk when it is closed (its auto_da_alloc default).
            Files.write(temp, bytes, StandardOpenOption.WRITE);
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

    /**
     * Whether the path's file store keeps POSIX permissions, remembered by device: asking the file
     * store resolves the path and reads the mount table, two dozen system calls for each file a
     * publish writes (a 1,000-page hub's first publish writes 3,300), where the device number is one.
     */
    private static boolean posix(Path path) throws IOException {
        Object device;
        try {
            device = Files.getAttribute(path, "unix:dev");
        } catch (UnsupportedOperationException | IllegalArgumentException e) {
            return Files.getFileStore(path).supportsFileAttributeView("posix"); // no device numbers here
        }
        Boolean known = POSIX_BY_DEVICE.get(device);
        if (known == null) {
            known = Files.getFileStore(path).supportsFileAttributeView("posix");
            POSIX_BY_DEVICE.put(device, known);
        }
        return known;
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
