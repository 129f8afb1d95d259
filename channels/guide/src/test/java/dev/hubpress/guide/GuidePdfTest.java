package dev.hubpress.guide;

import dev.hubpress.core.content.ContentTree;
import dev.hubpress.core.model.Heading;
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
import org.apache.pdfbox.pdmodel.interactive.action.PDAction;
import org.apache.pdfbox.pdmodel.interactive.action.PDActionGoTo;
import org.apache.pdfbox.pdmodel.interactive.action.PDActionURI;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotation;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotationLink;
import org.apache.pdfbox.pdmodel.interactive.documentnavigation.destination.PDDestination;
import org.apache.pdfbox.pdmodel.interactive.documentnavigation.destination.PDPageDestination;
import org.apache.pdfbox.pdmodel.interactive.documentnavigation.outline.PDOutlineItem;
import org.apache.pdfbox.pdmodel.interactive.documentnavigation.outline.PDOutlineNode;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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
        pageTexts = new ArrayList<>();
        PDFTextStripper stripper = new PDFTextStripper();
        for (int i = 1; i <= pdf.getNumberOfPages(); i++) {
            stripper.setStartPage(i);
            stripper.setEndPage(i);
            pageTexts.add(normalise(stripper.getText(pdf)));
        }
    }

    @AfterAll
    static void close() throws IOException {
        pdf.close();
    }

    @Test
    void publishesTheLatestUrlAndOneUrlPerRevisionWithTheSameBytes() {
        List<Artifact> artifacts = GuideFixtures.RENDERER.render(GuideFixtures.repositoryEdition());

        assertThat(artifacts).extracting(Artifact::key).containsExactly("guide/backend-engineer-hub.pdf", "guide/r7.pdf");
        assertThat(artifacts).extracting(Artifact::contentType).containsOnly("application/pdf");
        assertThat(artifacts).extracting(Artifact::cache).containsExactly(Artifact.CachePolicy.SHORT, Artifact.CachePolicy.IMMUTABLE);
        assertThat(artifacts.get(0).bytes()).isEqualTo(artifacts.get(1).bytes());
        // THEN two renders of one revision are byte-identical
        assertThat(artifacts.get(0).bytes()).isEqualTo(GuideFixtures.repositoryPdf());
    }

    @Test
    void retainsPerRevisionFilesAndReportsSizeAndPagesForTheSite() {
        List<Artifact> artifacts = GuideFixtures.RENDERER.render(GuideFixtures.repositoryEdition());

        Map<String, String> facts = GuideFixtures.RENDERER.facts(artifacts);

        assertThat(GuideInfo.of(facts)).contains(new GuideInfo("guide/backend-engineer-hub.pdf", "guide/r7.pdf",
                artifacts.get(0).size(), pdf.getNumberOfPages()));
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
        List<String> expected = new ArrayList<>();
        for (Page page : hub.pages()) {
            expected.add("1 " + page.title());
            for (Heading h : page.headings()) {
                expected.add((h.level()) + " " + h.text());
            }
        }
        List<String> actual = new ArrayList<>();
        List<PDOutlineItem> items = new ArrayList<>();
        walk(pdf.getDocumentCatalog().getDocumentOutline(), 1, actual, items);

        assertThat(actual).containsExactlyElementsOf(expected);
        for (PDOutlineItem item : items) {
            PDPage page = item.findDestinationPage(pdf);
            assertThat(page).as(item.getTitle()).isNotNull();
            assertThat(pageTexts.get(pdf.getPages().indexOf(page))).as("page of bookmark " + item.getTitle())
                    .contains(normalise(item.getTitle()));
        }
    }

    /** Chapters are level 1; a heading's outline depth is its level (h2 under the chapter, h3 under h2). */
    private static void walk(PDOutlineNode node, int depth, List<String> out, List<PDOutlineItem> items) {
        for (PDOutlineItem item : node.children()) {
            out.add(depth + " " + item.getTitle());
            items.add(item);
            walk(item, depth == 1 ? 2 : depth + 1, out, items);
        }
    }

    @Test
    void everyTocEntryNamesThePageItsHeadingIsOn() {
        Pattern entry = Pattern.compile("^(.+?)\\s*\\.{3,}\\s*(\\d+)$");
        int checked = 0;
        for (int i = 1; i < pageTexts.size() && pageTexts.get(i).contains("Contents"); i++) {
            for (String line : pageTexts.get(i).split("\n")) {
                Matcher m = entry.matcher(line.strip());
                if (!m.matches()) {
                    continue;
                }
                String title = m.group(1).strip();
                int pageNumber = Integer.parseInt(m.group(2));
                assertThat(pageTexts.get(pageNumber - 1)).as("TOC entry '" + title + "' says page " + pageNumber)
                        .contains(title);
                checked++;
            }
        }
        long expected = hub.pages().size() + hub.pages().stream()
                .mapToLong(p -> p.headings().stream().filter(h -> h.level() == 2).count()).sum();
        assertThat(checked).isEqualTo(expected);
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
        int internal = 0;
        int external = 0;
        for (PDPage page : pdf.getPages()) {
            for (PDAnnotation annotation : page.getAnnotations()) {
                if (!(annotation instanceof PDAnnotationLink link)) {
                    continue;
                }
                PDAction action = link.getAction();
                PDDestination destination = link.getDestination();
                if (action instanceof PDActionGoTo goTo) {
                    destination = goTo.getDestination();
                }
                if (action instanceof PDActionURI uri) {
                    assertThat(uri.getURI()).matches("(https?://|mailto:).+");
                    external++;
                } else {
                    assertThat(destination).isInstanceOf(PDPageDestination.class);
                    PDPageDestination target = (PDPageDestination) destination;
                    int index = target.retrievePageNumber();
                    assertThat(index).isBetween(0, pdf.getNumberOfPages() - 1);
                    internal++;
                }
            }
        }
        assertThat(internal).as("internal links (TOC, cross-references, footnotes)").isGreaterThan(100);
        assertThat(external).as("external links").isGreaterThan(20);
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
                        && goTo.getDestination() instanceof PDPageDestination d && pdf.getPages().indexOf(page) >= tocEnd()
                        && d.retrievePageNumber() == chapterPage) {
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
