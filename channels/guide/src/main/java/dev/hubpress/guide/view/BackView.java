package dev.hubpress.guide.view;

import java.util.List;

/**
 * The back matter as {@code back.jte} lays it out: the appendix "Changes since edition N", laid
 * out (like the front matter) once the parts are, so that each line can name its page.
 *
 * @param css      the print stylesheet, paper size filled in
 * @param revision the revision's sequence number
 * @param id       the appendix's anchor
 * @param since    the parent revision's number
 * @param changed  the changed sections and chapters, each with the page it is printed on
 * @param removed  titles of what is gone
 */
public record BackView(String lang, String title, String css, long revision, String id, long since,
                       List<TocEntry> changed, List<String> removed) {

    public BackView {
        changed = List.copyOf(changed);
        removed = List.copyOf(removed);
    }
}
