package dev.hubpress.core.publish;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The CDN paths of changed keys: exact up to the threshold, then prefix wildcards, never the whole site. */
class EdgePathsTest {

    @Test
    void aSmallChangeIsInvalidatedPathByPathInOrder() {
        assertThat(EdgePaths.of(List.of("sitemap.xml", "careers/mid-to-senior.html", "changelog.html")))
                .containsExactly("/careers/mid-to-senior.html", "/changelog.html", "/sitemap.xml");
    }

    @Test
    void theHomePageIsAlsoTheSiteRootButANestedIndexOnlyItself() {
        assertThat(EdgePaths.of(List.of("index.html", "careers/index.html")))
                .containsExactly("/", "/careers/index.html", "/index.html");
    }

    @Test
    void exactlyTheThresholdStaysExact() {
        List<String> keys = pages("careers", EdgePaths.THRESHOLD);

        assertThat(EdgePaths.of(keys)).hasSize(EdgePaths.THRESHOLD).allMatch(p -> !p.contains("*"));
    }

    @Test
    void aboveTheThresholdAFolderWithSeveralChangesBecomesOneWildcard() {
        List<String> keys = new ArrayList<>(pages("careers", 20));
        keys.addAll(pages("skills", 10));
        keys.addAll(List.of("index.html", "sitemap.xml", "companies/stripe.html"));

        assertThat(EdgePaths.of(keys)).containsExactly("/", "/careers/*", "/companies/stripe.html", "/index.html",
                "/sitemap.xml", "/skills/*");
    }

    @Test
    void manyTopLevelChangesBecomeOneWildcardPerFirstCharacterAndNeverTheWholeSite() {
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < 1_000; i++) {
            keys.add((char) ('a' + i % 26) + "page-" + i + ".html");
        }
        keys.add("index.html");
        keys.addAll(pages("careers", 3));

        List<String> paths = EdgePaths.of(keys);

        assertThat(paths).hasSize(27).contains("/", "/a*", "/c*", "/z*").doesNotContain("/*");
        assertThat(paths).allMatch(p -> p.equals("/") || p.matches("/[a-z0-9]\\*"));
    }

    @Test
    void theThresholdIsAParameter() {
        assertThat(EdgePaths.of(List.of("a/1.html", "a/2.html", "b.html"), 2)).containsExactly("/a/*", "/b.html");
    }

    private static List<String> pages(String folder, int n) {
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            keys.add(folder + "/page-" + i + ".html");
        }
        return keys;
    }
}
