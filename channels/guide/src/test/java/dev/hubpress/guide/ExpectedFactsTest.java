package dev.hubpress.guide;

import dev.hubpress.core.channel.GuideInfo;
import dev.hubpress.core.testing.ContentFixtures;
import dev.hubpress.core.testing.Editions;
import dev.hubpress.core.revision.Revision;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** What the guide expects to publish on a new revision, for the site to render on before it has. */
class ExpectedFactsTest {

    @Test
    void aNewRevisionsGuideIsExpectedAsTheLastOneUnderItsOwnPerRevisionPath() {
        // GIVEN the facts the guide recorded on r1: its paths, size and page counts, a section's PDF
        GuideInfo r1 = new GuideInfo("guide/backend-engineer-hub.pdf", "guide/r1.pdf", 17_227_357, 2_124,
                List.of(new GuideInfo.SectionPdf("s3", GuideInfo.sectionKey("s3"), 1_588_252, 211)));
        Revision r2 = Editions.revision(2, 1, Editions.FIRST.plusSeconds(60), ContentFixtures.repositoryTree(),
                Editions.firstEdition(ContentFixtures.repositoryTree()).revision().changes());

        // WHEN the guide is asked what it expects on r2
        Map<String, String> expected = new GuideChannel().expectedFacts(r1.facts(), r2).orElseThrow();

        // THEN it is r1's guide under r2's own path, and nothing else changed
        assertThat(GuideInfo.of(expected)).contains(new GuideInfo(r1.latest(), "guide/r2.pdf", r1.bytes(), r1.pages(), r1.sections()));
    }

    @Test
    void factsItCannotReadBackGiveNoGuess() {
        // GIVEN facts that are not the guide's (a status recorded before facts existed has none)
        Revision r2 = Editions.revision(2, 1, Editions.FIRST.plusSeconds(60), ContentFixtures.repositoryTree(),
                Editions.firstEdition(ContentFixtures.repositoryTree()).revision().changes());

        // WHEN / THEN the guide makes no guess: the site waits for its outcome
        assertThat(new GuideChannel().expectedFacts(Map.of(), r2)).isEmpty();
        assertThat(new GuideChannel().expectedFacts(Map.of("latest", "guide/x.pdf", "pages", "many"), r2)).isEmpty();
    }
}
