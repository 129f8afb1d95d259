package dev.hubpress.local;

import dev.hubpress.core.port.ArtifactStore;
import dev.hubpress.core.channel.Artifact;
import dev.hubpress.core.content.Hashing;
import dev.hubpress.core.work.FileBytes;
import dev.hubpress.core.work.Parallel;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A channel's published objects as files under the site folder. Readers (a browser, the preview
 * server) never see a half-written file; an object whose bytes are already there is not rewritten,
 * so unchanged files keep their modification times. Whether they are there is known without reading
 * the file when it is as the store last saw it ({@link FileStamps}), else by comparing its bytes.
 * The content type and cache policy are for HTTP stores; the preview server derives types from
 * file extensions.
 */
public final class FolderArtifactStore implements ArtifactStore {

    private final Path root;
    private final FileStamps stamps;

    /**
     * @param stamps the file where the store keeps what it saw of its files, outside the site
     *               folder (whose files are served to readers)
     */
    public FolderArtifactStore(Path root, Path stamps) {
        this.root = root.toAbsolutePath().normalize();
        this.stamps = new FileStamps(stamps);
    }

    public Path root() {
        return root;
    }

    @Override
    public boolean put(Artifact artifact) {
        Path target = resolve(artifact.key());
        try {
            BasicFileAttributes seen = attributes(target);
            if (seen != null && seen.isRegularFile() && seen.size() == artifact.size()) {
                // As last seen holding these bytes: not read. An object made on demand is not even made.
                if (stamps.holds(artifact.key(), seen, artifact.digest())) {
                    return false;
                }
                if (Arrays.equals(FileBytes.read(target), artifact.bytes())) {
                    stamps.seen(artifact.key(), seen, artifact.digest());
                    return false;
                }
            }
            // Checked before the folders are made: making them through a link would make them elsewhere.
            ensureInside(target.getParent(), artifact.key());
            AtomicFiles.write(target, artifact.bytes()); // makes the folders
            BasicFileAttributes written = attributes(target);
            if (written != null) {
                stamps.seen(artifact.key(), written, artifact.digest());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot publish " + artifact.key() + ": " + e.getMessage(), e);
        }
        return true;
    }

    /**
     * The keys of the files this store wrote, or found holding an object's bytes, that no longer
     * hold them: gone, no longer a plain file, or holding other bytes (changed by hand or by another
     * program since), in key order. A file that only looks changed (touched, or written in the
     * record's own tick) is read and hashed. Empty when the store keeps no record: then nothing is
     * known, and nothing is said to have changed.
     */
    public List<String> changedSinceRecorded() {
        // On every core: a 10,000-page site has over 20,000 files to look at.
        List<String> changed = Parallel.map(stamps.recorded(), file -> changed(file) ? file.key() : null).stream()
                .filter(Objects::nonNull).toList();
        stamps.save();
        return changed;
    }

    private boolean changed(FileStamps.Recorded file) {
        try {
            Path target = resolve(file.key());
            BasicFileAttributes seen = attributes(target);
            if (seen == null || !seen.isRegularFile() || seen.size() != file.size()) {
                return true;
            }
            if (stamps.holds(file.key(), seen, file.sha256())) {
                return false;
            }
            if (Hashing.sha256Hex(FileBytes.read(target)).equals(file.sha256())) {
                stamps.seen(file.key(), seen, file.sha256()); // touched only: not read again next time
                return false;
            }
            return true;
        } catch (IOException | UncheckedIOException | IllegalArgumentException e) {
            return true; // unreadable, or a key no file of the folder can have: not what was published
        }
    }

    /** Forgets these keys' files: gone for good, not to be looked for again. */
    public void forget(List<String> keys) {
        keys.forEach(stamps::forget);
        stamps.save();
    }

    /** Saves what the store saw of its files, for the next process. */
    @Override
    public void settle() {
        stamps.save();
    }

    /** The file's attributes, not following a link; null when there is no such file. */
    private static BasicFileAttributes attributes(Path file) throws IOException {
        try {
            return Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            return null;
        }
    }

    @Override
    public void delete(String key) {
        Path target = resolve(key);
        try {
            stamps.forget(key);
            Files.deleteIfExists(target);
            for (Path dir = target.getParent(); dir != null && !dir.equals(root) && dir.startsWith(root); dir = dir.getParent()) {
                try {
                    Files.delete(dir);
                } catch (DirectoryNotEmptyException | java.nio.file.NoSuchFileException e) {
                    break;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + key + ": " + e.getMessage(), e);
        }
    }

    /**
     * The file of a key, refusing any key that could name something outside the folder: the
     * port's check of every key, and then, should a rule ever let one through, the resolved path.
     */
    Path resolve(String key) {
        Path target = root.resolve(ArtifactStore.requireSafeKey(key)).normalize();
        if (!target.startsWith(root) || target.equals(root)) {
            throw new IllegalArgumentException("unsafe artifact key: '" + key + "'");
        }
        return target;
    }

    /**
     * A folder inside the site folder could be a symlink to elsewhere; never write through one.
     * Only a path with a link on it needs resolving: the folders below the site folder that exist
     * are looked at as they are (one call each), where resolving the whole path reads every
     * folder's link from the root down (a dozen calls for each file a publish writes).
     */
    private void ensureInside(Path dir, String key) throws IOException {
        Path existing = null;
        for (Path folder = dir; !folder.equals(root); folder = folder.getParent()) {
            BasicFileAttributes seen;
            try {
                seen = Files.readAttributes(folder, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            } catch (NoSuchFileException e) {
                continue; // made later, as a plain folder
            }
            existing = existing == null ? folder : existing;
            if (!seen.isDirectory()) {
                // A link (or a file) on the path: where the deepest folder there is really is.
                if (!existing.toRealPath().startsWith(root.toRealPath())) {
                    throw new IllegalArgumentException("artifact " + key + " would be written outside " + root
                            + " (a folder on its path is a link)");
                }
                return;
            }
        }
    }
}
