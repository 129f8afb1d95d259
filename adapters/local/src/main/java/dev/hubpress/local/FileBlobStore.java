package dev.hubpress.local;

import dev.hubpress.core.port.BlobStore;
import dev.hubpress.core.work.FileBytes;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Content-addressed blobs in a folder: {@code <dir>/ab/cdef…} where {@code abcdef…} is the SHA-256
 * of the bytes. Writes are atomic and a no-op when the blob is already there.
 */
public final class FileBlobStore implements BlobStore {

    private final Path dir;

    public FileBlobStore(Path dir) {
        this.dir = dir;
    }

    @Override
    public void put(String hash, byte[] bytes) {
        // Checked before the file is looked for: a caller's wrong hash fails whether or not it is stored.
        BlobStore.requireHashOf(hash, bytes);
        Path file = pathOf(hash);
        if (Files.isRegularFile(file)) {
            return;
        }
        AtomicFiles.write(file, bytes);
    }

    @Override
    public Optional<byte[]> get(String hash) {
        try {
            return Optional.of(FileBytes.read(pathOf(hash)));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read blob " + hash + ": " + e.getMessage(), e);
        }
    }

    /** Where a blob lives; the hash is checked first so that no key can point outside the folder. */
    Path pathOf(String hash) {
        BlobStore.requireHash(hash);
        return dir.resolve(hash.substring(0, 2)).resolve(hash.substring(2));
    }
}
