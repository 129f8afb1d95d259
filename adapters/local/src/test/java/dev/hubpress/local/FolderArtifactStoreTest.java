package dev.hubpress.local;

import dev.hubpress.core.channel.Artifact;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FolderArtifactStoreTest {

    @TempDir
    Path dir;

    private static Artifact page(String key, String text) {
        return Artifact.text(key, text, "text/html; charset=utf-8", Artifact.CachePolicy.SHORT);
    }

    @Test
    void writesANewObjectUnderTheSiteFolderAndLeavesNoTempFile() throws Exception {
        // GIVEN an empty site folder
        FolderArtifactStore store = new FolderArtifactStore(dir.resolve("site"));

        // WHEN a nested object is put
        boolean written = store.put(page("careers/mid-to-senior.html", "<p>senior</p>"));

        // THEN it is written, with its folders, and nothing else is left behind
        assertThat(written).isTrue();
        assertThat(dir.resolve("site/careers/mid-to-senior.html")).hasContent("<p>senior</p>");
        try (Stream<Path> files = Files.list(dir.resolve("site/careers"))) {
            assertThat(files).containsExactly(dir.resolve("site/careers/mid-to-senior.html"));
        }
    }

    @Test
    void publishedFilesAreReadableByTheWebServerThatServesThem() throws Exception {
        // GIVEN a site folder
        FolderArtifactStore store = new FolderArtifactStore(dir.resolve("site"));

        // WHEN an object is put
        store.put(page("index.html", "<p>home</p>"));

        // THEN it is world-readable like any file written with the usual umask, not owner-only
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("site/index.html"))))
                .isEqualTo("rw-r--r--");
    }

    @Test
    void skipsAnObjectWhoseBytesAreAlreadyThere() throws Exception {
        // GIVEN an object already published, with an old modification time
        FolderArtifactStore store = new FolderArtifactStore(dir);
        store.put(page("index.html", "<p>home</p>"));
        FileTime old = FileTime.fromMillis(1_000_000_000_000L);
        Files.setLastModifiedTime(dir.resolve("index.html"), old);

        // WHEN the identical object is put again
        boolean written = store.put(page("index.html", "<p>home</p>"));

        // THEN nothing is written: the file is untouched
        assertThat(written).isFalse();
        assertThat(Files.getLastModifiedTime(dir.resolve("index.html"))).isEqualTo(old);
    }

    @Test
    void replacesAChangedObjectInOneStep() throws Exception {
        // GIVEN a published object, and a reader holding the old file open
        FolderArtifactStore store = new FolderArtifactStore(dir);
        store.put(page("index.html", "old"));
        Path file = dir.resolve("index.html");
        Object oldKey = Files.readAttributes(file, java.nio.file.attribute.BasicFileAttributes.class).fileKey();

        // WHEN new bytes are put
        boolean written = store.put(page("index.html", "new and longer"));

        // THEN the file is replaced (a new inode: renamed into place, never rewritten in place)
        assertThat(written).isTrue();
        assertThat(file).hasContent("new and longer");
        Object newKey = Files.readAttributes(file, java.nio.file.attribute.BasicFileAttributes.class).fileKey();
        if (oldKey != null) {
            assertThat(newKey).isNotEqualTo(oldKey);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"/etc/passwd", "../outside.html", "a/../../outside.html", "a\\b.html", "a\0.html", "", "a/", "a//b.html"})
    void refusesKeysThatCouldLeaveTheFolder(String key) throws Exception {
        // GIVEN a site folder inside a parent folder
        Path site = dir.resolve("site");
        FolderArtifactStore store = new FolderArtifactStore(site);

        // WHEN / THEN an unsafe key is refused, for put and delete alike, and nothing is written
        assertThatThrownBy(() -> store.put(page(key, "x"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.delete(key)).isInstanceOf(IllegalArgumentException.class);
        try (Stream<Path> all = Files.walk(dir)) {
            assertThat(all.filter(Files::isRegularFile)).isEmpty();
        }
    }

    @Test
    void refusesToWriteThroughAFolderLinkLeadingOutside() throws Exception {
        // GIVEN a folder inside the site that is a link to a folder outside it
        Path site = Files.createDirectories(dir.resolve("site"));
        Path outside = Files.createDirectories(dir.resolve("outside"));
        Files.createSymbolicLink(site.resolve("linked"), outside);
        FolderArtifactStore store = new FolderArtifactStore(site);

        // WHEN / THEN writing under it is refused
        assertThatThrownBy(() -> store.put(page("linked/x.html", "x"))).isInstanceOf(IllegalArgumentException.class);
        assertThat(outside).isEmptyDirectory();
    }

    @Test
    void deleteRemovesTheFileAndItsEmptyFoldersButNotTheSiteFolder() throws Exception {
        // GIVEN two objects, one alone in a nested folder
        FolderArtifactStore store = new FolderArtifactStore(dir.resolve("site"));
        store.put(page("a/b/c.html", "c"));
        store.put(page("index.html", "home"));

        // WHEN the nested one is deleted, and an absent one too
        store.delete("a/b/c.html");
        store.delete("never/there.html");

        // THEN its emptied folders are gone; the site folder and other objects stay
        assertThat(dir.resolve("site/a")).doesNotExist();
        assertThat(dir.resolve("site/index.html")).exists();
        assertThat(dir.resolve("site")).isDirectory();
    }

    @Test
    void deleteKeepsFoldersThatStillHoldFiles() throws Exception {
        // GIVEN two objects in one folder
        FolderArtifactStore store = new FolderArtifactStore(dir);
        store.put(page("a/one.html", "1"));
        store.put(page("a/two.html", "2"));

        // WHEN one is deleted
        store.delete("a/one.html");

        // THEN the folder and the other object stay
        assertThat(dir.resolve("a/two.html")).exists();
        assertThat(dir.resolve("a/one.html")).doesNotExist();
        assertThat(new String(Files.readAllBytes(dir.resolve("a/two.html")), StandardCharsets.UTF_8)).isEqualTo("2");
    }
}
