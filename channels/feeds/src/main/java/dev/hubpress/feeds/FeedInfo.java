package dev.hubpress.feeds;

import java.time.Instant;
import java.util.List;

/**
 * What the three feeds say about themselves, already cleaned of characters XML 1.0 forbids.
 *
 * @param homeUrl  the site's home page (the feeds' alternate link)
 * @param selfUrl  absolute URL of this format's feed (its self link)
 * @param iconUrl  absolute URL of the hub's icon
 * @param updated  the newest entry's date (its revision's time); the edition's revision time when there is none
 */
record FeedInfo(String title, String subtitle, String homeUrl, String selfUrl, String iconUrl, String language,
                String author, Instant updated, List<FeedEntry> entries) {

    static final String GENERATOR = "hubpress";

    FeedInfo {
        entries = List.copyOf(entries);
    }

    FeedInfo withSelf(String url) {
        return new FeedInfo(title, subtitle, homeUrl, url, iconUrl, language, author, updated, entries);
    }
}
