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

    /** A tree of n files "p0.md"…, file i holding "page i" (and "edited" where i is in {@code edited}). */
    private static ContentTree pages(int n, int... edited) {
        List<ContentFile> files = new java.util.ArrayList<>();
        for (int i = 0; i < n; i++) {
            int page = i;
            boolean edit = java.util.Arrays.stream(edited).anyMatch(e -> e == page);
            files.add(new ContentFile("p" + i + ".md", ("page " + i + (edit ? " edited" : "")).getBytes(StandardCharsets.UTF_8)));
        }
        return new ContentTree(files);
    }

    @Test
    void blobsOfTheParentAreNotPutAgain() {
        // GIVEN a parent tree of 50 files stored by another container (another Snapshots on the same store)
        String parent = new Snapshots(blobs).store(pages(50));
        Map<String, String> parentFiles = snapshots.listing(parent);
        int puts = blobs.puts();

        // WHEN the tree with two files edited is stored, knowing the parent's blobs
        String manifest = snapshots.store(pages(50, 7, 31), parentFiles.values());

        // THEN two blobs and the manifest were put, and the whole tree loads back
        assertThat(blobs.puts() - puts).isEqualTo(3);
        assertThat(new Snapshots(blobs).load(manifest).hash()).isEqualTo(pages(50, 7, 31).hash());
    }

    @Test
    void aWarmSnapshotsReadsOnlyTheBlobsOfWhatChanged() {
        // GIVEN r1 and r2 (one file edited) stored by the ingest, and r1 loaded once by a channel's own Snapshots
        Snapshots ingest = new Snapshots(blobs);
        String r1 = ingest.store(pages(50));
        String r2 = ingest.store(pages(50, 20));
        Snapshots channel = new Snapshots(blobs);
        channel.load(r1);
        int gets = blobs.gets();

        // WHEN the channel loads r2
        ContentTree loaded = channel.load(r2);

        // THEN it read r2's manifest and the edited file only
        assertThat(blobs.gets() - gets).isEqualTo(2);
        assertThat(loaded.hash()).isEqualTo(pages(50, 20).hash());
    }

    @Test
    void whatIsRememberedIsBoundedByBytes() {
        // GIVEN a tree stored, and a Snapshots that may remember 20 bytes
        String manifest = snapshots.store(pages(30));
        Snapshots small = new Snapshots(blobs, 20);
        small.load(manifest);
        int gets = blobs.gets();

        // WHEN it loads the tree again
        ContentTree again = small.load(manifest);

        // THEN it read almost everything again (two 7-8 byte files fit, the manifest does not), and the tree is whole
        assertThat(blobs.gets() - gets).isGreaterThanOrEqualTo(29);
        assertThat(again.hash()).isEqualTo(pages(30).hash());
    }

    @Test
    void aColdReaderLoadsAPackedSnapshotInTwoRequests() {
        // GIVEN a 200-file tree stored with packs (as the ingest on AWS stores it), and r2 with one file edited
        Snapshots ingest = Snapshots.packed(blobs);
        ingest.store(pages(200));
        String r2 = ingest.store(pages(200, 50), ingest.files(ingest.store(pages(200))).values());
        int gets = blobs.gets();

        // WHEN a reader that remembers nothing (a new container) loads r2
        ContentTree loaded = new Snapshots(blobs).load(r2);

        // THEN it read the manifest and the pack, nothing else, and the tree is whole; the pack is no file of it
        assertThat(blobs.gets() - gets).isEqualTo(2);
        assertThat(loaded.hash()).isEqualTo(pages(200, 50).hash());
        assertThat(loaded.files()).extracting(ContentFile::path).doesNotContain(Snapshots.PACK_ENTRY);
        assertThat(ingest.files(r2)).hasSize(200).doesNotContainKey(Snapshots.PACK_ENTRY);
        assertThat(snapshots.listing(r2)).containsKey(Snapshots.PACK_ENTRY);
    }

    @Test
    void aDamagedOrMissingPackCostsReadsNeverAWrongByte() {
        // GIVEN a packed snapshot whose pack reads back damaged (one byte of a blob changed, its header intact)
        String manifest = Snapshots.packed(blobs).store(pages(40));
        String pack = snapshots.listing(manifest).get(Snapshots.PACK_ENTRY);
        dev.hubpress.core.port.BlobStore damaged = new dev.hubpress.core.port.BlobStore() {
            @Override
            public void put(String hash, byte[] bytes) {
                blobs.put(hash, bytes);
            }

            @Override
            public java.util.Optional<byte[]> get(String hash) {
                java.util.Optional<byte[]> read = blobs.get(hash);
                if (hash.equals(pack)) {
                    byte[] bytes = read.orElseThrow().clone();
                    bytes[bytes.length - 1] ^= 1;
                    return java.util.Optional.of(bytes);
                }
                return read;
            }
        };
        int gets = blobs.gets();

        // WHEN a cold reader loads it through the damage, and another one when the pack is gone altogether
        ContentTree throughDamage = new Snapshots(damaged).load(manifest);
        int afterDamage = blobs.gets();
        ContentTree withoutPack = new Snapshots(new dev.hubpress.core.port.BlobStore() {
            @Override
            public void put(String hash, byte[] bytes) {
                blobs.put(hash, bytes);
            }

            @Override
            public java.util.Optional<byte[]> get(String hash) {
                return hash.equals(pack) ? java.util.Optional.empty() : blobs.get(hash);
            }
        }).load(manifest);

        // THEN both trees are exactly what was stored; the damaged blob (the last) was read again on its own
        assertThat(throughDamage.hash()).isEqualTo(pages(40).hash());
        assertThat(withoutPack.hash()).isEqualTo(pages(40).hash());
        assertThat(afterDamage - gets).isEqualTo(3); // manifest, pack, the one damaged blob
    }

    @Test
    void snapshotsWithoutPacksNameNone() {
        assertThat(snapshots.listing(snapshots.store(pages(20)))).doesNotContainKey(Snapshots.PACK_ENTRY);
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
