package dev.hubpress.core.testing;

import dev.hubpress.core.port.ArtifactStore;
import dev.hubpress.core.port.ArtifactStoreContract;

import java.util.List;
import java.util.Optional;

/** The fake artifact store keeps the port's contract, as an HTTP store that keeps headers would. */
class InMemoryArtifactStoreTest extends ArtifactStoreContract {

    @Override
    protected ArtifactStore createStore() {
        return new InMemoryArtifactStore();
    }

    @Override
    protected Optional<Stored> read(String key) {
        return ((InMemoryArtifactStore) store).get(key).map(a -> new Stored(a.bytes(), a.contentType(), a.cache().header()));
    }

    @Override
    protected List<String> keys() {
        return ((InMemoryArtifactStore) store).keys();
    }

    @Override
    protected boolean keepsHeaders() {
        return true;
    }
}
