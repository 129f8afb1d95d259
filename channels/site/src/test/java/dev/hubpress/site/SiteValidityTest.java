package dev.hubpress.site;

import dev.hubpress.core.content.ContentTree;
import dev.hubpress.core.testing.EdgeCaseContent;
import dev.hubpress.core.testing.Editions;
import dev.hubpress.core.testing.NuHtmlChecker;
import dev.hubpress.core.testing.ContentFixtures;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Every page the site generates from the real hub, and from the edge-case hub, is valid HTML5 by the Nu Html Checker. */
class SiteValidityTest {

    private static NuHtmlChecker checker;

    @BeforeAll
    static void startTheChecker() {
        checker = new NuHtmlChecker();
    }

    @TestFactory
    Stream<DynamicTest> everyPageHasNoNuHtmlCheckerErrors() {
        return everyPageOf(ContentFixtures.repositoryTree());
    }

    @TestFactory
    Stream<DynamicTest> everyPageOfTheEdgeCaseHubHasNoNuHtmlCheckerErrors() {
        // long words as ids, link text and hrefs, in titles and the navigation
        return everyPageOf(EdgeCaseContent.tree());
    }

    private static Stream<DynamicTest> everyPageOf(ContentTree tree) {
        return new SiteRenderer(Editions.MARKDOWN).render(Editions.firstEdition(tree)).stream()
                .filter(a -> a.key().endsWith(".html"))
                .map(a -> DynamicTest.dynamicTest(a.key(), () ->
                        assertThat(checker.errors(Editions.text(a))).as(a.key()).isEmpty()));
    }
}
