package dev.hubpress.local;

import dev.hubpress.core.channel.Artifact;
import dev.hubpress.core.content.Hashing;
import dev.hubpress.core.port.ArtifactStore;
import dev.hubpress.core.port.ArtifactStoreContract;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

/** The site folder: the port's contract, and what is the filesystem's own (temp files, modes, links, folders). */
class FolderArtifactStoreTest extends ArtifactStoreContract {

    @TempDir
    Path dir;
    /** Where the store keeps what it saw of its files: outside {@link #dir}, whose files are all the store's. */
    @TempDir
    Path state;

    private Path site() {
        return dir.resolve("site");
    }

    @Override
    protected ArtifactStore createStore() {
        return new FolderArtifactStore(site(), record());
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

    /** The page's object known by its digest alone, counting how often its bytes are made. */
    private static Artifact known(String key, String text, AtomicInteger made) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        return Artifact.ofDigest(key, "text/html; charset=utf-8", Artifact.CachePolicy.SHORT, Hashing.sha256Hex(bytes),
                bytes.length, () -> {
                    made.incrementAndGet();
                    return bytes.clone();
                });
    }

    /** The store's record of its files. */
    private Path record() {
        return state.resolve("site-files");
    }

    /**
     * An object published by a process that then settled, its record written a tick of the clock
     * after the file (as it is, unless both fall in the same few milliseconds): its file.
     */
    private Path settled(String key, String text) throws IOException {
        store.put(page(key, text));
        store.settle();
        Path file = site().resolve(key);
        Files.setLastModifiedTime(record(), FileTime.fromMillis(Files.getLastModifiedTime(file).toMillis() + 1000));
        return file;
    }

    /** A store on the same folders as a new process opens them. */
    private FolderArtifactStore nextProcess() {
        return new FolderArtifactStore(site(), record());
    }

    /**
     * WHEN the next process puts the page's object (known by its digest) over a file that is not as
     * the store last saw it, THEN the object was made once, compared, and written back.
     */
    private void assertTheNextProcessRestores(Path file) {
        AtomicInteger made = new AtomicInteger();
        boolean written = nextProcess().put(known("index.html", "<p>home</p>", made));
        assertThat(written).isTrue();
        assertThat(made).hasValue(1);
        assertThat(file).hasContent("<p>home</p>");
    }

    @Test
    void aFileAsTheStoreLastSawItIsNeitherReadNorItsObjectMade() throws Exception {
        // GIVEN an object published by one process, which settled
        Path file = settled("guide/index.html", "<p>home</p>");

        // WHEN the next process puts the same object, known by its digest alone
        AtomicInteger made = new AtomicInteger();
        FileTime before = Files.getLastModifiedTime(file);
        boolean written = nextProcess().put(known("guide/index.html", "<p>home</p>", made));

        // THEN nothing is written, and its bytes were never made to be compared
        assertThat(written).isFalse();
        assertThat(made).hasValue(0);
        assertThat(Files.getLastModifiedTime(file)).isEqualTo(before);
    }

    @Test
    void aFileChangedSinceTheStoreSawItIsComparedAndRestored() throws Exception {
        // GIVEN an object published and settled, then its file changed in place, to other bytes of the same length
        Path file = settled("index.html", "<p>home</p>");
        FileTime seen = Files.getLastModifiedTime(file);
        Files.writeString(file, "<p>HOME</p>", StandardOpenOption.TRUNCATE_EXISTING);
        // The edit's own time, a second later, whatever the resolution of the filesystem's clock
        Files.setLastModifiedTime(file, FileTime.fromMillis(seen.toMillis() + 1000));

        // WHEN the next process puts the object, THEN it was made, compared and written back
        assertTheNextProcessRestores(file);
    }

    @Test
    void aFileChangedWithinTheTickTheRecordWasWrittenInIsComparedAndRestored() throws Exception {
        // GIVEN an object published and settled, its record written in the same tick of the clock as its file
        Path file = settled("index.html", "<p>home</p>");
        FileTime tick = Files.getLastModifiedTime(file);
        Files.setLastModifiedTime(record(), tick);
        // AND the file changed in place within that tick: other bytes, and the same size, inode and time
        Files.writeString(file, "<p>HOME</p>", StandardOpenOption.TRUNCATE_EXISTING);
        Files.setLastModifiedTime(file, tick);

        // WHEN the next process puts the object, THEN the file was not trusted ("racily clean"):
        // the object was made, compared and written back
        assertTheNextProcessRestores(file);
    }

    @Test
    void aFileReplacedByAnotherOfTheSameSizeAndTimeIsComparedAndRestored() throws Exception {
        // GIVEN an object published and settled, then its file replaced by another file (another inode)
        // of the same size, given the first one's modification time
        Path file = settled("index.html", "<p>home</p>");
        FileTime time = Files.getLastModifiedTime(file);
        Object identity = Files.readAttributes(file, BasicFileAttributes.class).fileKey();
        Path other = site().resolve("other.tmp");
        Files.writeString(other, "<p>HOME</p>");
        Files.move(other, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        Files.setLastModifiedTime(file, time);
        assumeThat(identity).isNotNull().isNotEqualTo(Files.readAttributes(file, BasicFileAttributes.class).fileKey());

        // WHEN the next process puts the object, THEN the replacement was noticed: the object was
        // made, compared and written back
        assertTheNextProcessRestores(file);
    }

    @Test
    void theFilesChangedSinceTheStoreWroteThemAreKnownAndATouchedOneIsNotAmongThem() throws Exception {
        // GIVEN four objects published and settled: then one deleted, one edited in place, one
        // touched (another time, the same bytes), one left alone
        Path deleted = settled("a.html", "<p>a</p>");
        Path edited = settled("b.html", "<p>b</p>");
        Path touched = settled("c.html", "<p>c</p>");
        settled("d.html", "<p>d</p>");
        FileTime earlier = FileTime.fromMillis(Files.getLastModifiedTime(touched).toMillis() - 10_000);
        Files.delete(deleted);
        Files.writeString(edited, "<p>B</p>", StandardOpenOption.TRUNCATE_EXISTING);
        Files.setLastModifiedTime(edited, earlier);
        Files.setLastModifiedTime(touched, earlier);

        // WHEN the next process asks which files changed since
        List<String> changed = nextProcess().changedSinceRecorded();

        // THEN the deleted and the edited ones, in key order
        assertThat(changed).containsExactly("a.html", "b.html");
        // AND the touched one, read once and found the same, is trusted from then on without being
        // read: changed in place now, keeping its size and time, it is not seen
        Files.writeString(touched, "<p>C</p>", StandardOpenOption.TRUNCATE_EXISTING);
        Files.setLastModifiedTime(touched, earlier);
        assertThat(nextProcess().changedSinceRecorded()).containsExactly("a.html", "b.html");
    }

    @Test
    void aStoreWithNoRecordKnowsOfNoChangedFile() throws Exception {
        // GIVEN an object published and settled, then its file deleted and the record with it
        Path file = settled("index.html", "<p>home</p>");
        Files.delete(file);
        Files.delete(record());

        // WHEN the next process asks which files changed, THEN it knows of none
        assertThat(nextProcess().changedSinceRecorded()).isEmpty();
    }

    @Test
    void aRecordThatDoesNotReadBackWholeIsNotTrusted() throws Exception {
        // GIVEN an object published and settled, and the record of it cut short
        settled("index.html", "<p>home</p>");
        Path record = record();
        byte[] whole = Files.readAllBytes(record);
        Files.write(record, java.util.Arrays.copyOf(whole, whole.length - 3));

        // WHEN the next process puts the object
        AtomicInteger made = new AtomicInteger();
        boolean written = nextProcess().put(known("index.html", "<p>home</p>", made));

        // THEN the file was compared (its object made), found the same, and left as it was
        assertThat(written).isFalse();
        assertThat(made).hasValue(1);
    }

    @Test
    void aDeletedObjectIsForgottenAndWrittenAgainWhenPutAgain() throws Exception {
        // GIVEN an object published, deleted, and the store settled
        store.put(page("index.html", "<p>home</p>"));
        store.delete("index.html");
        store.settle();

        // WHEN the next process puts it again
        boolean written = nextProcess().put(known("index.html", "<p>home</p>", new AtomicInteger()));

        // THEN it is written
        assertThat(written).isTrue();
        assertThat(site().resolve("index.html")).hasContent("<p>home</p>");
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
