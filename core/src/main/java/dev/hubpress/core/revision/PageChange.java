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
 * @param section         the id of the hub section the page is in (the old one for a removed page),
 *                        which decides who follows it by email; null in revisions recorded before it
 *                        was, see {@link #sectionOrGuess()}
 */
public record PageChange(String slug, String title, ChangeKind kind, boolean detailsChanged, List<SectionChange> sections,
                         String section) {

    public PageChange {
        sections = List.copyOf(sections);
    }

    /** A page change whose section is not known. */
    public PageChange(String slug, String title, ChangeKind kind, boolean detailsChanged, List<SectionChange> sections) {
        this(slug, title, kind, detailsChanged, sections, null);
    }

    /**
     * The section, or for a change recorded without one the folder the page is in (the content
     * tree's convention: {@code careers/mid-to-senior} is in {@code careers}); null for a top-level page.
     */
    public String sectionOrGuess() {
        if (section != null) {
            return section;
        }
        int slash = slug.indexOf('/');
        return slash > 0 ? slug.substring(0, slash) : null;
    }
}
