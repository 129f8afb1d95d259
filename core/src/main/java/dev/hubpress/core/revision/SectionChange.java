package dev.hubpress.core.revision;

/**
 * A section (the text under one heading) that differs from the parent revision.
 *
 * @param anchor the heading's id; empty for the text before the first heading
 * @param title  the heading text (the page title for the opening text)
 */
public record SectionChange(String anchor, String title, ChangeKind kind) {
}
