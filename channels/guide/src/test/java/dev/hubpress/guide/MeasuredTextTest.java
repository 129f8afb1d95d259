package dev.hubpress.guide;

import com.openhtmltopdf.pdfboxout.PdfBoxTextRenderer;
import dev.hubpress.core.channel.Edition;
import dev.hubpress.core.content.ContentTree;
import dev.hubpress.core.model.Hub;
import dev.hubpress.core.model.Page;
import dev.hubpress.core.testing.ContentFixtures;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** Widths remembered per font and string, and strings drawn without the device measuring them, lay a document out to the very bytes the engine's own measure gives. */
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

        // THEN (the bytes the same) fewer than half the widths asked for were measured, and every string drawn at once
        assertThat(remembering.measured()).isPositive().isLessThan(remembering.asked() / 2);
        assertThat(remembering.drawnDirectly()).isPositive();
        assertThat(remembering.drawnByDevice()).isZero();
    }

    @Test
    void aPartOfTheRealHubIsTheSameBytesWithWidthsRemembered() {
        // GIVEN the real hub's first part, WHEN laid out both ways, THEN the same bytes, and some widths remembered
        MeasuredText remembering = sameBytesEitherWay(GuideDocument.part(GuideFixtures.MARKDOWN, HUB, GuideParts.plan(HUB.pages()).get(0), PAPER));
        assertThat(remembering.measured()).isPositive().isLessThan(remembering.asked());
        assertThat(remembering.drawnDirectly()).isPositive();
        // widths kept per faces and size, not per font object: the engine makes one of those per style
        // resolved, and one per character where it looks for a word's widest (its tables, break-word)
        assertThat(remembering.fonts()).isPositive().isLessThan(40);
    }

    @Test
    void textTheBodyFontLacksIsTheSameBytesDrawnAndMeasuredByTheEngine() {
        // GIVEN a page mixing Latin with scripts and symbols the body fonts lack (fallback faces), in runs of every length
        String mixed = "Pay bands → ✓ العربية لغة سامية and 日本語のテキスト, 한국어 텍스트 🚀😀👍🏽 עִבְרִית שלום.";
        ContentTree tree = ContentFixtures.tree("guides/mixed.md", ContentFixtures.page("Mixed scripts", "guides", 1,
                "## Scripts\n\n" + mixed + "\n\n- " + mixed.repeat(3) + "\n- *" + mixed + "* **bold " + mixed + "**\n\n"
                        + "| a | b |\n|---|---|\n| " + mixed + " | plain text |\n"));
        Hub hub = GuideFixtures.hub(tree);

        // WHEN laid out with the engine's measure and with ours, THEN the same bytes
        MeasuredText remembering = sameBytesEitherWay(GuideDocument.part(GuideFixtures.MARKDOWN, hub, hub.pages(), PAPER));

        // AND the strings the body font lacks went to the engine, the others did not
        assertThat(remembering.drawnByDevice()).isPositive();
        assertThat(remembering.drawnDirectly()).isPositive();
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
