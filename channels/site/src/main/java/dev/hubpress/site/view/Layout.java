package dev.hubpress.site.view;

import java.util.List;

/**
 * Everything the shared page frame needs: head metadata, navigation and footer.
 *
 * @param root         relative prefix from this page to the site root ("" or "../")
 * @param canonical    absolute canonical URL of this page
 * @param jsonLd       JSON-LD graph, already escaped for a script element
 * @param breadcrumbs  trail from home to this page; empty on the home page
 * @param inlineStyle  the stylesheet's text, for a page that carries it inside (the 404 page);
 *                     empty for the others, which link the fingerprinted file
 * @param alternates   the feeds this page names for discovery: the hub's, and on a content page
 *                     its section's and its own
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
        Footer footer,
        String inlineStyle,
        List<Alternate> alternates) {

    public Layout {
        nav = List.copyOf(nav);
        breadcrumbs = List.copyOf(breadcrumbs);
        alternates = List.copyOf(alternates);
    }

    public Layout withJsonLd(String graph) {
        return new Layout(lang, title, documentTitle, description, canonical, root, stylesheet, icon, ogType, siteName,
                graph, nav, breadcrumbs, footer, inlineStyle, alternates);
    }

    public Layout withAlternates(List<Alternate> feeds) {
        return new Layout(lang, title, documentTitle, description, canonical, root, stylesheet, icon, ogType, siteName,
                jsonLd, nav, breadcrumbs, footer, inlineStyle, feeds);
    }

    /**
     * The frame of a page served for any missing path, at any depth: links from the server's root,
     * and the stylesheet inside the page, so it is styled opened from disk too.
     */
    public Layout servedAnywhere(String style, List<Link> newNav) {
        Footer f = new Footer("/changelog.html", "/sitemap.xml", "/" + footer.feeds().substring(root.length()), footer.author());
        List<Alternate> rooted = alternates.stream()
                .map(a -> new Alternate(a.type(), a.title(), "/" + a.href().substring(root.length()))).toList();
        return new Layout(lang, title, documentTitle, description, canonical, "/", stylesheet, icon, ogType, siteName,
                jsonLd, newNav, breadcrumbs, f, style, rooted);
    }

    /**
     * The footer: where the history and the feeds are. It names no revision, so a page that did not change
     * renders to the same bytes in the next revision and is not uploaded again.
     */
    public record Footer(String changelog, String sitemap, String feeds, String author) {
    }
}
