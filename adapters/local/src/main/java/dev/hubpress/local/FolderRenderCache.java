package dev.hubpress.local;

import dev.hubpress.core.port.RenderCache;
import dev.hubpress.core.work.FileBytes;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The render cache in a folder (the state folder's {@code cache/}): one file per name, replaced
 * atomically, so a reader sees the old file, the new one or none. Deleting the folder only makes
 * the next publish compute everything again.
 *
 * <p>Values nobody uses any more (a section removed from the hub keeps its parts' names) are
 * deleted as the state bucket's lifecycle rule deletes them on AWS: a file neither written nor read
 * for {@link #UNUSED_FOR} is deleted when the cache is opened. A read marks its file used (its
 * modification time, at most once a day), so only values no publish asks for go.
 */
public final class FolderRenderCache implements RenderCache {

    /** How long a value may go unused before the cache deletes it (the state bucket's cache/ rule). */
    static final Duration UNUSED_FOR = Duration.ofDays(30);
    private static final Duration MARK_EVERY = Duration.ofDays(1);

    private final Path dir;
    private final Clock clock;

    public FolderRenderCache(Path dir) {
        this(dir, Clock.systemUTC());
    }

    /** On this clock: the one file times are compared with (never one fixed for reproducible output). */
    FolderRenderCache(Path dir, Clock clock) {
        this.dir = dir;
        this.clock = clock;
        prune();
    }

    @Override
    public Optional<byte[]> get(String name) {
        Path file = dir.resolve(RenderCache.requireName(name));
        try {
            byte[] bytes = FileBytes.read(file);
            markUsed(file);
            return Optional.of(bytes);
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

    private void markUsed(Path file) {
        try {
            Instant now = clock.instant();
            if (Files.getLastModifiedTime(file).toInstant().isBefore(now.minus(MARK_EVERY))) {
                Files.setLastModifiedTime(file, FileTime.from(now));
            }
        } catch (IOException e) {
            // the value was read; only the note that it is in use is lost (it may be pruned and computed again)
        }
    }

    /** Deletes the files (values, and temporary files a killed process left) unused for {@link #UNUSED_FOR}. */
    private void prune() {
        Instant before = clock.instant().minus(UNUSED_FOR);
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
            for (Path file : files) {
                try {
                    if (Files.isRegularFile(file) && Files.getLastModifiedTime(file).toInstant().isBefore(before)) {
                        Files.deleteIfExists(file);
                    }
                } catch (IOException e) {
                    // kept this time: a cache that keeps too much is only larger
                }
            }
        } catch (IOException e) {
            // no folder yet, or one we cannot list: nothing to prune
        }
    }
}
