package dev.hubpress.guide.view;

import java.util.List;

/**
 * One part of the book as {@code part.jte} lays it out: a run of chapters with their bookmarks,
 * and the hub's title for the running head. Nothing in it depends on where the part lands in the
 * book (no page numbers, no revision), so a laid-out part can be kept and reused.
 *
 * @param css the print stylesheet, paper size filled in
 */
public record PartView(String lang, String title, String css, List<Chapter> chapters) {

    public PartView {
        chapters = List.copyOf(chapters);
    }
}
