package dev.hubpress.site.view;

import java.util.List;

/**
 * Everything the shared page frame needs: head metadata, navigation and footer.
 *
 * @param root         relative prefix from this page to the site root ("" or "../")
 * @param canonical    absolute canonical URL of this page
 * @param jsonLd       JSON-LD graph, already escaped for a script element
 * @param breadcrumbs  trail from home to this page; empty on the home page
 */
public record Layout(
        String lang,
        String title,
        String documentTitle,
        String description,
        String canonical,
        String root,
        String stylesheet,
        String icon,
        String ogType,
        String siteName,
        String jsonLd,
        List<Link> nav,
        List<Link> breadcrumbs,
        Footer footer) {

    public Layout {
        nav = List.copyOf(nav);
        breadcrumbs = List.copyOf(breadcrumbs);
    }

    public Layout withJsonLd(String graph) {
        return new Layout(lang, title, documentTitle, description, canonical, root, stylesheet, icon, ogType, siteName,
                graph, nav, breadcrumbs, footer);
    }

    /** The same frame with links from another root (the 404 page is served at any depth). */
    public Layout withRoot(String newRoot, List<Link> newNav) {
        Footer f = new Footer(newRoot + "changelog.html", newRoot + "sitemap.xml", footer.author());
        return new Layout(lang, title, documentTitle, description, canonical, newRoot, stylesheet, icon, ogType, siteName,
                jsonLd, newNav, breadcrumbs, f);
    }

    /**
     * The footer: where the history is. It names no revision, so a page that did not change
     * renders to the same bytes in the next revision and is not uploaded again.
     */
    public record Footer(String changelog, String sitemap, String author) {
    }
}
