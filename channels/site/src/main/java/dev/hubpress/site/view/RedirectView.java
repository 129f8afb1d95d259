package dev.hubpress.site.view;

/**
 * The page left at a moved page's old URL: it sends the reader on at once, and says where.
 *
 * @param href      relative URL of the page it leads to (works opened from disk too)
 * @param canonical absolute URL of that page, for search engines
 */
public record RedirectView(String lang, String siteName, String title, String href, String canonical) {
}
