package dev.hubpress.local;

import dev.hubpress.core.port.RenderCache;
import dev.hubpress.core.port.RenderCacheContract;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The render cache in a folder: the port's contract, and the folder's layout. */
class FolderRenderCacheTest extends RenderCacheContract {

    @TempDir
    Path dir;

    @Override
    protected RenderCache createCache() {
        return new FolderRenderCache(dir.resolve("cache"));
    }

    /** Another process: another cache on the same folder. */
    @Override
    protected RenderCache sameStorage() {
        return new FolderRenderCache(dir.resolve("cache"));
    }

    @Test
    void eachNameIsOneFileNamedAfterIt() throws IOException {
        // GIVEN two values put, one of them twice
        cache.put("site-bodies", "one".getBytes(StandardCharsets.UTF_8));
        cache.put("site-bodies", "two".getBytes(StandardCharsets.UTF_8));
        cache.put("page-outlines", "three".getBytes(StandardCharsets.UTF_8));

        // THEN the folder holds exactly one file per name, the last bytes put, and no temporary file
        try (Stream<Path> files = Files.list(dir.resolve("cache"))) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("site-bodies", "page-outlines");
        }
        assertThat(Files.readString(dir.resolve("cache/site-bodies"))).isEqualTo("two");
    }
}
