package dev.hubpress.guide;

import dev.hubpress.core.model.Heading;
import dev.hubpress.core.model.Hub;
import dev.hubpress.core.model.Page;
import dev.hubpress.core.channel.Edition;
import dev.hubpress.core.testing.ContentFixtures;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The XHTML document the templates write, read back as the layout engine gets it. */
class GuideDocumentTest {

    @Test
    void markupCharactersInTheHubsTextsAreTextNotMarkup() {
        // GIVEN a hub whose title, subtitle, author, page title, summary and heading hold & < > " '
        String yaml = ContentFixtures.HUB_YAML
                .replace("title: Test Hub", "title: 'Tips & <tricks> \"quoted\" ''single'''")
                .replace("subtitle: A hub for tests", "subtitle: 'Less < more & \"so on\" >'")
                .replace("author: Test editors", "author: 'O''Brien & <Sons>'");
        String page = ContentFixtures.page("Pay & \"perks\" 'n' more", "home", 0, "## Salary < bonus & 'equity' > \"cash\"\n\nHello.\n");
        Edition edition = GuideFixtures.edition(ContentFixtures.tree("hub.yaml", yaml, "index.md", page), 1);
        Hub hub = edition.hub();
        Page home = hub.pages().get(0);
        Heading heading = home.headings().get(0);

        // WHEN the guide's documents are built (and parsed as XML): its front matter and the part holding the page
        Document front = GuideDocument.front(hub, java.util.Optional.of(edition.revision()), Paper.LETTER, GuideDocument.Cover.of(hub), hub.pages(),
                ChangedSections.of(edition.revision()), true, id -> "7");
        Document part = GuideDocument.part(GuideFixtures.MARKDOWN, hub, hub.pages(), Paper.LETTER);

        // THEN every one of them reads back as the text it was, in text and in attributes alike
        assertThat(hub.config().title()).isEqualTo("Tips & <tricks> \"quoted\" 'single'");
        assertThat(heading.text()).contains("<", "&", ">");
        assertThat(texts(front, "title")).containsExactly(hub.config().title());
        assertThat(texts(part, "title")).containsExactly(hub.config().title());
        assertThat(attributes(front, "meta", "content")).contains(hub.config().author(), hub.config().subtitle());
        assertThat(texts(front, "h1")).containsExactly(hub.config().title(), "Contents");
        assertThat(texts(front, "p")).contains(hub.config().subtitle(), hub.config().author());
        assertThat(texts(front, "a")).contains(home.title(), heading.text());
        assertThat(attributes(front, "a", "data-page")).contains("7");
        assertThat(texts(part, "h1")).containsExactly(home.title());
        assertThat(texts(part, "p")).contains(home.summary());
        assertThat(attributes(part, "bookmark", "name")).containsExactly(home.title(), heading.text());
        assertThat(texts(part, "h2")).containsExactly(heading.text());
    }

    @Test
    void aBookOfMoreThanTwoThousandChaptersListsItsChaptersOnly() {
        // GIVEN a hub of one chapter more than the contents list sections for, each chapter with one section
        List<String> files = new ArrayList<>();
        for (int i = 0; i <= GuideDocument.SECTION_ENTRIES_UP_TO; i++) {
            files.add("guides/p" + i + ".md");
            files.add(ContentFixtures.page("Chapter " + i, "guides", i + 1, "## Section of " + i + "\n\nText.\n"));
        }
        Edition edition = GuideFixtures.edition(ContentFixtures.tree(files.toArray(String[]::new)), 1);
        Hub hub = edition.hub();

        // WHEN its front matter is built, and that of a book of one chapter fewer
        Document big = GuideDocument.front(hub, java.util.Optional.of(edition.revision()), Paper.LETTER, GuideDocument.Cover.of(hub),
                hub.pages(), ChangedSections.none(), false, id -> "7");
        List<Page> fewer = hub.pages().subList(hub.pages().size() - GuideDocument.SECTION_ENTRIES_UP_TO, hub.pages().size());
        Document small = GuideDocument.front(hub, java.util.Optional.of(edition.revision()), Paper.LETTER, GuideDocument.Cover.of(hub),
                fewer, ChangedSections.none(), false, id -> "7");

        // THEN the long book's contents hold one entry per chapter, the shorter book's one per chapter and section
        assertThat(texts(big, "li")).hasSize(hub.pages().size()).contains("Chapter 0").doesNotContain("Section of 0");
        assertThat(texts(small, "li")).hasSize(2 * fewer.size()).contains("Section of 5");
        assertThat(hub.pages().size()).isGreaterThan(GuideDocument.SECTION_ENTRIES_UP_TO);
        // and the estimate of its length counts the lines it has
        assertThat(GuideBook.frontGuess(hub.pages(), Paper.LETTER, GuideDocument.CONTENTS_PIECES_FROM))
                .isLessThan(GuideBook.frontGuess(fewer, Paper.LETTER, GuideDocument.CONTENTS_PIECES_FROM));
    }

    @Test
    void contentsOfChaptersOnlyFlagTheChapterWhoseSectionChanged() {
        // GIVEN the second edition of the real hub, one section of one chapter changed
        Edition second = dev.hubpress.core.testing.SentenceEdit.secondEdition();
        Hub hub = second.hub();
        Page edited = hub.page(dev.hubpress.core.testing.SentenceEdit.SLUG).orElseThrow();

        // WHEN its contents are built with section entries, and with chapters only
        ChangedSections changes = ChangedSections.of(second.revision());
        java.util.function.Function<Boolean, Document> front = sections -> GuideDocument.front(hub, java.util.Optional.of(second.revision()),
                Paper.LETTER, GuideDocument.Cover.of(hub), hub.pages(), changes, false, id -> "7", sections);

        // THEN with sections the changed section's entry is flagged, not its chapter's; with chapters only, its chapter's
        assertThat(texts(front.apply(true), "li")).filteredOn(t -> t.contains("changed"))
                .containsExactly(dev.hubpress.core.testing.SentenceEdit.SECTION_TITLE + " · changed");
        assertThat(texts(front.apply(false), "li")).filteredOn(t -> t.contains("changed")).containsExactly(edited.title() + " · changed");
    }

    private static List<String> texts(Document document, String tag) {
        List<String> texts = new ArrayList<>();
        NodeList nodes = document.getElementsByTagNameNS(GuideDocument.XHTML, tag);
        for (int i = 0; i < nodes.getLength(); i++) {
            texts.add(nodes.item(i).getTextContent());
        }
        return texts;
    }

    private static List<String> attributes(Document document, String tag, String attribute) {
        List<String> values = new ArrayList<>();
        NodeList nodes = document.getElementsByTagNameNS(GuideDocument.XHTML, tag);
        for (int i = 0; i < nodes.getLength(); i++) {
            values.add(((Element) nodes.item(i)).getAttribute(attribute));
        }
        return values;
    }
}
