package dev.hubpress.guide.view;

import java.util.List;

/**
 * The whole guide as {@code document.jte} lays it out: head metadata, cover, table of contents
 * and chapters. Every value is plain text, escaped by the template, except the chapter bodies.
 *
 * @param css      the print stylesheet, paper size and revision filled in
 * @param revision the revision's sequence number, as the cover names it
 * @param date     the revision's date, as the cover names it
 * @param site     the hub's site, linked from the cover
 * @param changes  the appendix "Changes since edition N"; null in a first edition
 */
public record GuideView(
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
        List<Chapter> chapters,
        Appendix changes) {

    public GuideView {
        chapters = List.copyOf(chapters);
    }
}
