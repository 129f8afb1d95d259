package dev.hubpress.core.cache;

import dev.hubpress.core.content.Fingerprint;
import dev.hubpress.core.model.Page;
import dev.hubpress.core.port.RenderCache;

import java.util.function.Supplier;

/**
 * Page bodies one channel rendered to HTML, kept by everything they were rendered from: the page's
 * Markdown and what the channel names as the rest (the page's slug, for relative links; a base URL;
 * the data a figure draws). In memory for the channel's next render, and in a {@link RenderCache}
 * for the next process, so a page whose body did not change is neither parsed nor rendered again.
 * One render is one round of {@link CachedEntries}.
 */
public final class RenderedBodies {

    private final CachedEntries<String> entries;

    /**
     * @param name   the stored object's name (one per channel)
     * @param module the channel's module (artifact id): its code and the core's make the version
     */
    public RenderedBodies(RenderCache cache, String name, String module) {
        this.entries = CachedEntries.amended(cache, name, CodeVersion.of("core", module), CachedEntries.TEXT);
    }

    /**
     * The page's body HTML: kept, or rendered now.
     *
     * @param context every input of the rendering besides the page's Markdown, as text
     */
    public String html(Page page, String context, Supplier<String> render) {
        return entries.get(key(page, context), render);
    }

    /**
     * What the page's body is made from, as one key: the same key is the same HTML (for this
     * code), so a channel may name the body by it without rendering it.
     */
    public String key(Page page, String context) {
        return new Fingerprint(context.length() + 96).add(context).add(page.sourceSha256()).sha256Hex();
    }

    /**
     * Keeps the body under this {@link #key}, if one is held, for the next render as if this one
     * had used it (see {@link CachedEntries#keep}): for a body this render may not need.
     */
    public void keep(String key) {
        entries.keep(key);
    }

    /** Ends a render: keeps its bodies for the next (see {@link CachedEntries#endRound()}). */
    public void endRender() {
        entries.endRound();
    }

    /** How many bodies were rendered (not kept) so far. */
    public long rendered() {
        return entries.computed();
    }

    /** How many bodies were reused so far. */
    public long reused() {
        return entries.reused();
    }
}
