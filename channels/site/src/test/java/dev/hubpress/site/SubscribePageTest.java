package dev.hubpress.site;

import dev.hubpress.core.testing.Editions;
import dev.hubpress.core.channel.Artifact;
import dev.hubpress.core.channel.Edition;
import dev.hubpress.core.testing.ContentFixtures;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** Readers find the feeds: every page links them in its head, and a Subscribe page explains them. */
class SubscribePageTest {

    private static final Pattern ALTERNATE = Pattern.compile("<link rel=\"alternate\" type=\"([^\"]+)\" title=\"([^\"]+)\" href=\"([^\"]+)\">");

    private final List<Artifact> site = new SiteRenderer(Editions.MARKDOWN)
            .render(Editions.firstEdition(ContentFixtures.repositoryTree()));

    @Test
    void everyPageLinksTheThreeFeedsRelativeToItself() {
        // when the head of a top-level page, a nested page and the 404 page are read
        List<String> top = alternates(Editions.find(site, "faq.html"));
        List<String> nested = alternates(Editions.find(site, "careers/mid-to-senior.html"));
        List<String> notFound = alternates(Editions.find(site, "404.html"));

        // then each names the hub's RSS, Atom and JSON Feed with their media types, at the feeds channel's
        // paths, then its section's three and its own Atom feed (issue 15)
        assertThat(top).containsExactly(
                "application/rss+xml feeds/rss.xml", "application/atom+xml feeds/atom.xml", "application/feed+json feeds/feed.json",
                "application/rss+xml feeds/sections/faq.rss", "application/atom+xml feeds/sections/faq.atom",
                "application/feed+json feeds/sections/faq.json", "application/atom+xml feeds/pages/faq.atom");
        assertThat(nested).containsExactly(
                "application/rss+xml ../feeds/rss.xml", "application/atom+xml ../feeds/atom.xml", "application/feed+json ../feeds/feed.json",
                "application/rss+xml ../feeds/sections/careers.rss", "application/atom+xml ../feeds/sections/careers.atom",
                "application/feed+json ../feeds/sections/careers.json", "application/atom+xml ../feeds/pages/careers/mid-to-senior.atom");
        assertThat(notFound).containsExactly(
                "application/rss+xml /feeds/rss.xml", "application/atom+xml /feeds/atom.xml", "application/feed+json /feeds/feed.json");
    }

    @Test
    void theSubscribePageExplainsTheFeedsAndTheEmailDigestAndIsInTheFooter() {
        // when the Subscribe page and a nested page are read
        String subscribe = Editions.text(Editions.find(site, "subscribe.html"));
        String nested = Editions.text(Editions.find(site, "careers/mid-to-senior.html"));

        // then it gives each feed's link and absolute address
        assertThat(subscribe)
                .contains("<a href=\"feeds/rss.xml\" type=\"application/rss+xml\">RSS 2.0</a>")
                .contains("<code>https://hub.example.com/feeds/rss.xml</code>")
                .contains("<code>https://hub.example.com/feeds/atom.xml</code>")
                .contains("<code>https://hub.example.com/feeds/feed.json</code>")
                .contains("<link rel=\"canonical\" href=\"https://hub.example.com/subscribe.html\">");
        // and offers the digest: a form posting the address and the cadence to the subscription
        // API under the site's own api/ path, and says how it works
        assertThat(subscribe).contains("double opt-in").doesNotContain("coming with the email channel")
                .contains("<form class=\"subscribe-form\" method=\"post\" action=\"api/subscribe\">")
                .contains("name=\"email\" type=\"email\" required")
                .contains("value=\"every_update\" checked").contains("value=\"weekly\"")
                .contains("./hub subscribers add");
        // and every page's footer leads to it
        assertThat(nested).contains("<a href=\"../subscribe.html\">Subscribe</a>");
    }

    @Test
    void theDigestFormOffersTheSectionsAndEveryPageCanBeWatchedAlone() {
        String subscribe = Editions.text(Editions.find(site, "subscribe.html"));
        String nested = Editions.text(Editions.find(site, "careers/mid-to-senior.html"));
        // the form offers each section of hub.yaml that has pages, unticked: the whole hub by default
        assertThat(subscribe).contains("<input type=\"checkbox\" id=\"follow-careers\" name=\"section\" value=\"careers\">"
                        + " <label for=\"follow-careers\">Career levels</label>")
                .contains("value=\"skills\"").contains("value=\"home\"").doesNotContain("name=\"section\" value=\"careers\" checked");
        // a subscriber asks for their settings link by address
        assertThat(subscribe).contains("<form class=\"settings-form\" method=\"post\" action=\"api/preference-link\">");
        // a page's own form subscribes to that page only, through the same API relative to the page
        assertThat(nested).contains("<form class=\"watch-form\" method=\"post\" action=\"../api/subscribe\">")
                .contains("<input type=\"hidden\" name=\"page\" value=\"careers/mid-to-senior\">")
                .contains("<label for=\"watch-email\">Email me when this page changes</label>");
    }

    private static List<String> alternates(Artifact page) {
        Matcher m = ALTERNATE.matcher(Editions.text(page));
        List<String> found = new java.util.ArrayList<>();
        while (m.find()) {
            // the hub's feeds by the hub's name; a section's or a page's by its own, then the hub's
            assertThat(m.group(2)).matches("(.+ — )?Backend Engineer Hub \\((RSS|Atom|JSON Feed)\\)");
            found.add(m.group(1) + " " + m.group(3));
        }
        return found;
    }
}
