package dev.hubpress.feeds;

import dev.hubpress.core.channel.Artifact;
import dev.hubpress.core.channel.Edition;
import dev.hubpress.core.content.ContentTree;
import dev.hubpress.core.testing.ContentFixtures;
import dev.hubpress.core.testing.Editions;
import dev.hubpress.core.testing.InMemoryRenderCache;
import org.junit.jupiter.api.Test;

import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Feeds taken from the render cache are the bytes writing them again gives, and a feed is written
 * again exactly when anything it says changes.
 */
class WrittenFeedsTest {

    private static ContentTree edited(ContentTree tree, String path, String line) {
        String text = new String(tree.files().stream().filter(f -> f.path().equals(path)).findFirst().orElseThrow().bytes(),
                StandardCharsets.UTF_8);
        return ContentFixtures.with(tree, path, (text + "\n" + line + "\n").getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aFreshProcessTakesEveryUnchangedFeedFromTheCacheAndWritesTheChangedOnesAgain() {
        // GIVEN the real hub's first edition, published by a process that keeps a render cache
        ContentTree first = ContentFixtures.repositoryTree();
        Edition r1 = Editions.firstEdition(first);
        InMemoryRenderCache cache = new InMemoryRenderCache();
        List<Artifact> written = new FeedRenderer(Editions.MARKDOWN, cache).render(r1);

        // WHEN a fresh process renders the same edition from that cache, and another one the next edition (faq.md edited)
        FeedRenderer again = new FeedRenderer(Editions.MARKDOWN, cache);
        List<Artifact> kept = again.render(r1);
        ContentTree second = edited(first, "faq.md", "One more line.");
        Edition r2 = Editions.nextEdition(r1, first, second);
        FeedRenderer next = new FeedRenderer(Editions.MARKDOWN, cache);
        List<Artifact> fromCache = next.render(r2);
        List<Artifact> clean = new FeedRenderer(Editions.MARKDOWN).render(r2);

        // THEN the same edition's feeds are known by their digests alone, not written again
        assertThat(kept).hasSizeGreaterThan(10)
                .filteredOn(a -> !a.key().equals(FeedRenderer.ICON)).noneMatch(Artifact::made);
        assertThat(again.feedsWritten()).isZero();
        // AND they are the same bytes when asked (and their digests are the bytes')
        assertThat(kept).isEqualTo(written);
        assertThat(again.feedsWritten()).isZero();
        kept.forEach(a -> assertThat(a.digest()).isEqualTo(dev.hubpress.core.content.Hashing.sha256Hex(a.bytes())));
        // AND the next edition is what a process with no cache writes, with only the feeds that changed written
        assertThat(fromCache).isEqualTo(clean);
        long changed = 0;
        for (Artifact a : fromCache) {
            Artifact before = Editions.find(written, a.key());
            if (a.key().equals(FeedRenderer.ICON)) {
                continue;
            }
            if (before == null || !java.util.Arrays.equals(before.bytes(), a.bytes())) {
                changed++;
            }
        }
        assertThat(changed).isPositive();
        assertThat(next.feedsWritten()).isEqualTo(changed);
        fromCache.forEach(a -> assertThat(a.digest()).isEqualTo(dev.hubpress.core.content.Hashing.sha256Hex(a.bytes())));
    }

    @Test
    void aFeedsFingerprintChangesWithEveryFieldOfItsInfoAndOfEachEntry() throws Exception {
        // GIVEN a feed with one entry, and its fingerprint
        FeedEntry entry = new FeedEntry("id", "title", "https://example.org/a.html", "summary", "<p>html</p>",
                Instant.parse("2026-11-01T09:30:00Z"));
        FeedInfo info = new FeedInfo("title", "subtitle", "https://example.org/", "https://example.org/feeds/atom.xml",
                "https://example.org/feeds/icon.svg", "en", "author", Instant.parse("2026-11-01T09:30:00Z"), List.of(entry));
        String base = fingerprint(info);

        // WHEN any one field of the info, or of its entry, is changed (found by reflection: a field added later is covered too)
        List<String> unchanged = new ArrayList<>();
        for (RecordComponent c : FeedInfo.class.getRecordComponents()) {
            FeedInfo other = (FeedInfo) with(info, c);
            if (fingerprint(other).equals(base)) {
                unchanged.add("FeedInfo." + c.getName());
            }
        }
        for (RecordComponent c : FeedEntry.class.getRecordComponents()) {
            FeedEntry changed = (FeedEntry) with(entry, c);
            FeedInfo other = new FeedInfo(info.title(), info.subtitle(), info.homeUrl(), info.selfUrl(), info.iconUrl(),
                    info.language(), info.author(), info.updated(), List.of(changed));
            if (fingerprint(other).equals(base)) {
                unchanged.add("FeedEntry." + c.getName());
            }
        }

        // THEN the fingerprint changed every time; and a feed's key and media type are in it too
        assertThat(unchanged).isEmpty();
        assertThat(WrittenFeeds.fingerprint(new WrittenFeeds.Feed("feeds/rss.xml", "x", info, XmlFeeds::atom), Map.of()))
                .isNotEqualTo(base);
        assertThat(WrittenFeeds.fingerprint(new WrittenFeeds.Feed("feeds/atom.xml", "y", info, XmlFeeds::atom), Map.of()))
                .isNotEqualTo(base);
    }

    private static String fingerprint(FeedInfo info) {
        Map<FeedEntry, String> none = new IdentityHashMap<>();
        return WrittenFeeds.fingerprint(new WrittenFeeds.Feed("feeds/atom.xml", "x", info, XmlFeeds::atom), none);
    }

    /** A copy of the record with one component changed: a string gets a character more, a date a second, a list one more entry. */
    private static Object with(Record record, RecordComponent changed) throws Exception {
        RecordComponent[] components = record.getClass().getRecordComponents();
        Object[] values = new Object[components.length];
        Class<?>[] types = new Class<?>[components.length];
        for (int i = 0; i < components.length; i++) {
            Object value = components[i].getAccessor().invoke(record);
            if (components[i].getName().equals(changed.getName())) {
                if (value instanceof String s) {
                    value = s + "!";
                } else if (value instanceof Instant t) {
                    value = t.plusSeconds(1);
                } else if (value instanceof List<?> list) {
                    List<Object> longer = new ArrayList<>(list);
                    longer.add(list.get(0));
                    value = longer;
                } else {
                    throw new IllegalStateException("no change known for " + changed);
                }
            }
            values[i] = value;
            types[i] = components[i].getType();
        }
        var constructor = record.getClass().getDeclaredConstructor(types);
        constructor.setAccessible(true);
        return constructor.newInstance(values);
    }
}
