package dev.hubpress.site.view;

import java.util.List;

/**
 * A content page as the site shows it.
 *
 * @param updated   human date the page last changed (from the revision log)
 * @param bodyHtml  the rendered Markdown body (safe: produced by the core's Markdown engine)
 * @param toc       "On this page" links to the page's main headings; empty for short pages
 * @param listing   for a section index or the home page, the pages it introduces
 * @param updates   on the home page, the latest changes
 * @param download  on the home page, the PDF guide when one is published; null otherwise
 * @param sectionDownload on a section's index page, that section's own PDF when one is published; null otherwise
 * @param redline   "Changed in r12: see what changed", to the redline of the revision that last
 *                  changed the page; null for a page not changed since it was added
 * @param watch     the "watch this page" form: subscribes an address to this page's changes only
 * @param follow    the page's feeds, and the way to its section's and the hub's
 */
public record PageView(Layout layout, String title, String summary, String updated, String updatedIso,
                       String bodyHtml, List<Link> toc,
                       List<Entry> listing, String listingTitle, List<ChangeEntry> updates, Link changelog,
                       Download download, SectionDownload sectionDownload, Link redline, Watch watch, Follow follow) {

    public PageView {
        toc = List.copyOf(toc);
        listing = List.copyOf(listing);
        updates = List.copyOf(updates);
    }

    /**
     * The PDF guide's download link.
     *
     * @param details e.g. "PDF, 1.2 MB, 48 pages"
     */
    public record Download(String href, String revisionHref, String details) {
    }

    /**
     * A section's own PDF: its link and page count. No size: a section's PDF changes size with
     * every revision (its cover and footers name it), and the index page naming it would then be
     * uploaded again on every revision; its page count changes only with its content.
     */
    public record SectionDownload(String href, String title, int pages) {
    }

    /**
     * The "watch this page" form.
     *
     * @param action the subscription API, relative to the page (like the Subscribe page's form)
     * @param slug   the page followed
     */
    public record Watch(String action, String slug) {
    }

    /** A page in a listing: link and summary. */
    public record Entry(Link link, String summary) {
    }
}
