package dev.hubpress.guide.view;

/**
 * One hub page as a chapter of the guide.
 *
 * @param id       the chapter's anchor in the document
 * @param outline  the chapter's bookmark, its headings nested below it
 * @param bodyHtml the page body from the Markdown engine, already escaped by it and with only
 *                 entities XML knows: the template writes it unescaped
 * @param changed  the chapter is new, or its head changed, in this edition: its contents line is flagged
 * @param changedSections the hrefs of the {@code sections} the contents flag as changed in this edition
 */
public record Chapter(String id, String slug, String title, String summary, Bookmark outline, String bodyHtml) {
}
