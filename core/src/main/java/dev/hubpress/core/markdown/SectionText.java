package dev.hubpress.core.markdown;

import com.vladsch.flexmark.ast.Heading;
import com.vladsch.flexmark.util.ast.Block;
import com.vladsch.flexmark.util.ast.Document;
import com.vladsch.flexmark.util.ast.Node;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The text a reader sees in each section of a page body, as {@link PlainText} gives it (no
 * Markdown syntax, typographic characters as shown): what a redline compares, so that a reader is
 * shown words, not link targets and asterisks. Sections are cut at every heading, as
 * {@code PageSections} cuts them, and keyed the same way: the heading's id, "" for the text before
 * the first heading. A heading's own text belongs to no section (a new heading is a new section).
 */
public final class SectionText {

    private SectionText() {
    }

    /** Section anchor to its visible text (words separated by single spaces), in document order. */
    public static Map<String, String> of(Document document) {
        Map<String, StringBuilder> sections = new LinkedHashMap<>();
        Walk walk = new Walk(sections);
        walk.children(document);
        Map<String, String> texts = new LinkedHashMap<>();
        sections.forEach((anchor, text) -> texts.put(anchor, text.toString().replaceAll("[ \\t\\n]+", " ").trim()));
        return texts;
    }

    private static final class Walk {
        private final Map<String, StringBuilder> sections;
        private StringBuilder current;

        Walk(Map<String, StringBuilder> sections) {
            this.sections = sections;
            this.current = sections.computeIfAbsent("", a -> new StringBuilder());
        }

        void children(Node parent) {
            for (Node child = parent.getFirstChild(); child != null; child = child.getNext()) {
                if (child instanceof Heading heading) {
                    current = sections.computeIfAbsent(heading.getAnchorRefId(), a -> new StringBuilder());
                } else if (holdsHeading(child)) {
                    // A heading inside a quote or list still starts a section, as it does by line.
                    children(child);
                    current.append(' ');
                } else {
                    PlainText.append(child, current);
                    if (child instanceof Block) {
                        current.append(' ');
                    }
                }
            }
        }

        private static boolean holdsHeading(Node node) {
            for (Node d : node.getDescendants()) {
                if (d instanceof Heading) {
                    return true;
                }
            }
            return false;
        }
    }
}
