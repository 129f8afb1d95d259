package dev.hubpress.site;

import dev.hubpress.core.channel.Artifact;
import dev.hubpress.core.testing.Editions;
import dev.hubpress.core.testing.HtmlDom;
import dev.hubpress.core.testing.NuHtmlChecker;
import dev.hubpress.core.testing.SentenceEdit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 15's feed landing pages and "Follow" blocks, on the real hub after one sentence of a careers
 * page was edited (r2): plain HTML, valid, saying what a feed is and listing the latest entries.
 */
class FeedPagesTest {

    private static final String EDIT = "Updated: Make senior backend engineer";
    private static List<Artifact> site;

    @BeforeAll
    static void renderTheEdit() {
        site = new SiteRenderer(Editions.MARKDOWN).render(SentenceEdit.secondEdition());
    }

    private static Document page(String key) {
        return HtmlDom.parse(Editions.text(Editions.find(site, key)));
    }

    private static List<String> hrefs(Document page, String text) {
        return HtmlDom.elements(page, "a").stream().filter(a -> a.getTextContent().equals(text)).map(a -> a.getAttribute("href")).toList();
    }

    @Test
    void aSectionsFeedsPageSaysHowToFollowGivesItsAddressesAndListsTheEditFirstLinkingToTheChangedSection() {
        Document careers = page("follow/sections/careers.html");
        String text = careers.getDocumentElement().getTextContent();
        // what a feed is and how to follow, with each address to copy
        assertThat(HtmlDom.texts(Editions.text(Editions.find(site, "follow/sections/careers.html")), "h2"))
                .startsWith("What a feed is", "How to follow", "Latest entries");
        assertThat(HtmlDom.texts(Editions.text(Editions.find(site, "follow/sections/careers.html")), "code")).containsExactly(
                "https://hub.example.com/feeds/sections/careers.rss", "https://hub.example.com/feeds/sections/careers.atom",
                "https://hub.example.com/feeds/sections/careers.json");
        // the latest entries: the edit first, to its changed section, then the section's pages as r1 brought them
        assertThat(hrefs(careers, EDIT)).containsExactly("../../careers/mid-to-senior.html#" + SentenceEdit.SECTION);
        assertThat(text.indexOf(EDIT)).isLessThan(text.indexOf("New: Make senior backend engineer"));
        assertThat(text).doesNotContain("New: Distributed systems");
        // and each of the section's pages with its own feed
        assertThat(hrefs(careers, "Atom")).contains("../../feeds/pages/careers/mid-to-senior.atom", "../../feeds/pages/careers/index.atom");
    }

    @Test
    void theHubsFeedsPageListsEverySectionsFeedsAndEveryPageLinksItFromTheFooter() {
        Document hub = page("follow/index.html");
        assertThat(hrefs(hub, "Career levels")).contains("../follow/sections/careers.html");
        assertThat(hrefs(hub, "Deep skills")).contains("../follow/sections/skills.html");
        assertThat(hrefs(hub, "RSS")).contains("../feeds/sections/careers.rss", "../feeds/sections/skills.rss");
        assertThat(hrefs(hub, EDIT)).containsExactly("../careers/mid-to-senior.html#" + SentenceEdit.SECTION);
        for (Artifact artifact : site) {
            if (artifact.key().endsWith(".html")) {
                assertThat(Editions.text(artifact)).as(artifact.key()).containsPattern("href=\"[./]*follow/index.html\">Feeds</a>");
            }
        }
    }

    @Test
    void anEditedPageOffersItsOwnFeedWithTheEditAndASectionIndexOffersItsSectionsFeeds() {
        Document edited = page(SentenceEdit.SLUG + ".html");
        Element follow = edited.getElementById("follow-feeds");
        assertThat(follow).isNotNull();
        assertThat(HtmlDom.texts(Editions.text(Editions.find(site, SentenceEdit.SLUG + ".html")), "h2")).contains("Follow this page");
        assertThat(follow.getTextContent()).contains("https://hub.example.com/feeds/pages/careers/mid-to-senior.atom");
        assertThat(hrefs(edited, EDIT)).containsExactly("../careers/mid-to-senior.html#" + SentenceEdit.SECTION);
        assertThat(hrefs(edited, "its Atom feed")).containsExactly("../feeds/pages/careers/mid-to-senior.atom");

        Document index = page("careers/index.html");
        assertThat(HtmlDom.texts(Editions.text(Editions.find(site, "careers/index.html")), "h2")).contains("Follow this section");
        assertThat(hrefs(index, "RSS")).containsExactly("../feeds/sections/careers.rss");
        assertThat(hrefs(index, "every page of Career levels")).containsExactly("../follow/sections/careers.html");
    }

    @Test
    void everyFeedsPageIsValidHtml() {
        NuHtmlChecker checker = new NuHtmlChecker();
        site.stream().filter(a -> a.key().startsWith("follow/")).forEach(a ->
                assertThat(checker.errors(Editions.text(a))).as(a.key()).isEmpty());
        assertThat(site).filteredOn(a -> a.key().startsWith("follow/")).hasSize(1 + 7);
    }
}
