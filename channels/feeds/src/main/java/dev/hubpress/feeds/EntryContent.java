package dev.hubpress.feeds;

import dev.hubpress.core.content.Fingerprint;
import dev.hubpress.core.work.Once;

import java.util.Objects;
import java.util.function.Supplier;

/**
 * An entry's HTML: given, or made when first asked for from inputs its recipe names.
 *
 * <p>Why made: most entries of a large hub are in feeds an edit does not rewrite (each page's own,
 * a quiet section's), and making every entry's HTML on every publish (the page's body, cut into
 * its sections) only to find the feeds unchanged was most of the channel's work in a one-page edit
 * (1,000 pages: every body cut and hashed, 133 MB allocated). A made entry's {@link #addTo
 * fingerprint} is its recipe, so an unchanged feed is known without its entries' HTML.
 *
 * <p>The recipe must name everything the HTML is made from besides the code (the render cache's
 * version names the code): two contents with the same recipe are the same HTML.
 */
final class EntryContent {

    private final String recipe;
    private final Once<String> html;

    private EntryContent(String recipe, Once<String> html) {
        this.recipe = recipe;
        this.html = html;
    }

    /** Content whose HTML is given. */
    static EntryContent of(String html) {
        return new EntryContent(null, Once.of(html));
    }

    /**
     * Content made when first asked for, once.
     *
     * @param recipe everything the HTML is made from, as text (a fingerprint of it will do)
     */
    static EntryContent made(String recipe, Supplier<String> make) {
        return new EntryContent(Objects.requireNonNull(recipe, "recipe"), Once.made(make));
    }

    /** The HTML, made now if it was not yet. */
    String html() {
        return html.get();
    }

    /** Whether the HTML exists yet (given, or made since). */
    boolean isMade() {
        return html.isMade();
    }

    /** Adds what this content is to a fingerprint: its recipe, or for given HTML the HTML itself. */
    Fingerprint addTo(Fingerprint fingerprint) {
        return recipe != null ? fingerprint.add("made from").add(recipe) : fingerprint.add("html").add(html.get());
    }

    /** How long {@link #addTo} makes a fingerprint, about. */
    int fingerprintLength() {
        return recipe != null ? recipe.length() : html.get().length();
    }

    /** Equal when they are the same HTML: the same recipe, or for given HTML the same HTML. */
    @Override
    public boolean equals(Object o) {
        return o instanceof EntryContent other
                && (recipe != null ? recipe.equals(other.recipe) : other.recipe == null && html.get().equals(other.html.get()));
    }

    @Override
    public int hashCode() {
        return recipe != null ? recipe.hashCode() : html.get().hashCode();
    }

    @Override
    public String toString() {
        return recipe != null ? "made from " + recipe : html.get();
    }
}
