package dev.hubpress.core.gate;

import dev.hubpress.core.chart.CompensationChartAccess;
import dev.hubpress.core.content.ContentTree;
import dev.hubpress.core.content.GateError;
import dev.hubpress.core.testing.Gates;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.List;

import static dev.hubpress.core.testing.ContentFixtures.page;
import static dev.hubpress.core.testing.ContentFixtures.tree;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Pages built to hurt the pipeline are refused by the gate, quickly and at their line, instead of
 * overflowing the stack or taking minutes in every channel. (The timeout only stops a regression
 * from hanging the build: before these limits the links page took 16 s and the backticks 34 s.)
 * Pages built with {@code page(...)} have their body from line 7.
 */
@Timeout(60)
class HostilePagesTest {

    private static final String A = "guides/a.md";
    private final PublishGate gate = Gates.gate();

    private List<GateError> errors(String body) {
        GateResult result = gate.inspect(tree(A, page("A", "guides", 1, body)));
        assertThat(result.passed()).isFalse();
        return result.errors();
    }

    @Test
    void aParagraphOfTensOfThousandsOfLinksIsRefusedAtItsFirstLine() {
        // GIVEN 224 KB of links in one paragraph, after an ordinary one
        StringBuilder links = new StringBuilder("An opening paragraph.\n\n");
        while (links.length() < 224_000) {
            links.append("[a](https://example.com/x) ");
        }

        // THEN one error, at the paragraph's first line (body line 3 = file line 9)
        assertThat(errors(links.toString())).extracting(GateError::toString)
                .containsExactly(A + ":9: this paragraph holds more than 500 links: split it into shorter paragraphs");
    }

    @Test
    void aParagraphOfTensOfThousandsOfCodeSpansIsRefused() {
        assertThat(errors("` ".repeat(64_000))).extracting(GateError::toString).containsExactly(
                A + ":7: this paragraph holds more than 2000 runs of backticks (about 1000 code spans): split it into shorter paragraphs");
    }

    @Test
    void blockQuotesAndListsNestedTooDeepAreRefusedWithoutBeingParsed() {
        // GIVEN a thousand nested quotes (rendering overflowed the stack), twenty thousand (parsing did),
        // and a list nested 400 levels
        StringBuilder list = new StringBuilder();
        for (int i = 0; i < 400; i++) {
            list.append("  ".repeat(i)).append("- x\n");
        }

        // THEN each is refused at its line, with the limit
        assertThat(errors(">".repeat(1_000) + " x\n")).extracting(GateError::toString)
                .containsExactly(A + ":7: block quotes nested 1000 deep (at most 32)");
        assertThat(errors("Text.\n\n" + ">".repeat(20_000) + " x\n")).extracting(GateError::toString)
                .containsExactly(A + ":9: block quotes nested 20000 deep (at most 32)");
        assertThat(errors(list.toString())).first().hasToString(A + ":72: line indented 130 columns (at most 128): lists nest too deep");
    }

    @Test
    void nestingWithinTheLimitsStillPasses() {
        StringBuilder list = new StringBuilder();
        for (int i = 0; i < 40; i++) {
            list.append("  ".repeat(i)).append("- x\n");
        }
        assertThat(gate.inspect(tree(A, page("A", "guides", 1, ">".repeat(32) + " deep\n\n" + list))).errors()).isEmpty();
    }

    @Test
    void controlCharactersWrittenAsYamlEscapesAndNoncharactersAreRefusedAndEveryOtherErrorStillReported() {
        // GIVEN a title holding a bell through a YAML escape, a body with U+FFFE and a control
        // character, and a broken link further down
        String text = "---\ntitle: \"A \\a bell\"\nsummary: S.\nsection: guides\norder: 1\n---\nOne \uFFFE.\n\nTwo \u0001.\n\n"
                + "[gone](missing.md)\n";

        // WHEN the gate inspects it
        List<GateError> errors = gate.inspect(tree(A, text)).errors();

        // THEN every one of them is reported at its line, the broken link included
        assertThat(errors).extracting(GateError::toString).containsExactly(
                A + ":2: forbidden character U+0007 in a value: only tabs and line breaks may appear in text",
                A + ":7: noncharacter U+FFFE: only tabs and line breaks may appear in text",
                A + ":9: control character U+0001: only tabs and line breaks may appear in text",
                A + ":11: broken link 'missing.md': no page guides/missing.md");
    }

    @Test
    void anEmptyContentFolderIsOneErrorThatSaysSoNotAMissingHubYamlAtALineThatDoesNotExist() {
        assertThat(gate.inspect(new ContentTree(List.of())).errors()).extracting(GateError::toString).containsExactly(
                "(content):1: the content folder holds no file: a hub needs at least hub.yaml and index.md");
    }

    @Test
    void aYamlAliasThatContainsItselfIsReadOnceNotForEver() {
        // GIVEN hub.yaml whose only value is a list holding itself (found by the fuzz test: the
        // check for escaped control characters walked the alias cycle for ever)
        ContentTree tree = tree("hub.yaml", "a: &a [*a]\n");

        // THEN the gate answers, with hub.yaml's real problems
        assertThat(gate.inspect(tree).errors()).extracting(GateError::path).contains("hub.yaml");
    }

    @Test
    void payBandsBeyondAnyRealAmountAreRefusedAtTheirLineAndTheChartCannotLoop() {
        // GIVEN a band whose top is about 4.6e18, which made the chart's scale loop for ever
        ContentTree tree = tree("data/compensation.yaml", "currency: USD\nlevels:\n  - id: entry\n    label: Entry\n"
                + "    min: 10\n    max: 4611686018427387904\n");

        // THEN the gate names the line (and the list, left with no usable level), and the chart's
        // scale terminates even on the largest value
        assertThat(gate.inspect(tree).errors()).extracting(GateError::toString).containsExactly(
                "data/compensation.yaml:3: levels must list at least one level",
                "data/compensation.yaml:6: max is 4611686018427387904; amounts go up to 1000000000000 (a trillion), in the currency's units");
        assertThat(CompensationChartAccess.tickStep(Long.MAX_VALUE)).isPositive();
    }
}
