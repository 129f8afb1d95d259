package dev.hubpress.site.view;

import java.util.List;

/** The digest archive's index ({@code digests/index.html}): every digest's page, newest first, and the archive's feed. */
public record DigestIndexView(Layout layout, String title, String intro, Link feed, Link subscribe, List<Item> items) {

    public DigestIndexView {
        items = List.copyOf(items);
    }

    /** One digest: its page, what it told, when. */
    public record Item(String href, String title, String summary, String date, String isoDate) {
    }
}
