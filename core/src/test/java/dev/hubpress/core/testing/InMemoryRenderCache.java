package dev.hubpress.core.testing;

import dev.hubpress.core.port.RenderCache;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A {@link RenderCache} in memory, which tests can look into and damage: {@link #replace} puts any
 * bytes under a name, as a damaged disk, a truncated upload or another build would.
 */
public final class InMemoryRenderCache implements RenderCache {

    private final Map<String, byte[]> values = new ConcurrentHashMap<>();
    private final AtomicInteger puts = new AtomicInteger();
    private final AtomicInteger gets = new AtomicInteger();

    @Override
    public Optional<byte[]> get(String name) {
        gets.incrementAndGet();
        return Optional.ofNullable(values.get(RenderCache.requireName(name))).map(byte[]::clone);
    }

    @Override
    public void put(String name, byte[] bytes) {
        values.put(RenderCache.requireName(name), bytes.clone());
        puts.incrementAndGet();
    }

    /** The bytes under a name, as stored. */
    public Optional<byte[]> stored(String name) {
        return Optional.ofNullable(values.get(name)).map(byte[]::clone);
    }

    /** Every name that holds a value, sorted. */
    public java.util.SortedSet<String> names() {
        return new java.util.TreeSet<>(values.keySet());
    }

    /** Puts these bytes under the name behind the port's back (a damaged or foreign value). */
    public void replace(String name, byte[] bytes) {
        values.put(name, bytes.clone());
    }

    /** How many puts went through the port. */
    public int puts() {
        return puts.get();
    }

    /** How many gets went through the port. */
    public int gets() {
        return gets.get();
    }
}
