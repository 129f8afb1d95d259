package dev.hubpress.core.testing;

import dev.hubpress.core.port.RevisionLog;
import dev.hubpress.core.port.RevisionLogContract;

/** The fake revision log keeps the port's contract, so tests of the core on it prove something. */
class InMemoryRevisionLogTest extends RevisionLogContract {

    @Override
    protected RevisionLog createLog() {
        return new InMemoryRevisionLog();
    }

    @Override
    protected long storedRevisions(String hub) {
        return ((InMemoryRevisionLog) log).all(hub).size();
    }
}
