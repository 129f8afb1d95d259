package dev.hubpress.core.revision;

import dev.hubpress.core.content.Hashing;
import dev.hubpress.core.model.Heading;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A page body cut into sections at its headings, each with a fingerprint of its text, so a change
 * set can say which sections of a changed page changed. The text before the first heading is the
 * opening section (anchor "").
 */
public final class PageSections {

    private PageSections() {
    }

    /** One section's identity and fingerprint. */
    public record Section(String anchor, String title, String fingerprint) {
    }

    /**
     * @param body      the page body Markdown
     * @param bodyLine  file line of the body's first line (as the headings' lines are file lines)
     * @param headings  the body's headings, in order
     * @param pageTitle title used for the opening section
     */
    public static Map<String, Section> of(String body, int bodyLine, List<Heading> headings, String pageTitle) {
        String[] lines = body.split("\n", -1);
        Map<String, Section> sections = new LinkedHashMap<>();
        int start = 0;
        String anchor = "";
        String title = pageTitle;
        List<Heading> ordered = new ArrayList<>(headings);
        for (Heading heading : ordered) {
            int headingIndex = Math.max(0, Math.min(lines.length, heading.line() - bodyLine));
            put(sections, anchor, title, lines, start, headingIndex);
            start = headingIndex;
            anchor = heading.id();
            title = heading.text();
        }
        put(sections, anchor, title, lines, start, lines.length);
        return sections;
    }

    private static void put(Map<String, Section> sections, String anchor, String title, String[] lines, int from, int to) {
        StringBuilder text = new StringBuilder();
        for (int i = from; i < to; i++) {
            // Trailing whitespace and blank-line padding are not a change a reader can see.
            String line = lines[i].stripTrailing();
            if (!line.isEmpty()) {
                text.append(line).append('\n');
            }
        }
        if (anchor.isEmpty() && text.isEmpty()) {
            return;
        }
        sections.put(anchor, new Section(anchor, title, Hashing.sha256Hex(text.toString())));
    }
}
