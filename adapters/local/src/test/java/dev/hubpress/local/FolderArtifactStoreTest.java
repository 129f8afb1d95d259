package dev.hubpress.local;

import dev.hubpress.core.port.ArtifactStore;
import dev.hubpress.core.port.ArtifactStoreContract;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The site folder: the port's contract, and what is the filesystem's own (temp files, modes, links, folders). */
class FolderArtifactStoreTest extends ArtifactStoreContract {

    @TempDir
    Path dir;

    private Path site() {
        return dir.resolve("site");
    }

    @Override
    protected ArtifactStore createStore() {
        return new FolderArtifactStore(site());
    }

    @Override
    protected Optional<Stored> read(String key) {
        Path file = site().resolve(key);
        try {
            return Files.isRegularFile(file) ? Optional.of(new Stored(Files.readAllBytes(file), null, null)) : Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Every file under the test's folder, relative to the site folder: one written outside the
     * site (through a key that escaped) shows as {@code ../…}, so "nothing is written" covers it.
     */
    @Override
    protected List<String> keys() {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).map(f -> site().relativize(f).toString().replace('\\', '/')).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A folder keeps bytes only: the preview server derives types from file extensions. */
    @Override
    protected boolean keepsHeaders() {
        return false;
    }

    @Test
    void aNewObjectLeavesNoTempFileBehind() throws Exception {
        // GIVEN an empty site folder

        // WHEN a nested object is put
        store.put(page("careers/mid-to-senior.html", "<p>senior</p>"));

        // THEN its folder holds it and nothing else
        try (Stream<Path> files = Files.list(site().resolve("careers"))) {
            assertThat(files).containsExactly(site().resolve("careers/mid-to-senior.html"));
        }
    }

    @Test
    void publishedFilesAreReadableByTheWebServerThatServesThem() throws Exception {
        // GIVEN a site folder

        // WHEN an object is put
        store.put(page("index.html", "<p>home</p>"));

        // THEN it is world-readable like any file written with the usual umask, not owner-only
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(site().resolve("index.html"))))
                .isEqualTo("rw-r--r--");
    }

    @Test
    void anObjectWhoseBytesAreAlreadyThereKeepsItsFileUntouched() throws Exception {
        // GIVEN an object already published, with an old modification time
        store.put(page("index.html", "<p>home</p>"));
        FileTime old = FileTime.fromMillis(1_000_000_000_000L);
        Files.setLastModifiedTime(site().resolve("index.html"), old);

        // WHEN the identical object is put again
        boolean written = store.put(page("index.html", "<p>home</p>"));

        // THEN nothing is written: the file is untouched
        assertThat(written).isFalse();
        assertThat(Files.getLastModifiedTime(site().resolve("index.html"))).isEqualTo(old);
    }

    @Test
    void replacesAChangedObjectInOneStep() throws Exception {
        // GIVEN a published object, and a reader holding the old file open
        store.put(page("index.html", "old"));
        Path file = site().resolve("index.html");
        Object oldKey = Files.readAttributes(file, BasicFileAttributes.class).fileKey();

        // WHEN new bytes are put
        boolean written = store.put(page("index.html", "new and longer"));

        // THEN the file is replaced (a new inode: renamed into place, never rewritten in place)
        assertThat(written).isTrue();
        assertThat(file).hasContent("new and longer");
        Object newKey = Files.readAttributes(file, BasicFileAttributes.class).fileKey();
        if (oldKey != null) {
            assertThat(newKey).isNotEqualTo(oldKey);
        }
    }

    @Test
    void leavesNothingOfALongerObjectBehindAShorterOne() throws Exception {
        // GIVEN a published object
        store.put(page("index.html", "<p>a long first version of the page</p>"));

        // WHEN shorter bytes are put under its key (written into a new file, never truncated)
        boolean written = store.put(page("index.html", "<p>short</p>"));

        // THEN the file holds exactly the new bytes, and no temp file is left beside it
        assertThat(written).isTrue();
        assertThat(site().resolve("index.html")).hasContent("<p>short</p>");
        try (var files = Files.list(site())) {
            assertThat(files.map(f -> f.getFileName().toString())).containsExactly("index.html");
        }
    }

    @Test
    void refusesToWriteThroughAFolderLinkLeadingOutside() throws Exception {
        // GIVEN a folder inside the site that is a link to a folder outside it
        Path outside = Files.createDirectories(dir.resolve("outside"));
        Files.createDirectories(site());
        Files.createSymbolicLink(site().resolve("linked"), outside);

        // WHEN / THEN writing under it is refused
        assertThatThrownBy(() -> store.put(page("linked/x.html", "x"))).isInstanceOf(IllegalArgumentException.class);
        assertThat(outside).isEmptyDirectory();
    }

    @Test
    void refusesALinkDeeperDownThePathToo() throws Exception {
        // GIVEN a plain folder inside the site holding a link to a folder outside it
        Path outside = Files.createDirectories(dir.resolve("outside"));
        Files.createDirectories(site().resolve("plain"));
        Files.createSymbolicLink(site().resolve("plain/linked"), outside);

        // WHEN / THEN writing two folders below the link is refused, and nothing lands outside
        assertThatThrownBy(() -> store.put(page("plain/linked/a/x.html", "x"))).isInstanceOf(IllegalArgumentException.class);
        assertThat(outside).isEmptyDirectory();
    }

    @Test
    void writesThroughAFolderLinkThatStaysInsideTheSite() throws Exception {
        // GIVEN a folder inside the site that is a link to another folder inside it
        Path target = Files.createDirectories(site().resolve("shared"));
        Files.createSymbolicLink(site().resolve("alias"), target);

        // WHEN an object is written under the link
        store.put(page("alias/x.html", "x"));

        // THEN it is written, where the link leads
        assertThat(target.resolve("x.html")).hasContent("x");
    }

    @Test
    void deleteRemovesTheFileAndItsEmptyFoldersButNotTheSiteFolder() {
        // GIVEN two objects, one alone in a nested folder
        store.put(page("a/b/c.html", "c"));
        store.put(page("index.html", "home"));

        // WHEN the nested one is deleted, and an absent one too
        store.delete("a/b/c.html");
        store.delete("never/there.html");

        // THEN its emptied folders are gone; the site folder and other objects stay
        assertThat(site().resolve("a")).doesNotExist();
        assertThat(site().resolve("index.html")).exists();
        assertThat(site()).isDirectory();
    }

    @Test
    void deleteKeepsFoldersThatStillHoldFiles() throws Exception {
        // GIVEN two objects in one folder
        store.put(page("a/one.html", "1"));
        store.put(page("a/two.html", "2"));

        // WHEN one is deleted
        store.delete("a/one.html");

        // THEN the folder and the other object stay
        assertThat(site().resolve("a/two.html")).exists();
        assertThat(site().resolve("a/one.html")).doesNotExist();
        assertThat(new String(Files.readAllBytes(site().resolve("a/two.html")), StandardCharsets.UTF_8)).isEqualTo("2");
    }
}
