package dev.hubpress.guide;

import com.openhtmltopdf.pdfboxout.PdfBoxTextRenderer;
import dev.hubpress.core.channel.Edition;
import dev.hubpress.core.model.Hub;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentCatalog;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

import java.io.IOException;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** A layout's tagged catalog set without the engine's XMP packet is the same bytes as the engine's, packet dropped. */
class TaggedCatalogTest {

    private static final Edition EDITION = GuideFixtures.repositoryEdition();
    private static final Hub HUB = EDITION.hub();
    private static final Paper PAPER = Paper.of(GuideChannel.PAPER.of(HUB.config()));

    @Test
    void theRealHubsCoverIsTheSameBytesAndItsCatalogAsTheBookNeedsIt() throws IOException {
        // GIVEN the real hub's cover, whose catalog becomes the book's
        List<String> front = GuideDocument.frontPieces(HUB, Optional.of(EDITION.content()), PAPER, GuideDocument.Cover.of(HUB), HUB.pages(),
                ChangedSections.none(), false, id -> "12", GuideDocument.listsSections(HUB.pages()), Integer.MAX_VALUE);

        // WHEN laid out with the catalog set by the engine (and its packet made) and by us
        byte[] ours = sameBytesEitherWay(GuideDocument.parse(front.get(0)));

        // THEN marked as tagged, in the hub's language, showing its title, with no packet of the engine's
        try (PDDocument cover = Loader.loadPDF(ours)) {
            PDDocumentCatalog catalog = cover.getDocumentCatalog();
            assertThat(catalog.getMarkInfo().isMarked()).isTrue();
            assertThat(catalog.getLanguage()).isEqualTo(HUB.config().language());
            assertThat(catalog.getViewerPreferences().displayDocTitle()).isTrue();
            assertThat(catalog.getMetadata()).isNull();
            assertThat(catalog.getStructureTreeRoot()).isNotNull();
        }
    }

    @Test
    void aPartOfTheRealHubIsTheSameBytes() {
        // GIVEN the real hub's first part, WHEN laid out both ways, THEN the same bytes
        sameBytesEitherWay(GuideDocument.part(GuideFixtures.MARKDOWN, HUB, GuideParts.plan(HUB.pages()).get(0), PAPER));
    }

    /** Lays the document out with the engine's catalog and with ours; asserts the bytes are the same and ours was used. */
    private static byte[] sameBytesEitherWay(Document document) {
        assertThat(TaggedCatalog.reachable()).as("the engine's PDF/UA flag is where TaggedCatalog reaches for it").isTrue();
        byte[] engines = GuideRenderer.layout(document, new Sandbox(), new PdfBoxTextRenderer(), false).pdf();
        byte[] ours = GuideRenderer.layout(document, new Sandbox(), new PdfBoxTextRenderer(), true).pdf();
        assertThat(ours).isEqualTo(engines);
        return ours;
    }
}
