package dev.hubpress.site.view;

import java.util.List;

/**
 * The Subscribe page: the hub's feeds, and the email digest's subscription form.
 *
 * @param subscribeAction where the form posts: the subscription API under the site's own {@code api/}
 *                        path (one origin: the CDN routes it to the API), relative to this page
 * @param sections        the sections the form offers to follow instead of the whole hub
 * @param preferenceLinkAction where the "email me a link to my settings" form posts, like {@code subscribeAction}
 */
public record SubscribeView(Layout layout, String title, String intro, List<Feed> feeds, String subscribeAction,
                            List<Section> sections, String preferenceLinkAction) {

    public SubscribeView {
        feeds = List.copyOf(feeds);
        sections = List.copyOf(sections);
    }

    /** A section a subscriber may follow: its id (the form's value) and title. */
    public record Section(String id, String title) {
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
