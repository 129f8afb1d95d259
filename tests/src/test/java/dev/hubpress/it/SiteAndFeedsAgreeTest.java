package dev.hubpress.it;

import dev.hubpress.feeds.FeedRenderer;

import dev.hubpress.core.testing.Editions;
import dev.hubpress.core.channel.Artifact;
import dev.hubpress.core.channel.Edition;
import dev.hubpress.core.testing.ContentFixtures;
import dev.hubpress.site.SiteRenderer;
import org.junit.jupiter.api.Test;

import dev.hubpress.core.model.Page;

import java.net.URI;
import java.util.ArrayList;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The site and the feeds agree: every feed the site names for discovery or links (Follow blocks, feed
 * pages) is one the feeds channel publishes, with the media type the link says; icon included.
 */
class SiteAndFeedsAgreeTest {

    private static final Pattern HREF = Pattern.compile("href=\"([^\"#]+)[^\"]*\"");
    private static final Pattern ALTERNATE = Pattern.compile("<link rel=\"alternate\" type=\"([^\"]+)\"[^>]*href=\"([^\"]+)\">");

    private final Edition edition = Editions.firstEdition(ContentFixtures.repositoryTree());
    private final List<Artifact> site = new SiteRenderer(Editions.MARKDOWN).render(edition);
    private final List<Artifact> feeds = new FeedRenderer(Editions.MARKDOWN).render(edition);

    @Test
    void everyFeedTheHomePageNamesIsPublishedWithThatMediaType() {
        // when the home page's alternate links are read
        Matcher m = ALTERNATE.matcher(Editions.text(Editions.find(site, "index.html")));
        List<String> linked = new ArrayList<>();
        while (m.find()) {
            linked.add(m.group(2));
            // then each names a feed this channel publishes, with the same media type
            assertThat(Editions.find(feeds, m.group(2)).contentType()).startsWith(m.group(1) + ";");
        }
        // the hub's three, and the home page's own
        assertThat(linked).containsExactly(FeedRenderer.RSS, FeedRenderer.ATOM, FeedRenderer.JSON, "feeds/pages/index.atom");
    }

    @Test
    void everyPageNamesTheHubsItsSectionsAndItsOwnFeedsAndEachIsPublishedWithThatMediaType() {
        for (Page page : edition.hub().pages()) {
            if (page.slug().equals("index")) {
                continue;
            }
            // when a page's alternate links are read, resolved against the page's own address
            Matcher m = ALTERNATE.matcher(Editions.text(Editions.find(site, page.sitePath())));
            List<String> linked = new ArrayList<>();
            while (m.find()) {
                String key = resolve(page.sitePath(), m.group(2));
                linked.add(key);
                // then each is a feed the feeds channel publishes, with that media type
                assertThat(Editions.find(feeds, key).contentType()).as(page.sitePath() + " → " + key).startsWith(m.group(1) + ";");
            }
            // and they are the hub's, the page's section's and the page's own
            assertThat(linked).as(page.sitePath()).containsExactly(FeedRenderer.RSS, FeedRenderer.ATOM, FeedRenderer.JSON,
                    "feeds/sections/" + page.section() + ".rss", "feeds/sections/" + page.section() + ".atom",
                    "feeds/sections/" + page.section() + ".json", "feeds/pages/" + page.slug() + ".atom");
        }
    }

    @Test
    void everyLinkFromTheSiteIntoTheFeedsFolderLeadsToAPublishedFeed() {
        // every page, feed page and Follow block included
        Set<String> published = feeds.stream().map(Artifact::key).collect(Collectors.toSet());
        int links = 0;
        for (Artifact page : site) {
            if (!page.key().endsWith(".html") || page.key().equals("404.html")) {
                continue;
            }
            Matcher m = HREF.matcher(Editions.text(page));
            while (m.find()) {
                String key = resolve(page.key(), m.group(1));
                if (key.startsWith("feeds/")) {
                    assertThat(published).as(page.key() + " links " + m.group(1)).contains(key);
                    links++;
                }
            }
        }
        // three to seven per page, and the feeds pages' lists
        assertThat(links).isGreaterThan(7 * edition.hub().pages().size());
    }

    /** A link from a site path, as a browser resolves it, back to a site path; "" for a link off the site. */
    private static String resolve(String from, String href) {
        URI target = URI.create("https://hub.example.com/" + from).resolve(href.replace(" ", "%20"));
        String path = target.getPath();
        return "hub.example.com".equals(target.getHost()) && path != null && path.length() > 1 ? path.substring(1) : "";
    }

    @Test
    void theFeedsIconIsTheSitesIcon() {
        // given the site's fingerprinted icon
        Artifact siteIcon = site.stream().filter(a -> a.key().matches("assets/icon\\.[0-9a-f]{10}\\.svg")).findFirst().orElseThrow();

        // then the icon the feeds publish under a stable name has the same bytes
        assertThat(Editions.find(feeds, FeedRenderer.ICON).bytes()).isEqualTo(siteIcon.bytes());
    }
}
