package dev.hubpress.core.model;

import dev.hubpress.core.content.Hashing;
import dev.hubpress.core.markdown.ParsedBody;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class PageSourceDigestTest {

    @Test
    void aPageNamesItsMarkdownByItsSha256() {
        // GIVEN a page read as the loader reads it: its source is its body's Markdown
        String markdown = "# Title\n\nSome text with ü and 漢字.\n";
        Page page = page(markdown, ParsedBody.later(markdown, null));

        // WHEN its digest is asked for twice
        // THEN it is the Markdown's SHA-256 both times, the same string (hashed once)
        assertThat(page.sourceSha256()).isEqualTo(Hashing.sha256Hex(markdown)).isSameAs(page.sourceSha256());
    }

    @Test
    void aPageWhoseSourceIsNotItsBodysIsNamedByItsSource() {
        // GIVEN a page built with a source other than its body's Markdown
        Page page = page("the source", ParsedBody.later("another body", null));

        // WHEN / THEN its digest is its source's, never the body's
        assertThat(page.sourceSha256()).isEqualTo(Hashing.sha256Hex("the source"));
    }

    private static Page page(String source, ParsedBody body) {
        return new Page("guides/a.md", "guides/a", "A", "About a", "guides", 1, List.of(), PageKind.ARTICLE, source, 5, body,
                List.of(), List.of());
    }
}
