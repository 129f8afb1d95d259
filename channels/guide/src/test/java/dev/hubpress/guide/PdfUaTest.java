package dev.hubpress.guide;

import org.junit.jupiter.api.Test;
import org.verapdf.gf.foundry.VeraGreenfieldFoundryProvider;
import org.verapdf.pdfa.Foundries;
import org.verapdf.pdfa.PDFAParser;
import org.verapdf.pdfa.PDFAValidator;
import org.verapdf.pdfa.flavours.PDFAFlavour;
import org.verapdf.pdfa.results.TestAssertion;
import org.verapdf.pdfa.results.ValidationResult;

import java.io.ByteArrayInputStream;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** veraPDF's PDF/UA-1 profile (the Matterhorn machine checks) on the real guide. */
class PdfUaTest {

    @Test
    void theGuideHasNoPdfUa1Failures() throws Exception {
        // GIVEN the real guide
        byte[] pdf = GuideFixtures.repositoryPdf();

        // WHEN veraPDF validates it against PDF/UA-1
        ValidationResult result = validate(pdf);

        // THEN no rule fails (rule id -> count and first message, to read when it does)
        assertThat(failures(result)).isEmpty();
        assertThat(result.isCompliant()).isTrue();
    }

    @Test
    void eachSectionsGuideHasNoPdfUa1Failures() throws Exception {
        // GIVEN each section's own book, assembled from the same parts as the whole guide
        Map<String, byte[]> sections = GuideFixtures.repositorySectionPdfs();
        assertThat(sections).hasSizeGreaterThan(1);

        for (Map.Entry<String, byte[]> section : sections.entrySet()) {
            // WHEN veraPDF validates it against PDF/UA-1
            ValidationResult result = validate(section.getValue());

            // THEN no rule fails
            assertThat(failures(result)).as(section.getKey()).isEmpty();
            assertThat(result.isCompliant()).as(section.getKey()).isTrue();
        }
    }

    @Test
    void aGuideInSixScriptsHasNoPdfUa1Failures() throws Exception {
        // GIVEN a guide with Japanese, Chinese, Korean, Arabic (shaped, right to left), Hebrew and emoji
        byte[] pdf = GuideScriptsTest.pdfBytes();

        // WHEN veraPDF validates it against PDF/UA-1
        ValidationResult result = validate(pdf);

        // THEN no rule fails: the new fonts are embedded with ToUnicode maps PDF/UA accepts
        assertThat(failures(result)).isEmpty();
        assertThat(result.isCompliant()).isTrue();
    }

    @Test
    void aGuideFlaggingAChangedSectionHasNoPdfUa1Failures() throws Exception {
        // GIVEN the real hub's r2, one sentence edited: contents marker, change bar, appendix
        byte[] pdf = GuideFixtures.RENDERER.render(dev.hubpress.core.testing.SentenceEdit.secondEdition()).get(0).bytes();

        // WHEN veraPDF validates it against PDF/UA-1
        ValidationResult result = validate(pdf);

        // THEN no rule fails: the change bar is an artifact, the appendix tagged like a chapter
        assertThat(failures(result)).isEmpty();
        assertThat(result.isCompliant()).isTrue();
    }

    @Test
    void aGuideMostlyCopiedFromTheLastEditionsBindingHasNoPdfUa1Failures() throws Exception {
        // GIVEN the real hub's r2 rendered by a renderer that bound r1 (every part it did not change copied as bound then)
        GuideRenderer renderer = new GuideRenderer(GuideFixtures.MARKDOWN, new dev.hubpress.core.testing.InMemoryRenderCache());
        renderer.render(GuideFixtures.repositoryEdition());
        byte[] pdf = renderer.render(dev.hubpress.core.testing.SentenceEdit.secondEdition()).get(0).bytes();
        assertThat(renderer.sourcesCopied()).isPositive();

        // WHEN veraPDF validates it against PDF/UA-1
        ValidationResult result = validate(pdf);

        // THEN no rule fails: the copied sources' structure, links and bookmarks are the book's
        assertThat(failures(result)).isEmpty();
        assertThat(result.isCompliant()).isTrue();
    }

    @Test
    void aGuideWithItsContentsInPiecesHasNoPdfUa1Failures() throws Exception {
        // GIVEN the real guide with its contents laid out in pieces (the cover, then each section's entries)
        byte[] pdf = new GuideRenderer(GuideFixtures.MARKDOWN, dev.hubpress.core.port.RenderCache.NONE, ContentsPiecesTest.CUT)
                .render(GuideFixtures.repositoryEdition()).get(0).bytes();

        // WHEN veraPDF validates it against PDF/UA-1
        ValidationResult result = validate(pdf);

        // THEN no rule fails: each piece's list is bound into the one structure tree
        assertThat(failures(result)).isEmpty();
        assertThat(result.isCompliant()).isTrue();
    }

    private static ValidationResult validate(byte[] pdf) throws Exception {
        VeraGreenfieldFoundryProvider.initialise();
        try (PDFAParser parser = Foundries.defaultInstance().createParser(new ByteArrayInputStream(pdf), PDFAFlavour.PDFUA_1);
             PDFAValidator validator = Foundries.defaultInstance().createValidator(PDFAFlavour.PDFUA_1, false)) {
            return validator.validate(parser);
        }
    }

    /** Failed rules: rule id -> count and first message, to read when there are any. */
    private static Map<String, String> failures(ValidationResult result) {
        List<TestAssertion> failed = result.getTestAssertions().stream()
                .filter(a -> a.getStatus() == TestAssertion.Status.FAILED).toList();
        return failed.stream().collect(Collectors.groupingBy(
                a -> a.getRuleId().getClause() + "-" + a.getRuleId().getTestNumber(), TreeMap::new,
                Collectors.collectingAndThen(Collectors.toList(), l -> l.size() + "x " + l.get(0).getMessage())));
    }

    @Test
    void theValidatorDoesRejectAnUntaggedPdf() throws Exception {
        // GIVEN a plain, untagged PDF (a control: the check above must be able to fail)
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        try (org.apache.pdfbox.pdmodel.PDDocument plain = new org.apache.pdfbox.pdmodel.PDDocument()) {
            plain.addPage(new org.apache.pdfbox.pdmodel.PDPage());
            plain.save(out);
        }
        VeraGreenfieldFoundryProvider.initialise();

        try (PDFAParser parser = Foundries.defaultInstance().createParser(new ByteArrayInputStream(out.toByteArray()), PDFAFlavour.PDFUA_1);
             PDFAValidator validator = Foundries.defaultInstance().createValidator(PDFAFlavour.PDFUA_1, false)) {
            assertThat(validator.validate(parser).isCompliant()).isFalse();
        }
    }
}
