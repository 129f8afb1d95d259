package dev.hubpress.local;

import dev.hubpress.core.port.RenderCache;
import dev.hubpress.core.port.RenderCacheContract;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
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

    @Test
    void aValueUnusedForThirtyDaysIsDeletedWhenTheCacheIsOpenedAndAReadCountsAsUse() throws IOException {
        // GIVEN three values: one written 31 days ago and never read since, one written 31 days ago
        // and read 20 days ago, one written 29 days ago; and a temporary file a killed process left
        Instant now = Instant.parse("2026-12-04T12:00:00Z");
        Path folder = dir.resolve("aged");
        new FolderRenderCache(folder, Clock.fixed(now.minus(Duration.ofDays(31)), ZoneOffset.UTC)).put("guide-part-removed", bytes("a"));
        FolderRenderCache then = new FolderRenderCache(folder, Clock.fixed(now.minus(Duration.ofDays(31)), ZoneOffset.UTC));
        then.put("guide-part-kept", bytes("b"));
        then.put("site-bodies", bytes("c"));
        Path leftOver = Files.writeString(folder.resolve(".site-bodies.123.tmp"), "partial");
        for (String name : List.of("guide-part-removed", "guide-part-kept", "site-bodies")) {
            Files.setLastModifiedTime(folder.resolve(name), FileTime.from(now.minus(Duration.ofDays(31))));
        }
        Files.setLastModifiedTime(leftOver, FileTime.from(now.minus(Duration.ofDays(40))));
        Files.setLastModifiedTime(folder.resolve("site-bodies"), FileTime.from(now.minus(Duration.ofDays(29))));
        assertThat(new FolderRenderCache(folder, Clock.fixed(now.minus(Duration.ofDays(20)), ZoneOffset.UTC)).get("guide-part-kept"))
                .map(String::new).contains("b");

        // WHEN a process opens the cache now
        FolderRenderCache cache = new FolderRenderCache(folder, Clock.fixed(now, ZoneOffset.UTC));

        // THEN the value nobody used for 31 days and the left-over are gone; the one read 20 days ago
        // and the one written 29 days ago are kept
        assertThat(cache.get("guide-part-removed")).isEmpty();
        assertThat(leftOver).doesNotExist();
        assertThat(cache.get("guide-part-kept")).map(String::new).contains("b");
        assertThat(cache.get("site-bodies")).map(String::new).contains("c");
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
