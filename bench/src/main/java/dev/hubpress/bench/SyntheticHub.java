package dev.hubpress.bench;

import dev.hubpress.core.content.ContentFile;
import dev.hubpress.core.content.ContentTree;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Generates a hub of N pages of realistic Markdown: headings, paragraphs with emphasis, lists, a
 * table, footnotes and links to other pages and their anchors. Seeded, so the same N always gives
 * the same tree.
 */
public final class SyntheticHub {

    private static final String[] WORDS = ("replication consistency partition latency throughput idempotency "
            + "retry timeout backoff queue stream index query planner cache eviction consensus leader follower "
            + "quorum snapshot compaction tracing metrics logging budget capacity rollout migration schema "
            + "service boundary contract version deprecation incident postmortem reliability").split(" ");
    private static final int SECTIONS = 10;

    private SyntheticHub() {
    }

    public static ContentTree generate(int pages) {
        Random random = new Random(42);
        List<ContentFile> files = new ArrayList<>();
        files.add(file("hub.yaml", """
                title: Synthetic Hub
                subtitle: Generated for benchmarks
                description: A generated hub.
                baseUrl: https://bench.example.com
                author: Bench
                language: en
                sections:
                  - { id: home, title: Home }
                """ + sectionList()));
        files.add(file("index.md", "---\ntitle: Synthetic Hub\nsummary: Home of a generated hub.\nsection: home\norder: 0\n---\n\n## Welcome\n\n"
                + paragraph(random, 60) + "\n"));
        // Headings are drawn first so that pages can link to anchors on other pages.
        String[][] topics = new String[pages][5];
        for (int i = 1; i < pages; i++) {
            for (int h = 1; h <= 4; h++) {
                topics[i][h] = word(random);
            }
        }
        for (int i = 1; i < pages; i++) {
            files.add(file(path(i), page(i, pages, topics, random)));
        }
        return new ContentTree(files);
    }

    private static String sectionList() {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < SECTIONS; i++) {
            s.append("  - { id: s").append(i).append(", title: Section ").append(i).append(" }\n");
        }
        return s.toString();
    }

    static String path(int i) {
        return "s" + (i % SECTIONS) + "/page-" + i + ".md";
    }

    private static String page(int i, int pages, String[][] topics, Random random) {
        StringBuilder md = new StringBuilder(4096);
        md.append("---\ntitle: Page ").append(i).append(" on ").append(word(random)).append(' ').append(word(random))
                .append("\nsummary: ").append(sentence(random, 14)).append("\nsection: s").append(i % SECTIONS)
                .append("\norder: ").append(i).append("\ntags: [").append(word(random)).append(", ").append(word(random))
                .append("]\n---\n\n");
        md.append(paragraph(random, 50)).append("[^1]\n\n");
        for (int h = 1; h <= 4; h++) {
            md.append("## Topic ").append(h).append(": ").append(topics[i][h]).append("\n\n");
            md.append(paragraph(random, 70)).append("\n\n");
            if (h == 2) {
                md.append("- ").append(sentence(random, 8)).append("\n- **").append(word(random)).append("** ")
                        .append(sentence(random, 6)).append("\n- ").append(sentence(random, 9)).append("\n\n");
                md.append("### Details\n\n").append(paragraph(random, 40)).append("\n\n");
            }
            if (h == 3) {
                md.append("| Level | Range | Note |\n|---|---|---|\n");
                for (int r = 0; r < 4; r++) {
                    md.append("| L").append(r + 3).append(" | ").append(100 + r * 50).append("k–").append(150 + r * 60)
                            .append("k | ").append(sentence(random, 4)).append(" |\n");
                }
                md.append('\n');
            }
        }
        int target = 1 + random.nextInt(pages - 1);
        String link = relative(path(i), path(target));
        md.append("See [page ").append(target).append("](").append(link).append(") and [its second topic](")
                .append(link).append("#topic-2-").append(topics[target][2]).append(").\n\n");
        md.append("[^1]: ").append(sentence(random, 10)).append(" See [home](").append(relative(path(i), "index.md")).append(").\n");
        return md.toString();
    }

    private static String relative(String from, String to) {
        int depth = from.split("/").length - 1;
        return "../".repeat(depth) + to;
    }

    private static String paragraph(Random random, int words) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < words; i++) {
            String w = word(random);
            s.append(i == 0 ? capitalise(w) : w);
            if (i % 17 == 5) {
                s.append(" *").append(word(random)).append('*');
            }
            s.append(i % 12 == 11 ? ". " : " ");
        }
        return s.toString().trim() + ".";
    }

    private static String sentence(Random random, int words) {
        return paragraph(random, words);
    }

    private static String word(Random random) {
        return WORDS[random.nextInt(WORDS.length)];
    }

    private static String capitalise(String w) {
        return Character.toUpperCase(w.charAt(0)) + w.substring(1);
    }

    private static ContentFile file(String path, String text) {
        return new ContentFile(path, text.getBytes(StandardCharsets.UTF_8));
    }
}
