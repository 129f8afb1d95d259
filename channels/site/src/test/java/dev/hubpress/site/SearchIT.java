package dev.hubpress.site;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hubpress.core.testing.ContentFixtures;
import dev.hubpress.core.testing.Editions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A reader searches the real hub's site in headless Chromium and lands on the right section: from
 * any page's search box to the search page, whose results are announced, then with the keyboard to
 * the first result, a section whose heading is in view. From disk (file://) and over HTTP (a plain
 * local static server, as {@code ./hub preview} serves); the index is loaded from the site's own
 * files only ({@code src/test/node/search.cjs}). Needs Chromium ({@link Chromium}).
 */
class SearchIT {

    @TempDir
    Path tmp;

    @Test
    void aQueryTypedInTheHeaderLandsOnTheSectionThatHasItInItsHeadingFromDiskAndOverHttp() throws Exception {
        Chromium.require("the site's search cannot be tried in a browser");
        // GIVEN the real hub's site, published into a folder
        Path site = Chromium.publish(new SiteRenderer(Editions.MARKDOWN)
                .render(Editions.firstEdition(ContentFixtures.repositoryTree())), tmp.resolve("site"));

        // WHEN a reader searches for the words of one section's heading (the first of them is in several headings)
        JsonNode report = Chromium.run("search.cjs", site, tmp, "idempotency comes first");

        // THEN, both from disk and over HTTP:
        List<String> modes = new ArrayList<>();
        for (JsonNode run : report.get("runs")) {
            String mode = run.get("mode").asText();
            modes.add(mode);
            // the results are announced, and the section with the word in its heading comes first,
            // with its page and a snippet
            assertThat(run.get("status").asText()).as(mode).matches("\\d+ sections? match(es)? “idempotency comes first”.*");
            JsonNode first = run.get("results").get(0);
            assertThat(first.get("href").asText()).as(mode).isEqualTo("skills/api-design-and-microservices.html#idempotency-comes-first");
            assertThat(first.get("text").asText()).as(mode).isEqualTo("Idempotency comes first");
            assertThat(first.get("page").asText()).as(mode).contains("API design");
            assertThat(first.get("snippet").asText()).as(mode).isNotBlank();
            // the arrow key reached it, Enter opened it: the address names the section, whose heading is in view
            assertThat(run.get("focused").asText()).as(mode).isEqualTo(first.get("href").asText());
            assertThat(run.get("url").asText()).as(mode).endsWith("/skills/api-design-and-microservices.html#idempotency-comes-first");
            assertThat(run.get("heading").get("tag").asText()).as(mode).isEqualTo("h2");
            assertThat(run.get("heading").get("text").asText()).as(mode).isEqualTo("Idempotency comes first");
            assertThat(run.get("heading").get("visible").asBoolean()).as(mode + ": heading in view").isTrue();
            // the search loaded its script and the index from the site, and nothing from anywhere else
            List<String> loaded = new ArrayList<>();
            run.get("loaded").forEach(f -> loaded.add(f.asText()));
            assertThat(loaded).as(mode).anyMatch(f -> f.matches("assets/search\\.[0-9a-f]{10}\\.js"))
                    .contains(SearchIndex.MANIFEST).anyMatch(f -> f.matches("search-index/t\\.[0-9a-f]{10}\\.js"))
                    .anyMatch(f -> f.matches("search-index/d\\d+\\.[0-9a-f]{10}\\.js"));
            assertThat(run.get("outside")).as(mode + ": requests outside the site").isEmpty();
        }
        assertThat(modes).containsExactly("file", "http");
    }
}
