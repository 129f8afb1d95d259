package dev.hubpress.local;

import dev.hubpress.core.content.Hashing;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FileBlobStoreTest {

    @TempDir
    Path dir;

    @Test
    void storesABlobUnderItsHashWithTheFirstTwoCharactersAsFolder() {
        // GIVEN some bytes and their hash
        byte[] bytes = "hello".getBytes(StandardCharsets.UTF_8);
        String hash = Hashing.sha256Hex(bytes);
        FileBlobStore blobs = new FileBlobStore(dir);

        // WHEN they are put
        blobs.put(hash, bytes);

        // THEN they live at ab/cdef… and read back
        assertThat(dir.resolve(hash.substring(0, 2)).resolve(hash.substring(2))).hasBinaryContent(bytes);
        assertThat(blobs.get(hash)).hasValueSatisfying(b -> assertThat(b).isEqualTo(bytes));
    }

    @Test
    void puttingAStoredBlobAgainWritesNothing() throws Exception {
        // GIVEN a stored blob with an old modification time
        byte[] bytes = "same".getBytes(StandardCharsets.UTF_8);
        String hash = Hashing.sha256Hex(bytes);
        FileBlobStore blobs = new FileBlobStore(dir);
        blobs.put(hash, bytes);
        Path file = blobs.pathOf(hash);
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
    void anUnknownHashIsEmpty() {
        // GIVEN an empty store
        FileBlobStore blobs = new FileBlobStore(dir);

        // WHEN / THEN a hash never stored reads as empty
        assertThat(blobs.get(Hashing.sha256Hex("absent"))).isEmpty();
    }

    @Test
    void refusesKeysThatAreNotHashesAndBytesThatDoNotMatchTheirHash() {
        // GIVEN a store
        FileBlobStore blobs = new FileBlobStore(dir);

        // WHEN / THEN a key that is not a SHA-256 (e.g. a path) or a mismatched blob is refused
        assertThatThrownBy(() -> blobs.get("../../etc/passwd")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> blobs.put(Hashing.sha256Hex("a"), "b".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(dir).isEmptyDirectory();
    }
}
