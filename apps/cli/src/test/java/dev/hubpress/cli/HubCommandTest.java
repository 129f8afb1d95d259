package dev.hubpress.cli;

import dev.hubpress.core.channel.Channels;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code ./hub}'s command line in-process: help, usage errors and their exit statuses. Nothing
 * here gets as far as publishing.
 */
class HubCommandTest {

    @TempDir
    Path tmp;

    final Map<String, String> env = new HashMap<>();
    final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    final ByteArrayOutputStream stderr = new ByteArrayOutputStream();

    int hub(String... args) {
        return new HubCommand(new PrintStream(stdout, true, StandardCharsets.UTF_8),
                new PrintStream(stderr, true, StandardCharsets.UTF_8), env, Channels::discover)
                .run(args);
    }

    String out() {
        return stdout.toString(StandardCharsets.UTF_8);
    }

    String err() {
        return stderr.toString(StandardCharsets.UTF_8);
    }

    @ParameterizedTest(name = "./hub {0} --help")
    @CsvSource(delimiter = '|', value = {
            "''               | publish preview rollback subscribers digest | SOURCE_DATE_EPOCH HUB_TOKEN_SECRET HUB_MAIL_FROM HUB_SKIP_BUILD HUB_CDS HUB_JAVA_OPTS Exit status",
            "publish          | --content --out --hub --rebuild    | SOURCE_DATE_EPOCH Exit status",
            "preview          | --content --out --hub --port       | SOURCE_DATE_EPOCH Exit status",
            "rollback         | REVISION --out --hub               | SOURCE_DATE_EPOCH Exit status",
            "subscribers      | add list remove                    | Exit status",
            "subscribers add  | <email> --weekly --sections --page --out --hub | double opt-in",
            "subscribers list | --out --hub                        | Every subscriber",
            "subscribers remove | <email> --out --hub              | Unsubscribe",
            "digest           | --weekly --out --hub               | SOURCE_DATE_EPOCH HUB_TOKEN_SECRET HUB_MAIL_FROM HUB_API_BASE_URL Exit status"})
    void helpOnEveryCommandPrintsItsUsageAndExitsZero(String command, String options, String sections) {
        // GIVEN a command, and --help after it
        List<String> args = new ArrayList<>(command.isEmpty() ? List.of() : List.of(command.split(" ")));
        args.add("--help");

        // WHEN it runs
        int status = hub(args.toArray(String[]::new));

        // THEN its usage is on standard output, naming each of its options, and nothing is on standard error
        assertThat(status).as(err()).isZero();
        assertThat(out()).startsWith("Usage: ./hub " + command).contains("-h, --help");
        for (String option : options.split(" +")) {
            assertThat(out()).as(option).contains(option);
        }
        for (String section : sections.split(" (?=[A-Z])")) {
            assertThat(out()).as(section).contains(section);
        }
        assertThat(err()).isEmpty();
    }

    @Test
    void aCommandNamedFirstIsBuiltAloneAndReadsAsItDoesAmongTheOthers() {
        // GIVEN the command line with every command
        HubCommand hub = new HubCommand(new PrintStream(stdout, true, StandardCharsets.UTF_8),
                new PrintStream(stderr, true, StandardCharsets.UTF_8), env, Channels::discover);
        Map<String, CommandLine> all = hub.commandLine(null).getSubcommands();
        assertThat(all).containsKeys("publish", "preview", "subscribers", "rollback", "digest", "help");

        for (String name : all.keySet()) {
            // WHEN the first argument names that command
            Map<String, CommandLine> alone = hub.commandLine(name).getSubcommands();

            // THEN it is the only command built (help alone needs the others), with the same usage
            if (name.equals("help")) {
                assertThat(alone.keySet()).as(name).isEqualTo(all.keySet());
            } else {
                assertThat(alone.keySet()).as(name).containsExactly(name);
                assertThat(alone.get(name).getUsageMessage()).as(name).isEqualTo(all.get(name).getUsageMessage());
            }
        }
    }

    @Test
    void onlyThePublishingCommandsAskForTheChannels() throws Exception {
        // GIVEN channels that cannot be found, and an output folder with content beside it
        Path content = Files.createDirectories(tmp.resolve("content"));
        Files.writeString(content.resolve("index.md"), "---\ntitle: Home\n---\n# Home\n");
        Path out = tmp.resolve("out");
        List<String> asked = new ArrayList<>();
        Function<String, HubCommand> hub = command -> new HubCommand(
                new PrintStream(stdout, true, StandardCharsets.UTF_8), new PrintStream(stderr, true, StandardCharsets.UTF_8), env,
                () -> {
                    asked.add(command);
                    throw new IllegalStateException("no channels");
                });

        // WHEN each command but preview (a server) runs
        hub.apply("publish").run("publish", "--content", content.toString(), "--out", out.toString());
        hub.apply("rollback").run("rollback", "1", "--out", out.toString());
        hub.apply("subscribers").run("subscribers", "list", "--out", out.toString());
        hub.apply("digest").run("digest", "--out", out.toString());

        // THEN publish and rollback asked for them, subscribers and digest did not: ./hub finds them
        // ahead for those, and for preview, which serves what publish publishes (a content command too)
        assertThat(asked).containsExactly("publish", "rollback");
        assertThat(HubCommand.PUBLISHING).containsExactlyInAnyOrder("publish", "rollback", "preview");
        assertThat(HubCommand.startsAhead("publish", "--content", "c")).isTrue();
        assertThat(HubCommand.startsAhead("preview")).isTrue();
        // not for one that only prints its usage, nor for the others
        assertThat(HubCommand.startsAhead("publish", "--help")).isFalse();
        assertThat(HubCommand.startsAhead("rollback", "-h")).isFalse();
        assertThat(HubCommand.startsAhead("subscribers", "list")).isFalse();
        assertThat(HubCommand.startsAhead()).isFalse();
        assertThat(ContentCommand.class.isAssignableFrom(PreviewCommand.class)).isTrue();
    }

    @Test
    void helpIsAlsoACommandAndTheTopCommandAloneIsAUsageError() {
        // GIVEN / WHEN ./hub help publish, and ./hub with no arguments
        int help = hub("help", "publish");
        String publishUsage = out();
        stdout.reset();
        int alone = hub();

        // THEN help prints the command's usage and exits 0; no command at all is a usage error:
        // one line saying so and the usage, on stderr, exit 2
        assertThat(help).isZero();
        assertThat(publishUsage).startsWith("Usage: ./hub publish").contains("--rebuild");
        assertThat(alone).isEqualTo(2);
        assertThat(out()).isEmpty();
        assertThat(err()).startsWith("hub: name a command").contains("Usage: ./hub").contains("Commands:");
    }

    @Test
    void anUnknownOptionIsAUsageErrorWithTheCommandsUsage() {
        // GIVEN / WHEN publish with an option it does not have
        int status = hub("publish", "--frobnicate");

        // THEN exit 2; standard error says what is wrong in one line, then publish's usage; nothing on standard output
        assertThat(status).isEqualTo(HubCommand.USAGE);
        assertThat(err().lines().findFirst()).hasValue("hub: unknown option '--frobnicate' for publish");
        assertThat(err()).contains("Usage: ./hub publish").contains("--rebuild");
        assertThat(out()).isEmpty();
    }

    @Test
    void anOptionOfAnotherCommandIsAnUnknownOption() {
        // GIVEN / WHEN --port (preview's) on publish, and --weekly (add's) on list
        int port = hub("publish", "--port", "8001");
        int weekly = hub("subscribers", "list", "--weekly");

        // THEN both are usage errors
        assertThat(port).isEqualTo(HubCommand.USAGE);
        assertThat(weekly).isEqualTo(HubCommand.USAGE);
        assertThat(err()).contains("hub: unknown option '--port' for publish")
                .contains("hub: unknown option '--weekly' for subscribers list");
    }

    @Test
    void anUnknownCommandIsAUsageErrorThatSuggestsTheNearestOne() {
        // GIVEN / WHEN a misspelt command
        int status = hub("pubilsh");

        // THEN exit 2, the top usage, and a suggestion
        assertThat(status).isEqualTo(HubCommand.USAGE);
        assertThat(err()).startsWith("hub: unknown command 'pubilsh' (did you mean publish?)").contains("Usage: ./hub");
    }

    @Test
    void aPortOutOfRangeIsAUsageError() {
        // GIVEN / WHEN preview on port 70000
        int status = hub("preview", "--port", "70000");

        // THEN exit 2 before anything is published or served
        assertThat(status).isEqualTo(HubCommand.USAGE);
        assertThat(err()).startsWith("hub: --port takes a number from 0 to 65535: 70000").contains("Usage: ./hub preview");
        assertThat(out()).isEmpty();
    }

    @Test
    void aHubIdWithASpaceIsAUsageError() {
        // GIVEN / WHEN a hub id with a space, on a command that publishes and on one that mails
        int publish = hub("publish", "--hub", "bad id", "--content", tmp.toString(), "--out", tmp.resolve("out").toString());
        int digest = hub("digest", "--hub=bad id", "--out", tmp.resolve("out").toString());

        // THEN both are usage errors that name the rule, and nothing was written
        assertThat(publish).isEqualTo(HubCommand.USAGE);
        assertThat(digest).isEqualTo(HubCommand.USAGE);
        assertThat(err()).contains("hub: --hub takes letters, digits, '-' and '_': bad id");
        assertThat(tmp.resolve("out")).doesNotExist();
    }

    @Test
    void aMissingValueOrArgumentIsAUsageError() {
        // GIVEN / WHEN an option without its value, an empty one, and add without its address
        int noValue = hub("publish", "--content");
        int empty = hub("publish", "--out=");
        int noAddress = hub("subscribers", "add");
        int noAction = hub("subscribers");

        // THEN each is a usage error that says what is missing
        assertThat(List.of(noValue, empty, noAddress, noAction)).containsOnly(HubCommand.USAGE);
        assertThat(err()).contains("hub: --content needs a value").contains("hub: --out needs a value")
                .contains("hub: subscribers add needs <email>").contains("hub: subscribers needs add, list or remove");
    }

    @Test
    void aSourceDateEpochThatIsNotWholeSecondsIsAUsageError() throws Exception {
        // GIVEN a content folder, and SOURCE_DATE_EPOCH with a fraction
        Files.createDirectories(tmp.resolve("content"));
        env.put("SOURCE_DATE_EPOCH", "1740823200.5");

        // WHEN publishing
        int status = hub("publish", "--content", tmp.resolve("content").toString(), "--out", tmp.resolve("out").toString());

        // THEN exit 2 and nothing written
        assertThat(status).isEqualTo(HubCommand.USAGE);
        assertThat(err()).startsWith("hub: SOURCE_DATE_EPOCH must be a whole number of seconds since 1970: 1740823200.5");
        assertThat(tmp.resolve("out")).doesNotExist();
    }

    @Test
    void aMissingContentFolderSaysWhereItLooked() {
        // GIVEN / WHEN publish with a content folder that is not there
        int status = hub("publish", "--content", tmp.resolve("nowhere").toString(), "--out", tmp.resolve("out").toString());

        // THEN exit 2 with the absolute path and the hint
        assertThat(status).isEqualTo(HubCommand.USAGE);
        assertThat(err()).contains("hub: no content folder at " + tmp.resolve("nowhere").toAbsolutePath())
                .contains("pass --content DIR");
    }

    @Test
    void versionPrintsTheBuildVersion() {
        // GIVEN / WHEN --version, on the top command and on a subcommand
        int top = hub("--version");
        int sub = hub("digest", "-V");

        // THEN the project version and the runtime that runs it, twice
        assertThat(top).isZero();
        assertThat(sub).isZero();
        List<String> lines = out().lines().toList();
        assertThat(lines).hasSize(4);
        for (int i : new int[]{0, 2}) {
            assertThat(lines.get(i)).matches("hub \\d+\\.\\d+\\.\\d+.*");
            assertThat(lines.get(i + 1)).isEqualTo("on Java " + Runtime.version() + " (" + System.getProperty("java.home") + ")");
        }
    }
}
