package dev.hubpress.it;

import dev.hubpress.core.channel.Artifact;
import dev.hubpress.core.channel.Channel;
import dev.hubpress.core.channel.ChannelRenderer;
import dev.hubpress.core.channel.Channels;
import dev.hubpress.core.channel.Setting;
import dev.hubpress.core.gate.GateLimits;
import dev.hubpress.core.gate.GateResult;
import dev.hubpress.core.gate.PublishGate;
import dev.hubpress.core.load.ContentReader;
import dev.hubpress.core.markdown.MarkdownEngine;
import dev.hubpress.core.testing.ContentFixtures;
import dev.hubpress.core.testing.Gates;
import dev.hubpress.local.LocalWorkspace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The channel registry as a process with every channel on its classpath finds it: the four
 * channels the modules declare, the test-only "toy" channel this module registers (README, "Add a
 * channel": a channel is a module with a declaration and a services entry, and nothing else
 * changes), and the declarations the other modules' tests stand in for ({@link Gates}).
 */
class ChannelRegistryTest {

    /** A channel that publishes one text file: registered in this module's test resources only. */
    public static final class ToyChannel implements Channel {
        static final Setting<String> GREETING = Setting.text("toy", "greeting", c -> "Hello from " + c.title(), 60);

        @Override
        public String id() {
            return "toy";
        }

        @Override
        public Set<String> owns() {
            return Set.of("toy.txt");
        }

        @Override
        public List<Setting<?>> settings() {
            return List.of(GREETING);
        }

        @Override
        public Optional<ChannelRenderer> renderer() {
            return Optional.of(edition -> List.of(Artifact.text("toy.txt", GREETING.of(edition.hub().config()) + ", "
                    + edition.revision().id() + "\n", "text/plain; charset=utf-8", Artifact.CachePolicy.SHORT)));
        }
    }

    @Test
    void everyChannelOnTheClasspathIsFoundInPublishOrder() {
        // WHEN the registry looks at this classpath
        Channels channels = Channels.discover();

        // THEN it finds the four channels and the toy, each after the channels it reads: the site after
        // the guide, the email and the feeds (which announce only what the site published) after the site
        assertThat(channels.ids()).containsExactly("guide", "site", "email", "feeds", "toy");
        assertThat(channels.publishing()).extracting(Channel::id).containsExactly("guide", "site", "feeds", "toy");
        assertThat(channels.withReaders(List.of("guide"))).containsExactly("guide", "site", "email", "feeds");
    }

    @Test
    void theDeclarationsOtherModulesTestWithAreTheRealOnes() {
        Channels real = Channels.discover();
        for (Channel stand : Gates.channels().all()) {
            Channel channel = real.get(stand.id()).orElseThrow();
            assertThat(channel.owns()).as(stand.id()).isEqualTo(stand.owns());
            assertThat(channel.reads()).as(stand.id()).isEqualTo(stand.reads());
            assertThat(channel.settings()).as(stand.id()).extracting(Setting::key, Setting::expected)
                    .containsExactlyElementsOf(stand.settings().stream()
                            .map(s -> org.assertj.core.groups.Tuple.tuple(s.key(), s.expected())).toList());
        }
    }

    @Test
    void theRepositoryContentPassesTheGateOfEveryRealChannel() {
        GateResult result = new PublishGate(new ContentReader(MarkdownEngine.standard()), GateLimits.DEFAULT, Channels.discover())
                .inspect(ContentFixtures.repositoryTree());
        assertThat(result.errors()).isEmpty();
    }

    @Test
    void aNewChannelIsGatedAndPublishedWithoutTouchingAnyOtherModule(@TempDir Path tmp) throws IOException {
        // GIVEN the repository's content with a setting of the toy channel in hub.yaml
        Path content = ContentFixtures.copyRepositoryContent(tmp.resolve("content"));
        String hubYaml = Files.readString(content.resolve("hub.yaml")) + "  toy: { greeting: Hi there }\n";
        Files.writeString(content.resolve("hub.yaml"), hubYaml, StandardCharsets.UTF_8);
        LocalWorkspace workspace = new LocalWorkspace(content, tmp.resolve("out"), "hub", Clock.systemUTC(),
                Channels.discover(), w -> { });

        // WHEN it is ingested and the toy channel published
        var accepted = (dev.hubpress.core.publish.IngestResult.Accepted) workspace.ingest().ingest(workspace.source().read(), "test");
        var report = workspace.publish().publish(accepted.revision(), accepted.hub(), accepted.history(), List.of("toy"));

        // THEN the gate read its setting, and its object is published and its status recorded
        assertThat(report.failed()).isEmpty();
        assertThat(Files.readString(workspace.siteFolder().resolve("toy.txt"))).isEqualTo("Hi there, r1\n");
        assertThat(workspace.log().get("hub", 1).orElseThrow().channels()).containsKey("toy");

        // AND a bad value of its setting is refused at its hub.yaml line, like any channel's
        Files.writeString(content.resolve("hub.yaml"), hubYaml.replace("greeting: Hi there", "greeting: [Hi, there]"),
                StandardCharsets.UTF_8);
        var rejected = (dev.hubpress.core.publish.IngestResult.Rejected) workspace.ingest().ingest(workspace.source().read(), "test");
        assertThat(rejected.revision().errors()).extracting(Object::toString).containsExactly("hub.yaml:"
                + hubYaml.lines().count() + ": channels.toy.greeting must be one line of text, at most 60 characters, not a list or mapping");
    }
}
