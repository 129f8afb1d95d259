package dev.hubpress.site;

import dev.hubpress.core.model.Hub;
import dev.hubpress.core.revision.ChangeKind;
import dev.hubpress.core.revision.PageChange;
import dev.hubpress.core.revision.Revision;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * When each page was first published and last modified, read from the revision log (never from
 * the build time or file timestamps). Pages older than the history window get the oldest date
 * the window knows.
 */
final class PageDates {

    private final Map<String, Instant> published = new HashMap<>();
    private final Map<String, Instant> modified = new HashMap<>();
    private final Instant fallback;

    private PageDates(Instant fallback) {
        this.fallback = fallback;
    }

    /** @param history accepted revisions whose changes made the content ({@link dev.hubpress.core.channel.Edition#lineage()}), newest first */
    static PageDates of(List<Revision> history, Hub hub, Revision current) {
        Instant oldest = history.isEmpty() ? current.createdAt() : history.get(history.size() - 1).createdAt();
        PageDates dates = new PageDates(oldest);
        for (int i = history.size() - 1; i >= 0; i--) {
            Revision revision = history.get(i);
            for (PageChange change : revision.changes().pages()) {
                if (change.kind() == ChangeKind.REMOVED) {
                    dates.published.remove(change.slug());
                    dates.modified.remove(change.slug());
                    continue;
                }
                dates.published.putIfAbsent(change.slug(), revision.createdAt());
                dates.modified.put(change.slug(), revision.createdAt());
            }
        }
        return dates;
    }

    Instant published(String slug) {
        return published.getOrDefault(slug, fallback);
    }

    Instant modified(String slug) {
        return modified.getOrDefault(slug, fallback);
    }
}
