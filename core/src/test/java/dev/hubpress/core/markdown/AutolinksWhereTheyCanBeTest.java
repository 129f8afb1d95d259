package dev.hubpress.core.markdown;

import com.vladsch.flexmark.ast.Text;
import com.vladsch.flexmark.util.ast.Node;
import com.vladsch.flexmark.util.sequence.BasedSequence;
import dev.hubpress.core.content.ContentFile;
import dev.hubpress.core.testing.ContentFixtures;
import dev.hubpress.core.testing.EdgeCaseContent;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The standard engine looks for autolinks only in text that can hold one, and renders exactly what
 * Flexmark's own autolink extension, scanning every text node, renders.
 */
class AutolinksWhereTheyCanBeTest {

    private static final MarkdownEngine STANDARD = MarkdownEngine.standard();
    private static final MarkdownEngine STOCK = MarkdownEngine.withStockAutolinks();

    /** Autolinks in every shape the extension finds, next to typography, escapes, entities and other inlines. */
    private static final List<String> TRICKY = List.of(
            "Visit https://example.com/path?q=1&r=2, www.example.org or <https://angle.test>.",
            "Write to team@example.com, or to john--doe@example.com (a dash the typographer turns into –).",
            "It's at http://example.com/it's -- and “www.example.com” in quotes... or 'www.example.org'.",
            "Escaped: http\\://example.com and www\\.example.com and team\\@example.com.",
            "Entities: http&#58;//example.com, www&#46;example.com, team&#64;example.com, &amp; plain.",
            "Schemes alone: ftp:// and mailto:someone@example.com and urn:isbn:123 and a colon: here.",
            "Upper case WWW.EXAMPLE.COM, wWw.example.com and wwwx and www. alone.",
            "*Emphasis around https://em.example.com* and **strong www.strong.example** and `code https://code.example`.",
            "[a link](https://explicit.example) next to https://bare.example and ~~https://struck.example~~.",
            "A footnote.[^1]\n\n[^1]: Source: https://source.example/report, 2026 -- see www.notes.example.",
            "| Col | Link |\n|---|---|\n| a | https://table.example |\n| b | x@y.example |",
            "> Quoted https://quote.example\n\n- item www.item.example\n- item \"http://quoted.example\"",
            "## Heading with https://heading.example\n\nText.",
            "Prose with no link at all, just words -- and dashes... and \"quotes\" in it.");

    static Stream<String> corpus() {
        List<String> texts = new ArrayList<>(TRICKY);
        for (ContentFile file : ContentFixtures.repositoryTree().files()) {
            texts.add(new String(file.bytes(), StandardCharsets.UTF_8));
        }
        for (ContentFile file : EdgeCaseContent.tree().files()) {
            texts.add(new String(file.bytes(), StandardCharsets.UTF_8));
        }
        return texts.stream();
    }

    @ParameterizedTest
    @MethodSource("corpus")
    void rendersExactlyAsTheStockExtensionDoes(String markdown) {
        // GIVEN a text, parsed by the standard engine and by one with Flexmark's own autolink extension
        RenderContext relative = RenderContext.relative("guides/page", name -> Optional.empty());
        RenderContext absolute = RenderContext.absolute("guides/page", "https://hub.test", name -> Optional.empty());

        // WHEN both render it, THEN the HTML is the same, in either context
        assertThat(STANDARD.render(STANDARD.parse(markdown), relative)).isEqualTo(STOCK.render(STOCK.parse(markdown), relative));
        assertThat(STANDARD.render(STANDARD.parse(markdown), absolute)).isEqualTo(STOCK.render(STOCK.parse(markdown), absolute));
    }

    @ParameterizedTest
    @ValueSource(strings = {"Plain prose without any link.", "Numbers 1, 2 and 3; dots... and (brackets)."})
    void textThatCannotHoldAnAutolinkIsNotScanned(String markdown) {
        // GIVEN prose with none of : @ & \ and no www
        Node text = new Text(BasedSequence.of(markdown));

        // WHEN the filter looks at it, THEN it is passed over
        assertThat(AutolinksWhereTheyCanBe.mayHoldAutolink(text)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"see https://x.example", "write to a@b.example", "go to www.x.example", "an entity &#58;",
            "an escape \\: here", "a colon: here"})
    void textThatMayHoldAnAutolinkIsScanned(String markdown) {
        // GIVEN text with a character an autolink can start at (or unescape to)
        Node text = new Text(BasedSequence.of(markdown));

        // WHEN the filter looks at it, THEN it goes to the extension
        assertThat(AutolinksWhereTheyCanBe.mayHoldAutolink(text)).isTrue();
    }
}
