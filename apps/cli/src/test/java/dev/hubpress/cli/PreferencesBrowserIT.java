package dev.hubpress.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hubpress.core.channel.Channels;
import dev.hubpress.core.mail.Cadence;
import dev.hubpress.core.mail.EmailAddress;
import dev.hubpress.core.mail.Subscriber;
import dev.hubpress.core.mail.SubscriberStatus;
import dev.hubpress.core.mail.Topics;
import dev.hubpress.core.testing.ContentFixtures;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * A reader's subscription in Debian's headless Chromium on the preview server ({@link PreviewServer}
 * with {@link LocalSubscriptions}, as {@code ./hub preview} serves them): subscribe to a section
 * through the site's form, confirm from the outbox, change preferences from the welcome email's
 * link, ask for the settings link by address and open it, unsubscribe; every page and email
 * (the digest too) passes axe-core ({@code src/test/node/preferences.cjs}).
 * With {@code -Dhubpress.screenshots=DIR} it also writes the README's screenshots there.
 */
class PreferencesBrowserIT {

    static final String CHROMIUM = System.getProperty("hubpress.chromium", "/usr/bin/chromium");
    static final Map<String, String> ENV = Map.of("SOURCE_DATE_EPOCH", "1740823200",
            LocalMail.SECRET_ENV, "a local test secret of 32+ characters!");

    @TempDir
    Path tmp;

    int hub(Path content, Path out, String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--out", out.toString()));
        if (args[0].equals("publish")) {
            all.addAll(List.of("--content", content.toString()));
        }
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        PrintStream print = new PrintStream(printed, true, StandardCharsets.UTF_8);
        int status = new HubCommand(print, print, ENV, Channels::discover).run(all.toArray(String[]::new));
        assertThat(status).as(String.join(" ", args) + ": " + printed.toString(StandardCharsets.UTF_8)).isZero();
        return status;
    }

    @Test
    void aReaderSubscribesConfirmsChangesPreferencesAndLeavesInTheBrowser() throws Exception {
        requireChromium();
        // GIVEN a published hub with one digest sent (so the digest preview exists), served as ./hub preview serves it
        Path content = ContentFixtures.copyRepositoryContent(tmp.resolve("content"));
        Path out = tmp.resolve("out");
        hub(content, out, "publish");
        hub(content, out, "subscribers", "add", "editor@example.com");
        Path page = content.resolve("careers/first-backend-role.md");
        Files.writeString(page, Files.readString(page).replace("## What it pays\n", "## What it pays\n\nPay bands moved in 2026.\n"));
        hub(content, out, "publish");
        hub(content, out, "digest");
        LocalMail mail = new LocalMail(out, "hub", Clock.systemUTC(), ENV, m -> { });
        try (PreviewServer server = PreviewServer.start(out.resolve("site"), 0)) {
            server.serveApi(new LocalSubscriptions(mail, server.url() + "api"));

            // WHEN the browser goes through the whole subscription
            JsonNode report = run(server.url(), out.resolve("outbox"));

            // THEN every page and email on the way had no axe violation, and nothing was fetched from elsewhere
            assertThat(report.get("axe").size()).as(report.toString()).isEqualTo(10);
            report.get("axe").fields().forEachRemaining(e -> assertThat(e.getValue()).as(e.getKey() + " in " + report).isEmpty());
            assertThat(report.get("requests")).isEmpty();
            JsonNode texts = report.get("texts");
            assertThat(texts.get("subscribed").asText()).contains("a confirmation email is on its way");
            assertThat(texts.get("confirmed").asText()).contains("Your subscription is confirmed.");
            assertThat(texts.get("welcome").asText()).contains("You follow Career levels.").contains("first-backend-role.html");
            assertThat(texts.get("saved").asText()).contains("Your settings are saved.");
            assertThat(report.get("skillsTicked").asBoolean()).isTrue();
            assertThat(texts.get("link requested").asText()).isEqualTo(dev.hubpress.core.mail.Answer.Outcome.LINK_ON_ITS_WAY.message());
            assertThat(report.get("skillsTickedFromMagicLink").asBoolean()).isTrue();
            assertThat(texts.get("left").asText()).contains("You are unsubscribed.");
            // and the directory saw each step: careers and skills, weekly, then unsubscribed
            Subscriber reader = mail.directory.find(EmailAddress.parse("reader@example.com")).orElseThrow();
            assertThat(reader.topics()).isEqualTo(Topics.of(List.of("careers", "skills"), List.of()));
            assertThat(reader.cadence()).isEqualTo(Cadence.WEEKLY);
            assertThat(reader.status()).isEqualTo(SubscriberStatus.UNSUBSCRIBED);
        }
    }

    private static void requireChromium() {
        if (Files.isExecutable(Path.of(CHROMIUM))) {
            return;
        }
        String missing = "Chromium is not installed at " + CHROMIUM + " (apt-get install -y chromium, or -Dhubpress.chromium=PATH)";
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            fail(missing);
        }
        Assumptions.abort(missing + "; skipped (CI is not set)");
    }

    private JsonNode run(String base, Path outbox) throws Exception {
        Path root = Path.of("").toAbsolutePath();
        while (!Files.isRegularFile(root.resolve("emulators/package-lock.json"))) {
            root = root.getParent();
        }
        Path modules = root.resolve("emulators/node_modules");
        assertThat(modules.resolve("axe-core/axe.min.js")).as("axe-core in emulators/node_modules (npm ci in emulators/)").isRegularFile();
        List<String> command = new ArrayList<>(List.of("node", root.resolve("apps/cli/src/test/node/preferences.cjs").toString(),
                base, outbox.toString(), modules.toString(), CHROMIUM));
        String shots = System.getProperty("hubpress.screenshots", "");
        if (!shots.isBlank()) {
            Files.createDirectories(Path.of(shots));
            command.add(Path.of(shots).toAbsolutePath().toString());
        }
        Path json = tmp.resolve("report.json");
        Path log = tmp.resolve("browser.log");
        Process node = new ProcessBuilder(command).redirectOutput(json.toFile()).redirectError(log.toFile()).start();
        if (!node.waitFor(180, TimeUnit.SECONDS)) {
            node.destroyForcibly();
            fail("the browser script took over 180 s: " + Files.readString(log));
        }
        assertThat(node.exitValue()).as("browser script exit; its log:\n" + Files.readString(log)).isZero();
        return new ObjectMapper().readTree(json.toFile());
    }
}
