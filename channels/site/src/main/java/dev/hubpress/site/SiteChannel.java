package dev.hubpress.site;

import dev.hubpress.core.mail.DigestArchive;
import dev.hubpress.core.channel.Channel;
import dev.hubpress.core.channel.ChannelRenderer;
import dev.hubpress.core.channel.FeedTopic;
import dev.hubpress.core.channel.GuideInfo;
import dev.hubpress.core.channel.Setting;
import dev.hubpress.core.markdown.MarkdownEngine;
import dev.hubpress.core.port.RenderCache;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The HTML site: a page per Markdown page, the home page and section indexes, the changelog, the
 * subscribe and search pages (with the search index), the feeds' landing pages, 404, sitemap.xml, robots.txt and fingerprinted assets. It reads the guide's facts
 * (size, page count) for the home page's download link, so it publishes after the guide.
 */
public final class SiteChannel implements Channel {

    public static final String ID = "site";
    /** How many revisions the changelog lists. */
    public static final Setting<Integer> CHANGELOG_ENTRIES = Setting.wholeNumber(ID, "changelogEntries", 50, 1, 200);

    @Override
    public String id() {
        return ID;
    }

    @Override
    public Set<String> owns() {
        return Set.of("404.html", "changelog.html", "subscribe.html", "search.html", "sitemap.xml", "robots.txt", "assets/",
                RedlineEntries.FOLDER, SearchIndex.FOLDER, DigestArchive.FOLDER,
                FeedTopic.LANDINGS);
    }

    @Override
    public List<Setting<?>> settings() {
        return List.of(CHANGELOG_ENTRIES);
    }

    @Override
    public Set<String> reads() {
        return Set.of(GuideInfo.CHANNEL);
    }

    @Override
    public Optional<ChannelRenderer> renderer() {
        return renderer(RenderCache.NONE);
    }

    @Override
    public Optional<ChannelRenderer> renderer(RenderCache cache) {
        return Optional.of(new SiteRenderer(MarkdownEngine.standard(), cache));
    }
}
