package dev.hubpress.core.gate;

import dev.hubpress.core.channel.Channel;
import dev.hubpress.core.channel.CharacterSet;
import dev.hubpress.core.channel.Channels;
import dev.hubpress.core.content.ContentTree;
import dev.hubpress.core.content.GateError;
import dev.hubpress.core.load.ContentReader;
import dev.hubpress.core.markdown.MarkdownEngine;
import dev.hubpress.core.testing.Gates;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static dev.hubpress.core.testing.ContentFixtures.HUB_YAML;
import static dev.hubpress.core.testing.ContentFixtures.page;
import static dev.hubpress.core.testing.ContentFixtures.tree;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A channel that declares what it can print ({@link Channel#printable()}) gets its say at the gate:
 * a character outside that set is refused at its file and line, named, wherever readers see text.
 * Pages built with {@code page(...)} have their body from line 7.
 */
class PrintableRulesTest {

    /** A toy channel that prints printable ASCII, Latin-1 and the CJK block only. */
    private static final CharacterSet NARROW = CharacterSet.parse("0020-007E\n00A0-00FF\n4E00-9FFF\n");

    private static PublishGate gate(Channel... extra) {
        List<Channel> channels = new ArrayList<>(Gates.channels().all());
        channels.addAll(List.of(extra));
        return new PublishGate(new ContentReader(MarkdownEngine.standard()), GateLimits.DEFAULT, Channels.of(channels));
    }

    @Test
    void aCharacterTheChannelCannotPrintIsRefusedAtItsLineAndNamed() {
        // GIVEN a page whose body holds CJK the channel prints on line 9 and a private-use character on line 10
        ContentTree tree = tree("guides/a.md", page("A", "guides", 1, "## One\n\n漢字 are fine.\nA private \uE000 glyph.\n"));

        // WHEN the gate inspects it with the toy channel
        GateResult result = gate(Gates.printing("pdf", NARROW)).inspect(tree);

        // THEN the revision is refused with exactly that character, at that line
        assertThat(result.hub()).isEmpty();
        assertThat(result.errors()).extracting(GateError::toString).containsExactly(
                "guides/a.md:10: the pdf channel cannot print U+E000 '\uE000' (PRIVATE USE AREA E000): use another character or leave it out");
    }

    @Test
    void everyPlaceReadersSeeTextIsCheckedAndEachCharacterReportedOnceAtItsFirstLine() {
        // GIVEN an emoji in hub.yaml's subtitle, a supplementary ideograph in a title, a Greek letter
        // written as a character reference, and the same Hebrew letter on two lines
        String hubYaml = HUB_YAML.replace("subtitle: A hub for tests", "subtitle: A hub for tests \uD83D\uDE80");
        ContentTree tree = tree("hub.yaml", hubYaml,
                "guides/a.md", page("Ext-B \uD840\uDC00", "guides", 1, "## One\n\nAlpha &#x3B1; here.\n\n\u05D0 once\n\n\u05D0 twice\n"));

        // WHEN the gate inspects it
        GateResult result = gate(Gates.printing("pdf", NARROW)).inspect(tree);

        // THEN each is named once, at the line it first appears on
        assertThat(result.errors()).extracting(GateError::toString).containsExactly(
                "guides/a.md:2: the pdf channel cannot print U+20000 '\uD840\uDC00' (CJK UNIFIED IDEOGRAPHS EXTENSION B 20000): use another character or leave it out",
                "guides/a.md:9: the pdf channel cannot print U+03B1 '\u03B1' (GREEK SMALL LETTER ALPHA): use another character or leave it out",
                "guides/a.md:11: the pdf channel cannot print U+05D0 '\u05D0' (HEBREW LETTER ALEF): use another character or leave it out",
                "hub.yaml:2: the pdf channel cannot print U+1F680 '\uD83D\uDE80' (ROCKET): use another character or leave it out");
    }

    @Test
    void aPageInAScriptTheChannelLacksGetsTwentyErrorsAndACount() {
        // GIVEN a page of 30 different Greek letters, one a line
        StringBuilder body = new StringBuilder("## Greek\n\n");
        for (int c = 0x3B1; c < 0x3B1 + 30; c++) {
            body.appendCodePoint(c).append("\n\n");
        }
        ContentTree tree = tree("guides/a.md", page("A", "guides", 1, body.toString()));

        // WHEN the gate inspects it
        GateResult result = gate(Gates.printing("pdf", NARROW)).inspect(tree);

        // THEN the first twenty are named and the ten others counted, at the 21st's line
        assertThat(result.errors()).hasSize(PrintableRules.MAX_PER_FILE + 1);
        assertThat(result.errors().get(PrintableRules.MAX_PER_FILE).toString())
                .isEqualTo("guides/a.md:49: and 10 more characters the pdf channel cannot print, the first U+03C5 on this line");
    }

    @Test
    void withoutADeclarationEveryCharacterPassesAndTabsAndLineBreaksAreNeverChecked() {
        // GIVEN a page with emoji, a private-use character, a tab and CRLF line ends
        ContentTree tree = tree("guides/a.md", page("A", "guides", 1, "## One\r\n\r\nRocket \uD83D\uDE80\tand \uE000.\r\n"));

        // THEN the channels that declare no printable set accept it, and the toy one sees only the two characters
        assertThat(gate().inspect(tree).errors()).isEmpty();
        assertThat(gate(Gates.printing("pdf", NARROW)).inspect(tree).errors()).extracting(GateError::message)
                .allSatisfy(m -> assertThat(m).startsWith("the pdf channel cannot print U+"))
                .hasSize(2);
    }
}
