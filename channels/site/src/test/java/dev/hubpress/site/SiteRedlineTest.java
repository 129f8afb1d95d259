package dev.hubpress.site;

import dev.hubpress.core.channel.Artifact;
import dev.hubpress.core.channel.Edition;
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
 * Issue 16's redline on the site: one sentence edited in one section of the real hub, published as
 * r2, and the pages read back as a browser parses them.
 */
class SiteRedlineTest {

    private static List<Artifact> site;

    @BeforeAll
    static void publishTheEdit() {
        Edition second = SentenceEdit.secondEdition();
        site = new SiteRenderer(Editions.MARKDOWN).render(second);
    }

    private static String page(String key) {
        return Editions.text(Editions.find(site, key));
    }

    @Test
    void theRedlinePageShowsExactlyThatSentenceDeletedAndAdded() {
        // when r2's redline page is parsed
        String html = page("changes/r2.html");
        // then its only deletion is the old sentence, its only insertion the new one
        assertThat(HtmlDom.texts(html, "del")).containsExactly(SentenceEdit.BEFORE);
        assertThat(HtmlDom.texts(html, "ins")).containsExactly(SentenceEdit.AFTER);
        // under the section's heading, which links to the section on the page
        Document dom = HtmlDom.parse(html);
        Element section = HtmlDom.elements(dom, "h3").get(0);
        assertThat(section.getTextContent()).startsWith(SentenceEdit.SECTION_TITLE);
        assertThat(((Element) section.getElementsByTagName("a").item(0)).getAttribute("href"))
                .isEqualTo("../" + SentenceEdit.SLUG + ".html#" + SentenceEdit.SECTION);
    }

    @Test
    void eachChangeIsAnnouncedInTextNotOnlyByColour() {
        // given the redline page as parsed
        Document dom = HtmlDom.parse(page("changes/r2.html"));
        // then the text just before each deletion and insertion names it, for a screen reader
        for (String tag : List.of("del", "ins")) {
            for (Element change : HtmlDom.elements(dom, tag)) {
                Element label = (Element) change.getPreviousSibling();
                assertThat(label.getAttribute("class")).isEqualTo("visually-hidden");
                assertThat(label.getTextContent()).isEqualTo(tag.equals("del") ? "removed: " : "added: ");
            }
        }
    }

    @Test
    void theChangedPageAndTheChangelogLinkToTheRedline() {
        // the changed page: "Changed in r2: see what changed", at the page's entry
        assertThat(links(page(SentenceEdit.SLUG + ".html")))
                .contains("../changes/r2.html#" + SentenceEdit.SLUG + " Changed in r2: see what changed");
        // the changelog entry of each revision
        assertThat(links(page("changelog.html")))
                .contains("changes/r2.html See what changed in revision 2", "changes/r1.html See what changed in revision 1");
        // and the entry the link opens is there
        assertThat(HtmlDom.parse(page("changes/r2.html")).getElementById(SentenceEdit.SLUG)).isNotNull();
        // a page the edit did not change has no such link
        assertThat(links(page("careers/staff-principal-distinguished.html"))).noneMatch(l -> l.startsWith("../changes/"));
    }

    @Test
    void redlinePagesAreValidHtml() {
        NuHtmlChecker checker = new NuHtmlChecker();
        assertThat(checker.errors(page("changes/r2.html"))).isEmpty();
        assertThat(checker.errors(page("changes/r1.html"))).isEmpty();
    }

    @Test
    void theFirstRevisionsRedlineSaysEveryPageIsNew() {
        String html = page("changes/r1.html");
        assertThat(html).contains("The first publication: every page is new.");
        assertThat(HtmlDom.texts(html, "del")).isEmpty();
        assertThat(HtmlDom.texts(html, "ins")).isEmpty();
    }

    private static List<String> links(String html) {
        return HtmlDom.elements(HtmlDom.parse(html), "a").stream()
                .map(a -> a.getAttribute("href") + " " + a.getTextContent().strip()).toList();
    }
}
