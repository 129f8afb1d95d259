package dev.hubpress.core.testing;

import dev.hubpress.core.content.ContentTree;
import dev.hubpress.core.gate.GateResult;
import dev.hubpress.core.model.Hub;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** The edge-case hub is what its tests rely on: valid for the gate, with its long words where it says. */
class EdgeCaseContentTest {

    @Test
    void bothRevisionsPassTheGate() {
        // GIVEN the edge-case hub's two revisions, WHEN the gate inspects them
        GateResult first = Gates.gate().inspect(EdgeCaseContent.tree());
        GateResult edited = Gates.gate().inspect(EdgeCaseContent.edited());

        // THEN both pass, with every page
        assertThat(first.errors()).isEmpty();
        assertThat(edited.errors()).isEmpty();
        assertThat(first.hub().orElseThrow().pages()).hasSize(6);
        assertThat(EdgeCaseContent.tree().hash()).isNotEqualTo(EdgeCaseContent.edited().hash());
    }

    @Test
    void theLongWordsAreAsLongAsTheirNamesSayAndInTheContent() {
        // GIVEN the edge-case hub's content as one text
        ContentTree tree = EdgeCaseContent.tree();
        StringBuilder all = new StringBuilder();
        tree.files().forEach(f -> all.append(new String(f.bytes(), StandardCharsets.UTF_8)));

        // THEN the URL has 300 characters, the identifier 200, and every long word is in the content
        assertThat(EdgeCaseContent.URL).hasSize(300).startsWith("https://");
        assertThat(EdgeCaseContent.IDENTIFIER).hasSize(200).matches("[A-Za-z]+");
        assertThat(EdgeCaseContent.longWords()).allSatisfy(word -> {
            assertThat(word).hasSizeGreaterThanOrEqualTo(60).doesNotContainAnyWhitespaces();
            assertThat(all).contains(word);
        });
        Hub hub = Gates.gate().inspect(tree).hub().orElseThrow();
        assertThat(hub.pages()).anySatisfy(p -> assertThat(p.title()).contains(EdgeCaseContent.TITLE_WORD));
    }
}
