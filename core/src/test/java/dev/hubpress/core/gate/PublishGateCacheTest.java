package dev.hubpress.core.gate;

import dev.hubpress.core.testing.Gates;
import dev.hubpress.core.content.GateError;
import dev.hubpress.core.content.ContentTree;
import dev.hubpress.core.load.ContentReader;
import dev.hubpress.core.markdown.MarkdownEngine;
import dev.hubpress.core.markdown.RenderContext;
import dev.hubpress.core.model.Hub;
import dev.hubpress.core.model.Page;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

import static dev.hubpress.core.testing.ContentFixtures.HUB_YAML;
import static dev.hubpress.core.testing.ContentFixtures.page;
import static dev.hubpress.core.testing.ContentFixtures.tree;
import static dev.hubpress.core.testing.ContentFixtures.with;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A long-lived gate reuses the pages its reader parsed in its last inspections when their text
 * did not change, and never lets a reused page hide a problem: every rule runs every time.
 */
class PublishGateCacheTest {

    private static final String A = "guides/a.md";
    private static final String B = "guides/b.md";

    private final MarkdownEngine markdown = MarkdownEngine.standard();
    private final ContentReader reader = new ContentReader(markdown);
    private final PublishGate gate = new PublishGate(reader, GateLimits.DEFAULT, Gates.channels());

    private static ContentTree twoPages(String bodyOfB) {
        return tree(A, page("A", "guides", 1, "## Intro\n\nSee [b](b.md#details).\n"),
                B, page("B", "guides", 2, bodyOfB));
    }

    private static Page pageOf(Hub hub, String slug) {
        return hub.page(slug).orElseThrow();
    }

    @Test
    void unchangedPagesAreReusedAndChangedOnesReadAgain() {
        // given a hub the gate has inspected
        Hub first = gate.inspect(twoPages("## Details\n\nOne.\n")).hub().orElseThrow();

        // when only b changes
        Hub second = gate.inspect(twoPages("## Details\n\nTwo.\n")).hub().orElseThrow();

        // then a is the same parsed document, b is parsed afresh, and the hubs are otherwise alike
        assertThat(pageOf(second, "guides/a").document()).isSameAs(pageOf(first, "guides/a").document());
        assertThat(pageOf(second, "guides/b").document()).isNotSameAs(pageOf(first, "guides/b").document());
        assertThat(pageOf(second, "guides/b").source()).contains("Two.");
        assertThat(second.pages()).extracting(Page::slug).containsExactlyElementsOf(first.pages().stream().map(Page::slug).toList());
    }

    @Test
    void aReusedPageRendersExactlyAsAFreshlyReadOne() {
        // given the same tree inspected twice by one gate, and once by a new gate
        ContentTree tree = twoPages("## Details\n\nOne.[^1]\n\n[^1]: A note.\n");
        gate.inspect(tree);
        Hub reused = gate.inspect(tree).hub().orElseThrow();
        Hub fresh = Gates.gate().inspect(tree).hub().orElseThrow();

        // then every page renders to the same HTML
        for (Page page : fresh.pages()) {
            RenderContext context = RenderContext.relative(page.slug(), name -> Optional.empty());
            assertThat(markdown.render(pageOf(reused, page.slug()).document(), context))
                    .isEqualTo(markdown.render(page.document(), context));
        }
    }

    @Test
    void aBrokenAnchorOnAReusedPageIsStillReported() {
        // given a gate that has seen a link from a to b#details resolve
        assertThat(gate.inspect(twoPages("## Details\n\nOne.\n")).passed()).isTrue();

        // when b drops the heading (a itself is unchanged and reused)
        GateResult result = gate.inspect(twoPages("## Other\n\nOne.\n"));

        // then the link from a is reported as broken, at a's line
        assertThat(result.passed()).isFalse();
        assertThat(result.errors()).singleElement().satisfies(e -> {
            assertThat(e.path()).isEqualTo(A);
            assertThat(e.message()).contains("broken anchor");
        });
    }

    @Test
    void aPageWhoseSectionLeftHubYamlIsRejectedEvenIfItsTextDidNotChange() {
        // given a gate that has accepted a page in section guides
        ContentTree tree = twoPages("## Details\n\nOne.\n");
        assertThat(gate.inspect(tree).passed()).isTrue();

        // when hub.yaml no longer lists guides
        String yaml = HUB_YAML.replace("  - { id: guides, title: Guides }\n", "  - { id: other, title: Other }\n");
        GateResult result = gate.inspect(with(tree, "hub.yaml", yaml.getBytes(StandardCharsets.UTF_8)));

        // then both pages are rejected for their unknown section
        assertThat(result.passed()).isFalse();
        assertThat(result.errors()).extracting(GateError::path).contains(A, B);
        assertThat(result.errors()).allSatisfy(e -> assertThat(e.message()).contains("unknown section 'guides'"));
    }

    @Test
    void aRejectedPageIsNotRemembered() {
        // given a page with an error
        GateResult rejected = gate.inspect(twoPages("# Level one\n"));
        assertThat(rejected.passed()).isFalse();

        // when the same tree is inspected again, the error is reported again
        assertThat(gate.inspect(twoPages("# Level one\n")).errors()).isEqualTo(rejected.errors());
    }

    @Test
    void onlyPagesOfTheLastTwoReadsAreKept() {
        // given three inspections of trees with different b pages
        gate.inspect(twoPages("## Details\n\nOne.\n"));
        gate.inspect(twoPages("## Details\n\nTwo.\n"));
        gate.inspect(twoPages("## Details\n\nThree.\n"));

        // then the reader remembers the pages of the last two reads only: index, a, and b as Two and Three
        assertThat(reader.remembered()).isEqualTo(4);
    }
}
