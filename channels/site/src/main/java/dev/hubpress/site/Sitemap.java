package dev.hubpress.site;

import dev.hubpress.core.markdown.HtmlText;
import dev.hubpress.core.model.Hub;
import dev.hubpress.core.model.Page;

/** sitemap.xml (sitemaps.org 0.9): every page with its canonical URL and last modification date. */
final class Sitemap {

    private Sitemap() {
    }

    static String xml(Hub hub, PageDates dates, String changelogUrl) {
        StringBuilder xml = new StringBuilder(256 + hub.pages().size() * 128);
        xml.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        xml.append("<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
        for (Page page : hub.pages()) {
            String url = page.slug().equals("index") ? hub.config().baseUrl() + "/" : hub.config().absoluteUrl(page.sitePath());
            xml.append("  <url><loc>").append(HtmlText.escape(url)).append("</loc><lastmod>")
                    .append(SiteViews.isoDate(dates.modified(page.slug()))).append("</lastmod></url>\n");
        }
        xml.append("  <url><loc>").append(HtmlText.escape(changelogUrl)).append("</loc></url>\n");
        xml.append("</urlset>\n");
        return xml.toString();
    }
}
