package dev.hubpress.guide;

import dev.hubpress.core.channel.Artifact;
import dev.hubpress.core.channel.Edition;
import dev.hubpress.core.channel.GuideInfo;
import dev.hubpress.core.content.ContentTree;
import dev.hubpress.core.testing.ContentFixtures;
import dev.hubpress.core.testing.Editions;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A rollback to rN republishes rN's guide: the same bytes under the same keys, stamped rN. */
class RollbackGuideTest {

    @Test
    void theGuideOfARollbackToR1IsR1sGuideByteForByte() throws Exception {
        // given r1, r2 editing the page, and r3 restoring r1
        ContentTree first = ContentFixtures.tree("guides/a.md", ContentFixtures.page("A", "guides", 1, "## One\n\nFirst.\n"));
        ContentTree second = ContentFixtures.tree("guides/a.md", ContentFixtures.page("A", "guides", 1, "## One\n\nFirst, edited.\n"));
        Edition r1 = Editions.firstEdition(first);
        Edition r2 = Editions.nextEdition(r1, first, second);
        Edition r3 = Editions.rollbackEdition(r2, second, r1, first);

        // when the guides of r1, r2 and r3 are rendered
        List<Artifact> guide1 = GuideFixtures.RENDERER.render(r1);
        List<Artifact> guide2 = GuideFixtures.RENDERER.render(r2);
        List<Artifact> guide3 = GuideFixtures.RENDERER.render(r3);

        // then r3's are r1's: the stable PDF and guide/r1.pdf, byte for byte (no guide/r3.pdf)
        assertThat(guide3).containsExactlyElementsOf(guide1);
        assertThat(guide3).extracting(Artifact::key).contains(GuideInfo.revisionKey(r1.revision()));
        // r2 changed the whole book and the edited section's; the home section's book names no edition and is the same
        assertThat(guide2).filteredOn(a -> !a.key().equals(GuideInfo.sectionKey("home"))).doesNotContainAnyElementsOf(guide1);
        assertThat(guide2).filteredOn(a -> a.key().equals(GuideInfo.sectionKey("home"))).containsExactlyElementsOf(
                guide1.stream().filter(a -> a.key().equals(GuideInfo.sectionKey("home"))).toList());
        // and the facts the site shows point at r1's copy
        assertThat(GuideFixtures.RENDERER.facts(guide3)).containsEntry("revision", "guide/r1.pdf");
        // read back: r1's text and stamp
        try (PDDocument pdf = Loader.loadPDF(guide3.get(0).bytes())) {
            String text = new PDFTextStripper().getText(pdf);
            assertThat(text).contains("First.").doesNotContain("First, edited.").contains("r1");
            assertThat(pdf.getDocumentInformation().getCreator()).isEqualTo("hubpress r1");
        }
    }
}
