package dev.hubpress.guide;

import dev.hubpress.core.model.Hub;
import dev.hubpress.core.model.Page;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.interactive.action.PDActionURI;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotation;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotationLink;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Each section's own book, read back with PDFBox: the same checks as the whole guide's (veraPDF in PdfUaTest). */
class SectionPdfTest {

    private final Hub hub = GuideFixtures.repositoryEdition().hub();
    private final Map<String, byte[]> sections = GuideFixtures.repositorySectionPdfs();

    @Test
    void thereIsOneBookPerSectionHoldingExactlyItsPages() throws IOException {
        assertThat(sections.keySet()).containsExactlyElementsOf(hub.pages().stream().map(Page::section).distinct().toList());
        for (Map.Entry<String, byte[]> section : sections.entrySet()) {
            try (PDDocument pdf = Loader.loadPDF(section.getValue())) {
                List<String> texts = PdfChecks.pageTexts(pdf);
                String title = hub.config().title() + " \u2014 " + hub.config().section(section.getKey()).orElseThrow().title();

                assertThat(pdf.getDocumentInformation().getTitle()).isEqualTo(title);
                // a section's book names no edition: the same book until its own pages change
                assertThat(texts.get(0).replaceAll("\\s+", " ")).contains(title).doesNotContain("Revision 7");
                for (int i = 1; i < texts.size(); i++) {
                    assertThat(texts.get(i)).contains("Page " + (i + 1) + " of " + texts.size()).doesNotContain("revision");
                }
                assertThat(pdf.getDocumentInformation().getCreationDate()).isNull();
                String xmp = new String(pdf.getDocumentCatalog().getMetadata().toByteArray(), java.nio.charset.StandardCharsets.UTF_8);
                assertThat(xmp).doesNotContain("VersionID").doesNotContain("CreateDate").contains("<pdfuaid:part>1</pdfuaid:part>");
            }
        }
    }

    @Test
    void theFactsTheSiteLinksWithCountEachBooksPagesWhetherTheRendererBoundItOrNot() throws IOException {
        // GIVEN the books a renderer just bound, and the same bytes in other arrays (books it did not bind)
        List<dev.hubpress.core.channel.Artifact> bound = GuideFixtures.repositoryArtifacts();
        List<dev.hubpress.core.channel.Artifact> copies = bound.stream()
                .map(a -> new dev.hubpress.core.channel.Artifact(a.key(), a.bytes().clone(), a.contentType(), a.cache())).toList();

        for (List<dev.hubpress.core.channel.Artifact> artifacts : List.of(bound, copies)) {
            // WHEN the renderer states its facts
            dev.hubpress.core.channel.GuideInfo info = dev.hubpress.core.channel.GuideInfo.of(GuideFixtures.RENDERER.facts(artifacts)).orElseThrow();

            // THEN each page count is the PDF's own
            try (PDDocument whole = Loader.loadPDF(bound.get(0).bytes())) {
                assertThat(info.pages()).isEqualTo(whole.getNumberOfPages());
            }
            assertThat(info.sections()).hasSize(sections.size());
            for (dev.hubpress.core.channel.GuideInfo.SectionPdf section : info.sections()) {
                try (PDDocument pdf = Loader.loadPDF(sections.get(section.section()))) {
                    assertThat(section.pages()).as(section.section()).isEqualTo(pdf.getNumberOfPages());
                }
            }
        }
    }

    @Test
    void contentsNumbersOutlineLinksAndStructureTreeHoldInEverySectionsBook() throws IOException {
        for (Map.Entry<String, byte[]> section : sections.entrySet()) {
            List<Page> pages = hub.section(section.getKey());
            try (PDDocument pdf = Loader.loadPDF(section.getValue())) {
                List<String> texts = PdfChecks.pageTexts(pdf);

                assertThat(PdfChecks.tocEntries(texts)).as(section.getKey()).isEqualTo(PdfChecks.expectedTocEntries(pages));
                PdfChecks.outline(pdf, texts, pages);
                assertThat(PdfChecks.links(pdf)[0]).as(section.getKey() + ": internal links").isGreaterThanOrEqualTo(pages.size());
                assertThat(PdfChecks.structureTree(pdf)).as(section.getKey()).isEqualTo(2 + pages.size());
            }
        }
    }

    @Test
    void aLinkToAPageOfAnotherSectionGoesToThatPageOnTheSite() throws IOException {
        // the home page links to skills/index.md; the home section's book does not hold it
        try (PDDocument pdf = Loader.loadPDF(sections.get("home"))) {
            boolean found = false;
            for (var page : pdf.getPages()) {
                for (PDAnnotation annotation : page.getAnnotations()) {
                    if (annotation instanceof PDAnnotationLink link && link.getAction() instanceof PDActionURI uri
                            && uri.getURI().equals(hub.config().baseUrl() + "/skills/index.html")) {
                        found = true;
                    }
                }
            }
            assertThat(found).isTrue();
        }
    }
}
