package dev.hubpress.core.testing;

import dev.hubpress.core.port.BlobStore;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A {@link BlobStore} in memory: content-addressed, so a second put of the same hash stores
 * nothing; like the real stores it refuses a key that is not a SHA-256, or not that of the bytes.
 */
public final class InMemoryBlobStore implements BlobStore {

    private final Map<String, byte[]> blobs = new ConcurrentHashMap<>();
    private final AtomicInteger writes = new AtomicInteger();
    private final AtomicInteger puts = new AtomicInteger();
    private final AtomicInteger gets = new AtomicInteger();

    @Override
    public void put(String hash, byte[] bytes) {
        puts.incrementAndGet();
        BlobStore.requireHashOf(hash, bytes);
        if (blobs.putIfAbsent(hash, bytes.clone()) == null) {
            writes.incrementAndGet();
        }
    }

    @Override
    public Optional<byte[]> get(String hash) {
        gets.incrementAndGet();
        return Optional.ofNullable(blobs.get(BlobStore.requireHash(hash))).map(byte[]::clone);
    }

    /** How many blobs were actually stored (puts of an already stored hash do not count). */
    public int writes() {
        return writes.get();
    }

    /** How many puts were asked for (requests, in a bucket), stored or not. */
    public int puts() {
        return puts.get();
    }

    /** How many gets were asked for (requests, in a bucket). */
    public int gets() {
        return gets.get();
    }

    public int size() {
        return blobs.size();
    }

    public boolean contains(String hash) {
        return blobs.containsKey(hash);
    }
}
