package dev.hubpress.guide;

import dev.hubpress.core.model.Heading;
import dev.hubpress.core.model.Hub;
import dev.hubpress.core.model.Page;
import dev.hubpress.core.revision.ChangeKind;
import dev.hubpress.core.revision.PageChange;
import dev.hubpress.core.revision.Revision;
import dev.hubpress.core.revision.SectionChange;
import dev.hubpress.guide.view.Appendix;
import dev.hubpress.guide.view.Link;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What one edition of the guide flags as changed: its revision's change set against the parent,
 * per page. An added page is changed whole; a changed page by the sections whose text changed
 * (the opening text, anchor "", stands for the chapter's head, as does a change of its title or
 * summary). Nothing is flagged in a first edition: everything in it is new.
 */
final class ChangedSections {

    static final String APPENDIX_ID = "changes-since";

    private final Revision revision;
    private final Set<String> wholeChapters = new TreeSet<>();
    private final Map<String, Set<String>> anchors = new TreeMap<>();

    private ChangedSections(Revision revision) {
        this.revision = revision;
        if (revision == null || revision.parent() == 0) {
            return;
        }
        for (PageChange page : revision.changes().pages()) {
            if (page.kind() == ChangeKind.ADDED) {
                wholeChapters.add(page.slug());
            } else if (page.kind() == ChangeKind.CHANGED) {
                Set<String> changed = anchors.computeIfAbsent(page.slug(), s -> new TreeSet<>());
                if (page.detailsChanged()) {
                    changed.add("");
                }
                page.sections().stream().filter(s -> s.kind() != ChangeKind.REMOVED).map(SectionChange::anchor).forEach(changed::add);
            }
        }
    }

    static ChangedSections of(Revision revision) {
        return new ChangedSections(revision);
    }

    /** Nothing flagged and no appendix: what a book that names no edition (a section's) shows. */
    static ChangedSections none() {
        return new ChangedSections(null);
    }

    /** Whether the whole chapter of this page is new in this edition. */
    boolean wholeChapter(String slug) {
        return wholeChapters.contains(slug);
    }

    /** Whether the chapter's head (title, summary or the text before its first heading) changed. */
    boolean head(String slug) {
        return anchors.getOrDefault(slug, Set.of()).contains("");
    }

    /** The anchors (heading ids, not prefixed) of the changed sections of a page; "" for its opening text. */
    Set<String> anchors(String slug) {
        return anchors.getOrDefault(slug, Set.of());
    }

    /**
     * Whether the table of contents flags this second-level heading: its own section or one of
     * the deeper ones under it changed (the contents list only second-level headings).
     */
    boolean flags(Page page, Heading h2) {
        if (wholeChapter(page.slug())) {
            return true;
        }
        Set<String> changed = anchors(page.slug());
        List<Heading> headings = page.headings();
        int i = headings.indexOf(h2);
        if (i < 0) {
            return false;
        }
        for (int j = i; j < headings.size() && (j == i || headings.get(j).level() > 2); j++) {
            if (changed.contains(headings.get(j).id())) {
                return true;
            }
        }
        return false;
    }

    /** The appendix, or empty for a first edition (it has no edition before it to compare with). */
    Optional<Appendix> appendix(Hub hub) {
        if (revision == null || revision.parent() == 0) {
            return Optional.empty();
        }
        List<Link> changed = new ArrayList<>();
        List<String> removed = new ArrayList<>();
        for (PageChange change : revision.changes().pages()) {
            Optional<Page> page = hub.page(change.slug());
            if (change.kind() == ChangeKind.REMOVED || page.isEmpty()) {
                removed.add(change.title());
                continue;
            }
            String chapter = "#" + GuideDocument.chapterId(change.slug());
            if (change.kind() == ChangeKind.ADDED) {
                changed.add(new Link(chapter, page.get().title() + " (new chapter)"));
                continue;
            }
            if (head(change.slug())) {
                changed.add(new Link(chapter, page.get().title()));
            }
            for (SectionChange section : change.sections()) {
                String name = page.get().title() + " — " + section.title();
                boolean present = page.get().headings().stream().anyMatch(h -> h.id().equals(section.anchor()));
                if (section.kind() == ChangeKind.REMOVED || !present) {
                    if (!section.anchor().isEmpty()) {
                        removed.add(name);
                    }
                } else if (!section.anchor().isEmpty()) {
                    changed.add(new Link("#" + GuideDocument.anchorId(change.slug(), section.anchor()), name));
                }
            }
        }
        return Optional.of(new Appendix(APPENDIX_ID, revision.parent(), changed, removed));
    }
}
