package dev.hubpress.guide.view;

/**
 * One line of the table of contents (or of the appendix's list of changes).
 *
 * @param href    the target's site URL (assembly makes it a link inside the book)
 * @param chapter a chapter (a hub page) rather than one of its sections
 * @param page    the number of the page the target is printed on, as text (empty when unknown)
 * @param changed the line is flagged as changed in this edition
 */
public record TocEntry(String href, String text, boolean chapter, String page, boolean changed) {
}
