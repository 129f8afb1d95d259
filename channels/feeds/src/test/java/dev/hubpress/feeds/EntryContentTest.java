package dev.hubpress.feeds;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** An entry made from a recipe is known by its recipe: fingerprinted without its HTML, made once when asked. */
class EntryContentTest {

    private static final Instant WHEN = Instant.parse("2026-11-01T09:30:00Z");

    private final AtomicInteger made = new AtomicInteger();

    private FeedEntry entry(String recipe, String html) {
        return new FeedEntry("id", "title", "https://example.org/a.html", "summary", EntryContent.made(recipe, () -> {
            made.incrementAndGet();
            return html;
        }), WHEN);
    }

    @Test
    void aMadeEntryIsFingerprintedByItsRecipeWithoutBeingMade() {
        // GIVEN entries made from recipes: two the same, one another
        FeedEntry one = entry("recipe 1", "<p>one</p>");
        FeedEntry same = entry("recipe 1", "<p>one</p>");
        FeedEntry other = entry("recipe 2", "<p>one</p>");

        // WHEN their digests are taken
        String digest = WrittenFeeds.digest(one);

        // THEN the same recipe gives the same digest, another recipe another, a given HTML another
        // again; and no entry's HTML was made
        assertThat(WrittenFeeds.digest(same)).isEqualTo(digest);
        assertThat(WrittenFeeds.digest(other)).isNotEqualTo(digest);
        assertThat(WrittenFeeds.digest(new FeedEntry("id", "title", "https://example.org/a.html", "summary", "recipe 1", WHEN)))
                .isNotEqualTo(digest);
        assertThat(made).hasValue(0);
        assertThat(one.content().isMade()).isFalse();
        assertThat(one).isEqualTo(same).isNotEqualTo(other);
    }

    @Test
    void aMadeEntrysHtmlIsMadeOnceWhenFirstAskedFor() {
        // GIVEN an entry made from a recipe
        FeedEntry one = entry("recipe 1", "<p>one</p>");

        // WHEN its HTML is asked for twice
        String first = one.contentHtml();
        String second = one.contentHtml();

        // THEN it was made once, and is the HTML the recipe makes
        assertThat(first).isEqualTo("<p>one</p>").isSameAs(second);
        assertThat(made).hasValue(1);
        assertThat(one.content().isMade()).isTrue();
    }
}
