package dev.hubpress.guide;

import dev.hubpress.core.channel.Artifact;
import dev.hubpress.core.channel.Edition;
import dev.hubpress.core.content.ContentTree;
import dev.hubpress.core.model.Page;
import dev.hubpress.core.port.RenderCache;
import dev.hubpress.core.testing.ContentFixtures;
import dev.hubpress.core.testing.Editions;
import dev.hubpress.core.testing.InMemoryRenderCache;
import dev.hubpress.core.testing.SentenceEdit;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Long contents laid out in pieces (the cover, then each section's entries from a new page), each
 * kept by its text: checked on the real hub with the cut lowered from 300 entries to 10, so its
 * 24 chapters make a book of pieces. Under the cut, the whole book's cover is still a piece of its
 * own and the contents one piece after it.
 */
class ContentsPiecesTest {

    static final int CUT = 10;

    private static List<byte[]> bytes(List<Artifact> artifacts) {
        return artifacts.stream().map(Artifact::bytes).toList();
    }

    @Test
    void contentsInPiecesNumberLinkAndTagEveryEntryAsOneRunDoes() throws IOException {
        // GIVEN the real hub, its contents above the cut
        Edition edition = GuideFixtures.repositoryEdition();
        List<Page> pages = edition.hub().pages();
        assertThat(PdfChecks.expectedTocEntries(pages)).isGreaterThan(CUT);

        // WHEN its guide is rendered with the contents in pieces
        byte[] pdf = new GuideRenderer(GuideFixtures.MARKDOWN, RenderCache.NONE, CUT).render(edition).get(0).bytes();

        try (PDDocument book = Loader.loadPDF(pdf)) {
            List<String> texts = PdfChecks.pageTexts(book);
            // THEN the cover is a page of its own, and each section's entries start a page
            assertThat(texts.get(0)).doesNotContain("Contents");
            Set<String> sections = new LinkedHashSet<>();
            pages.forEach(p -> sections.add(p.section()));
            for (String section : sections) {
                Page first = pages.stream().filter(p -> p.section().equals(section)).findFirst().orElseThrow();
                int at = contentsPageStartingWith(texts, first.title());
                assertThat(at).as("the contents of section " + section + " start a page").isPositive();
            }
            // and every entry names the page it is printed on, the outline, links and one structure tree hold
            assertThat(PdfChecks.tocEntries(texts)).isEqualTo(PdfChecks.expectedTocEntries(pages));
            PdfChecks.outline(book, texts, pages);
            assertThat((long) PdfChecks.links(book)[0]).isGreaterThanOrEqualTo(PdfChecks.expectedTocEntries(pages));
            assertThat(PdfChecks.structureTree(book)).isEqualTo(2 + pages.size());
        }
    }

    @Test
    void shortContentsAreOnePieceAfterTheCoverSoTheSamePageEditedAgainLaysOutTheCoverAlone() throws IOException {
        // GIVEN r1 and r2 of the real hub published with its contents under the cut (one run), the pieces kept in the cache
        InMemoryRenderCache cache = new InMemoryRenderCache();
        new GuideRenderer(GuideFixtures.MARKDOWN, cache).render(Editions.firstEdition(ContentFixtures.repositoryTree()));
        Edition r2 = SentenceEdit.secondEdition();
        GuideRenderer second = new GuideRenderer(GuideFixtures.MARKDOWN, cache);
        second.render(r2);

        // WHEN a fresh process publishes r3, the same sentence edited again (the same entry flagged, the same page numbers)
        Edition r3 = sameSentenceEditedAgain(r2);
        GuideRenderer fresh = new GuideRenderer(GuideFixtures.MARKDOWN, cache);
        List<Artifact> edited = fresh.render(r3);

        // THEN r2 laid out the cover and the flagged contents, r3 the cover alone, and the bytes are a clean render's
        assertThat(second.piecesLaidOut()).isEqualTo(2);
        assertThat(fresh.piecesLaidOut()).isEqualTo(1);
        assertThat(bytes(edited)).usingRecursiveComparison()
                .isEqualTo(bytes(new GuideRenderer(GuideFixtures.MARKDOWN, RenderCache.NONE).render(r3)));
        // AND the cover is a page of its own, the contents open the next one, and every chapter's entry still names its page
        List<Page> pages = r3.hub().pages();
        try (PDDocument book = Loader.loadPDF(edited.get(0).bytes())) {
            List<String> texts = PdfChecks.pageTexts(book);
            assertThat(texts.get(0)).contains("Revision 3").doesNotContain("Contents");
            assertThat(texts.get(1)).contains("Contents");
            PdfChecks.chapterEntries(texts, pages);
        }
    }

    /** r3 of the real hub: after r2 ({@link SentenceEdit}), the same sentence edited again. */
    private static Edition sameSentenceEditedAgain(Edition r2) {
        ContentTree r2Tree = SentenceEdit.edited(ContentFixtures.repositoryTree());
        String page = new String(r2Tree.file(SentenceEdit.PATH).orElseThrow().bytes(), StandardCharsets.UTF_8);
        ContentTree r3Tree = ContentFixtures.with(r2Tree, SentenceEdit.PATH,
                page.replace(SentenceEdit.AFTER, SentenceEdit.AFTER.replace("two or three", "two to three")).getBytes(StandardCharsets.UTF_8));
        return Editions.nextEdition(r2, r2Tree, r3Tree);
    }

    @Test
    void editsReplaceTheFrontMatterKeptInTheCacheInsteadOfPilingUpBesideIt() {
        // GIVEN r1 of the real hub published with the contents in pieces, and what the cache then holds of front matter
        InMemoryRenderCache cache = new InMemoryRenderCache();
        new GuideRenderer(GuideFixtures.MARKDOWN, cache, CUT).render(Editions.firstEdition(ContentFixtures.repositoryTree()));
        SortedSet<String> afterFirst = frontMatterNames(cache);
        String whole = GuideRenderer.contentsName("");

        // WHEN fresh processes publish r2 and r3, each with a new cover and flagged entries to lay out
        Edition r2 = SentenceEdit.secondEdition();
        GuideRenderer second = new GuideRenderer(GuideFixtures.MARKDOWN, cache, CUT);
        second.render(r2);
        int wholeAfterSecond = cache.stored(whole).orElseThrow().length;
        Edition r3 = sameSentenceEditedAgain(r2);
        GuideRenderer third = new GuideRenderer(GuideFixtures.MARKDOWN, cache, CUT);
        List<Artifact> published = third.render(r3);

        // THEN they laid pieces out, yet the cache holds the same objects of front matter (one shelf
        // per book, the whole book's among them) and the whole book's shelf did not grow by a cover;
        // AND what it holds is what r3 is made of: a fresh process rendering r3 again lays out no piece
        assertThat(second.piecesLaidOut()).isPositive();
        assertThat(third.piecesLaidOut()).isPositive();
        assertThat(afterFirst).contains(whole);
        assertThat(frontMatterNames(cache)).isEqualTo(afterFirst);
        assertThat(cache.stored(whole).orElseThrow().length).isLessThan(wholeAfterSecond + wholeAfterSecond / 20);
        GuideRenderer again = new GuideRenderer(GuideFixtures.MARKDOWN, cache, CUT);
        assertThat(bytes(again.render(r3))).usingRecursiveComparison().isEqualTo(bytes(published));
        assertThat(again.piecesLaidOut()).isZero();
    }

    private static SortedSet<String> frontMatterNames(InMemoryRenderCache cache) {
        return new TreeSet<>(cache.names().stream().filter(n -> n.startsWith("guide-contents-")).toList());
    }

    /** The index of the contents page whose first entry (after the running heads) is this title; -1 if none. */
    private static int contentsPageStartingWith(List<String> texts, String title) {
        for (int i = 1; i < texts.size() && texts.get(i).contains("Contents"); i++) {
            List<String> lines = texts.get(i).lines().filter(l -> l.matches(".*\\.{3,}\\s*\\d+$")).toList();
            if (!lines.isEmpty() && lines.get(0).startsWith(title)) {
                return i;
            }
        }
        return -1;
    }

    @Test
    void anEditLaysOutTheCoverAndThePiecesWhoseEntriesItChangedInAFreshProcessToo() {
        // GIVEN r1 of the real hub published with the contents in pieces, the pieces kept in the cache
        InMemoryRenderCache cache = new InMemoryRenderCache();
        GuideRenderer first = new GuideRenderer(GuideFixtures.MARKDOWN, cache, CUT);
        first.render(Editions.firstEdition(ContentFixtures.repositoryTree()));
        // WHEN a fresh process publishes r2, one sentence edited (its page flagged in the contents)
        GuideRenderer fresh = new GuideRenderer(GuideFixtures.MARKDOWN, cache, CUT);
        List<Artifact> edited = fresh.render(SentenceEdit.secondEdition());

        // THEN it lays out three pieces of the whole book: the cover (it names the revision), the
        // edited section's entries (one flagged) and the last section's (the appendix's entry is new
        // in r2: a first edition has no appendix); not the other sections', nor any of the section
        // books' (no flags, same numbers)
        List<Page> pages = SentenceEdit.secondEdition().hub().pages();
        String editedSection = pages.stream().filter(p -> p.slug().equals(SentenceEdit.SLUG)).findFirst().orElseThrow().section();
        assertThat(pages.get(pages.size() - 1).section()).isNotEqualTo(editedSection);
        assertThat(fresh.piecesLaidOut()).isEqualTo(3);
        assertThat(bytes(edited)).usingRecursiveComparison()
                .isEqualTo(bytes(new GuideRenderer(GuideFixtures.MARKDOWN, RenderCache.NONE, CUT).render(SentenceEdit.secondEdition())));
    }

    @Test
    void theNextEditOfTheSamePageLaysOutTheCoverAloneTheAppendixEntryNamingNoEdition() throws IOException {
        // GIVEN r1 and r2 of the real hub published (r2 edits one sentence), the pieces kept in the cache
        InMemoryRenderCache cache = new InMemoryRenderCache();
        new GuideRenderer(GuideFixtures.MARKDOWN, cache, CUT).render(Editions.firstEdition(ContentFixtures.repositoryTree()));
        Edition r2 = SentenceEdit.secondEdition();
        new GuideRenderer(GuideFixtures.MARKDOWN, cache, CUT).render(r2);

        // WHEN a fresh process publishes r3, the same sentence edited again: the same entry flagged,
        // and the appendix now "Changes since edition 2"
        Edition r3 = sameSentenceEditedAgain(r2);
        GuideRenderer fresh = new GuideRenderer(GuideFixtures.MARKDOWN, cache, CUT);
        List<Artifact> edited = fresh.render(r3);

        // THEN only the cover is laid out again (it names the revision): the contents' entry for the
        // appendix reads the same in every edition, so the last section's piece is kept
        assertThat(fresh.piecesLaidOut()).isEqualTo(1);
        assertThat(bytes(edited)).usingRecursiveComparison()
                .isEqualTo(bytes(new GuideRenderer(GuideFixtures.MARKDOWN, RenderCache.NONE, CUT).render(r3)));
        // AND the appendix itself still names the edition it compares with, on the page the contents give
        try (PDDocument book = Loader.loadPDF(edited.get(0).bytes())) {
            List<String> texts = PdfChecks.pageTexts(book);
            String entry = texts.stream().flatMap(String::lines).filter(l -> l.startsWith(GuideDocument.APPENDIX_ENTRY))
                    .findFirst().orElseThrow();
            int printed = Integer.parseInt(entry.replaceAll(".*?(\\d+)$", "$1"));
            assertThat(texts.get(printed - 1)).contains("Changes since edition 2");
        }
    }
}
