package dev.hubpress.feeds;

import java.time.Instant;

/**
 * One entry of the three feeds: one page change of one accepted revision.
 *
 * @param id      stable id, derived from the page's slug and the revision ({@link EntryIds})
 * @param title   "New: …", "Updated: …" or "Removed: …" with the page title as of that revision
 * @param url     absolute URL a reader follows: the page (at its changed section), or the
 *                changelog entry of the revision for a page that is gone
 * @param summary plain text: what changed
 * @param content HTML with absolute URLs only: the new page, or the changed sections (made when a
 *                feed that carries the entry is written)
 * @param date    the revision's creation time, both published and updated
 */
record FeedEntry(String id, String title, String url, String summary, EntryContent content, Instant date) {

    /** An entry whose HTML is given. */
    FeedEntry(String id, String title, String url, String summary, String contentHtml, Instant date) {
        this(id, title, url, summary, EntryContent.of(contentHtml), date);
    }

    /** The entry's HTML (made now if it was not yet). */
    String contentHtml() {
        return content.html();
    }
}
