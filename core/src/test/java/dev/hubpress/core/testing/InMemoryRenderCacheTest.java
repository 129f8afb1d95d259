package dev.hubpress.core.testing;

import dev.hubpress.core.port.RenderCache;
import dev.hubpress.core.port.RenderCacheContract;

/** The fake render cache keeps the port's contract, so tests of the core on it prove something. */
class InMemoryRenderCacheTest extends RenderCacheContract {

    @Override
    protected RenderCache createCache() {
        return new InMemoryRenderCache();
    }
}
