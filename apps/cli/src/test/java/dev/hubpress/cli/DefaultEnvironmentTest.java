package dev.hubpress.cli;

import dev.hubpress.core.channel.Channels;
import dev.hubpress.core.testing.ContentFixtures;
import dev.hubpress.core.testing.NuHtmlChecker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * ./hub as a user runs it: no environment variable the README does not tell them to set (no
 * SOURCE_DATE_EPOCH: revisions take the system clock, with its nanoseconds). The README's promise
 * of zero Nu Html Checker errors holds there too.
 */
class DefaultEnvironmentTest {

    @TempDir
    Path tmp;

    @Test
    void everyPagePublishedWithTheSystemClockIsValidHtml() throws IOException {
        // GIVEN the repository's content, and no environment at all
        Path content = ContentFixtures.copyRepositoryContent(tmp.resolve("content"));
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        PrintStream print = new PrintStream(printed, true, StandardCharsets.UTF_8);

        // WHEN ./hub publish runs
        int status = new HubCommand(print, print, Map.of(), Channels::discover)
                .run("publish", "--content", content.toString(), "--out", tmp.resolve("out").toString());

        // THEN every HTML page, the dated ones (home page, changelog) included, has no checker error
        assertThat(status).as(printed.toString(StandardCharsets.UTF_8)).isZero();
        NuHtmlChecker checker = new NuHtmlChecker();
        try (Stream<Path> pages = Files.walk(tmp.resolve("out/site"))) {
            for (Path page : pages.filter(p -> p.toString().endsWith(".html")).toList()) {
                assertThat(checker.errors(Files.readString(page))).as(page.toString()).isEmpty();
            }
        }
        assertThat(Files.readString(tmp.resolve("out/site/changelog.html"))).containsPattern("datetime=\"[0-9T:-]+Z\"");
    }
}
