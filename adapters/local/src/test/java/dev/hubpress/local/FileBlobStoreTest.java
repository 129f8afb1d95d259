package dev.hubpress.local;

import dev.hubpress.core.content.Hashing;
import dev.hubpress.core.port.BlobStore;
import dev.hubpress.core.port.BlobStoreContract;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Blobs in a folder: the port's contract, and the folder's layout. */
class FileBlobStoreTest extends BlobStoreContract {

    @TempDir
    Path dir;

    @Override
    protected BlobStore createStore() {
        return new FileBlobStore(dir);
    }

    /** Another process: another store on the same folder. */
    @Override
    protected BlobStore sameStorage() {
        return new FileBlobStore(dir);
    }

    @Test
    void storesABlobUnderItsHashWithTheFirstTwoCharactersAsFolder() {
        // GIVEN some bytes and their hash
        byte[] bytes = utf8("hello");
        String hash = Hashing.sha256Hex(bytes);

        // WHEN they are put
        blobs.put(hash, bytes);

        // THEN they live at ab/cdef…
        assertThat(dir.resolve(hash.substring(0, 2)).resolve(hash.substring(2))).hasBinaryContent(bytes);
    }

    @Test
    void puttingAStoredBlobAgainLeavesItsFileUntouched() throws Exception {
        // GIVEN a stored blob with an old modification time
        byte[] bytes = utf8("same");
        String hash = Hashing.sha256Hex(bytes);
        blobs.put(hash, bytes);
        Path file = ((FileBlobStore) blobs).pathOf(hash);
        FileTime old = FileTime.fromMillis(1_000_000_000_000L);
        Files.setLastModifiedTime(file, old);

        // WHEN it is put again (a retried ingest), even by another store on the same folder
        new FileBlobStore(dir).put(hash, bytes);
        blobs.put(hash, bytes);

        // THEN the file is untouched and nothing else appeared
        assertThat(Files.getLastModifiedTime(file)).isEqualTo(old);
        assertThat(file.getParent().toFile().list()).containsExactly(hash.substring(2));
    }

    @Test
    void refusedKeysAndBlobsWriteNoFile() {
        // GIVEN an empty folder

        // WHEN a path is used as a key, and a blob does not match its hash
        assertThatThrownBy(() -> blobs.get("../../etc/passwd")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> blobs.put(Hashing.sha256Hex("a"), utf8("b"))).isInstanceOf(IllegalArgumentException.class);

        // THEN the folder stays empty
        assertThat(dir).isEmptyDirectory();
    }
}
