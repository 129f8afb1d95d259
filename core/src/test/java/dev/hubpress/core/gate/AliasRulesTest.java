package dev.hubpress.core.gate;

import dev.hubpress.core.content.ContentTree;
import dev.hubpress.core.content.GateError;
import dev.hubpress.core.model.Page;
import dev.hubpress.core.testing.Gates;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.hubpress.core.testing.ContentFixtures.tree;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Front matter {@code aliases}: a page's former URLs, each a safe site path that no page or channel
 * publishes, declared once; every problem named at the alias's own line.
 */
class AliasRulesTest {

    private final PublishGate gate = Gates.gate();

    /** A page whose front matter ends with these lines (title on line 2, the first of them on line 6). */
    private static String page(String title, String... extra) {
        return "---\ntitle: " + title + "\nsummary: About " + title + ".\nsection: guides\norder: 1\n"
                + String.join("\n", extra) + "\n---\n## One\n\nText of " + title + ".\n";
    }

    private List<GateError> errors(ContentTree tree) {
        return gate.inspect(tree).errors();
    }

    @Test
    void aliasesBecomeThePagesOldSlugsWithOrWithoutHtml() {
        ContentTree tree = tree("guides/new.md", page("New", "aliases:", "  - guides/old", "  - old-top.html"));

        GateResult result = gate.inspect(tree);

        assertThat(result.errors()).isEmpty();
        Page page = result.hub().orElseThrow().page("guides/new").orElseThrow();
        assertThat(page.aliases()).containsExactly("guides/old", "old-top");
    }

    @Test
    void unsafeAliasesAreRejectedEachAtItsLine() {
        ContentTree tree = tree("guides/new.md", page("New", "aliases:", "  - ../etc/passwd", "  - /rooted",
                "  - https://evil.test/x", "  - Guides/Old", "  - a//b", "  - old.php", "  - ok-one"));

        List<GateError> errors = errors(tree);

        assertThat(errors).extracting(GateError::line).containsExactly(7, 8, 9, 10, 11, 12);
        assertThat(errors).allSatisfy(e -> {
            assertThat(e.path()).isEqualTo("guides/new.md");
            assertThat(e.message()).contains("is not a site path");
        });
        assertThat(errors.get(0).toString()).startsWith("guides/new.md:7: alias '../etc/passwd' is not a site path");
    }

    @Test
    void aliasesMustBeAListOfText() {
        assertThat(errors(tree("guides/new.md", page("New", "aliases: guides/old"))))
                .extracting(GateError::toString).containsExactly("guides/new.md:6: 'aliases' must be a list, e.g. [a, b]");
        assertThat(errors(tree("guides/new.md", page("New", "aliases:", "  - {a: b}"))))
                .extracting(GateError::toString).containsExactly("guides/new.md:7: 'aliases' items must be text");
    }

    @Test
    void anAliasOfAnExistingPageIsRejected() {
        ContentTree tree = tree("guides/new.md", page("New", "aliases: [guides/other.html]"),
                "guides/other.md", page("Other"));

        assertThat(errors(tree)).extracting(GateError::toString).containsExactly(
                "guides/new.md:6: alias 'guides/other.html' is where guides/other.md publishes (guides/other.html):"
                        + " an alias names a URL no page has any more");
    }

    @Test
    void aPageCannotAliasItsOwnPath() {
        assertThat(errors(tree("guides/new.md", page("New", "aliases: [guides/new]"))))
                .extracting(GateError::line).containsExactly(6);
    }

    @Test
    void anAliasDeclaredTwiceIsRejectedAtTheSecondNamingTheFirst() {
        ContentTree tree = tree("guides/a.md", page("A", "aliases: [guides/old]"),
                "guides/b.md", page("B", "aliases:", "  - guides/old.html"));

        assertThat(errors(tree)).extracting(GateError::toString).containsExactly(
                "guides/b.md:7: duplicate alias 'guides/old.html': guides/a.md:6 declares it already");
        assertThat(errors(tree("guides/a.md", page("A", "aliases: [old, old.html]"))))
                .extracting(GateError::toString).containsExactly("guides/a.md:6: duplicate alias 'old.html': guides/a.md:6 declares it already");
    }

    @Test
    void anAliasOnAPathAChannelPublishesIsRejected() {
        ContentTree tree = tree("guides/a.md", page("A", "aliases: [changelog, feeds/rss]"));

        assertThat(errors(tree)).extracting(GateError::message).containsExactly(
                "alias 'changelog' is changelog.html, a path the site channel publishes",
                "alias 'feeds/rss' is feeds/rss.html, a path the feeds channel publishes");
    }
}
