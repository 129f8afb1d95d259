package dev.hubpress.site;

import dev.hubpress.core.model.Hub;
import dev.hubpress.core.model.Page;
import dev.hubpress.core.revision.ChangeKind;
import dev.hubpress.core.revision.PageChange;
import dev.hubpress.core.revision.RedlineExcerpt;
import dev.hubpress.core.revision.Revision;
import dev.hubpress.core.revision.SectionChange;
import dev.hubpress.core.revision.SectionDiff;
import dev.hubpress.site.view.RedlineView;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What a revision's redline page lists, from its change set: the redline was made at ingest, from
 * both trees, so the page needs no older tree. Links lead to the pages and sections that still
 * exist; the words shown are those of the revision, whatever the pages say now.
 */
final class RedlineEntries {

    /** Where the revisions' redline pages are published ({@link RedlineExcerpt#sitePath}). */
    static final String FOLDER = "changes/";

    private RedlineEntries() {
    }

    static String key(Revision revision) {
        return RedlineExcerpt.sitePath(revision);
    }

    /**
     * For each page, the newest revision of the history (newest first) that changed its text or
     * details: where its "see what changed" link leads. A page added since is not in it.
     */
    static Map<String, Revision> lastChanged(List<Revision> history) {
        Map<String, Revision> last = new HashMap<>();
        for (int i = history.size() - 1; i >= 0; i--) {
            for (PageChange change : history.get(i).changes().pages()) {
                if (change.kind() == ChangeKind.CHANGED) {
                    last.put(change.slug(), history.get(i));
                } else {
                    last.remove(change.slug());
                }
            }
        }
        return last;
    }

    /** What the revision changed besides the pages listed, for the page's lead; empty if nothing. */
    static String note(Revision revision) {
        if (revision.parent() == 0) {
            return "The first publication: every page is new.";
        }
        if (revision.changes().pages().isEmpty()) {
            return "No page’s text changed: only settings or data files.";
        }
        return "";
    }

    static List<RedlineView.PageEntry> pages(Revision revision, Hub hub, String root) {
        List<RedlineView.PageEntry> entries = new ArrayList<>();
        for (PageChange change : revision.changes().pages()) {
            Optional<Page> current = hub.page(change.slug()).filter(p -> change.kind() != ChangeKind.REMOVED);
            String href = current.map(p -> root + p.sitePath()).orElse(null);
            List<String> notes = new ArrayList<>();
            List<RedlineView.SectionEntry> sections = new ArrayList<>();
            switch (change.kind()) {
                case ADDED -> notes.add(current.isPresent() ? "A new page: its whole text is on the page." : "A new page, since removed.");
                case REMOVED -> notes.add("The page was removed. Its text as it was:");
                case CHANGED -> {
                    if (change.detailsChanged()) {
                        notes.add(change.sections().isEmpty()
                                ? "No change to the text: only the page’s details (title, summary, section or tags) changed."
                                : "The page’s details (title, summary, section or tags) changed too.");
                    }
                }
            }
            if (change.kind() != ChangeKind.ADDED) {
                for (SectionChange section : change.sections()) {
                    sections.add(section(section, SiteViews.sectionHref(current, href, section)));
                }
            }
            String verb = switch (change.kind()) {
                case ADDED -> "New";
                case CHANGED -> "Updated";
                case REMOVED -> "Removed";
            };
            entries.add(new RedlineView.PageEntry(change.slug(), verb, change.title(), href, notes, sections));
        }
        return entries;
    }

    private static RedlineView.SectionEntry section(SectionChange section, String href) {
        String change = section.kind().name().toLowerCase(Locale.ROOT);
        String title = section.anchor().isEmpty() ? "Opening text" : section.title();
        SectionDiff diff = section.diff();
        if (diff == null) {
            return new RedlineView.SectionEntry(title, href, change, List.of(),
                    "Its words were not recorded: this revision predates redlines.");
        }
        List<RedlineView.HunkView> hunks = new ArrayList<>();
        for (SectionDiff.Hunk hunk : diff.hunks()) {
            List<RedlineView.RunView> runs = new ArrayList<>();
            for (SectionDiff.Run run : hunk.runs()) {
                runs.add(new RedlineView.RunView(run.mark().name().toLowerCase(Locale.ROOT), run.text(), !runs.isEmpty()));
            }
            hunks.add(new RedlineView.HunkView(hunk.cutBefore(), hunk.cutAfter(), runs));
        }
        return new RedlineView.SectionEntry(title, href, change, hunks, sectionNote(section.kind(), diff, href != null));
    }

    private static String sectionNote(ChangeKind kind, SectionDiff diff, boolean linked) {
        if (!diff.textChanged()) {
            return kind == ChangeKind.CHANGED ? "No change to the words: only formatting or link targets." : "";
        }
        if (diff.moreWords() == 0) {
            return "";
        }
        String what = switch (kind) {
            case ADDED -> "added";
            case CHANGED -> "changed";
            case REMOVED -> "removed";
        };
        String words = diff.moreWords() == 1 ? "1 more word " : diff.moreWords() + " more words ";
        return "… and " + words + what + (linked ? ", not shown here: read the whole section on its page." : ", not shown here.");
    }
}
