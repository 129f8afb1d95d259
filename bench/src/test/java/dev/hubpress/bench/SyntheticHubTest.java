package dev.hubpress.bench;

import dev.hubpress.core.channel.Channels;
import dev.hubpress.core.load.ContentReader;
import dev.hubpress.core.content.ContentTree;
import dev.hubpress.core.gate.GateLimits;
import dev.hubpress.core.gate.GateResult;
import dev.hubpress.core.gate.PublishGate;
import dev.hubpress.core.markdown.MarkdownEngine;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The benchmark's input is a valid hub, the same every time: otherwise its figures mean nothing. */
class SyntheticHubTest {

    @Test
    void generatedHubPassesTheGateWithEveryLinkResolved() {
        // given a generated hub
        ContentTree tree = SyntheticHub.generate(200);

        // when it goes through the gate
        GateResult result = new PublishGate(new ContentReader(MarkdownEngine.standard()), GateLimits.DEFAULT, Channels.discover())
                .inspect(tree);

        // then it passes with all its pages
        assertThat(result.errors()).isEmpty();
        assertThat(result.hub().orElseThrow().pages()).hasSize(200);
    }

    @Test
    void generationIsDeterministic() {
        assertThat(SyntheticHub.generate(50).hash()).isEqualTo(SyntheticHub.generate(50).hash());
    }
}
