package dev.hubpress.core.revision;

import java.util.List;

/**
 * A page that was added, changed or removed in a revision.
 *
 * @param slug            the page's identity (stable across revisions)
 * @param title           its title (the old title for a removed page)
 * @param detailsChanged  its front matter (title, summary, section, order, tags) changed
 * @param sections        for a changed page, the sections whose text changed, in page order; for a
 *                        removed page, each of its sections, whole (its redline: the text is gone
 *                        from the site); none for an added page (the page itself shows it)
 */
public record PageChange(String slug, String title, ChangeKind kind, boolean detailsChanged, List<SectionChange> sections) {

    public PageChange {
        sections = List.copyOf(sections);
    }
}
