package dev.hubpress.core.revision;

/**
 * A section (the text under one heading) that differs from the parent revision.
 *
 * @param anchor the heading's id; empty for the text before the first heading
 * @param title  the heading text (the page title for the opening text)
 * @param diff   what a reader sees change in its words ({@link Redline}); null in revisions recorded
 *               before redlines were
 */
public record SectionChange(String anchor, String title, ChangeKind kind, SectionDiff diff) {

    /** A section change whose words were not compared. */
    public SectionChange(String anchor, String title, ChangeKind kind) {
        this(anchor, title, kind, null);
    }
}
