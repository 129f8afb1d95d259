package dev.hubpress.guide;

import com.openhtmltopdf.pdfboxout.PdfBoxTextRenderer;
import dev.hubpress.core.channel.Edition;
import dev.hubpress.core.model.Hub;
import dev.hubpress.core.model.Page;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** Widths remembered per font and string lay a document out to the very bytes the engine's own measure gives. */
class MeasuredTextTest {

    private static final Edition EDITION = GuideFixtures.repositoryEdition();
    private static final Hub HUB = EDITION.hub();
    private static final Paper PAPER = Paper.of(GuideChannel.PAPER.of(HUB.config()));

    @Test
    void theRealHubsContentsAreTheSameBytesThoughMostOfTheirWidthsAreRememberedNotMeasured() {
        // GIVEN the real hub's whole contents: a leader of dots on every entry
        List<Page> pages = HUB.pages();
        List<String> contents = GuideDocument.frontPieces(HUB, Optional.of(EDITION.content()), PAPER, GuideDocument.Cover.of(HUB), pages,
                ChangedSections.none(), false, id -> "12", GuideDocument.listsSections(pages), Integer.MAX_VALUE);
        assertThat(contents).hasSize(2); // the cover, then the contents in one run

        // WHEN laid out with the engine's measure and with one that remembers widths
        MeasuredText remembering = sameBytesEitherWay(GuideDocument.parse(contents.get(1)));

        // THEN (the bytes the same) fewer than half the widths asked for were measured
        assertThat(remembering.measured()).isPositive().isLessThan(remembering.asked() / 2);
    }

    @Test
    void aPartOfTheRealHubIsTheSameBytesWithWidthsRemembered() {
        // GIVEN the real hub's first part, WHEN laid out both ways, THEN the same bytes, and some widths remembered
        MeasuredText remembering = sameBytesEitherWay(GuideDocument.part(GuideFixtures.MARKDOWN, HUB, GuideParts.plan(HUB.pages()).get(0), PAPER));
        assertThat(remembering.measured()).isPositive().isLessThan(remembering.asked());
    }

    /** Lays the document out with the engine's own measure and with a remembering one; asserts the bytes are the same. */
    private static MeasuredText sameBytesEitherWay(Document document) {
        MeasuredText remembering = new MeasuredText();
        byte[] engines = GuideRenderer.layout(document, new Sandbox(), new PdfBoxTextRenderer()).pdf();
        byte[] ours = GuideRenderer.layout(document, new Sandbox(), remembering).pdf();
        assertThat(ours).isEqualTo(engines);
        return remembering;
    }
}
