package dev.hubpress.digest.view;

import java.util.List;

/**
 * What the digest template shows. Per-recipient values (unsubscribe and manage URLs, the address)
 * are placeholders here, filled in per recipient after the digest is rendered once.
 *
 * @param archiveUrl the digest's public page ("view in browser")
 * @param more       changes left out to keep the email under the size that clients clip (0: none)
 * @param moreUrl    where the ones left out are: the archive
 */
public record DigestView(String language, String subject, String preheader, String hubTitle, String homeUrl,
                         String intro, String archiveUrl, List<Item> items, List<String> removed, int more, String moreUrl,
                         List<String> files, String guideUrl, String cadenceText, String manageUrl, String unsubscribeUrl,
                         String recipient) {

    /** "…and 12 more changes, not shown here", the same words in both parts. */
    public String moreText() {
        return "…and " + more + (more == 1 ? " more change" : " more changes") + ", not shown here";
    }

    /**
     * One changed or added page.
     *
     * @param tag what the label says instead of "New page" or "Updated" (a welcome email's list of
     *            pages followed); null for a digest's
     */
    public record Item(String title, String href, boolean added, String summary, List<Section> sections, String tag) {

        public Item(String title, String href, boolean added, String summary, List<Section> sections) {
            this(title, href, added, summary, sections, null);
        }

        /** The item without its sections' redline excerpts: the first thing a digest too long leaves out. */
        public Item withoutRedlines() {
            return new Item(title, href, added, summary, sections.stream()
                    .map(s -> new Section(s.title(), s.href(), s.change(), "", "")).toList(), tag);
        }

        /** "New page" or "Updated", in both parts. */
        public String label() {
            return tag != null ? tag : added ? "New page" : "Updated";
        }
    }

    /**
     * One changed section of a page.
     *
     * @param redlineHtml its words removed and added ("Before:"/"After:" paragraphs with del and ins,
     *                    styled inline), safe HTML; empty when its words did not change or are not shown
     * @param redlineText the same as "-" and "+" lines for the plain-text part; empty likewise
     */
    public record Section(String title, String href, String change, String redlineHtml, String redlineText) {
    }
}
