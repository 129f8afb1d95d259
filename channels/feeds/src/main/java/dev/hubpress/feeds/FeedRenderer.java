package dev.hubpress.feeds;

import dev.hubpress.core.cache.RenderedBodies;
import dev.hubpress.core.markdown.MarkdownEngine;
import dev.hubpress.core.port.RenderCache;
import dev.hubpress.core.model.HubConfig;
import dev.hubpress.core.channel.Artifact;
import dev.hubpress.core.channel.ChannelRenderer;
import dev.hubpress.core.channel.Edition;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;

/**
 * The feeds channel: RSS 2.0 ({@value #RSS}), Atom 1.0 ({@value #ATOM}) and JSON Feed 1.1
 * ({@value #JSON}) of the same entries, made from the revisions in the edition's history and their
 * change sets: one entry per page added, changed or removed, newest first, the last
 * {@code channels.feeds.entries} of them (default 50). Entry ids and dates come from the revision
 * log, so a rebuild, a retry or a later revision never changes an entry already published. The
 * feeds' icon is published beside them ({@value #ICON}), under a name that does not change.
 */
public final class FeedRenderer implements ChannelRenderer {

    public static final String RSS = "feeds/rss.xml";
    public static final String ATOM = "feeds/atom.xml";
    public static final String JSON = "feeds/feed.json";
    public static final String ICON = "feeds/icon.svg";

    private final FeedEntries entries;
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
        this.icon = resource("/feeds/icon.svg");
    }

    @Override
    public List<Artifact> render(Edition edition) {
        HubConfig config = edition.hub().config();
        int limit = FeedsChannel.ENTRIES.of(config);
        List<FeedEntry> shown = entries.of(edition, limit);
        // The feeds change when an entry does: a revision that announces no page change (a hub
        // setting, a data file, a site still to publish) leaves their date, and so their bytes, as they were.
        Instant updated = shown.isEmpty() ? edition.revision().createdAt() : shown.get(0).date();
        FeedInfo info = new FeedInfo(config.title(), config.subtitle(), config.baseUrl() + "/", null,
                config.absoluteUrl(ICON), config.language(), config.author(), updated, shown);
        return List.of(
                Artifact.text(RSS, XmlFeeds.rss(info.withSelf(config.absoluteUrl(RSS))),
                        XmlFeeds.RSS_TYPE + "; charset=utf-8", Artifact.CachePolicy.SHORT),
                Artifact.text(ATOM, XmlFeeds.atom(info.withSelf(config.absoluteUrl(ATOM))),
                        XmlFeeds.ATOM_TYPE + "; charset=utf-8", Artifact.CachePolicy.SHORT),
                Artifact.text(JSON, JsonFeed.write(info.withSelf(config.absoluteUrl(JSON))),
                        JsonFeed.TYPE + "; charset=utf-8", Artifact.CachePolicy.SHORT),
                new Artifact(ICON, icon, "image/svg+xml", Artifact.CachePolicy.SHORT));
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
