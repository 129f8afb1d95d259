package dev.hubpress.core.markdown;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The HTML every channel gets from Markdown is frozen in {@code golden/markdown.md}, written in
 * flexmark's spec-file style: each example is its Markdown input, a line holding only ".", and the
 * expected HTML, between fences of 32 backticks. Options after the title pick the render context.
 */
class MarkdownGoldenTest {

    static final String FENCE = "`".repeat(32);
    static final String RESOURCE = "/golden/markdown.md";
    /** Slug of the page every example is rendered as (nested, so relative links have a folder to climb). */
    static final String PAGE = "guides/page";
    static final String BASE_URL = "https://hub.test";
    static final String FIGURE = "<figure class=\"chart\"><svg role=\"img\" aria-label=\"Compensation\"></svg></figure>";

    /**
     * One example of the spec file.
     *
     * @param options {@code figures} (the channel draws charts), {@code absolute} (links under the base URL)
     */
    record Example(String title, Set<String> options, String markdown, String html, int line) {

        RenderContext context() {
            Function<String, Optional<String>> figures = options.contains("figures")
                    ? name -> name.equals("compensation") ? Optional.of(FIGURE) : Optional.empty()
                    : name -> Optional.empty();
            return options.contains("absolute")
                    ? RenderContext.absolute(PAGE, BASE_URL, figures)
                    : RenderContext.relative(PAGE, figures);
        }
    }

    private final MarkdownEngine engine = MarkdownEngine.standard();

    @TestFactory
    Stream<DynamicTest> everyGoldenExampleRendersExactly() {
        return examples(read()).stream().map(example -> DynamicTest.dynamicTest(example.title(), () -> {
            // given
            String markdown = example.markdown();
            // when
            String html = engine.render(engine.parse(markdown), example.context());
            // then
            assertThat(html).as("%s (golden/markdown.md line %d)", example.title(), example.line()).isEqualTo(example.html());
        }));
    }

    @Test
    void goldenFileHasExamplesWithUniqueTitles() {
        // when
        List<Example> examples = examples(read());
        // then
        assertThat(examples).hasSizeGreaterThanOrEqualTo(15);
        assertThat(examples).extracting(Example::title).doesNotHaveDuplicates();
    }

    @Test
    void specParserSplitsInputFromExpectedHtml() {
        // given
        String spec = "Intro text.\n\n" + FENCE + " example Two lines options(figures, absolute)\na\nb\n.\n<p>a\nb</p>\n" + FENCE + "\n";
        // when
        List<Example> examples = examples(spec);
        // then
        assertThat(examples).singleElement().satisfies(e -> {
            assertThat(e.title()).isEqualTo("Two lines");
            assertThat(e.options()).containsExactlyInAnyOrder("figures", "absolute");
            assertThat(e.markdown()).isEqualTo("a\nb\n");
            assertThat(e.html()).isEqualTo("<p>a\nb</p>\n");
            assertThat(e.line()).isEqualTo(3);
        });
    }

    static String read() {
        try (InputStream in = MarkdownGoldenTest.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + RESOURCE);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Parses a spec file; "→" in an example stands for a tab, as in flexmark's and CommonMark's spec files. */
    static List<Example> examples(String spec) {
        List<Example> examples = new ArrayList<>();
        String[] lines = spec.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (!lines[i].startsWith(FENCE + " example")) {
                continue;
            }
            int start = i + 1;
            String header = lines[i].substring((FENCE + " example").length()).trim();
            Set<String> options = Set.of();
            int open = header.indexOf("options(");
            if (open >= 0) {
                String list = header.substring(open + "options(".length(), header.indexOf(')', open));
                options = Set.of(list.split("\\s*,\\s*"));
                header = header.substring(0, open).trim();
            }
            StringBuilder markdown = new StringBuilder();
            for (i++; !lines[i].equals("."); i++) {
                markdown.append(lines[i].replace('→', '\t')).append('\n');
            }
            StringBuilder html = new StringBuilder();
            for (i++; !lines[i].equals(FENCE); i++) {
                html.append(lines[i].replace('→', '\t')).append('\n');
            }
            examples.add(new Example(header, options, markdown.toString(), html.toString(), start));
        }
        return examples;
    }
}
