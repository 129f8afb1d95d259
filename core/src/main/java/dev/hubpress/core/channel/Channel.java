package dev.hubpress.core.channel;

import dev.hubpress.core.port.RenderCache;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * One way readers get the hub: the site, the PDF guide, the feeds, email. A channel module
 * registers its channel with {@link java.util.ServiceLoader} (a line in
 * {@code META-INF/services/dev.hubpress.core.channel.Channel}), so a command or a function
 * publishes the channels on its classpath and adding one touches no other module; see
 * {@link Channels}.
 *
 * <p>A channel declares what the rest of the pipeline must know before anything renders: the gate
 * keeps pages off the paths it {@linkplain #owns owns} and checks its {@linkplain #settings
 * settings} in {@code hub.yaml}; the publish order follows what it {@linkplain #reads reads}. The
 * declaration is cheap to load: a channel's heavy machinery (a PDF engine) is built only by
 * {@link #renderer()}, so a function that only gates content can know every channel without
 * shipping their renderers.
 */
public interface Channel {

    /**
     * The channel's id: its key under {@code channels:} in {@code hub.yaml} and the name its status
     * is recorded under on a revision, e.g. {@code site}. Lower case letters.
     */
    String id();

    /**
     * Site paths this channel publishes that pages may not take: files ({@code 404.html}) and
     * folders, written with a trailing slash ({@code guide/}).
     */
    Set<String> owns();

    /** The settings it reads from {@code channels.<id>} in {@code hub.yaml}; the gate refuses any other key and any bad value. */
    List<Setting<?>> settings();

    /**
     * Channels whose facts about the same revision this one shows (the site shows the guide's size
     * and page count): they publish first, and a new outcome of theirs publishes this one again.
     * Of their statuses on the revision a renderer reads only the state and the facts: when those
     * are as a read channel last published them (no facts, as the site's), this channel may be
     * rendered while that one still publishes, and that render is used only if its outcome is the same.
     */
    default Set<String> reads() {
        return Set.of();
    }

    /**
     * The characters this channel can print, for a channel that cannot print every one: a PDF
     * carries its own fonts, which cover only so much of Unicode, where HTML, feeds and email leave
     * the glyphs to the reader's fonts. The gate then refuses a revision whose text holds any other
     * character — every value of {@code hub.yaml}, the data file and each page's front matter, and
     * each line of a page body with its character references ({@code &#x4E00;}, {@code &hellip;})
     * decoded — naming the file, the line and the character ({@code U+XXXX}), instead of the
     * channel printing a stand-in or nothing. Tabs and line breaks are never checked. Empty (the
     * default): the channel prints every character the gate otherwise accepts.
     *
     * <p>Part of the declaration, so as cheap as the rest: it must be computable without the
     * channel's rendering machinery (a gate-only process, the ingest function, loads the
     * declaration alone), typically from a resource next to the declaring class
     * ({@link CharacterSet#resource}); a channel should load it once and return the same set.
     * The set must be honest: a character in it must print as itself (or as nothing, for the
     * invisible format characters: joiners, direction marks).
     */
    default Optional<CharacterSet> printable() {
        return Optional.empty();
    }

    /**
     * A new renderer of this channel's objects; empty for a channel that publishes none (email
     * sends mail instead). Called once per process by {@link Channels}.
     */
    default Optional<ChannelRenderer> renderer() {
        return Optional.empty();
    }

    /**
     * A new renderer that may keep what it computes from pages in this cache for the next process
     * (see {@link dev.hubpress.core.cache.CachedEntries}); by default the one of {@link #renderer()},
     * which keeps nothing there.
     */
    default Optional<ChannelRenderer> renderer(RenderCache cache) {
        return renderer();
    }
}
