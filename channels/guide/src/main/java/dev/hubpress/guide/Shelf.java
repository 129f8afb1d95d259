package dev.hubpress.guide;

import dev.hubpress.core.cache.CachedEntries;
import dev.hubpress.core.port.RenderCache;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Layouts a render keeps together as one object of the render cache: a section's parts, a book's
 * pieces of front matter. A fresh process (a cold Lambda) reads one object per shelf, not one per
 * layout. A layout the process holds from its last render is used as it is; the object is read
 * only for the first one it does not hold, and then written back ({@link #close}) with exactly the
 * layouts this render used, those held in memory put back beside the others, so what a shelf
 * keeps follows the content and does not pile up. Safe for the threads of one render.
 */
final class Shelf<V> {

    private final RenderCache cache;
    private final String name;
    private final Optional<String> version;
    private final CachedEntries.Codec<V> codec;
    private final Map<String, V> held = new ConcurrentHashMap<>();
    private CachedEntries<V> stored;

    Shelf(RenderCache cache, String name, Optional<String> version, CachedEntries.Codec<V> codec) {
        this.cache = cache;
        this.name = name;
        this.version = version;
        this.codec = codec;
    }

    /**
     * The layout under the key: the one held, else the one on the shelf, else computed now.
     *
     * @param held what the process holds under the key from its last render, or null
     */
    V get(String key, V held, Supplier<V> compute) {
        if (held != null) {
            this.held.put(key, held);
            return held;
        }
        return stored().get(key, compute);
    }

    private synchronized CachedEntries<V> stored() {
        if (stored == null) {
            stored = new CachedEntries<>(cache, name, version, codec);
        }
        return stored;
    }

    /** Ends the render's use of the shelf: one that was read is written back if it changed (see above). */
    synchronized void close() {
        if (stored != null) {
            held.forEach((key, value) -> stored.get(key, () -> value));
            stored.endRound();
        }
    }
}
