package dev.hubpress.feeds;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A page's body HTML (rendered with absolute links) cut into the sections a change set names: the
 * opening text before the first heading (anchor ""), then one section per top-level heading up to
 * the next one. A heading nested in a list or quote does not cut; its id resolves to the
 * top-level section around it. The footnotes list is kept apart, to go with any section that
 * cites a note.
 *
 * <p>The renderer escapes all text and raw HTML, so every {@code <} in its output starts a tag;
 * that is what makes a tag scan enough here.
 */
final class PageFragments {

    private static final Pattern TAG = Pattern.compile("<(/?)([a-zA-Z][a-zA-Z0-9]*)([^>]*)>");
    private static final Pattern ID = Pattern.compile("\\sid=\"([^\"]*)\"");
    private static final Pattern SAME_PAGE_HREF = Pattern.compile("href=\"#");
    private static final Set<String> VOID = Set.of("area", "base", "br", "col", "embed", "hr", "img", "input",
            "link", "meta", "source", "track", "wbr");
    private static final String NOTES_START = "<section class=\"footnotes\"";

    private final String body;
    private final String notes;
    private final List<Integer> starts = new ArrayList<>();
    private final List<String> anchors = new ArrayList<>();
    private final Map<String, Integer> sectionOf = new HashMap<>();

    private PageFragments(String body, String notes) {
        this.body = body;
        this.notes = notes;
    }

    /**
     * @param html    the page body as {@code MarkdownEngine.render} gives it with an absolute context
     * @param pageUrl the page's absolute URL; same-page links ({@code href="#…"}, as footnotes and
     *                tables of contents write them) are made absolute against it
     */
    static PageFragments of(String html, String pageUrl) {
        String absolute = SAME_PAGE_HREF.matcher(html).replaceAll(Matcher.quoteReplacement("href=\"" + pageUrl + "#"));
        int notesAt = absolute.lastIndexOf(NOTES_START);
        return notesAt < 0
                ? new PageFragments(absolute, "")
                : new PageFragments(absolute.substring(0, notesAt), absolute.substring(notesAt));
    }

    /**
     * Cuts the body at its top-level headings, when a section is first asked for: most entries are
     * a new page's, which carry the whole body uncut (cutting every page of a 1,000-page hub again
     * for its first revision's entries was a third of building the feeds).
     */
    private synchronized void index() {
        if (!starts.isEmpty()) {
            return;
        }
        starts.add(0);
        anchors.add("");
        int depth = 0;
        Matcher tag = TAG.matcher(body);
        while (tag.find()) {
            String name = tag.group(2).toLowerCase(java.util.Locale.ROOT);
            boolean closing = !tag.group(1).isEmpty();
            if (closing) {
                depth = Math.max(0, depth - 1);
                continue;
            }
            boolean heading = name.length() == 2 && name.charAt(0) == 'h' && name.charAt(1) >= '1' && name.charAt(1) <= '6';
            if (heading) {
                Matcher id = ID.matcher(tag.group(3));
                String anchor = id.find() ? id.group(1) : null;
                if (depth == 0) {
                    starts.add(tag.start());
                    anchors.add(anchor == null ? "" : anchor);
                }
                if (anchor != null) {
                    sectionOf.putIfAbsent(anchor, starts.size() - 1);
                }
            }
            if (!VOID.contains(name) && !tag.group(3).endsWith("/")) {
                depth++;
            }
        }
    }

    /** The whole body with its notes. */
    String whole() {
        return body + notes;
    }

    /** The notes list, or "" when the page cites none. */
    String notes() {
        return notes;
    }

    /** The HTML of the section under the heading with this id ("" for the opening text), if the page has it. */
    Optional<String> section(String anchor) {
        index();
        Integer index = anchor.isEmpty() ? Integer.valueOf(0) : sectionOf.get(anchor);
        if (index == null) {
            return Optional.empty();
        }
        int from = starts.get(index);
        int to = index + 1 < starts.size() ? starts.get(index + 1) : body.length();
        String html = body.substring(from, to);
        return html.isBlank() ? Optional.empty() : Optional.of(html);
    }

    /** The index of the section holding the heading with this id: sections cut from one index are one cut. */
    Optional<Integer> indexOf(String anchor) {
        index();
        return anchor.isEmpty() ? Optional.of(0) : Optional.ofNullable(sectionOf.get(anchor));
    }
}
