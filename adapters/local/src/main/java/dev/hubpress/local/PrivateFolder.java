package dev.hubpress.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A folder of small records only the owner may read (0700), written under an exclusive lock on
 * {@code <folder>/.lock}: a file lock between processes, a {@link ReentrantLock} between threads
 * (a JVM's file locks do not exclude its own threads). Holders check their condition and replace
 * files atomically ({@link AtomicFiles#writePrivate}); readers need no lock.
 */
final class PrivateFolder {

    private static final Map<Path, ReentrantLock> IN_PROCESS = new ConcurrentHashMap<>();

    private final Path folder;
    private final String what;

    /** @param what what the folder holds, for error messages ("subscribers") */
    PrivateFolder(Path folder, String what) {
        this.folder = folder.toAbsolutePath().normalize();
        this.what = what;
    }

    Path path() {
        return folder;
    }

    interface Action<T> {
        T run() throws IOException;
    }

    /** Runs the action holding the folder's lock, creating the folder (owner only) first. */
    <T> T locked(Action<T> action) {
        ReentrantLock lock = IN_PROCESS.computeIfAbsent(folder, f -> new ReentrantLock());
        lock.lock();
        try {
            AtomicFiles.privateFolder(folder);
            try (FileChannel channel = FileChannel.open(folder.resolve(".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                 FileLock ignored = channel.lock()) {
                return action.run();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + what + " in " + folder + ": " + e.getMessage(), e);
        } finally {
            lock.unlock();
        }
    }
}
