package dev.hubpress.guide;

import dev.hubpress.core.content.ContentTree;
import dev.hubpress.core.model.Hub;
import dev.hubpress.core.model.Page;
import dev.hubpress.core.channel.Artifact;
import dev.hubpress.core.channel.Edition;
import dev.hubpress.core.channel.GuideInfo;
import dev.hubpress.core.testing.ContentFixtures;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDResources;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.graphics.PDXObject;
import org.apache.pdfbox.pdmodel.graphics.form.PDFormXObject;
import org.apache.pdfbox.pdmodel.interactive.action.PDActionGoTo;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotation;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotationLink;
import org.apache.pdfbox.pdmodel.interactive.documentnavigation.destination.PDPageDestination;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The real guide, read back with PDFBox. */
class GuidePdfTest {

    private static PDDocument pdf;
    private static List<String> pageTexts;
    private static Hub hub;

    @BeforeAll
    static void render() throws IOException {
        // GIVEN the repository's content as revision 7, WHEN the guide renders it
        hub = GuideFixtures.repositoryEdition().hub();
        pdf = Loader.loadPDF(GuideFixtures.repositoryPdf());
        pageTexts = PdfChecks.pageTexts(pdf);
    }

    @AfterAll
    static void close() throws IOException {
        pdf.close();
    }

    @Test
    void publishesTheLatestUrlAndOneUrlPerRevisionWithTheSameBytes() {
        List<Artifact> artifacts = GuideFixtures.RENDERER.render(GuideFixtures.repositoryEdition());

        List<String> keys = new ArrayList<>(List.of("guide/backend-engineer-hub.pdf", "guide/r7.pdf"));
        hub.pages().stream().map(Page::section).distinct().forEach(section -> keys.add("guide/sections/" + section + ".pdf"));
        assertThat(artifacts).extracting(Artifact::key).containsExactlyElementsOf(keys);
        assertThat(artifacts).extracting(Artifact::contentType).containsOnly("application/pdf");
        assertThat(artifacts.subList(0, 2)).extracting(Artifact::cache).containsExactly(Artifact.CachePolicy.SHORT, Artifact.CachePolicy.IMMUTABLE);
        assertThat(artifacts.subList(2, artifacts.size())).extracting(Artifact::cache).containsOnly(Artifact.CachePolicy.SHORT);
        assertThat(artifacts.get(0).bytes()).isEqualTo(artifacts.get(1).bytes());
        // THEN two renders of one revision are byte-identical
        assertThat(artifacts.get(0).bytes()).isEqualTo(GuideFixtures.repositoryPdf());
    }

    @Test
    void retainsPerRevisionFilesAndReportsSizeAndPagesForTheSite() throws IOException {
        List<Artifact> artifacts = GuideFixtures.RENDERER.render(GuideFixtures.repositoryEdition());

        Map<String, String> facts = GuideFixtures.RENDERER.facts(artifacts);

        GuideInfo info = GuideInfo.of(facts).orElseThrow();
        assertThat(info.latest()).isEqualTo("guide/backend-engineer-hub.pdf");
        assertThat(info.revision()).isEqualTo("guide/r7.pdf");
        assertThat(info.bytes()).isEqualTo(artifacts.get(0).size());
        assertThat(info.pages()).isEqualTo(pdf.getNumberOfPages());
        // and each section's own PDF: its path, size and page count
        for (Artifact a : artifacts.subList(2, artifacts.size())) {
            String section = a.key().substring("guide/sections/".length(), a.key().length() - ".pdf".length());
            try (PDDocument sectionPdf = Loader.loadPDF(a.bytes())) {
                assertThat(info.section(section)).contains(new GuideInfo.SectionPdf(section, a.key(), a.size(), sectionPdf.getNumberOfPages()));
            }
        }
        assertThat(info.sections()).hasSize(artifacts.size() - 2);
        assertThat(GuideFixtures.RENDERER.retains("guide/r3.pdf")).isTrue();
        assertThat(GuideFixtures.RENDERER.retains("guide/backend-engineer-hub.pdf")).isFalse();
        assertThat(GuideFixtures.RENDERER.retains("guide/r3.pdf.tmp")).isFalse();
    }

    @Test
    void coverNamesTitleSubtitleRevisionAndDate() {
        assertThat(pageTexts.get(0)).contains("Backend Engineer Hub", hub.config().subtitle(), "Revision 7 · 1 November 2026");
    }

    @Test
    void outlineMirrorsTheHeadingTreeAndPointsAtTheHeadings() throws IOException {
        PdfChecks.outline(pdf, pageTexts, hub.pages());
    }


    @Test
    void everyTocEntryNamesThePageItsHeadingIsOn() {
        assertThat(PdfChecks.tocEntries(pageTexts)).isEqualTo(PdfChecks.expectedTocEntries(hub.pages()));
        PdfChecks.chapterEntries(pageTexts, hub.pages());
    }

    @Test
    void everyFontIsEmbedded() throws IOException {
        Set<String> fonts = new HashSet<>();
        for (PDPage page : pdf.getPages()) {
            checkFonts(page.getResources(), fonts);
        }
        assertThat(fonts).isNotEmpty().allMatch(name -> name.contains("Noto"));
    }

    private static void checkFonts(PDResources resources, Set<String> seen) throws IOException {
        if (resources == null) {
            return;
        }
        for (COSName name : resources.getFontNames()) {
            PDFont font = resources.getFont(name);
            assertThat(font.isEmbedded()).as(font.getName() + " is embedded").isTrue();
            seen.add(font.getName());
        }
        for (COSName name : resources.getXObjectNames()) {
            PDXObject x = resources.getXObject(name);
            if (x instanceof PDFormXObject form) {
                checkFonts(form.getResources(), seen);
            }
        }
    }

    @Test
    void metadataComesFromTheHubAndTheRevision() throws IOException {
        PDDocumentInformation info = pdf.getDocumentInformation();

        assertThat(info.getTitle()).isEqualTo("Backend Engineer Hub");
        assertThat(info.getAuthor()).isEqualTo(hub.config().author());
        assertThat(info.getSubject()).isEqualTo(hub.config().subtitle());
        assertThat(info.getKeywords()).contains("backend", "career", "compensation");
        assertThat(info.getCreationDate().toInstant()).isEqualTo(GuideFixtures.CREATED);
        assertThat(info.getModificationDate().toInstant()).isEqualTo(GuideFixtures.CREATED);
        assertThat(pdf.getDocumentCatalog().getLanguage()).isEqualTo("en");
        String xmp = new String(pdf.getDocumentCatalog().getMetadata().toByteArray(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(xmp).contains("<xmp:CreateDate>2026-11-01T09:30:00Z</xmp:CreateDate>", "<pdfuaid:part>1</pdfuaid:part>",
                "Backend Engineer Hub", "<rdf:li>en</rdf:li>");
        assertThat(pdf.getDocument().getTrailer().getCOSArray(COSName.ID)).hasSize(2);
    }

    @Test
    void internalLinksPointAtPagesOfTheDocumentAndExternalOnesAreWebOrMail() throws IOException {
        int[] links = PdfChecks.links(pdf);

        assertThat(links[0]).as("internal links (TOC, cross-references, footnotes)").isGreaterThan(100);
        assertThat(links[1]).as("external links").isGreaterThan(20);
    }

    @Test
    void oneStructureTreeHoldsTheFrontMatterAndEveryPart() throws IOException {
        // the cover's title and "Contents", then one per chapter (the parts' trees, appended to the front matter's)
        assertThat(PdfChecks.structureTree(pdf)).isEqualTo(2 + hub.pages().size());
    }

    @Test
    void eachChartIsDrawnAsAFormAndNoOtherPageHasOne() throws IOException {
        // the chart's drawer (and its fonts) is given only to the parts with a chart: each chart is still drawn
        long charts = hub.pages().stream().filter(p -> p.source().contains("```hub-chart")).count();
        List<Integer> drawn = new ArrayList<>();
        for (int i = 0; i < pdf.getNumberOfPages(); i++) {
            PDResources resources = pdf.getPage(i).getResources();
            for (COSName name : resources.getXObjectNames()) {
                if (resources.getXObject(name) instanceof PDFormXObject) {
                    drawn.add(i);
                }
            }
        }
        assertThat(charts).isEqualTo(2);
        assertThat(drawn).hasSize((int) charts);
    }

    @Test
    void everyPageButTheCoverHasItsNumberOfAllAndTheRevisionInTheFooter() {
        assertThat(pageTexts.get(0)).doesNotContain("Page 1 of");
        for (int i = 1; i < pageTexts.size(); i++) {
            assertThat(pageTexts.get(i)).contains("Page " + (i + 1) + " of " + pageTexts.size() + " \u00b7 revision r7");
        }
    }

    @Test
    void aLinkToAnotherHubPageLandsOnThatPagesChapter() throws IOException {
        // "six deep skills" on the home page links to skills/index.md
        Page skills = hub.page("skills/index").orElseThrow();
        int chapterPage = firstPageContaining(skills.title(), tocEnd());
        boolean found = false;
        for (PDPage page : pdf.getPages()) {
            for (PDAnnotation annotation : page.getAnnotations()) {
                if (annotation instanceof PDAnnotationLink link && link.getAction() instanceof PDActionGoTo goTo
                        && goTo.getDestination() instanceof org.apache.pdfbox.pdmodel.interactive.documentnavigation.destination.PDNamedDestination named
                        && pdf.getPages().indexOf(page) >= tocEnd()
                        && pdf.getDocumentCatalog().findNamedDestinationPage(named).retrievePageNumber() == chapterPage) {
                    found = true;
                }
            }
        }
        assertThat(found).isTrue();
    }

    @Test
    void textHasEveryPageTitleAndHeadingInReadingOrder() {
        String text = String.join("\n", pageTexts.subList(tocEnd(), pageTexts.size()));
        int at = 0;
        for (Page page : hub.pages()) {
            List<String> texts = new ArrayList<>();
            texts.add(page.title());
            page.headings().forEach(h -> texts.add(h.text()));
            for (String t : texts) {
                int found = text.indexOf(normalise(t), at);
                assertThat(found).as("'" + t + "' of " + page.slug() + " after offset " + at).isGreaterThanOrEqualTo(0);
                at = found + t.length();
            }
        }
    }

    @Test
    void paperIsLetterByDefaultAndA4WhenConfigured() throws IOException {
        assertThat(pdf.getPage(0).getMediaBox().getWidth()).isEqualTo(612f);
        ContentTree a4 = ContentFixtures.tree("hub.yaml", ContentFixtures.HUB_YAML + "channels:\n  guide: { paper: a4 }\n");
        Edition edition = GuideFixtures.edition(a4, 1);

        try (PDDocument small = Loader.loadPDF(GuideFixtures.RENDERER.render(edition).get(0).bytes())) {
            assertThat(small.getPage(0).getMediaBox().getWidth()).isCloseTo(595.3f, org.assertj.core.data.Offset.offset(0.5f));
            assertThat(small.getPage(0).getMediaBox().getHeight()).isCloseTo(841.9f, org.assertj.core.data.Offset.offset(0.5f));
        }
    }

    /** Index of the first page after the table of contents. */
    private static int tocEnd() {
        int i = 1;
        while (pageTexts.get(i).startsWith("Contents") || pageTexts.get(i).contains("\nContents\n")) {
            i++;
        }
        return i;
    }

    private static int firstPageContaining(String text, int from) {
        for (int i = from; i < pageTexts.size(); i++) {
            if (pageTexts.get(i).contains(normalise(text))) {
                return i;
            }
        }
        throw new AssertionError("no page contains " + text);
    }

    /** Extracted text with line breaks inside paragraphs and headings folded to spaces, where a heading may wrap. */
    static String normalise(String s) {
        return s.replace("\r", "").replace('\u00a0', ' ');
    }
}
