package dev.hubpress.it;

import dev.hubpress.feeds.FeedRenderer;

import dev.hubpress.core.testing.Editions;
import dev.hubpress.core.channel.Artifact;
import dev.hubpress.core.channel.Edition;
import dev.hubpress.core.testing.ContentFixtures;
import dev.hubpress.site.SiteRenderer;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** The site and the feeds agree: what the site links is what this channel publishes, icon included. */
class SiteAndFeedsAgreeTest {

    private static final Pattern ALTERNATE = Pattern.compile("<link rel=\"alternate\" type=\"([^\"]+)\"[^>]*href=\"([^\"]+)\">");

    private final Edition edition = Editions.firstEdition(ContentFixtures.repositoryTree());
    private final List<Artifact> site = new SiteRenderer(Editions.MARKDOWN).render(edition);
    private final List<Artifact> feeds = new FeedRenderer(Editions.MARKDOWN).render(edition);

    @Test
    void everyFeedTheSiteLinksIsPublishedWithThatMediaType() {
        // when the home page's alternate links are read
        Matcher m = ALTERNATE.matcher(Editions.text(Editions.find(site, "index.html")));
        List<String> linked = new ArrayList<>();
        while (m.find()) {
            linked.add(m.group(2));
            // then each names a feed this channel publishes, with the same media type
            assertThat(Editions.find(feeds, m.group(2)).contentType()).startsWith(m.group(1) + ";");
        }
        assertThat(linked).containsExactly(FeedRenderer.RSS, FeedRenderer.ATOM, FeedRenderer.JSON);
    }

    @Test
    void theFeedsIconIsTheSitesIcon() {
        // given the site's fingerprinted icon
        Artifact siteIcon = site.stream().filter(a -> a.key().matches("assets/icon\\.[0-9a-f]{10}\\.svg")).findFirst().orElseThrow();

        // then the icon the feeds publish under a stable name has the same bytes
        assertThat(Editions.find(feeds, FeedRenderer.ICON).bytes()).isEqualTo(siteIcon.bytes());
    }
}
