package dev.hubpress.site.view;

import java.util.List;

/** The Subscribe page: the hub's feeds, and how the email digest works. */
public record SubscribeView(Layout layout, String title, String intro, List<Feed> feeds) {

    public SubscribeView {
        feeds = List.copyOf(feeds);
    }

    /**
     * One feed format.
     *
     * @param href relative link to the feed from this page
     * @param url  the feed's absolute address, to paste into a feed reader
     */
    public record Feed(String name, String description, String href, String url, String type) {
    }
}
