package dev.hubpress.site.view;

/**
 * The search page.
 *
 * @param script   the search script's path from the site root (the page is at the root)
 * @param manifest the search index's manifest, from the site root: the script loads the index from its folder
 */
public record SearchView(Layout layout, String title, String script, String manifest) {
}
