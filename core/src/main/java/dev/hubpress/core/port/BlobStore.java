package dev.hubpress.core.port;

import java.util.Optional;

/**
 * Content-addressed storage of content snapshots and manifests. A blob's key is the SHA-256 of
 * its bytes, so writes are idempotent and a retried ingest stores nothing new.
 */
public interface BlobStore {

    /** Stores the bytes under their hash; a no-op when that hash is already stored. */
    void put(String hash, byte[] bytes);

    /** The bytes stored under the hash, or empty when none are. */
    Optional<byte[]> get(String hash);
}
