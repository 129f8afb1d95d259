package dev.hubpress.site.view;

import java.util.List;

/**
 * The Subscribe page: the hub's feeds, and the email digest's subscription form.
 *
 * @param subscribeAction where the form posts: the subscription API under the site's own {@code api/}
 *                        path (one origin: the CDN routes it to the API), relative to this page
 */
public record SubscribeView(Layout layout, String title, String intro, List<Feed> feeds, String subscribeAction) {

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
