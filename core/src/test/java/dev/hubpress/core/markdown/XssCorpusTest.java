package dev.hubpress.core.markdown;

import dev.hubpress.core.testing.Gates;
import dev.hubpress.core.content.GateError;
import dev.hubpress.core.gate.GateLimits;
import dev.hubpress.core.gate.PublishGate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static dev.hubpress.core.testing.ContentFixtures.page;
import static dev.hubpress.core.testing.ContentFixtures.tree;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Hostile Markdown never reaches a reader as markup: the gate rejects each case with its line, and
 * even if it got past the gate, the renderer emits only harmless tags, attributes and URLs.
 * Safe links (https, http, mailto, hub pages) survive, rewritten to the channel's URL form.
 */
class XssCorpusTest {

    /** Body line of the corpus entry: pages start their body on line 7, after "Intro." and a blank line. */
    private static final int LINE = 9;

    private static final Pattern TAG = Pattern.compile("<(/?)([a-zA-Z][a-zA-Z0-9-]*)([^>]*)>");
    private static final Pattern ATTRIBUTE = Pattern.compile("([^\\s=/\"']+)(?:\\s*=\\s*(?:\"([^\"]*)\"|'([^']*)'|([^\\s>]+)))?");
    private static final Set<String> SAFE_TAGS = Set.of("p", "a", "span", "em", "strong", "code", "pre", "del", "sup",
            "ol", "ul", "li", "div", "hr", "br", "h2", "h3", "h4", "h5", "h6", "table", "thead", "tbody", "tr", "th", "td",
            "blockquote");
    private static final Set<String> SAFE_ATTRIBUTES = Set.of("href", "class", "id");

    private final MarkdownEngine engine = MarkdownEngine.standard();
    private final PublishGate gate = Gates.gate();

    static Stream<Arguments> corpus() {
        return Stream.of(
                hostile("script element", "<script>alert(1)</script>", LINE, "raw HTML"),
                hostile("img onerror", "<img src=x onerror=alert(1)>", LINE, "raw HTML"),
                hostile("javascript link", "[x](javascript:alert(1))", LINE, "'javascript:' is not allowed"),
                hostile("mixed case scheme", "[x](JavaScript:alert(1))", LINE, "'javascript:' is not allowed"),
                hostile("entity in scheme", "[x](java&#115;cript:alert(1))", LINE, "'javascript:' is not allowed"),
                hostile("entity first letter", "[x](&#106;avascript:alert(1))", LINE, "'javascript:' is not allowed"),
                hostile("named entity colon", "[x](javascript&colon;alert(1))", LINE, "'javascript:' is not allowed"),
                hostile("data URL", "[x](data:text/html;base64,PHNjcmlwdD4=)", LINE, "'data:' is not allowed"),
                hostile("vbscript", "[x](vbscript:msgbox(1))", LINE, "'vbscript:' is not allowed"),
                hostile("tab entity in scheme", "[x](java&#x09;script:alert(1))", LINE, "'javascript:' is not allowed"),
                hostile("newline entity in scheme", "[x](java&#10;script:alert(1))", LINE, "'javascript:' is not allowed"),
                hostile("leading space", "[x]( javascript:alert(1))", LINE, "'javascript:' is not allowed"),
                hostile("file URL", "[x](file:///etc/passwd)", LINE, "'file:' is not allowed"),
                hostile("html anchor", "<a href=\"javascript:x\">y</a>", LINE, "raw HTML"),
                hostile("reference link", "[x][r]\n\n[r]: javascript:alert(1)", LINE + 2, "'javascript:' is not allowed"),
                hostile("reference link in upper case", "[x][r]\n\n[r]: JAVASCRIPT:alert(1)", LINE + 2, "'javascript:' is not allowed"),
                hostile("autolink", "<javascript:alert(1)>", LINE, "'javascript:' is not allowed"),
                hostile("image", "![x](https://evil.test/a.png)", LINE, "images are not supported"),
                hostile("reference image", "![x][i]\n\n[i]: https://evil.test/p.png", LINE, "images are not supported"),
                hostile("protocol-relative", "[x](//evil.test)", LINE, "protocol-relative"),
                hostile("backslash host", "[x](\\\\evil.test)", LINE, "protocol-relative"),
                hostile("http without host", "[x](http:evil.test)", LINE, "no host"),
                hostile("quote breaking out of href", "[x](https://e.test/\"onmouseover=\"alert(1))", LINE, "unsafe link"),
                hostile("svg onload", "<svg onload=alert(1)>", LINE, "raw HTML"),
                hostile("iframe", "<iframe src=\"https://evil.test\"></iframe>", LINE, "raw HTML"),
                hostile("html comment block", "<!-- hidden -->", LINE, "raw HTML"),
                hostile("inline html comment", "x <!-- hidden --> y", LINE, "raw HTML"),
                hostile("script inside an autolink", "<https://e.test/?q=<script>>", LINE, "raw HTML"));
    }

    private static Arguments hostile(String name, String markdown, int line, String fragment) {
        return Arguments.of(name, markdown, line, fragment);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void gateRejectsHostileMarkdownWithItsLine(String name, String markdown, int line, String fragment) {
        // given
        String body = "Intro.\n\n" + markdown + "\n";
        // when
        List<GateError> errors = gate.inspect(tree("guides/a.md", page("A", "guides", 1, body))).errors();
        // then
        assertThat(errors).isNotEmpty();
        assertThat(errors).allSatisfy(e -> {
            assertThat(e.path()).isEqualTo("guides/a.md");
            assertThat(e.line()).isEqualTo(line);
        });
        assertThat(errors).anySatisfy(e -> assertThat(e.message()).contains(fragment));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void rendererEmitsNothingExecutableForHostileMarkdown(String name, String markdown, int line, String fragment) {
        // when
        String html = render(markdown + "\n", RenderContext.relative("guides/a", n -> Optional.empty()));
        // then
        assertSafe(html);
    }

    @Test
    void tabInsideABareDestinationIsNotALinkAtAllAndStaysText() {
        // given: CommonMark allows no raw whitespace in a bare destination, so this is plain text
        String markdown = "[x](java\tscript:alert(1))\n";
        // when
        String html = render(markdown, RenderContext.relative("guides/a", n -> Optional.empty()));
        List<GateError> errors = gate.inspect(tree("guides/a.md", page("A", "guides", 1, markdown))).errors();
        // then
        assertSafe(html);
        assertThat(tags(html)).extracting(Tag::name).doesNotContain("a");
        assertThat(errors).isEmpty();
    }

    @Test
    void escapedMarkupShowsAsTextNotAsTags() {
        // when
        String html = render("<script>alert(1)</script>\n", RenderContext.relative("index", n -> Optional.empty()));
        // then
        assertThat(html).contains("&lt;script&gt;alert(1)&lt;/script&gt;");
        assertThat(tags(html)).extracting(Tag::name).containsExactly("p", "p");
    }

    @Test
    void safeTagCheckerCatchesRealMarkup() {
        // the checker itself: a real tag or attribute is seen, escaped text is not
        assertThat(tags("<p>&lt;script&gt;</p>")).extracting(Tag::name).containsExactly("p", "p");
        assertThat(tags("<a href=\"JaVaScRiPt:x\" onclick='y'>")).singleElement()
                .satisfies(t -> assertThat(t.attributes()).containsExactly(List.of("href", "JaVaScRiPt:x"), List.of("onclick", "y")));
    }

    @Test
    void httpsHttpAndMailtoLinksSurvive() {
        // when
        String html = render("[s](https://e.test/a?b=1&c=2) [p](http://e.test/) [m](mailto:me@e.test) <https://auto.test> "
                + "me@mail.test www.example.com\n", RenderContext.relative("guides/a", n -> Optional.empty()));
        // then
        assertSafe(html);
        assertThat(hrefs(html)).containsExactly("https://e.test/a?b=1&c=2", "http://e.test/", "mailto:me@e.test",
                "https://auto.test", "mailto:me@mail.test", "https://www.example.com");
    }

    @Test
    void relativePageLinksBecomeRelativeHtmlLinks() {
        // when
        String html = render("[o](other.md) [n](../x/y.md#anchor) [u](a_b.md) [h](../index.md) [s](#here)\n",
                RenderContext.relative("guides/a", n -> Optional.empty()));
        // then
        assertThat(hrefs(html)).containsExactly("other.html", "../x/y.html#anchor", "a-b.html", "../index.html", "#here");
    }

    @Test
    void linksFromADeeplyNestedPageClimbOnlyAsFarAsNeeded() {
        // when
        String html = render("[s](sibling.md) [p](../parent.md#p) [c](../../careers/x.md) [d](child/page.md)\n",
                RenderContext.relative("guides/deep/page", n -> Optional.empty()));
        // then
        assertThat(hrefs(html)).containsExactly("sibling.html", "../parent.html#p", "../../careers/x.html", "child/page.html");
    }

    @Test
    void linksFromTheHomePageStayInTheirFolder() {
        String html = render("[g](guides/a.md#x) [o](other.md)\n", RenderContext.relative("index", n -> Optional.empty()));
        assertThat(hrefs(html)).containsExactly("guides/a.html#x", "other.html");
    }

    @Test
    void absoluteModeLinksUnderTheBaseUrl() {
        // when
        String html = render("[o](other.md) [n](../x/y.md#anchor) [s](#here) [e](https://e.test)\n",
                RenderContext.absolute("guides/a", "https://hub.test", n -> Optional.empty()));
        // then
        assertThat(hrefs(html)).containsExactly("https://hub.test/guides/other.html", "https://hub.test/x/y.html#anchor",
                "https://hub.test/guides/a.html#here", "https://e.test");
    }

    private String render(String markdown, RenderContext context) {
        return engine.render(engine.parse(markdown), context);
    }

    /** Asserts the HTML holds only harmless tags and attributes, and no link with an unsafe scheme. */
    private static void assertSafe(String html) {
        for (Tag tag : tags(html)) {
            assertThat(tag.name()).as("tag in %s", html).isIn(SAFE_TAGS);
            for (List<String> attribute : tag.attributes()) {
                String name = attribute.get(0).toLowerCase(Locale.ROOT);
                assertThat(name).as("attribute in %s", html).isIn(SAFE_ATTRIBUTES).doesNotStartWith("on");
                if (name.equals("href")) {
                    String url = decode(attribute.get(1)).replaceAll("[\\x00-\\x20\\x7f]", "").toLowerCase(Locale.ROOT);
                    assertThat(url).as("href in %s", html)
                            .doesNotStartWith("javascript:").doesNotStartWith("data:").doesNotStartWith("vbscript:")
                            .doesNotStartWith("//").doesNotStartWith("file:");
                    assertThat(url.matches("(https?://|mailto:|#|[a-z0-9._/-]).*")).as("href %s", url).isTrue();
                }
            }
        }
        assertThat(html.toLowerCase(Locale.ROOT)).doesNotContain("<script", "<img", "<iframe", "<svg");
    }

    private record Tag(String name, List<List<String>> attributes) {
    }

    private static List<Tag> tags(String html) {
        List<Tag> tags = new ArrayList<>();
        Matcher m = TAG.matcher(html);
        while (m.find()) {
            List<List<String>> attributes = new ArrayList<>();
            Matcher a = ATTRIBUTE.matcher(m.group(3));
            while (a.find()) {
                String value = a.group(2) != null ? a.group(2) : a.group(3) != null ? a.group(3) : a.group(4) != null ? a.group(4) : "";
                attributes.add(List.of(a.group(1), value));
            }
            tags.add(new Tag(m.group(2).toLowerCase(Locale.ROOT), attributes));
        }
        return tags;
    }

    private static List<String> hrefs(String html) {
        return tags(html).stream().flatMap(t -> t.attributes().stream())
                .filter(a -> a.get(0).equals("href")).map(a -> decode(a.get(1))).toList();
    }

    /** Decodes the character references a renderer may put in an attribute value. */
    private static String decode(String value) {
        Matcher m = Pattern.compile("&(#[xX]?[0-9a-fA-F]+|amp|quot|lt|gt|apos|colon|Tab|NewLine);").matcher(value);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String ref = m.group(1);
            String ch = switch (ref) {
                case "amp" -> "&";
                case "quot" -> "\"";
                case "lt" -> "<";
                case "gt" -> ">";
                case "apos" -> "'";
                case "colon" -> ":";
                case "Tab" -> "\t";
                case "NewLine" -> "\n";
                default -> Character.toString(ref.startsWith("#x") || ref.startsWith("#X")
                        ? Integer.parseInt(ref.substring(2), 16) : Integer.parseInt(ref.substring(1)));
            };
            m.appendReplacement(out, Matcher.quoteReplacement(ch));
        }
        m.appendTail(out);
        return out.toString();
    }
}
