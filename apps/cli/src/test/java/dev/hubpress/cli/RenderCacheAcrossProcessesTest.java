package dev.hubpress.cli;

import dev.hubpress.core.channel.Channels;
import dev.hubpress.core.publish.IngestResult;
import dev.hubpress.core.publish.PublishRevision;
import dev.hubpress.core.testing.ContentFixtures;
import dev.hubpress.core.testing.FixedClock;
import dev.hubpress.local.FileBlobStore;
import dev.hubpress.local.FolderArtifactStore;
import dev.hubpress.local.FolderContentSource;
import dev.hubpress.local.JsonLinesRevisionLog;
import dev.hubpress.local.LocalWorkspace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code ./hub publish} in a fresh process finds what the last one kept in {@code out/state/cache/}
 * (page outlines, the site's and the feeds' page bodies, the site's search sections, the feeds as
 * written) and publishes exactly the bytes a process
 * without any cache publishes; a cache that was damaged is ignored, never trusted.
 */
class RenderCacheAcrossProcessesTest {

    @TempDir
    Path tmp;

    private static final Channels CHANNELS = Channels.discover();
    /** The channels whose renderers keep page bodies (the guide, slow to run here, keeps none). */
    private static final List<String> PUBLISHED = List.of("feeds", "site");

    /** A fresh process's workspace on DIR/site and DIR/state, with the render cache in DIR/state/cache or none. */
    private LocalWorkspace process(String out, boolean cache) {
        Path content = tmp.resolve("content");
        Path dir = tmp.resolve(out);
        return cache
                ? new LocalWorkspace(content, dir, "hub", FixedClock.standard(), CHANNELS, warning -> { })
                : new LocalWorkspace(new FolderContentSource(content),
                new FolderArtifactStore(dir.resolve("site"), dir.resolve(LocalWorkspace.SITE_FILES)),
                new JsonLinesRevisionLog(dir.resolve("state/revisions.jsonl")), new FileBlobStore(dir.resolve("state/blobs")),
                "hub", FixedClock.standard(), CHANNELS);
    }

    /** What ./hub publish does: read, ingest, publish every channel of the new revision. */
    private static PublishRevision.Report publish(LocalWorkspace workspace) {
        IngestResult.Accepted accepted = (IngestResult.Accepted) workspace.ingest().ingest(workspace.source().read(), "local publish");
        return workspace.publish().publish(accepted.revision(), accepted.hub(), accepted.history(), PUBLISHED);
    }

    private void editFaq() throws IOException {
        Path faq = tmp.resolve("content/faq.md");
        Files.writeString(faq, Files.readString(faq) + "\nOne more line, with https://example.org/more in it.\n", StandardCharsets.UTF_8);
    }

    /** Every file under a folder, by path. */
    private static Map<String, String> files(Path folder) {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(folder)) {
            for (Path file : walk.filter(Files::isRegularFile).toList()) {
                files.put(folder.relativize(file).toString(), Arrays.toString(Files.readAllBytes(file)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return files;
    }

    @Test
    void anEditPublishedFromTheCacheIsByteIdenticalToOnePublishedWithout() throws IOException {
        // GIVEN the repository's content published as r1, by a process with the cache and one without
        ContentFixtures.copyRepositoryContent(tmp.resolve("content"));
        publish(process("cached", true));
        publish(process("clean", false));

        // WHEN a page is edited and fresh processes publish r2, one with the cache, one without
        editFaq();
        LocalWorkspace cached = process("cached", true);
        assertThat(publish(cached).failed()).isEmpty();
        assertThat(publish(process("clean", false)).failed()).isEmpty();

        // THEN the cached process parsed only the edited page (its parent version was cached too)
        assertThat(cached.reader().pagesParsed()).isEqualTo(1);
        assertThat(tmp.resolve("cached/state/cache")).isDirectoryContaining(p -> p.getFileName().toString().equals("page-outlines"))
                .isDirectoryContaining(p -> p.getFileName().toString().equals("site-bodies"))
                .isDirectoryContaining(p -> p.getFileName().toString().equals("feed-bodies"));
        // AND both published exactly the same files, byte for byte
        assertThat(files(tmp.resolve("cached/site"))).isEqualTo(files(tmp.resolve("clean/site")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"truncated", "bit-flipped", "empty", "garbage"})
    void aDamagedCacheIsIgnoredAndThePublishIsTheSame(String damage) throws IOException {
        // GIVEN r1 published by a process with the cache and one without, and every cached object then damaged
        ContentFixtures.copyRepositoryContent(tmp.resolve("content"));
        publish(process("cached", true));
        publish(process("clean", false));
        List<Path> objects;
        try (Stream<Path> list = Files.list(tmp.resolve("cached/state/cache"))) {
            objects = list.toList();
        }
        assertThat(objects).extracting(p -> p.getFileName().toString())
                .containsExactlyInAnyOrder("page-outlines", "site-bodies", "site-search", "feed-bodies", "feed-files");
        for (Path object : objects) {
            byte[] bytes = Files.readAllBytes(object);
            Files.write(object, switch (damage) {
                case "truncated" -> Arrays.copyOf(bytes, bytes.length - 7);
                case "bit-flipped" -> {
                    bytes[bytes.length / 2] ^= 0x04;
                    yield bytes;
                }
                case "empty" -> new byte[0];
                default -> "garbage".getBytes(StandardCharsets.UTF_8);
            });
        }

        // WHEN a page is edited and fresh processes publish r2
        editFaq();
        LocalWorkspace cached = process("cached", true);
        assertThat(publish(cached).failed()).isEmpty();
        assertThat(publish(process("clean", false)).failed()).isEmpty();

        // THEN the process with the damaged cache read every page afresh (and its parent's version
        // of the edited one), and published exactly what the clean process did
        long pages = ContentFixtures.repositoryTree().files().stream().filter(f -> f.path().endsWith(".md")).count();
        assertThat(cached.reader().pagesParsed()).isEqualTo(pages + 1);
        assertThat(files(tmp.resolve("cached/site"))).isEqualTo(files(tmp.resolve("clean/site")));
    }
    /**
     * Adds pages of about 4 KB each to the skills section, and keeps the hub's and sections' feeds to
     * five entries: the written feeds pass a megabyte, and an edit changes a few per cent of them.
     */
    private void addPages(int count) throws IOException {
        Path config = tmp.resolve("content/hub.yaml");
        String yaml = Files.readString(config);
        assertThat(yaml).as("the hub's feeds setting this test narrows").contains("feeds: { entries: 50 }");
        Files.writeString(config, yaml.replace("feeds: { entries: 50 }", "feeds: { entries: 5 }"));
        for (int n = 1; n <= count; n++) {
            StringBuilder body = new StringBuilder();
            for (int h = 1; h <= 4; h++) {
                body.append("## Part ").append(h).append(" of practice note ").append(n).append("\n\n");
                body.append(("Practice note " + n + " says what part " + h + " asks of a backend engineer, in plain words. ").repeat(20))
                        .append("\n\n- First point of part ").append(h).append("\n- Second point, see https://example.org/notes/")
                        .append(n).append("\n\n");
            }
            Files.writeString(tmp.resolve("content/skills/practice-note-" + n + ".md"),
                    ContentFixtures.page("Practice note " + n, "skills", 100 + n, body.toString()), StandardCharsets.UTF_8);
        }
    }

    @Test
    void editsPublishedFromALargeObjectAndItsChangesAreByteIdenticalToEditsPublishedWithout() throws IOException {
        // GIVEN a hub large enough that its site's page bodies take over a megabyte, published as r1
        // with the cache and without
        ContentFixtures.copyRepositoryContent(tmp.resolve("content"));
        addPages(140);
        publish(process("cached", true));
        publish(process("clean", false));
        Path cache = tmp.resolve("cached/state/cache");
        byte[] bodies = Files.readAllBytes(cache.resolve("site-bodies"));
        assertThat(bodies.length).isGreaterThan(1 << 20);

        // WHEN two edits are published, each by fresh processes, one with the cache and one without
        editFaq();
        assertThat(publish(process("cached", true)).failed()).isEmpty();
        assertThat(publish(process("clean", false)).failed()).isEmpty();
        Path page = tmp.resolve("content/skills/practice-note-7.md");
        Files.writeString(page, Files.readString(page) + "\nA sentence added by the second edit.\n", StandardCharsets.UTF_8);
        assertThat(publish(process("cached", true)).failed()).isEmpty();
        assertThat(publish(process("clean", false)).failed()).isEmpty();

        // THEN the cache's large object was not written again, only its changes beside it
        assertThat(Arrays.equals(Files.readAllBytes(cache.resolve("site-bodies")), bodies)).as("site-bodies unchanged").isTrue();
        assertThat(cache.resolve("site-bodies.changes")).exists();
        assertThat(Files.size(cache.resolve("site-bodies.changes"))).isLessThan(bodies.length / 4);
        // AND the second edit, published from the object and its changes, is byte for byte the clean one
        assertThat(files(tmp.resolve("cached/site"))).isEqualTo(files(tmp.resolve("clean/site")));
    }
}
