package dev.hubpress.feeds;

import dev.hubpress.core.channel.Channel;
import dev.hubpress.core.channel.ChannelRenderer;
import dev.hubpress.core.channel.Setting;
import dev.hubpress.core.revision.Announcements;
import dev.hubpress.core.markdown.MarkdownEngine;
import dev.hubpress.core.port.RenderCache;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/** RSS 2.0, Atom 1.0 and JSON Feed 1.1 of what changed, revision by revision, under {@code feeds/}. */
public final class FeedsChannel implements Channel {

    public static final String ID = "feeds";
    /** How many entries each feed keeps. */
    public static final Setting<Integer> ENTRIES = Setting.wholeNumber(ID, "entries", 50, 1, 200);

    @Override
    public String id() {
        return ID;
    }

    @Override
    public Set<String> owns() {
        return Set.of("feeds/");
    }

    @Override
    public List<Setting<?>> settings() {
        return List.of(ENTRIES);
    }

    /**
     * The site: the feeds announce a revision only once its site is published (so every entry's
     * link leads somewhere), and publish again when the site's outcome on a revision changes.
     */
    @Override
    public Set<String> reads() {
        return Set.of(Announcements.SITE);
    }

    @Override
    public Optional<ChannelRenderer> renderer() {
        return renderer(RenderCache.NONE);
    }

    @Override
    public Optional<ChannelRenderer> renderer(RenderCache cache) {
        return Optional.of(new FeedRenderer(MarkdownEngine.standard(), cache));
    }
}
