package dev.hubpress.core.port;

import dev.hubpress.core.content.Hashing;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What every {@link BlobStore} promises (its Javadoc), run against each implementation: the
 * in-memory fake, the folder and the bucket. A subclass supplies a store on empty storage for each
 * test and another handle on the same storage.
 */
public abstract class BlobStoreContract {

    /** The store under test, on storage of its own. */
    protected BlobStore blobs;

    /** A store on fresh, empty storage. */
    protected abstract BlobStore createStore();

    /** Another store on the same storage as {@link #blobs} (another process), or the store itself where there is none. */
    protected BlobStore sameStorage() {
        return blobs;
    }

    @BeforeEach
    void freshStore() {
        blobs = createStore();
    }

    protected static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aBlobReadsBackUnderItsHash() {
        // GIVEN some bytes and their hash
        byte[] bytes = utf8("hello blob");
        String hash = Hashing.sha256Hex(bytes);

        // WHEN they are put
        blobs.put(hash, bytes);

        // THEN they read back under the hash, from any reader
        assertThat(blobs.get(hash)).hasValueSatisfying(b -> assertThat(b).isEqualTo(bytes));
        assertThat(sameStorage().get(hash)).hasValueSatisfying(b -> assertThat(b).isEqualTo(bytes));
    }

    @Test
    void puttingAStoredBlobAgainIsANoOp() {
        // GIVEN a stored blob
        byte[] bytes = utf8("same");
        String hash = Hashing.sha256Hex(bytes);
        blobs.put(hash, bytes);

        // WHEN it is put again (a retried ingest), by this store and by another on the same storage
        blobs.put(hash, bytes);
        sameStorage().put(hash, bytes);

        // THEN nothing failed and the blob reads back as it was
        assertThat(blobs.get(hash)).hasValueSatisfying(b -> assertThat(b).isEqualTo(bytes));
    }

    @Test
    void anEmptyBlobIsABlobToo() {
        // GIVEN the empty byte string and its hash
        byte[] empty = new byte[0];
        String hash = Hashing.sha256Hex(empty);

        // WHEN it is put
        blobs.put(hash, empty);

        // THEN it reads back as present and empty, not as missing
        assertThat(blobs.get(hash)).hasValueSatisfying(b -> assertThat(b).isEmpty());
    }

    @Test
    void anUnknownHashReadsAsEmpty() {
        // GIVEN a store holding one blob
        blobs.put(Hashing.sha256Hex(utf8("present")), utf8("present"));

        // WHEN / THEN a hash never stored reads as empty
        assertThat(blobs.get(Hashing.sha256Hex(utf8("absent")))).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"../../etc/passwd", "ABC", "", "blobs/x",
            "2CF24DBA5FB0A30E26E83B2AC5B9E29E1B161E5C1FA7425E73043362938B9824",
            "2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b98",
            "../24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824"})
    void keysThatAreNotLowercaseSha256AreRefused(String key) {
        // GIVEN a store

        // WHEN / THEN a key that is not a lowercase hex SHA-256 (a path, a short or upper-case one) is refused, for get and put
        assertThatThrownBy(() -> blobs.get(key)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> blobs.put(key, utf8("x"))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void bytesThatAreNotTheHashsAreRefusedAndNothingIsStored() {
        // GIVEN the hash of "a"
        String hashOfA = Hashing.sha256Hex(utf8("a"));

        // WHEN / THEN putting other bytes under it is refused, and nothing is stored under it
        assertThatThrownBy(() -> blobs.put(hashOfA, utf8("b"))).isInstanceOf(IllegalArgumentException.class);
        assertThat(blobs.get(hashOfA)).isEmpty();
    }

    @Test
    void bytesThatAreNotTheHashsAreRefusedEvenWhenTheHashIsStored() {
        // GIVEN the blob "a" stored
        String hashOfA = Hashing.sha256Hex(utf8("a"));
        blobs.put(hashOfA, utf8("a"));

        // WHEN / THEN putting other bytes under its hash is still refused (a caller's bug is never hidden), and "a" stays
        assertThatThrownBy(() -> blobs.put(hashOfA, utf8("b"))).isInstanceOf(IllegalArgumentException.class);
        assertThat(blobs.get(hashOfA)).hasValueSatisfying(b -> assertThat(b).isEqualTo(utf8("a")));
    }
}
