package dev.hubpress.site;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hubpress.core.channel.Edition;
import dev.hubpress.core.channel.GuideInfo;
import dev.hubpress.core.revision.ChannelStatus;
import dev.hubpress.core.revision.Revision;
import dev.hubpress.core.testing.EdgeCaseContent;
import dev.hubpress.core.testing.Editions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Long unbroken words (URLs, identifiers) never make a page scroll sideways on a narrow phone: the
 * edge-case hub's site, opened from disk in headless Chromium at 360 CSS pixels, page by page
 * ({@code src/test/node/sideways-scroll.cjs}, driven with playwright-core from {@code emulators/}).
 *
 * <p>Needs Chromium ({@link Chromium}: it fails when {@code CI=true} without it, and is skipped otherwise).
 */
class NoSidewaysScrollIT {

    private static final int WIDTH = 360;
    private static final GuideInfo GUIDE = new GuideInfo("guide/long-words-hub.pdf", "guide/r2.pdf", 234_567, 12);

    @TempDir
    Path tmp;

    @Test
    void noPageOfTheEdgeCaseSiteScrollsSidewaysAt360Pixels() throws Exception {
        Chromium.require("the site cannot be checked for sideways scrolling");
        // GIVEN the edge-case hub published twice (the second revision edits the section under the
        // long heading, so the changelog names it and its redline page shows the long identifier
        // and URL added), with the guide's facts on the home page
        Edition first = Editions.firstEdition(EdgeCaseContent.tree());
        Edition second = Editions.nextEdition(first, EdgeCaseContent.tree(), EdgeCaseContent.edited());
        Revision withGuide = second.revision().withChannel(GuideInfo.CHANNEL,
                ChannelStatus.done(2, 2 * GUIDE.bytes(), 900, "outputs", GUIDE.facts()));
        List<Revision> history = new ArrayList<>(second.history());
        history.set(0, withGuide);
        Path site = Chromium.publish(new SiteRenderer(Editions.MARKDOWN).render(new Edition(second.hub(), withGuide, history)),
                tmp.resolve("site"));

        // WHEN every HTML file of it is opened at 360 px
        JsonNode report = Chromium.run("sideways-scroll.cjs", site, tmp, Integer.toString(WIDTH));

        // THEN every page was measured at that width, none scrolls sideways, and nothing was requested
        // from anywhere but the folder itself
        List<String> measured = new ArrayList<>();
        List<String> scrolling = new ArrayList<>();
        for (JsonNode page : report.get("pages")) {
            measured.add(page.get("page").asText());
            assertThat(page.get("clientWidth").asInt()).as(page.get("page").asText() + ": viewport width")
                    .isBetween(WIDTH - 20, WIDTH);
            if (page.get("scrollWidth").asInt() > page.get("clientWidth").asInt()) {
                scrolling.add(describe(page));
            }
        }
        assertThat(measured).as("pages measured").containsExactlyInAnyOrderElementsOf(htmlFiles(site))
                .contains("index.html", "changelog.html", "404.html", "subscribe.html", "search.html", "edge/index.html", "edge/links.html",
                        "edge/identifiers.html", "edge/chart.html", "changes/r1.html", "changes/r2.html");
        assertThat(scrolling).as("pages that scroll sideways at " + WIDTH + " px").isEmpty();
        assertThat(report.get("requests")).as("requests outside file://").isEmpty();
    }

    private static String describe(JsonNode page) {
        JsonNode widest = page.get("widest");
        String culprit = widest.isNull() ? "no element found" : widest.get("element").asText() + " in "
                + widest.get("path").asText() + " reaches x=" + widest.get("right").asInt() + " (\""
                + widest.get("text").asText() + "\")";
        return page.get("page").asText() + ": " + page.get("scrollWidth").asInt() + " px wide in "
                + page.get("clientWidth").asInt() + " px; widest: " + culprit;
    }

    private static List<String> htmlFiles(Path site) throws IOException {
        try (Stream<Path> walk = Files.walk(site)) {
            return walk.filter(p -> p.toString().endsWith(".html"))
                    .map(p -> site.relativize(p).toString().replace('\\', '/')).toList();
        }
    }
}
