package dev.hubpress.site;

import com.vladsch.flexmark.ast.Heading;
import com.vladsch.flexmark.ext.footnotes.FootnoteBlock;
import com.vladsch.flexmark.util.ast.Node;
import dev.hubpress.core.markdown.MarkdownEngine;
import dev.hubpress.core.model.Page;

import java.util.ArrayList;
import java.util.List;

/** The questions of a FAQ page (its ## headings) and their answers as plain text, for FAQPage JSON-LD. */
final class FaqEntries {

    private FaqEntries() {
    }

    record Entry(String question, String answer) {
    }

    static List<Entry> of(Page page) {
        List<Entry> entries = new ArrayList<>();
        String question = null;
        StringBuilder answer = new StringBuilder();
        for (Node node = page.document().getFirstChild(); node != null; node = node.getNext()) {
            if (node instanceof Heading heading && heading.getLevel() <= 2) {
                add(entries, question, answer);
                question = heading.getLevel() == 2 ? MarkdownEngine.plainText(heading) : null;
                answer.setLength(0);
            } else if (question != null && !(node instanceof FootnoteBlock)) {
                String text = MarkdownEngine.plainText(node).replaceAll("\\s+", " ").trim();
                if (!text.isEmpty()) {
                    answer.append(answer.isEmpty() ? "" : " ").append(text);
                }
            }
        }
        add(entries, question, answer);
        return entries;
    }

    private static void add(List<Entry> entries, String question, StringBuilder answer) {
        if (question != null && !answer.isEmpty()) {
            entries.add(new Entry(question, answer.toString()));
        }
    }
}
