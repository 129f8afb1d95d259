package dev.hubpress.core.testing;

import dev.hubpress.core.port.RenderCache;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A {@link RenderCache} whose store refuses every read and write, as a bucket policy that denies
 * the cache's prefix would: each request keeps nothing, answers nothing, and counts as a failure.
 */
public final class RefusingRenderCache implements RenderCache {

    private final AtomicLong refused = new AtomicLong();

    @Override
    public Optional<byte[]> get(String name) {
        RenderCache.requireName(name);
        refused.incrementAndGet();
        return Optional.empty();
    }

    @Override
    public void put(String name, byte[] bytes) {
        RenderCache.requireName(name);
        refused.incrementAndGet();
    }

    @Override
    public long failures() {
        return refused.get();
    }
}
