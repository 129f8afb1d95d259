package dev.hubpress.core.port;

import dev.hubpress.core.content.ContentTree;

import java.io.UncheckedIOException;

/** Where editors' content comes from: a folder, or the content prefix of a bucket. */
public interface ContentSource {

    /**
     * Reads the whole tree as it is now.
     *
     * @throws UncheckedIOException when the source cannot be read
     */
    ContentTree read();
}
