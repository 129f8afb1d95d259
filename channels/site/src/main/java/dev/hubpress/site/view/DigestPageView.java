package dev.hubpress.site.view;

import java.util.List;

/**
 * A digest's public page ({@code digests/r<N>.html}): what the email of revision N told, with
 * nobody's address, token or unsubscribe link.
 *
 * @param intro   "1 page updated, 2 new pages. Published 14 March 2026 (r12)."
 * @param removed titles of the pages removed
 * @param files   settings and data files changed
 * @param redline the revision's whole redline page
 */
public record DigestPageView(Layout layout, String title, String intro, List<Entry> entries, List<String> removed,
                             List<String> files, Link redline, Link archive, Link subscribe) {

    public DigestPageView {
        entries = List.copyOf(entries);
        removed = List.copyOf(removed);
        files = List.copyOf(files);
    }

    /**
     * A page added or changed.
     *
     * @param href link to the page; null when it no longer exists
     */
    public record Entry(String label, String title, String href, List<Section> sections) {
        public Entry {
            sections = List.copyOf(sections);
        }
    }

    /**
     * A section of a changed page.
     *
     * @param href        link to the section while it is on the page; null otherwise
     * @param excerptHtml its first words removed and added ("Before:"/"After:" paragraphs), safe HTML; empty if none
     */
    public record Section(String title, String href, String change, String excerptHtml) {
    }
}
