package dev.hubpress.feeds;

import dev.hubpress.core.cache.RenderedBodies;
import dev.hubpress.core.markdown.MarkdownEngine;
import dev.hubpress.core.port.RenderCache;
import dev.hubpress.core.model.HubConfig;
import dev.hubpress.core.channel.Artifact;
import dev.hubpress.core.channel.ChannelRenderer;
import dev.hubpress.core.channel.Edition;
import dev.hubpress.core.channel.FeedTopic;
import dev.hubpress.core.channel.FeedTopics;
import dev.hubpress.core.model.Hub;
import dev.hubpress.core.model.Page;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The feeds channel: RSS 2.0 ({@code feeds/rss.xml}), Atom 1.0 ({@code feeds/atom.xml}) and JSON
 * Feed 1.1 ({@code feeds/feed.json}) of the same entries, the same three for each section
 * ({@code feeds/sections/<id>.rss|.atom|.json}: the changes of its pages) and an Atom feed for each
 * page ({@code feeds/pages/<slug>.atom}: its own changes), keys as {@link FeedTopic} gives them;
 * made from the revisions in the
 * edition's history and their change sets: one entry per page added, changed or removed, newest first, the last
 * {@code channels.feeds.entries} of them (default 50). Entry ids and dates come from the revision
 * log, so a rebuild, a retry or a later revision never changes an entry already published. The
 * feeds' icon is published beside them ({@value #ICON}), under a name that does not change.
 */
public final class FeedRenderer implements ChannelRenderer {

    public static final String RSS = FeedTopic.HUB.rss().orElseThrow();
    public static final String ATOM = FeedTopic.HUB.atom();
    public static final String JSON = FeedTopic.HUB.json().orElseThrow();
    /** The {@code updated} date of a section's or a page's feed with no entry. */
    static final Instant NO_ENTRIES = Instant.EPOCH;
    public static final String ICON = "feeds/icon.svg";

    private final FeedEntries entries;
    private final WrittenFeeds written;
    private final byte[] icon;

    /** Name of the feeds' page bodies in the render cache. */
    static final String BODIES = "feed-bodies";

    /** A renderer that keeps page bodies in memory only. */
    public FeedRenderer(MarkdownEngine markdown) {
        this(markdown, RenderCache.NONE);
    }

    /** A renderer that also keeps the page bodies it renders in this cache, for the next process. */
    public FeedRenderer(MarkdownEngine markdown, RenderCache cache) {
        this.entries = new FeedEntries(markdown, new RenderedBodies(cache, BODIES, "channel-feeds"));
        this.written = new WrittenFeeds(cache);
        this.icon = resource("/feeds/icon.svg");
    }

    @Override
    public List<Artifact> render(Edition edition) {
        Hub hub = edition.hub();
        HubConfig config = hub.config();
        int limit = FeedsChannel.ENTRIES.of(config);
        FeedTopics read = FeedTopics.of(edition, limit);
        List<FeedTopic> topics = new ArrayList<>();
        topics.add(FeedTopic.HUB);
        config.sections().forEach(section -> topics.add(FeedTopic.section(section.id())));
        hub.pages().forEach(page -> topics.add(FeedTopic.page(page.slug())));
        // A page's feed outlives the page while the history holds its changes: its readers learn it went.
        Map<String, FeedTopics.Gone> gone = new HashMap<>();
        read.gone().forEach(page -> {
            gone.put(page.slug(), page);
            topics.add(FeedTopic.page(page.slug()));
        });
        try {
            return render(edition, read, topics, gone);
        } finally {
            entries.endRender();
        }
    }

    private List<Artifact> render(Edition edition, FeedTopics read, List<FeedTopic> topics, Map<String, FeedTopics.Gone> gone) {
        Hub hub = edition.hub();
        HubConfig config = hub.config();
        Map<FeedTopic, List<FeedEntry>> entries = this.entries.of(edition, read, topics);
        List<WrittenFeeds.Feed> feeds = new ArrayList<>(topics.size() + 2 * config.sections().size() + 2);
        for (FeedTopic topic : topics) {
            List<FeedEntry> shown = entries.get(topic);
            FeedInfo info = info(hub, topic, shown, edition, gone);
            topic.rss().ifPresent(key -> feeds.add(new WrittenFeeds.Feed(key, XmlFeeds.RSS_TYPE + "; charset=utf-8",
                    info.withSelf(config.absoluteUrl(key)), XmlFeeds::rss)));
            feeds.add(new WrittenFeeds.Feed(topic.atom(), XmlFeeds.ATOM_TYPE + "; charset=utf-8",
                    info.withSelf(config.absoluteUrl(topic.atom())), XmlFeeds::atom));
            topic.json().ifPresent(key -> feeds.add(new WrittenFeeds.Feed(key, JsonFeed.TYPE + "; charset=utf-8",
                    info.withSelf(config.absoluteUrl(key)), JsonFeed::write)));
        }
        List<Artifact> artifacts = new ArrayList<>(written.artifacts(feeds));
        artifacts.add(new Artifact(ICON, icon, "image/svg+xml", Artifact.CachePolicy.SHORT));
        return artifacts;
    }

    /** How many feeds this renderer wrote (not taken as an earlier render wrote them from the same inputs) so far. */
    long feedsWritten() {
        return written.written();
    }

    /** How many page bodies this renderer's entries used (rendered, or kept from an earlier render) so far. */
    long bodiesUsed() {
        return entries.bodiesUsed();
    }

    /** How many page bodies this renderer's entries rendered (not kept from an earlier render) so far. */
    long bodiesRendered() {
        return entries.bodiesRendered();
    }

    /** What one feed says about itself: the hub's identity, narrowed to its section or page (one of the {@code gone} ones too). */
    private static FeedInfo info(Hub hub, FeedTopic topic, List<FeedEntry> shown, Edition edition, Map<String, FeedTopics.Gone> gone) {
        HubConfig config = hub.config();
        // A feed changes when an entry does: a revision that announces none of its changes leaves
        // its date, and so its bytes, as they were. The hub's feed is dated by its revision
        // while it has no entry yet; a section's or a page's with none (the hub's history no
        // longer reaches its last change) by a fixed date, so that thousands of quiet page feeds
        // are not rewritten by every revision.
        Instant updated = !shown.isEmpty() ? shown.get(0).date()
                : topic.scope() == FeedTopic.Scope.HUB ? edition.revision().createdAt() : NO_ENTRIES;
        String icon = config.absoluteUrl(ICON);
        return switch (topic.scope()) {
            case HUB -> new FeedInfo(config.title(), config.subtitle(), config.baseUrl() + "/", null, icon,
                    config.language(), config.author(), updated, shown);
            case SECTION -> {
                String title = config.section(topic.id()).map(HubConfig.SectionInfo::title).orElse(topic.id());
                // Its page on the site lists the same entries: the feed's HTML alternate.
                yield new FeedInfo(title + " — " + config.title(),
                        "What changes in the pages of " + title + ", page by page and section by section.",
                        config.absoluteUrl(topic.landing()), null, icon, config.language(), config.author(), updated, shown);
            }
            case PAGE -> {
                Optional<Page> page = hub.page(topic.id());
                if (page.isEmpty()) {
                    yield goneInfo(hub, gone.get(topic.id()), shown, updated, icon);
                }
                yield new FeedInfo(page.get().title() + " — " + config.title(),
                        "What changes in " + page.get().title() + ": an entry for each edit, with the sections it changed.",
                        pageUrl(config, page.get()), null, icon, config.language(), config.author(), updated, shown);
            }
        };
    }

    /**
     * The feed of a page gone from the hub: it says so, and its web page is where the page went
     * (moved) or its newest entry's target, the revision in the changelog (removed).
     */
    private static FeedInfo goneInfo(Hub hub, FeedTopics.Gone page, List<FeedEntry> shown, Instant updated, String icon) {
        HubConfig config = hub.config();
        Optional<Page> movedTo = page.movedTo().flatMap(hub::page);
        String subtitle = movedTo.map(to -> page.title() + " moved to " + pageUrl(config, to) + ": its changes are in that page's feed, "
                        + config.absoluteUrl(FeedTopic.page(to.slug()).atom()) + ". This feed has no more entries.")
                .orElse(page.title() + " is no longer in the hub: this feed has no more entries.");
        String link = movedTo.map(to -> pageUrl(config, to))
                .orElseGet(() -> shown.isEmpty() ? config.absoluteUrl("changelog.html") : shown.get(0).url());
        return new FeedInfo(page.title() + " — " + config.title(), subtitle, link, null, icon, config.language(),
                config.author(), updated, shown);
    }

    private static String pageUrl(HubConfig config, Page page) {
        return page.slug().equals("index") ? config.baseUrl() + "/" : config.absoluteUrl(page.sitePath());
    }

    private static byte[] resource(String name) {
        try (InputStream in = FeedRenderer.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing feeds resource on the classpath: " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
