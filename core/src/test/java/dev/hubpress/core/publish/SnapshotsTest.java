package dev.hubpress.core.publish;

import dev.hubpress.core.content.ContentFile;
import dev.hubpress.core.content.ContentTree;
import dev.hubpress.core.testing.InMemoryBlobStore;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Snapshots store a tree or a listing content-addressed and give back exactly what was stored. */
class SnapshotsTest {

    private final InMemoryBlobStore blobs = new InMemoryBlobStore();
    private final Snapshots snapshots = new Snapshots(blobs);

    @Test
    void storedTreeLoadsBackIdenticalIncludingOddPaths() {
        // given
        ContentTree tree = new ContentTree(List.of(
                new ContentFile("hub.yaml", "title: x\n".getBytes(StandardCharsets.UTF_8)),
                new ContentFile("with space/a b.md", "spaces".getBytes(StandardCharsets.UTF_8)),
                new ContentFile("unicode/caf\u00E9 \u65E5\u672C.md", "unicode".getBytes(StandardCharsets.UTF_8)),
                new ContentFile("tab\there.md", "tab".getBytes(StandardCharsets.UTF_8)),
                new ContentFile("plus+percent%25&=.md", "symbols".getBytes(StandardCharsets.UTF_8)),
                new ContentFile("empty.md", new byte[0]),
                new ContentFile("binary.bin", new byte[] {0, (byte) 0xC3, 0x28, '\n', '\t'})));
        // when
        String manifest = snapshots.store(tree);
        ContentTree loaded = snapshots.load(manifest);
        // then
        assertThat(loaded.files()).isEqualTo(tree.files());
        assertThat(loaded.hash()).isEqualTo(tree.hash());
    }

    @Test
    void storingTheSameTreeTwiceStoresNothingNew() {
        // given
        ContentTree tree = new ContentTree(List.of(new ContentFile("a.md", "A".getBytes(StandardCharsets.UTF_8))));
        String first = snapshots.store(tree);
        int writes = blobs.writes();
        // when
        String second = snapshots.store(tree);
        // then
        assertThat(second).isEqualTo(first);
        assertThat(blobs.writes()).isEqualTo(writes);
    }

    @Test
    void listingRoundTripsInKeyOrder() {
        // given
        Map<String, String> listing = new LinkedHashMap<>();
        listing.put("z/page.html", "h1");
        listing.put("a b/\u00E9t\u00E9.html", "h2");
        listing.put("tab\tkey+plus", "h3");
        // when
        Map<String, String> loaded = snapshots.listing(snapshots.storeListing(listing));
        // then
        assertThat(loaded).containsExactly(
                Map.entry("a b/\u00E9t\u00E9.html", "h2"), Map.entry("tab\tkey+plus", "h3"), Map.entry("z/page.html", "h1"));
    }

    @Test
    void emptyListingHashIsAnEmptyListing() {
        assertThat(snapshots.listing("")).isEmpty();
        assertThat(snapshots.listing(null)).isEmpty();
    }

    @Test
    void missingBlobIsReportedWithItsPath() {
        // given: a manifest naming a blob that was never stored
        String manifest = snapshots.storeListing(Map.of("lost.md", "0".repeat(64)));
        // when / then
        assertThatThrownBy(() -> snapshots.load(manifest)).isInstanceOf(IllegalStateException.class).hasMessageContaining("lost.md");
    }
}
