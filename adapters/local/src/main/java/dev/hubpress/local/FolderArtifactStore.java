package dev.hubpress.local;

import dev.hubpress.core.port.ArtifactStore;
import dev.hubpress.core.channel.Artifact;
import dev.hubpress.core.work.FileBytes;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Arrays;

/**
 * A channel's published objects as files under the site folder. Readers (a browser, the preview
 * server) never see a half-written file; an object whose bytes are already there is not rewritten,
 * so unchanged files keep their modification times. The content type and cache policy are for
 * HTTP stores; the preview server derives types from file extensions.
 */
public final class FolderArtifactStore implements ArtifactStore {

    private final Path root;

    public FolderArtifactStore(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    public Path root() {
        return root;
    }

    @Override
    public boolean put(Artifact artifact) {
        Path target = resolve(artifact.key());
        byte[] bytes = artifact.bytes();
        try {
            if (Files.isRegularFile(target, LinkOption.NOFOLLOW_LINKS) && Files.size(target) == bytes.length
                    && Arrays.equals(FileBytes.read(target), bytes)) {
                return false;
            }
            // Checked before the folders are made: making them through a link would make them elsewhere.
            ensureInside(target.getParent(), artifact.key());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot publish " + artifact.key() + ": " + e.getMessage(), e);
        }
        AtomicFiles.write(target, bytes); // makes the folders
        return true;
    }

    @Override
    public void delete(String key) {
        Path target = resolve(key);
        try {
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
