package dev.hubpress.core.revision;

import dev.hubpress.core.markdown.HtmlText;
import dev.hubpress.core.revision.SectionDiff.Hunk;
import dev.hubpress.core.revision.SectionDiff.Mark;
import dev.hubpress.core.revision.SectionDiff.Run;

import java.util.ArrayList;
import java.util.List;

/**
 * A short redline of a changed page for announcements (feed entries, digests): its first changed
 * sections, each with its first hunks as a "Before:" and an "After:" line, the removed words in
 * {@code <del>} and the added ones in {@code <ins>} (or "-" and "+" lines in plain text). Labelled
 * in words, so it reads without colour or strike-through. Empty for a page whose words did not
 * change, or whose redline was not recorded.
 */
public final class RedlineExcerpt {

    /** Sections an excerpt shows. */
    public static final int SECTIONS = 3;
    /** Hunks a section shows. */
    public static final int HUNKS = 2;

    /** One section's part of the excerpt. */
    public record Section(String anchor, String title, SectionDiff diff) {
    }

    private final List<Section> sections;
    private final int moreSections;

    private RedlineExcerpt(List<Section> sections, int moreSections) {
        this.sections = List.copyOf(sections);
        this.moreSections = moreSections;
    }

    /** Where the site publishes a revision's whole redline, relative to its root: {@code changes/r12.html}. */
    public static String sitePath(Revision revision) {
        return "changes/" + revision.id() + ".html";
    }

    /** The excerpt of a page's change: its sections whose words changed, the first few. */
    public static RedlineExcerpt of(PageChange change) {
        List<Section> changed = new ArrayList<>();
        if (change.kind() == ChangeKind.CHANGED) {
            for (SectionChange section : change.sections()) {
                if (section.diff() != null && section.diff().textChanged()) {
                    changed.add(new Section(section.anchor(), section.title(), section.diff().first(HUNKS)));
                }
            }
        }
        int shown = Math.min(SECTIONS, changed.size());
        return new RedlineExcerpt(changed.subList(0, shown), changed.size() - shown);
    }

    public List<Section> sections() {
        return sections;
    }

    public boolean isEmpty() {
        return sections.isEmpty();
    }

    /** The section's lines as HTML paragraphs; attributes (e.g. an inline style) go on each del and ins. */
    public static String html(SectionDiff diff, String delAttributes, String insAttributes) {
        StringBuilder html = new StringBuilder();
        for (Hunk hunk : diff.hunks()) {
            if (hunk.removes()) {
                html.append("<p>Before: ").append(line(hunk, Mark.REMOVED, "<del" + delAttributes + ">", "</del>")).append("</p>\n");
            }
            if (hunk.adds()) {
                html.append("<p>After: ").append(line(hunk, Mark.ADDED, "<ins" + insAttributes + ">", "</ins>")).append("</p>\n");
            }
        }
        if (diff.moreWords() > 0) {
            html.append("<p>").append(HtmlText.escape(more(diff))).append("</p>\n");
        }
        return html.toString();
    }

    /** The section's lines as plain text: "- " the words as they were, "+ " as they are, each after {@code indent}. */
    public static String text(SectionDiff diff, String indent) {
        StringBuilder text = new StringBuilder();
        for (Hunk hunk : diff.hunks()) {
            if (hunk.removes()) {
                text.append(indent).append("- ").append(line(hunk, Mark.REMOVED, "", "")).append('\n');
            }
            if (hunk.adds()) {
                text.append(indent).append("+ ").append(line(hunk, Mark.ADDED, "", "")).append('\n');
            }
        }
        if (diff.moreWords() > 0) {
            text.append(indent).append(more(diff)).append('\n');
        }
        return text.toString();
    }

    /** "Changes in 2 more sections are on the page." when the excerpt left sections out; empty otherwise. */
    public String moreSections() {
        return moreSections == 0 ? "" : "Changes in " + moreSections + (moreSections == 1 ? " more section are" : " more sections are")
                + " on the page.";
    }

    private static String more(SectionDiff diff) {
        return "… and " + diff.moreWords() + (diff.moreWords() == 1 ? " more word" : " more words") + " changed.";
    }

    /** A hunk's context with its words of one mark wrapped (HTML, escaped) or bare (plain text, when open is ""). */
    private static String line(Hunk hunk, Mark changed, String open, String close) {
        boolean html = !open.isEmpty();
        StringBuilder s = new StringBuilder(hunk.cutBefore() ? "… " : "");
        boolean first = true;
        for (Run run : hunk.runs()) {
            if (run.mark() != Mark.KEPT && run.mark() != changed) {
                continue;
            }
            s.append(first ? "" : " ");
            first = false;
            String text = html ? HtmlText.escape(run.text()) : run.text();
            s.append(run.mark() == Mark.KEPT ? text : open + text + close);
        }
        return s.append(hunk.cutAfter() ? " …" : "").toString();
    }
}
