package dev.hubpress.site;

import dev.hubpress.core.testing.Editions;
import dev.hubpress.core.testing.NuHtmlChecker;
import dev.hubpress.core.channel.Artifact;
import dev.hubpress.core.testing.ContentFixtures;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Every page the site generates from the real hub is valid HTML5 by the Nu Html Checker. */
class SiteValidityTest {

    private static List<Artifact> site;
    private static NuHtmlChecker checker;

    @BeforeAll
    static void renderTheHub() {
        site = new SiteRenderer(Editions.MARKDOWN).render(Editions.firstEdition(ContentFixtures.repositoryTree()));
        checker = new NuHtmlChecker();
    }

    @TestFactory
    Stream<DynamicTest> everyPageHasNoNuHtmlCheckerErrors() {
        return site.stream()
                .filter(a -> a.key().endsWith(".html"))
                .map(a -> DynamicTest.dynamicTest(a.key(), () ->
                        assertThat(checker.errors(Editions.text(a))).as(a.key()).isEmpty()));
    }
}
