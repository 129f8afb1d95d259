package dev.hubpress.core.mail;

import dev.hubpress.core.revision.ChangeKind;
import dev.hubpress.core.revision.ChangeSet;
import dev.hubpress.core.revision.PageChange;
import dev.hubpress.core.revision.SectionChange;
import dev.hubpress.core.revision.SectionDiff;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Merges the change sets of consecutive revisions into one, as a reader who saw the first
 * revision's parent and now sees the last revision would describe it. Each page and each section
 * appears once; kinds compose:
 * <pre>
 *   first \ then   ADDED     CHANGED   REMOVED
 *   (none)         ADDED     CHANGED   REMOVED
 *   ADDED          ADDED     ADDED     (gone: never seen)
 *   CHANGED        CHANGED   CHANGED   REMOVED
 *   REMOVED        CHANGED   CHANGED   REMOVED
 * </pre>
 * A page removed and added again is CHANGED: the reader knew it and it is there again. Its
 * sections are then unknown (its text was never compared) and it is listed without them. The
 * latest title (and section) wins; "details changed" is true if any revision changed them. A section's redline
 * ({@link SectionDiff}) is each revision's in turn.
 */
public final class DigestChanges {

    private DigestChanges() {
    }

    /** @param oldestFirst change sets of consecutive accepted revisions, oldest first */
    public static ChangeSet merge(List<ChangeSet> oldestFirst) {
        Map<String, Merged> pages = new LinkedHashMap<>();
        TreeSet<String> files = new TreeSet<>();
        for (ChangeSet changes : oldestFirst) {
            files.addAll(changes.files());
            for (PageChange change : changes.pages()) {
                Merged merged = pages.get(change.slug());
                if (merged == null) {
                    pages.put(change.slug(), new Merged(change));
                } else {
                    merged.then(change);
                }
            }
        }
        List<PageChange> result = new ArrayList<>();
        for (Merged merged : pages.values()) {
            if (merged.kind != null) {
                result.add(merged.toChange());
            }
        }
        return new ChangeSet(result, List.copyOf(files));
    }

    /** Composes two kinds; null means "as if it never happened" (added, then removed). */
    static ChangeKind compose(ChangeKind first, ChangeKind then) {
        if (first == null) {
            return then;
        }
        return switch (first) {
            case ADDED -> then == ChangeKind.REMOVED ? null : ChangeKind.ADDED;
            case CHANGED -> then == ChangeKind.REMOVED ? ChangeKind.REMOVED : ChangeKind.CHANGED;
            case REMOVED -> then == ChangeKind.REMOVED ? ChangeKind.REMOVED : ChangeKind.CHANGED;
        };
    }

    private static final class Merged {
        private final String slug;
        private String title;
        private String section;
        private ChangeKind kind;
        private boolean details;
        private boolean sectionsUnknown;
        private final Map<String, SectionChange> sections = new LinkedHashMap<>();

        Merged(PageChange first) {
            this.slug = first.slug();
            this.title = first.title();
            this.section = first.section();
            this.kind = first.kind();
            this.details = first.detailsChanged();
            first.sections().forEach(s -> sections.put(s.anchor(), s));
        }

        void then(PageChange change) {
            ChangeKind before = kind;
            kind = compose(kind, change.kind());
            title = change.title();
            section = change.section() != null ? change.section() : section;
            details |= change.detailsChanged();
            if (before == ChangeKind.REMOVED && change.kind() == ChangeKind.ADDED) {
                sectionsUnknown = true;
                sections.clear();
            }
            if (before == null && change.kind() == ChangeKind.ADDED) {
                // added, removed, added again: a new page as far as the reader knows
                sections.clear();
                details = false;
                sectionsUnknown = false;
            }
            if (!sectionsUnknown) {
                for (SectionChange section : change.sections()) {
                    SectionChange earlier = sections.get(section.anchor());
                    ChangeKind composed = compose(earlier == null ? null : earlier.kind(), section.kind());
                    if (composed == null) {
                        sections.remove(section.anchor());
                    } else {
                        sections.put(section.anchor(), new SectionChange(section.anchor(), section.title(), composed,
                                diff(earlier, section, composed)));
                    }
                }
            }
        }

        /**
         * The redline of a section over both revisions: a section changed twice shows both edits in
         * order; one new to the reader shows none (its text is on the page), one removed shows the
         * text it had last. Unknown if either revision's words were not compared.
         */
        private static SectionDiff diff(SectionChange earlier, SectionChange then, ChangeKind composed) {
            if (earlier == null || composed != ChangeKind.CHANGED) {
                return composed == ChangeKind.ADDED && earlier != null ? null : then.diff();
            }
            if (earlier.diff() == null || then.diff() == null) {
                return null;
            }
            return earlier.kind() == ChangeKind.CHANGED && then.kind() == ChangeKind.CHANGED
                    ? earlier.diff().then(then.diff()) : null;
        }

        PageChange toChange() {
            boolean listSections = kind == ChangeKind.CHANGED && !sectionsUnknown;
            return new PageChange(slug, title, kind, kind == ChangeKind.CHANGED && details,
                    listSections ? List.copyOf(sections.values()) : List.of(), section);
        }
    }
}
