package dev.hubpress.core.gate;

import dev.hubpress.core.testing.Gates;
import dev.hubpress.core.markdown.MarkdownEngine;
import dev.hubpress.core.model.Hub;
import dev.hubpress.core.model.Page;
import dev.hubpress.core.model.PageKind;
import dev.hubpress.core.testing.ContentFixtures;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The hub's own content/ passes the gate and has what the hub promises readers. */
class RepositoryContentTest {

    private final PublishGate gate = Gates.gate();

    @Test
    void repositoryContentPassesTheGate() {
        GateResult result = gate.inspect(ContentFixtures.repositoryTree());

        assertThat(result.errors()).isEmpty();
        Hub hub = result.hub().orElseThrow();
        assertThat(hub.pages()).hasSizeGreaterThanOrEqualTo(24);
        assertThat(hub.pages().get(0).slug()).isEqualTo("index");
    }

    @Test
    void faqAnswersAllEightQuestions() {
        Hub hub = gate.inspect(ContentFixtures.repositoryTree()).hub().orElseThrow();

        Page faq = hub.pages().stream().filter(p -> p.kind() == PageKind.FAQ).findFirst().orElseThrow();
        assertThat(faq.headings().stream().filter(h -> h.level() == 2 && h.text().endsWith("?"))).hasSize(8);
    }

    @Test
    void compensationCoversEveryLevelTheChartsShow() {
        Hub hub = gate.inspect(ContentFixtures.repositoryTree()).hub().orElseThrow();

        assertThat(hub.compensation().orElseThrow().levels())
                .extracting(l -> l.id())
                .containsExactly("entry", "senior", "staff", "principal");
    }
}
