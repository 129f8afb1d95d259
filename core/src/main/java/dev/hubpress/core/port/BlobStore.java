package dev.hubpress.core.port;

import dev.hubpress.core.content.Hashing;

import java.util.Optional;

/**
 * Content-addressed storage of content snapshots and manifests. A blob's key is the SHA-256 of
 * its bytes, so writes are idempotent and a retried ingest stores nothing new. A key is a
 * lowercase hex SHA-256 and nothing else, so no key can name anything outside the store.
 */
public interface BlobStore {

    /**
     * Stores the bytes under their hash; a no-op when that hash is already stored.
     *
     * @throws IllegalArgumentException when the hash is not a lowercase hex SHA-256, or not that of
     *                                  the bytes, whether or not the hash is stored (nothing is written)
     */
    void put(String hash, byte[] bytes);

    /**
     * The bytes stored under the hash, or empty when none are.
     *
     * @throws IllegalArgumentException when the hash is not a lowercase hex SHA-256
     */
    Optional<byte[]> get(String hash);

    /** The check of every key: a lowercase hex SHA-256. Returns the hash. */
    static String requireHash(String hash) {
        if (!Hashing.isSha256Hex(hash)) {
            throw new IllegalArgumentException("not a lowercase hex SHA-256: " + hash);
        }
        return hash;
    }

    /** The check of every put: a lowercase hex SHA-256, and that of the bytes. */
    static void requireHashOf(String hash, byte[] bytes) {
        if (!Hashing.sha256Hex(bytes).equals(requireHash(hash))) {
            throw new IllegalArgumentException("blob " + hash + " is not the SHA-256 of its " + bytes.length + " bytes");
        }
    }
}
