package dev.hubpress.local;

import dev.hubpress.core.port.RenderCache;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The render cache in a folder (the state folder's {@code cache/}): one file per name, replaced
 * atomically, so a reader sees the old file, the new one or none. Deleting the folder only makes
 * the next publish compute everything again.
 */
public final class FolderRenderCache implements RenderCache {

    private final Path dir;

    public FolderRenderCache(Path dir) {
        this.dir = dir;
    }

    @Override
    public Optional<byte[]> get(String name) {
        try {
            return Optional.of(Files.readAllBytes(dir.resolve(RenderCache.requireName(name))));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read cache " + name + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void put(String name, byte[] bytes) {
        AtomicFiles.write(dir.resolve(RenderCache.requireName(name)), bytes);
    }
}
