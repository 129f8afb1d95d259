package dev.hubpress.core.gate;

import dev.hubpress.core.testing.Gates;
import dev.hubpress.core.content.GateError;
import dev.hubpress.core.channel.Channels;
import dev.hubpress.core.channel.Setting;
import dev.hubpress.core.content.ContentTree;
import dev.hubpress.core.markdown.MarkdownEngine;
import dev.hubpress.core.model.Hub;
import dev.hubpress.core.model.Page;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static dev.hubpress.core.testing.ContentFixtures.HUB_YAML;
import static dev.hubpress.core.testing.ContentFixtures.bare;
import static dev.hubpress.core.testing.ContentFixtures.page;
import static dev.hubpress.core.testing.ContentFixtures.tree;
import static dev.hubpress.core.testing.ContentFixtures.with;
import static dev.hubpress.core.testing.ContentFixtures.without;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The publish gate rejects every kind of broken content with a precise {@code path:line: message},
 * reports all problems at once, and loads a valid tree into a hub in reading order.
 *
 * <p>Pages built with {@code page(...)} have front matter on lines 1-6 (title on 2, summary 3,
 * section 4, order 5), so their body starts on line 7.
 */
class PublishGateTest {

    private static final String A = "guides/a.md";

    private final MarkdownEngine markdown = MarkdownEngine.standard();
    private final PublishGate gate = Gates.gate();

    /** The only error of the tree: at this path and line, with this text in its message. */
    private GateError onlyError(ContentTree tree) {
        GateResult result = gate.inspect(tree);
        assertThat(result.hub()).isEmpty();
        assertThat(result.errors()).hasSize(1);
        return result.errors().get(0);
    }

    private static void assertError(GateError error, String path, int line, String fragment) {
        assertThat(error.path()).isEqualTo(path);
        assertThat(error.line()).as("line of %s", error).isEqualTo(line);
        assertThat(error.message()).contains(fragment);
        assertThat(error.toString()).startsWith((path.isEmpty() ? "(content)" : path) + ":" + line + ": ");
    }

    private static String frontMatter(String... lines) {
        return "---\n" + String.join("\n", lines) + "\n---\nBody.\n";
    }

    @Nested
    class FrontMatterSchema {

        @Test
        void pageWithoutFrontMatterIsRejectedAtLineOne() {
            // given
            ContentTree tree = tree(A, "## Hello\n\nNo front matter.\n");
            // when
            GateError error = onlyError(tree);
            // then
            assertError(error, A, 1, "missing front matter");
        }

        @Test
        void frontMatterNeverClosedIsSaidSoNotCalledMissing() {
            // given: a page whose front matter opens on line 1 and has no closing --- (the body follows the fields)
            ContentTree tree = tree(A, "---\ntitle: A\nsummary: About A.\nsection: guides\norder: 1\n\n## Hello\n\nText.\n");
            // when
            GateError error = onlyError(tree);
            // then
            assertError(error, A, 1, "front matter not closed: the --- on this line opens it, but no line holding only --- ends it");
        }

        @Test
        void invalidYamlIsReportedOnTheLineOfTheProblem() {
            // given: the unclosed flow sequence breaks on line 4
            ContentTree tree = tree(A, "---\ntitle: A\nsummary: [oops\nsection: guides\norder: 1\n---\nx\n");
            // when
            GateError error = onlyError(tree);
            // then
            assertError(error, A, 4, "invalid YAML");
        }

        @Test
        void missingTitleIsReported() {
            GateError error = onlyError(tree(A, frontMatter("summary: S", "section: guides", "order: 1")));
            assertError(error, A, 2, "missing required field 'title'");
        }

        @Test
        void missingSummaryIsReported() {
            GateError error = onlyError(tree(A, frontMatter("title: T", "section: guides", "order: 1")));
            assertError(error, A, 2, "missing required field 'summary'");
        }

        @Test
        void missingSectionIsReported() {
            GateError error = onlyError(tree(A, frontMatter("title: T", "summary: S", "order: 1")));
            assertError(error, A, 2, "missing required field 'section'");
        }

        @Test
        void missingOrderIsReported() {
            GateError error = onlyError(tree(A, frontMatter("title: T", "summary: S", "section: guides")));
            assertError(error, A, 2, "missing required field 'order'");
        }

        @Test
        void blankTitleCountsAsMissing() {
            GateError error = onlyError(tree(A, frontMatter("title: '  '", "summary: S", "section: guides", "order: 1")));
            assertError(error, A, 2, "missing required field 'title'");
        }

        @Test
        void orderThatIsTextIsRejectedOnItsLine() {
            GateError error = onlyError(tree(A, frontMatter("title: T", "summary: S", "section: guides", "order: \"two\"")));
            assertError(error, A, 5, "'order' must be a whole number");
        }

        @Test
        void tagsThatAreNotAListAreRejectedOnTheirLine() {
            GateError error = onlyError(tree(A, frontMatter("title: T", "summary: S", "section: guides", "order: 1", "tags: 5")));
            assertError(error, A, 6, "'tags' must be a list");
        }

        @Test
        void unknownKindIsRejected() {
            GateError error = onlyError(tree(A, frontMatter("title: T", "summary: S", "section: guides", "order: 1", "kind: blog")));
            assertError(error, A, 6, "kind must be article or faq");
        }

        @Test
        void unknownKeyIsRejectedOnItsLine() {
            GateError error = onlyError(tree(A, frontMatter("title: T", "summary: S", "section: guides", "order: 1", "author: me")));
            assertError(error, A, 6, "unknown front matter key 'author'");
        }

        @Test
        void unknownSectionIsRejectedAndTheKnownOnesListed() {
            GateError error = onlyError(tree(A, frontMatter("title: T", "summary: S", "section: blog", "order: 1")));
            assertError(error, A, 4, "unknown section 'blog' (hub.yaml lists: home, guides)");
        }

        @Test
        void titleLongerThan120CharactersIsRejected() {
            GateError error = onlyError(tree(A, frontMatter("title: " + "t".repeat(121), "summary: S", "section: guides", "order: 1")));
            assertError(error, A, 2, "title is 121 characters; the limit is 120");
        }

        @Test
        void titleOfExactly120CharactersPasses() {
            GateResult result = gate.inspect(tree(A, frontMatter("title: " + "t".repeat(120), "summary: S", "section: guides", "order: 1")));
            assertThat(result.errors()).isEmpty();
        }

        @Test
        void summaryLongerThan300CharactersIsRejected() {
            GateError error = onlyError(tree(A, frontMatter("title: T", "summary: " + "s".repeat(301), "section: guides", "order: 1")));
            assertError(error, A, 3, "summary is 301 characters; the limit is 300");
        }
    }

    @Nested
    class Files {

        @Test
        void invalidUtf8IsReportedOnItsLine() {
            // given: 0xC3 starts a two-byte sequence but 0x28 '(' is no continuation byte
            byte[] bytes = "---\ntitle: A\nab\u00C3(\n".getBytes(StandardCharsets.ISO_8859_1);
            // when
            GateError error = onlyError(with(tree(), A, bytes));
            // then
            assertError(error, A, 3, "invalid UTF-8: byte 0xC3 at column 3");
        }

        @Test
        void nulByteIsReportedOnItsLine() {
            GateError error = onlyError(with(tree(), A, "---\ntitle: A\n\0\n".getBytes(StandardCharsets.UTF_8)));
            assertError(error, A, 3, "NUL character");
        }

        @Test
        void fileOverTheSizeLimitIsRejected() {
            // given
            PublishGate strict = Gates.gate(new GateLimits(400, 10_000, 100));
            ContentTree tree = tree(A, page("A", "guides", 1, "x".repeat(500) + "\n"));
            // when
            GateResult result = strict.inspect(tree);
            // then
            assertThat(result.errors()).hasSize(1);
            assertError(result.errors().get(0), A, 1, "bytes; the limit is 400");
        }

        @Test
        void treeOverTheTotalSizeLimitIsRejectedAsAWhole() {
            // given: every file is small, the sum is not
            ContentTree tree = tree(A, page("A", "guides", 1, "x\n"));
            PublishGate strict = Gates.gate(new GateLimits(1_000, tree.totalBytes() - 1, 100));
            // when
            GateResult result = strict.inspect(tree);
            // then
            assertThat(result.errors()).hasSize(1);
            assertError(result.errors().get(0), "", 1, "the content tree is " + tree.totalBytes() + " bytes; the limit is " + (tree.totalBytes() - 1));
        }

        @Test
        void treeWithTooManyFilesIsRejectedAsAWhole() {
            PublishGate strict = Gates.gate(new GateLimits(1_000, 10_000, 2));
            GateResult result = strict.inspect(tree(A, page("A", "guides", 1, "x\n")));
            assertThat(result.errors()).hasSize(1);
            assertError(result.errors().get(0), "", 1, "the content tree has 3 files; the limit is 2");
        }

        @Test
        void unsupportedFileTypeIsRejected() {
            GateError error = onlyError(tree("notes.txt", "remember the milk"));
            assertError(error, "notes.txt", 1, "unsupported file");
        }

        @Test
        void fileNameWithASpaceIsRejected() {
            GateError error = onlyError(tree("guides/my page.md", page("A", "guides", 1, "x\n")));
            assertError(error, "guides/my page.md", 1, "file and folder names may use only letters");
        }

        @Test
        void fileNameWithNonAsciiLettersIsRejected() {
            GateError error = onlyError(tree("guides/caf\u00E9.md", page("A", "guides", 1, "x\n")));
            assertError(error, "guides/caf\u00E9.md", 1, "file and folder names may use only letters");
        }

        @Test
        void twoFilesWithTheSameSlugAreRejected() {
            // given: a_b and a-b both publish to guides/a-b.html
            ContentTree tree = tree("guides/a_b.md", page("A", "guides", 1, "x\n"), "guides/a-b.md", page("B", "guides", 2, "x\n"));
            // when
            GateError error = onlyError(tree);
            // then
            assertError(error, "guides/a_b.md", 1, "duplicate slug 'guides/a-b': guides/a-b.md already publishes");
        }

        @Test
        void pathsAChannelPublishesAreReservedAndTheMessageNamesTheChannel() {
            // given pages that would publish over the site's changelog and into the site's and the guide's folders
            ContentTree tree = tree("changelog.md", page("A", "home", 1, "x\n"), "assets/x.md", page("B", "home", 2, "x\n"),
                    "guide/y.md", page("C", "home", 3, "x\n"));
            // when
            List<GateError> errors = gate.inspect(tree).errors();
            // then
            assertThat(errors).hasSize(3);
            assertError(errors.get(0), "assets/x.md", 1, "publish to assets/x.html, a path the site channel publishes itself");
            assertError(errors.get(1), "changelog.md", 1, "publish to changelog.html, a path the site channel publishes itself");
            assertError(errors.get(2), "guide/y.md", 1, "publish to guide/y.html, a path the guide channel publishes itself");
        }

        @Test
        void hubWithoutIndexPageIsRejected() {
            GateError error = onlyError(without(tree(A, page("A", "guides", 1, "x\n")), "index.md"));
            assertError(error, "index.md", 1, "index.md is missing");
        }
    }

    @Nested
    class Body {

        @Test
        void linkToAMissingPageIsBroken() {
            GateError error = onlyError(tree(A, page("A", "guides", 1, "Line.\n\nSee [b](b.md).\n")));
            assertError(error, A, 9, "broken link 'b.md': no page guides/b.md");
        }

        @Test
        void linkToAMissingAnchorOfAnotherPageIsBroken() {
            GateError error = onlyError(tree(A, page("A", "guides", 1, "## One\n\nSee [home](../index.md#nope).\n")));
            assertError(error, A, 9, "broken anchor '../index.md#nope': index.md has no heading with id 'nope'");
        }

        @Test
        void linkToAMissingAnchorOnTheSamePageIsBroken() {
            GateError error = onlyError(tree(A, page("A", "guides", 1, "## One\n\n[ok](#one) and [not](#two).\n")));
            assertError(error, A, 9, "broken anchor '#two'");
        }

        @Test
        void linkToAPageWrittenWithUnderscoresResolvesToItsSlugAndAnchors() {
            // given: the page file is a_b.md but publishes as a-b.html
            ContentTree tree = tree("guides/a_b.md", page("AB", "guides", 1, "## Hi\n"),
                    "guides/c.md", page("C", "guides", 2, "[ok](a_b.md#hi) and [not](a_b.md#nope)\n"));
            // when
            GateError error = onlyError(tree);
            // then
            assertError(error, "guides/c.md", 7, "broken anchor 'a_b.md#nope': guides/a_b.md has no heading with id 'nope'");
        }

        @Test
        void pageWithOtherErrorsIsNotReportedAsAMissingLinkTarget() {
            // given: a_b.md fails on its front matter but exists; its own anchor link is fine
            ContentTree tree = tree("guides/a_b.md", "---\ntitle: AB\nsummary: S\nsection: guides\norder: 1\nfoo: 1\n---\n## Hi\n\n[x](#hi)\n");
            // when
            GateError error = onlyError(tree);
            // then
            assertError(error, "guides/a_b.md", 6, "unknown front matter key 'foo'");
        }

        @Test
        void relativeLinkThatIsNotAPageIsBroken() {
            GateError error = onlyError(tree(A, page("A", "guides", 1, "See [b](foo/bar).\n")));
            assertError(error, A, 7, "broken link 'foo/bar': links inside the hub must name a .md page");
        }

        @Test
        void footnoteWithoutDefinitionIsRejected() {
            GateError error = onlyError(tree(A, page("A", "guides", 1, "Intro.\n\nText[^1].\n")));
            assertError(error, A, 9, "footnote [^1] has no definition");
        }

        @Test
        void footnoteDefinedButNeverCitedIsRejected() {
            GateError error = onlyError(tree(A, page("A", "guides", 1, "Text.\n\n[^2]: Unused.\n")));
            assertError(error, A, 9, "footnote [^2] is defined but never cited");
        }

        @Test
        void rawHtmlBlockIsRejected() {
            GateError error = onlyError(tree(A, page("A", "guides", 1, "Intro.\n\n<div>\nhi\n</div>\n")));
            assertError(error, A, 9, "raw HTML is not allowed: <div> hi </div>");
        }

        @Test
        void inlineHtmlIsRejected() {
            // when
            List<GateError> errors = gate.inspect(tree(A, page("A", "guides", 1, "Intro.\n\nSome <b>bold</b> text.\n"))).errors();
            // then: the opening and the closing tag
            assertThat(errors).hasSize(2);
            assertError(errors.get(0), A, 9, "raw HTML is not allowed: </b>");
            assertError(errors.get(1), A, 9, "raw HTML is not allowed: <b>");
        }

        @Test
        void levelOneHeadingInTheBodyIsRejected() {
            GateError error = onlyError(tree(A, page("A", "guides", 1, "Intro.\n\n# Title again\n")));
            assertError(error, A, 9, "level-1 heading in the body");
        }

        @Test
        void skippedHeadingLevelIsRejected() {
            GateError error = onlyError(tree(A, page("A", "guides", 1, "## Two\n\n#### Four\n")));
            assertError(error, A, 9, "heading level jumps from h2 to h4");
        }

        @Test
        void imagesAreRefused() {
            GateError error = onlyError(tree(A, page("A", "guides", 1, "Intro.\n\n![a chart](chart.png)\n")));
            assertError(error, A, 9, "images are not supported");
        }

        @Test
        void unknownHubChartIsRejected() {
            GateError error = onlyError(tree(A, page("A", "guides", 1, "Intro.\n\n```hub-chart\nsalaries\n```\n")));
            assertError(error, A, 9, "unknown hub-chart 'salaries' (known: compensation)");
        }

        @Test
        void hubChartWithoutItsDataFileIsRejected() {
            GateError error = onlyError(tree(A, page("A", "guides", 1, "Intro.\n\n```hub-chart\ncompensation\n```\n")));
            assertError(error, A, 9, "hub-chart 'compensation' needs data/compensation.yaml");
        }

        @Test
        void plainWwwAddressInProseIsNotABrokenLink() {
            GateResult result = gate.inspect(tree(A, page("A", "guides", 1, "Read www.example.com daily.\n")));
            assertThat(result.errors()).isEmpty();
        }
    }

    @Nested
    class HubConfigAndData {

        private static final String COMPENSATION = """
                currency: USD
                source: 3
                levels:
                  - id: entry
                    label: Entry
                    min: 10
                    max: 5
                """;

        @Test
        void missingHubYamlIsRejected() {
            GateError error = onlyError(without(tree(), "hub.yaml"));
            assertError(error, "hub.yaml", 1, "missing hub config");
        }

        @Test
        void baseUrlThatIsNotHttpIsRejected() {
            GateError error = onlyError(tree("hub.yaml", HUB_YAML.replace("https://hub.test", "ftp://hub.test")));
            assertError(error, "hub.yaml", 4, "baseUrl must be an absolute http(s) URL");
        }

        @Test
        void languageThatIsNotABcp47TagIsRejected() {
            GateError error = onlyError(tree("hub.yaml", HUB_YAML.replace("language: en", "language: english!")));
            assertError(error, "hub.yaml", 6, "language must be a BCP 47 tag");
        }

        @Test
        void hubYamlWithoutSectionsIsRejected() {
            GateError error = onlyError(tree("hub.yaml", HUB_YAML.substring(0, HUB_YAML.indexOf("sections:"))));
            assertError(error, "hub.yaml", 1, "sections must list the hub's sections");
        }

        @Test
        void sectionIdThatCannotNameAFeedIsRejected() {
            // a section's id is the last part of its feeds' addresses (feeds/sections/<id>.atom)
            GateError error = onlyError(tree("hub.yaml", HUB_YAML.replace("{ id: guides,", "{ id: Guides/2026,")));
            assertError(error, "hub.yaml", 9, "section id 'Guides/2026' must be lower-case letters, digits and single hyphens");
        }

        @Test
        void sectionListedTwiceIsRejected() {
            GateError error = onlyError(tree("hub.yaml", HUB_YAML.replace("{ id: guides,", "{ id: home,")));
            assertError(error, "hub.yaml", 9, "section id 'home' is listed twice");
        }

        @Test
        void compensationLevelWithMinAboveMaxIsRejected() {
            // when
            List<GateError> errors = gate.inspect(tree("data/compensation.yaml", COMPENSATION)).errors();
            // then: the level (min on line 6), and the list (from line 4) has no usable level left
            assertThat(errors).extracting(GateError::toString).containsExactly(
                    "data/compensation.yaml:4: levels must list at least one level",
                    "data/compensation.yaml:6: min must be between 0 and max");
        }

        @Test
        void channelSettingsAreCheckedAgainstEachChannelsDeclarationAtTheirLine() {
            // GIVEN hub.yaml with a paper size the guide does not know, a setting and a channel nobody
            // declares, a number out of range and a list where one value belongs
            String yaml = HUB_YAML + """
                    channels:
                      guide: { paper: a5 }
                      site:
                        changelogEntries: 0
                        colour: blue
                      feeds: { entries: [1, 2] }
                      gide: { paper: a4 }
                      email: { fromAddress: not-an-address, fromName: Hub }
                    """;

            // WHEN the gate inspects it
            List<GateError> errors = gate.inspect(tree("hub.yaml", yaml)).errors();

            // THEN each is an error at its own hub.yaml line, naming the setting and what it must be
            assertThat(errors).extracting(GateError::toString).containsExactly(
                    "hub.yaml:11: channels.guide.paper must be one of letter, a4, not 'a5'",
                    "hub.yaml:13: channels.site.changelogEntries must be a whole number from 1 to 200, not 0",
                    "hub.yaml:14: unknown setting 'colour' of channel site (known: changelogEntries)",
                    "hub.yaml:15: channels.feeds.entries must be a whole number from 1 to 200, not a list or mapping",
                    "hub.yaml:16: unknown channel 'gide' under channels (known: email, feeds, guide, site)",
                    "hub.yaml:17: channels.email.fromAddress is not read from content: it is set where the hub is deployed"
                            + " (the stack's SenderAddress / SenderDomain; HUB_MAIL_FROM for ./hub), not in hub.yaml");
        }

        @Test
        void validChannelSettingsPassAndChannelsReadThemTyped() {
            // GIVEN hub.yaml choosing A4 paper (in any case) and 20 changelog entries
            String yaml = HUB_YAML + "channels:\n  guide: { paper: A4 }\n  site: { changelogEntries: 20 }\n";

            // WHEN it passes the gate
            Hub hub = gate.inspect(tree("hub.yaml", yaml)).hub().orElseThrow();

            // THEN the declared settings read typed values, and defaults where hub.yaml says nothing
            Channels channels = Gates.channels();
            assertThat(setting(channels, "guide", "paper").of(hub.config())).isEqualTo("a4");
            assertThat(setting(channels, "site", "changelogEntries").of(hub.config())).isEqualTo(20);
            assertThat(setting(channels, "feeds", "entries").of(hub.config())).isEqualTo(50);
            assertThat(setting(channels, "email", "fromName").of(hub.config())).isEqualTo("Test Hub");
        }

        private Setting<?> setting(Channels channels, String channel, String key) {
            return channels.get(channel).orElseThrow().settings().stream().filter(s -> s.key().equals(key)).findFirst().orElseThrow();
        }

        @Test
        void validCompensationIsLoaded() {
            Hub hub = gate.inspect(tree("data/compensation.yaml", COMPENSATION.replace("max: 5", "max: 50"))).hub().orElseThrow();
            assertThat(hub.compensation().orElseThrow().levels()).singleElement()
                    .satisfies(l -> assertThat(List.of(l.id(), l.min(), l.max())).containsExactly("entry", 10L, 50L));
        }
    }

    @Nested
    class WholeTree {

        @Test
        void everyErrorOfEveryFileIsReportedAtOnceSortedByPathThenLine() {
            // given: three different broken files
            ContentTree tree = tree(
                    "guides/z.md", page("Z", "guides", 1, "## Two\n\n#### Four\n\n![img](x.png)\n"),
                    "guides/b.md", frontMatter("title: B", "summary: S", "section: guides"),
                    "data/compensation.yaml", "currency: [\n");
            // when
            GateResult result = gate.inspect(tree);
            // then
            assertThat(result.hub()).isEmpty();
            assertThat(result.errors()).extracting(e -> e.path() + ":" + e.line()).containsExactly(
                    "data/compensation.yaml:2", "guides/b.md:2", "guides/z.md:9", "guides/z.md:11");
            assertThat(result.errors().get(1).message()).contains("'order'");
            assertThat(result.errors().get(2).message()).contains("heading level jumps");
            assertThat(result.errors().get(3).message()).contains("images are not supported");
        }

        @Test
        void validTreeLoadsPagesInReadingOrder() {
            // given: guides listed before home in the tree, orders and titles out of line
            ContentTree tree = bare(
                    "hub.yaml", HUB_YAML,
                    "guides/b.md", page("Bravo", "guides", 2, "x\n"),
                    "guides/index.md", page("Guides", "guides", 9, "x\n"),
                    "guides/zulu.md", page("Alpha", "guides", 1, "x\n"),
                    "guides/a.md", page("Zulu", "guides", 1, "x\n"),
                    "about.md", page("About", "home", 1, "x\n"),
                    "index.md", page("Home", "home", 5, "## Welcome\n\nHi.\n"));
            // when
            GateResult result = gate.inspect(tree);
            // then: hub.yaml section order, section index first, then order, then title
            assertThat(result.errors()).isEmpty();
            Hub hub = result.hub().orElseThrow();
            assertThat(hub.pages()).extracting(Page::slug)
                    .containsExactly("index", "about", "guides/index", "guides/zulu", "guides/a", "guides/b");
            assertThat(hub.config().baseUrl()).isEqualTo("https://hub.test");
            Page home = hub.page("index").orElseThrow();
            assertThat(home.headings()).singleElement().satisfies(h -> {
                assertThat(h.id()).isEqualTo("welcome");
                assertThat(h.line()).isEqualTo(7);
            });
        }
    }
}
