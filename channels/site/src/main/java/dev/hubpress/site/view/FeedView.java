package dev.hubpress.site.view;

import java.util.List;

/**
 * A feed's landing page ({@code follow/…}): what a feed is, how to follow this one, its addresses
 * and its latest entries, in plain HTML (no XSLT, no script). The hub's page also lists every
 * section's feeds; a section's, its pages' own feeds.
 *
 * @param formats  the feed's addresses, one per format
 * @param entries  its latest entries, newest first
 * @param others   on the hub's page, each section's feeds page; on a section's, each page's feed
 */
public record FeedView(Layout layout, String title, String intro, List<SubscribeView.Feed> formats,
                       List<EntryHead> entries, String othersTitle, String othersIntro, List<Followable> others) {

    public FeedView {
        formats = List.copyOf(formats);
        entries = List.copyOf(entries);
        others = List.copyOf(others);
    }

    /** An entry as a list shows it: its title linking where the feed's entry links, and its date. */
    public record EntryHead(String title, String href, String date, String isoDate) {
    }

    /**
     * Something else to follow: a section (its feeds page) or a page (the page), with its feeds.
     *
     * @param feeds one link per format, relative to the page listing it
     */
    public record Followable(Link link, List<Link> feeds) {
        public Followable {
            feeds = List.copyOf(feeds);
        }
    }
}
