package dev.hubpress.site.view;

import java.util.List;

/**
 * The "Follow" block at the foot of a page: its own Atom feed with its latest entries (a page
 * feed's landing is the page itself), and the way to its section's feeds and the hub's. On a
 * section's index page it leads with the section's feeds; on the home page, with the hub's.
 *
 * @param heading  "Follow this page", "Follow this section" or "Follow the hub"
 * @param feeds    what the heading offers, one link per format, relative to the page
 * @param pageFeed the page's own Atom feed, relative
 * @param pageFeedUrl its absolute address, to copy into a reader
 * @param entries  the page feed's latest entries
 * @param more     the feeds pages of the page's section and of the hub
 * @param about    the hub's feeds page, which says what a feed is
 */
public record Follow(String heading, List<Link> feeds, String pageFeed, String pageFeedUrl,
                     List<FeedView.EntryHead> entries, List<Link> more, Link about) {

    public Follow {
        feeds = List.copyOf(feeds);
        entries = List.copyOf(entries);
        more = List.copyOf(more);
    }
}
