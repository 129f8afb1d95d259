package dev.hubpress.site;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hubpress.core.channel.Artifact;
import dev.hubpress.core.channel.Edition;
import dev.hubpress.core.channel.GuideInfo;
import dev.hubpress.core.revision.ChannelStatus;
import dev.hubpress.core.revision.Revision;
import dev.hubpress.core.testing.EdgeCaseContent;
import dev.hubpress.core.testing.Editions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Long unbroken words (URLs, identifiers) never make a page scroll sideways on a narrow phone: the
 * edge-case hub's site, opened from disk in headless Chromium at 360 CSS pixels, page by page
 * ({@code src/test/node/sideways-scroll.cjs}, driven with playwright-core from {@code emulators/}).
 *
 * <p>Needs Chromium at {@code /usr/bin/chromium} (Debian: {@code apt-get install chromium}), or where
 * the system property {@code hubpress.chromium} says. Without it the test fails when {@code CI=true},
 * and is skipped, saying why, otherwise.
 */
class NoSidewaysScrollIT {

    private static final String CHROMIUM = System.getProperty("hubpress.chromium", "/usr/bin/chromium");
    private static final int WIDTH = 360;
    private static final GuideInfo GUIDE = new GuideInfo("guide/long-words-hub.pdf", "guide/r2.pdf", 234_567, 12);

    @TempDir
    Path tmp;

    @Test
    void noPageOfTheEdgeCaseSiteScrollsSidewaysAt360Pixels() throws Exception {
        requireChromium();
        // GIVEN the edge-case hub published twice (the second revision edits the section under the
        // long heading, so the changelog names it and its redline page shows the long identifier
        // and URL added), with the guide's facts on the home page
        Edition first = Editions.firstEdition(EdgeCaseContent.tree());
        Edition second = Editions.nextEdition(first, EdgeCaseContent.tree(), EdgeCaseContent.edited());
        Revision withGuide = second.revision().withChannel(GuideInfo.CHANNEL,
                ChannelStatus.done(2, 2 * GUIDE.bytes(), 900, "outputs", GUIDE.facts()));
        List<Revision> history = new ArrayList<>(second.history());
        history.set(0, withGuide);
        Path site = publish(new SiteRenderer(Editions.MARKDOWN).render(new Edition(second.hub(), withGuide, history)));

        // WHEN every HTML file of it is opened at 360 px
        JsonNode report = browse(site);

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
                .contains("index.html", "changelog.html", "404.html", "subscribe.html", "edge/index.html", "edge/links.html",
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

    private static void requireChromium() {
        if (Files.isExecutable(Path.of(CHROMIUM))) {
            return;
        }
        String missing = "Chromium is not installed at " + CHROMIUM + " (apt-get install -y chromium, or -Dhubpress.chromium=PATH): "
                + "the site cannot be checked for sideways scrolling";
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            fail(missing);
        }
        Assumptions.abort(missing + "; skipped (CI is not set)");
    }

    private Path publish(List<Artifact> artifacts) throws IOException {
        Path site = tmp.resolve("site");
        for (Artifact artifact : artifacts) {
            Path file = site.resolve(artifact.key());
            Files.createDirectories(file.getParent());
            Files.write(file, artifact.bytes());
        }
        return site;
    }

    private static List<String> htmlFiles(Path site) throws IOException {
        try (Stream<Path> walk = Files.walk(site)) {
            return walk.filter(p -> p.toString().endsWith(".html"))
                    .map(p -> site.relativize(p).toString().replace('\\', '/')).toList();
        }
    }

    /** Runs the browser script on the site; its JSON report. */
    private JsonNode browse(Path site) throws Exception {
        Path root = repositoryRoot();
        Path modules = root.resolve("emulators/node_modules");
        assertThat(modules.resolve("playwright-core/package.json"))
                .as("playwright-core in emulators/node_modules (the build installs it: npm ci in emulators/)").isRegularFile();
        Path script = root.resolve("channels/site/src/test/node/sideways-scroll.cjs");
        Path out = tmp.resolve("report.json");
        Path err = tmp.resolve("browser.log");
        Process node = new ProcessBuilder("node", script.toString(), site.toString(), modules.toString(), CHROMIUM,
                Integer.toString(WIDTH)).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!node.waitFor(180, TimeUnit.SECONDS)) {
            node.destroyForcibly();
            fail("the browser script took over 180 s: " + Files.readString(err));
        }
        assertThat(node.exitValue()).as("browser script exit; its log:\n" + Files.readString(err)).isZero();
        return new ObjectMapper().readTree(out.toFile());
    }

    private static Path repositoryRoot() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("emulators/package-lock.json"))) {
                return dir;
            }
        }
        throw new IllegalStateException("no emulators/package-lock.json above " + Path.of("").toAbsolutePath());
    }
}
