package dev.hubpress.feeds;

import dev.hubpress.core.cache.CachedEntries;
import dev.hubpress.core.cache.CodeVersion;
import dev.hubpress.core.channel.Artifact;
import dev.hubpress.core.content.Fingerprint;
import dev.hubpress.core.content.Hashing;
import dev.hubpress.core.port.RenderCache;
import dev.hubpress.core.work.Parallel;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The feeds written by earlier renders, by exactly what each was written from: its key, media type
 * and {@link FeedInfo} (every entry included). The writers are pure functions of these, so a feed
 * whose inputs are the same is the same bytes: its SHA-256 and size are kept, not the bytes, and
 * the feed is written again only if a store asks for its bytes ({@link Artifact#ofDigest}; a store
 * that holds it already does not). Most of a large hub's feeds are its pages' own, and an edit
 * changes a handful: writing the others again through Rome and JDOM, and hashing them, was most of
 * the channel's time (1,037 feeds, 18 MB, at 1,000 pages), and keeping their bytes meant reading
 * 92 MB back at 10,000 pages to publish an edit. Kept in the render cache as one object, like the
 * page bodies.
 */
final class WrittenFeeds {

    /** Name of the written feeds in the render cache. */
    static final String CACHE = "feed-files";
    /** Changes whenever what a fingerprint names changes. */
    private static final String FORMAT = "hubpress feed 2";

    /** A feed as written: its bytes' SHA-256 and how many there are. */
    record Written(String sha256, int size) {
    }

    private static final CachedEntries.Codec<Written> CODEC = new CachedEntries.Codec<>() {
        @Override
        public void write(DataOutputStream out, Written value) throws IOException {
            out.writeUTF(value.sha256());
            out.writeInt(value.size());
        }

        @Override
        public Written read(DataInputStream in) throws IOException {
            String sha256 = in.readUTF();
            int size = in.readInt();
            if (!Hashing.isSha256Hex(sha256) || size < 0) {
                throw new IOException("not a feed's digest and size: " + sha256 + ", " + size);
            }
            return new Written(sha256, size);
        }
    };

    private final CachedEntries<Written> entries;

    WrittenFeeds(RenderCache cache) {
        this.entries = CachedEntries.amended(cache, CACHE, CodeVersion.of("core", "channel-feeds"), CODEC);
    }

    /** One feed to publish: its key, media type, what it says, and how its text is written from that. */
    record Feed(String key, String contentType, FeedInfo info, Function<FeedInfo, String> writer) {
    }

    /**
     * The feeds' objects, in order: each written now, or taken as it was written from the same
     * inputs before. Ends the render's round of the cache.
     */
    List<Artifact> artifacts(List<Feed> feeds) {
        try {
            Map<FeedEntry, String> entryDigests = digests(feeds);
            // On every core, in the feeds' order: a 1,000-page hub has over a thousand feeds to fingerprint,
            // and as many to write and hash on its first publish.
            return Parallel.map(feeds, feed -> {
                String fingerprint = fingerprint(feed, entryDigests);
                Optional<Written> before = entries.find(fingerprint);
                if (before.isPresent()) {
                    return Artifact.ofDigest(feed.key(), feed.contentType(), Artifact.CachePolicy.SHORT,
                            before.get().sha256(), before.get().size(), () -> bytes(feed));
                }
                byte[] bytes = bytes(feed);
                String sha256 = Hashing.sha256Hex(bytes);
                entries.put(fingerprint, new Written(sha256, bytes.length));
                return Artifact.withDigest(feed.key(), bytes, feed.contentType(), Artifact.CachePolicy.SHORT, sha256);
            });
        } finally {
            entries.endRound();
        }
    }

    private static byte[] bytes(Feed feed) {
        return feed.writer().apply(feed.info()).getBytes(StandardCharsets.UTF_8);
    }

    /** How many feeds were written (not taken as written before) so far. */
    long written() {
        return entries.computed();
    }

    /**
     * Each entry's digest, once per entry (an entry several feeds carry is one object) and on every
     * core: a large hub has an entry for each of its pages, each in two or three feeds.
     */
    private static Map<FeedEntry, String> digests(List<Feed> feeds) {
        return Parallel.mapEachOnce(feeds.stream().map(feed -> feed.info().entries()).toList(), WrittenFeeds::digest);
    }

    /** Every field of an entry, hashed: its content by its recipe when it is made from one ({@link EntryContent}). */
    static String digest(FeedEntry entry) {
        Fingerprint fields = new Fingerprint(entry.content().fingerprintLength() + 512)
                .add(entry.id())
                .add(entry.title())
                .add(entry.url())
                .add(entry.summary());
        return entry.content().addTo(fields)
                .add(String.valueOf(entry.date()))
                .sha256Hex();
    }

    /** Everything a feed is written from: its key, media type, every field of its info and its entries' digests. */
    static String fingerprint(Feed feed, Map<FeedEntry, String> entryDigests) {
        FeedInfo info = feed.info();
        Fingerprint in = new Fingerprint(512 + 72 * info.entries().size())
                .add(FORMAT)
                .add(feed.key())
                .add(feed.contentType())
                .add(info.title())
                .add(info.subtitle())
                .add(info.homeUrl())
                .add(info.selfUrl())
                .add(info.iconUrl())
                .add(info.language())
                .add(info.author())
                .add(String.valueOf(info.updated()))
                .add(Integer.toString(info.entries().size()));
        for (FeedEntry entry : info.entries()) {
            String digest = entryDigests.get(entry);
            in.add(digest != null ? digest : digest(entry));
        }
        return in.sha256Hex();
    }
}
