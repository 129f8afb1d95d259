package dev.hubpress.feeds;

import dev.hubpress.core.channel.Artifact;
import dev.hubpress.core.channel.Edition;
import dev.hubpress.core.content.ContentTree;
import dev.hubpress.core.revision.Announcements;
import dev.hubpress.core.revision.ChannelStatus;
import dev.hubpress.core.revision.Revision;
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
        FaqEdit edit = new FaqEdit(ContentFixtures.repositoryTree());
        List<Artifact> written = edit.published;

        // WHEN a fresh process renders the same edition from that cache, and another one the next edition (faq.md edited)
        FeedRenderer again = new FeedRenderer(Editions.MARKDOWN, edit.cache);
        List<Artifact> kept = again.render(edit.r1);
        FeedRenderer next = new FeedRenderer(Editions.MARKDOWN, edit.cache);
        List<Artifact> fromCache = next.render(edit.r2);
        List<Artifact> clean = new FeedRenderer(Editions.MARKDOWN).render(edit.r2);

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
    void anEditMakesOnlyTheEntriesOfTheFeedsItRewrites() {
        // GIVEN the real hub (24 pages) with feeds of five entries, published by a process that keeps a render cache
        FaqEdit edit = new FaqEdit(fiveEntries(ContentFixtures.repositoryTree()));

        // WHEN a fresh process renders the next edition, faq.md edited
        FeedRenderer next = new FeedRenderer(Editions.MARKDOWN, edit.cache);
        List<Artifact> fromCache = next.render(edit.r2);

        // THEN it used the bodies of the pages in the feeds it wrote (the hub's five entries, among
        // them the faq's, which is all its section's and page's feeds carry), not all 24 pages', as
        // it did when every entry was made
        assertThat(next.feedsWritten()).isPositive();
        assertThat(next.bodiesUsed()).isPositive().isLessThanOrEqualTo(5);
        assertThat(edit.r2.hub().pages()).hasSizeGreaterThan(20);
        // AND what it published is what a process with no cache writes, byte for byte
        assertThat(fromCache).isEqualTo(new FeedRenderer(Editions.MARKDOWN).render(edit.r2));
    }

    @Test
    void aBodyAnEditDidNotNeedIsKeptForTheNextEditThatDoes() {
        // GIVEN the real hub with feeds of five entries, published by a process that keeps a render
        // cache, and an edit of faq.md published by a fresh one (it needs no skills page's body)
        FaqEdit edit = new FaqEdit(fiveEntries(ContentFixtures.repositoryTree()));
        new FeedRenderer(Editions.MARKDOWN, edit.cache).render(edit.r2);

        // WHEN a third process publishes an edit of a skills page: the skills section's feed is
        // rewritten, with entries for the section's other pages
        ContentTree third = edited(edit.second, "skills/distributed-systems.md", "One more line.");
        Edition r3 = Editions.nextEdition(edit.r2, edit.second, third);
        FeedRenderer next = new FeedRenderer(Editions.MARKDOWN, edit.cache);
        List<Artifact> fromCache = next.render(r3);

        // THEN it rendered the edited page's body only: the others' were kept through r2
        assertThat(next.bodiesUsed()).isGreaterThan(3);
        assertThat(next.bodiesRendered()).isEqualTo(1);
        assertThat(fromCache).isEqualTo(new FeedRenderer(Editions.MARKDOWN).render(r3));
    }

    @Test
    void aPageWhoseTextChangedWithNoEntryYetRewritesTheFeedsThatCarryItsEntries() {
        // GIVEN the real hub's first edition, published by a process that keeps a render cache
        FaqEdit edit = new FaqEdit(ContentFixtures.repositoryTree());
        // AND r2, editing faq.md, whose site failed: the feeds hold its entry back, but r1's entry
        // for the page shows the page as it is now
        Revision failed = edit.r2.revision().withChannel(Announcements.SITE, ChannelStatus.failed(5, "S3 went away"));
        Edition held = new Edition(edit.r2.hub(), failed, List.of(failed, edit.r1.revision()));

        // WHEN a fresh process renders r2 from that cache
        List<Artifact> fromCache = new FeedRenderer(Editions.MARKDOWN, edit.cache).render(held);

        // THEN it is what a process with no cache writes: the faq's feed, with no new entry, shows the new line
        assertThat(fromCache).isEqualTo(new FeedRenderer(Editions.MARKDOWN).render(held));
        assertThat(Editions.text(Editions.find(fromCache, "feeds/pages/faq.atom"))).contains("One more line.");
        assertThat(Editions.text(Editions.find(edit.published, "feeds/pages/faq.atom"))).doesNotContain("One more line.");
    }

    /** A hub's first edition, published by a process that keeps a render cache, and the next, editing faq.md. */
    private static final class FaqEdit {
        final InMemoryRenderCache cache = new InMemoryRenderCache();
        final ContentTree first;
        final Edition r1;
        final List<Artifact> published;
        final ContentTree second;
        final Edition r2;

        FaqEdit(ContentTree tree) {
            first = tree;
            r1 = Editions.firstEdition(first);
            published = new FeedRenderer(Editions.MARKDOWN, cache).render(r1);
            second = edited(first, "faq.md", "One more line.");
            r2 = Editions.nextEdition(r1, first, second);
        }
    }

    /** The tree with each feed cut to its last five entries. */
    private static ContentTree fiveEntries(ContentTree tree) {
        String yaml = new String(tree.files().stream().filter(f -> f.path().equals("hub.yaml")).findFirst().orElseThrow().bytes(),
                StandardCharsets.UTF_8);
        assertThat(yaml).contains("feeds: { entries: 50 }");
        return ContentFixtures.with(tree, "hub.yaml", yaml.replace("feeds: { entries: 50 }", "feeds: { entries: 5 }")
                .getBytes(StandardCharsets.UTF_8));
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
                } else if (value instanceof EntryContent content) {
                    value = EntryContent.of(content.html() + "!");
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
