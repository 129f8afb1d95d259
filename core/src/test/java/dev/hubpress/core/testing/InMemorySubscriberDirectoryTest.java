package dev.hubpress.core.testing;

import dev.hubpress.core.port.SubscriberDirectory;
import dev.hubpress.core.port.SubscriberDirectoryContract;

/** The fake directory keeps the port's contract, even when it serves smaller pages than asked for. */
class InMemorySubscriberDirectoryTest extends SubscriberDirectoryContract {

    @Override
    protected SubscriberDirectory createDirectory() {
        return new InMemorySubscriberDirectory(2);
    }
}
