package dev.hubpress.guide.view;

import java.util.List;

/**
 * A book's front matter as {@code front.jte} lays it out: head metadata, cover and table of
 * contents. Every value is plain text, escaped by the template.
 *
 * @param css      the print stylesheet, paper size filled in
 * @param revision the revision's sequence number, as the cover names it (0 for a book that names none)
 * @param date     the revision's date, as the cover names it (empty for a book that names none)
 * @param site     the hub's site, linked from the cover
 * @param cover    whether this (piece of the) front matter prints the cover
 * @param opens    whether it opens the contents (their heading); a later piece of them has only the running head
 * @param toc      the contents, or this piece's run of them, each entry with the page number its target is printed on
 */
public record FrontView(
        String lang,
        String title,
        String subtitle,
        String description,
        String author,
        String keywords,
        String css,
        long revision,
        String date,
        Link site,
        boolean cover,
        boolean opens,
        List<TocEntry> toc) {

    public FrontView {
        toc = List.copyOf(toc);
    }
}
