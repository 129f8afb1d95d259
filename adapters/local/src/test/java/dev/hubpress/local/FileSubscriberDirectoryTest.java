package dev.hubpress.local;

import dev.hubpress.core.port.SubscriberDirectory;
import dev.hubpress.core.port.SubscriberDirectoryContract;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

/** Subscribers as one JSON file each keep the port's contract. */
class FileSubscriberDirectoryTest extends SubscriberDirectoryContract {

    @TempDir
    Path tmp;

    @Override
    protected SubscriberDirectory createDirectory() {
        return new FileSubscriberDirectory(tmp.resolve("subscribers"));
    }
}
