package dev.hubpress.it;

import dev.hubpress.core.channel.Channel;
import dev.hubpress.core.channel.ChannelRenderer;
import dev.hubpress.core.channel.Channels;
import dev.hubpress.core.channel.Edition;
import dev.hubpress.core.content.ContentFile;
import dev.hubpress.core.content.ContentTree;
import dev.hubpress.core.gate.GateLimits;
import dev.hubpress.core.gate.GateResult;
import dev.hubpress.core.gate.PublishGate;
import dev.hubpress.core.load.ContentReader;
import dev.hubpress.core.markdown.MarkdownEngine;
import dev.hubpress.core.revision.ChangeSets;
import dev.hubpress.core.revision.Revision;
import dev.hubpress.core.testing.ContentFixtures;
import dev.hubpress.core.testing.Editions;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * Generated hostile content through the gate and every channel, seeded so a failure replays: each
 * input is either refused by the gate with errors, or publishes in every channel. No other
 * outcome: no exception, no stack overflow, no input that takes unbounded time. Inputs nest
 * quotes and lists (past the gate's limits too), mix scripts, right-to-left text, emoji,
 * combining marks, control and noncharacters, long unbroken tokens, links of every kind, tables,
 * footnotes, fenced code, charts, raw HTML, images and hostile YAML.
 */
class FuzzTest {

    private static final long SEED = 20261202L;
    private static final int INPUTS = 240;
    /** The guide is the slowest channel: every this-many accepted inputs go through it. */
    private static final int GUIDE_EVERY = 8;

    private static final String[] WORDS = {"backend", "latency", "日本語の文章", "中文内容", "한국어", "עברית", "العربية",
            "🚀", "👩🏽‍💻", "e\u0301", "Ωmega", "\u202Eevil", "<script>", "]]>", "-->", "&amp;", "\"q\"", "'s'", "{{x}}",
            "$x", "\\", "*", "_", "`", "|", "~~", "[", "]", "(", ")", "#", "<", ">", "!", "\t"};
    private static final String[] LINKS = {"https://example.com/a", "mailto:a@example.com", "javascript:alert(1)",
            "data:text/html,x", "index.md", "index.md#nope", "missing.md", "#top", "../x.md", "http://[::1]/",
            "https://example.com/" + "x".repeat(3_000), "//evil.example", "file:///etc/passwd", " https://example.com ",
            "JaVaScRiPt:alert(1)"};

    private final Channels channels = Channels.discover();
    private final PublishGate gate = new PublishGate(new ContentReader(MarkdownEngine.standard()), GateLimits.DEFAULT, channels);

    @Test
    void everyGeneratedInputIsRefusedWithErrorsOrPublishesInEveryChannel() {
        Random random = new Random(SEED);
        int accepted = 0;
        int rejected = 0;
        for (int i = 0; i < INPUTS; i++) {
            ContentTree tree = input(random);
            int n = i;
            boolean withGuide = accepted % GUIDE_EVERY == 0;
            Outcome outcome = assertTimeoutPreemptively(Duration.ofSeconds(30), () -> run(tree, withGuide),
                    () -> "input " + n + " (seed " + SEED + ") took more than 30 s:\n" + describe(tree));
            if (outcome == Outcome.ACCEPTED) {
                accepted++;
            } else {
                rejected++;
            }
        }
        // both outcomes were exercised, or the generator proves nothing
        assertThat(accepted).as("accepted inputs").isGreaterThan(INPUTS / 10);
        assertThat(rejected).as("rejected inputs").isGreaterThan(INPUTS / 10);
    }

    private enum Outcome { ACCEPTED, REJECTED }

    private Outcome run(ContentTree tree, boolean withGuide) {
        GateResult result;
        try {
            result = gate.inspect(tree);
        } catch (Throwable e) {
            return fail("the gate threw " + e + " on:\n" + describe(tree), e);
        }
        if (!result.passed()) {
            assertThat(result.errors()).allSatisfy(e -> assertThat(e.line()).isPositive());
            return Outcome.REJECTED;
        }
        Revision r1 = Editions.revision(1, 0, Editions.FIRST, tree, ChangeSets.first(result.hub().orElseThrow(), tree.manifest()));
        Edition edition = new Edition(result.hub().orElseThrow(), r1, List.of(r1));
        for (Channel channel : channels.publishing()) {
            if (channel.id().equals("guide") && !withGuide || channel.id().equals("toy")) {
                continue;
            }
            ChannelRenderer renderer = channels.renderer(channel.id()).orElseThrow();
            try {
                assertThat(renderer.render(edition)).isNotEmpty();
            } catch (Throwable e) {
                return fail(channel.id() + " threw " + e + " on an accepted input:\n" + describe(tree), e);
            }
        }
        return Outcome.ACCEPTED;
    }

    private static ContentTree input(Random random) {
        List<ContentFile> files = new ArrayList<>();
        files.add(file("hub.yaml", random.nextInt(10) == 0 ? hostileYaml(random) : ContentFixtures.HUB_YAML));
        files.add(file("index.md", ContentFixtures.page("Home", "home", 0, "## Welcome\n\nHello.\n")));
        int pages = 1 + random.nextInt(3);
        for (int p = 0; p < pages; p++) {
            files.add(file("guides/p" + p + ".md", page(random)));
        }
        return new ContentTree(files);
    }

    private static String page(Random random) {
        if (random.nextInt(5) < 3) {
            return legitimate(random);
        }
        String title = random.nextInt(6) == 0 ? words(random, 3) : "Page " + random.nextInt(1000);
        String yaml = "---\ntitle: " + yamlScalar(random, title) + "\nsummary: " + yamlScalar(random, words(random, 5))
                + "\nsection: guides\norder: " + (random.nextInt(8) == 0 ? "x" : String.valueOf(random.nextInt(100))) + "\n"
                + (random.nextInt(8) == 0 ? "tags: [" + words(random, 2).replace(" ", ", ") + "]\n" : "") + "---\n";
        StringBuilder body = new StringBuilder();
        int blocks = 1 + random.nextInt(12);
        for (int b = 0; b < blocks; b++) {
            body.append(block(random)).append("\n\n");
        }
        return yaml + body;
    }

    /**
     * A page the gate should accept, however odd: every script and emoji, nesting up to the
     * limits, long unbroken tokens, dense paragraphs, tables, code, footnotes, safe links.
     */
    private static String legitimate(Random random) {
        StringBuilder body = new StringBuilder("## " + words(random, 3).replaceAll("[`*_\\[\\]<>!|~#\\\\]", "") + "\n\n");
        int blocks = 1 + random.nextInt(10);
        for (int b = 0; b < blocks; b++) {
            switch (random.nextInt(8)) {
                case 0 -> body.append(">".repeat(1 + random.nextInt(32))).append(" ").append(safeWords(random, 6));
                case 1 -> {
                    int depth = 1 + random.nextInt(40);
                    for (int d = 0; d < depth; d++) {
                        body.append("  ".repeat(d)).append("- ").append(safeWords(random, 2)).append('\n');
                    }
                }
                case 2 -> body.append("| a | b |\n|---|---|\n| ").append(safeWords(random, 1)).append(" | ").append(safeWords(random, 1)).append(" |");
                case 3 -> body.append("```\n").append(words(random, 8)).append("\n```");
                case 4 -> body.append("Note[^1].\n\n[^1]: ").append(safeWords(random, 4));
                case 5 -> body.append("x".repeat(1 + random.nextInt(5_000))).append(" https://example.com/").append("y".repeat(random.nextInt(3_000)));
                case 6 -> body.append("[a](https://example.com/a) `c` ".repeat(random.nextInt(400)));
                default -> body.append(safeWords(random, 60));
            }
            body.append("\n\n");
        }
        return ContentFixtures.page("Page " + random.nextInt(1_000) + " " + safeWords(random, 2), "guides", random.nextInt(100),
                body.toString());
    }

    /** Words with no Markdown or HTML meaning: every script, emoji, combining marks, right-to-left overrides. */
    private static String safeWords(Random random, int n) {
        return words(random, n).replaceAll("[`*_\\[\\]()<>!|~#&$\\\\{}\"'-]", "").replaceAll("\\s+", " ").strip();
    }

    private static String block(Random random) {
        switch (random.nextInt(13)) {
            case 0:
                return "#".repeat(1 + random.nextInt(6)) + " " + words(random, 3);
            case 1:
                return ">".repeat(1 + random.nextInt(random.nextInt(10) == 0 ? 60 : 6)) + " " + words(random, 4);
            case 2: {
                StringBuilder list = new StringBuilder();
                int depth = 1 + random.nextInt(random.nextInt(10) == 0 ? 90 : 6);
                for (int d = 0; d < depth; d++) {
                    list.append("  ".repeat(d)).append(random.nextBoolean() ? "- " : "1. ").append(words(random, 2)).append('\n');
                }
                return list.toString();
            }
            case 3:
                return "| a | b |\n|---|---|\n| " + words(random, 1) + " | " + words(random, 1) + " |";
            case 4:
                return "```" + (random.nextInt(4) == 0 ? "hub-chart\ncompensation" : "\n" + words(random, 6)) + "\n```";
            case 5:
                return "Text[^" + (1 + random.nextInt(3)) + "].\n\n[^" + (1 + random.nextInt(3)) + "]: " + words(random, 3);
            case 6:
                return "<div onclick=\"x\">" + words(random, 2) + "</div>";
            case 7:
                return "![img](https://example.com/x.png)";
            case 8:
                return "[" + words(random, 2) + "](" + LINKS[random.nextInt(LINKS.length)] + ")";
            case 9:
                return "x".repeat(1 + random.nextInt(20_000));
            case 10: {
                StringBuilder dense = new StringBuilder();
                int n = random.nextInt(random.nextInt(6) == 0 ? 3_000 : 50);
                for (int k = 0; k < n; k++) {
                    dense.append(random.nextBoolean() ? "[a](https://example.com) " : "`c` ");
                }
                return dense.toString();
            }
            case 11:
                return words(random, 40) + (random.nextInt(20) == 0 ? "\u0007" : "") + (random.nextInt(20) == 0 ? "\uFFFE" : "");
            default:
                return "*" + words(random, 2) + "* **" + words(random, 2) + "** ~~" + words(random, 1) + "~~ <https://example.com>";
        }
    }

    private static String words(Random random, int n) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < n; i++) {
            text.append(i == 0 ? "" : " ").append(WORDS[random.nextInt(WORDS.length)]);
        }
        return text.toString();
    }

    private static String yamlScalar(Random random, String text) {
        return switch (random.nextInt(5)) {
            case 0 -> "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + (random.nextInt(4) == 0 ? "\\a" : "") + "\"";
            case 1 -> "[" + text + "]";
            case 2 -> "'" + text.replace("'", "''") + "'";
            default -> "x " + text.replace(":", " ").replace("#", " ").replace("[", " ").replace("{", " ")
                    .replace("&", " ").replace("*", " ").replace("!", " ").replace("|", " ").replace(">", " ")
                    .replace("'", " ").replace("\"", " ").replace("%", " ").replace("@", " ").replace("`", " ");
        };
    }

    private static String hostileYaml(Random random) {
        return switch (random.nextInt(4)) {
            case 0 -> ContentFixtures.HUB_YAML + "channels:\n  guide: { paper: a5 }\n";
            case 1 -> "a: &a [*a]\n";
            case 2 -> ContentFixtures.HUB_YAML.replace("title: Test Hub", "title: !!java.lang.Runtime x");
            default -> ContentFixtures.HUB_YAML + "channels:\n  feeds: { entries: 5 }\n  site: { changelogEntries: 3 }\n";
        };
    }

    private static ContentFile file(String path, String text) {
        return new ContentFile(path, text.getBytes(StandardCharsets.UTF_8));
    }

    private static String describe(ContentTree tree) {
        StringBuilder text = new StringBuilder();
        for (ContentFile file : tree.files()) {
            String content = new String(file.bytes(), StandardCharsets.UTF_8);
            text.append("--- ").append(file.path()).append('\n')
                    .append(content.length() > 2_000 ? content.substring(0, 2_000) + "… (" + content.length() + " chars)" : content)
                    .append('\n');
        }
        return text.toString();
    }
}
