package dev.hubpress.core.testing;

import dev.hubpress.core.port.BlobStore;
import dev.hubpress.core.port.BlobStoreContract;

/** The fake blob store keeps the port's contract, so tests of the core on it prove something. */
class InMemoryBlobStoreTest extends BlobStoreContract {

    @Override
    protected BlobStore createStore() {
        return new InMemoryBlobStore();
    }
}
