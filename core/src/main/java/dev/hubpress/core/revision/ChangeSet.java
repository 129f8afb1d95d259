package dev.hubpress.core.revision;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a revision changed against its parent (the previous accepted revision): pages in reading
 * order, and any hub settings or data files. Feeds, the changelog and digests are made from it.
 *
 * @param files non-page files that changed (hub.yaml, data/*.yaml)
 * @param moved the pages moved to another slug, in this revision or an earlier one, whose old URL
 *              still redirects: old slug to current slug ({@link Moves}). Carried from the parent's
 *              change set, so a redirect outlives the history a publish reads; empty in change sets
 *              recorded before moves were detected. Not a change of its own ({@link #isEmpty()}).
 */
public record ChangeSet(List<PageChange> pages, List<String> files, Map<String, String> moved) {

    public static final ChangeSet NONE = new ChangeSet(List.of(), List.of());

    public ChangeSet {
        pages = List.copyOf(pages);
        files = List.copyOf(files);
        moved = moved == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(moved));
    }

    public ChangeSet(List<PageChange> pages, List<String> files) {
        this(pages, files, Map.of());
    }

    /** The same changes with these redirects in force. */
    public ChangeSet withMoved(Map<String, String> redirects) {
        return new ChangeSet(pages, files, redirects);
    }

    public boolean isEmpty() {
        return pages.isEmpty() && files.isEmpty();
    }

    public long count(ChangeKind kind) {
        return pages.stream().filter(p -> p.kind() == kind).count();
    }

    /** "2 pages added, 1 changed" style summary for logs and the command line. */
    public String summary() {
        if (isEmpty()) {
            return "no page changes";
        }
        StringBuilder s = new StringBuilder();
        append(s, count(ChangeKind.ADDED), "added");
        append(s, count(ChangeKind.CHANGED), "changed");
        append(s, count(ChangeKind.REMOVED), "removed");
        if (!files.isEmpty()) {
            append(s, files.size(), files.size() == 1 ? "settings/data file changed" : "settings/data files changed");
        }
        return s.toString();
    }

    private static void append(StringBuilder s, long n, String what) {
        if (n == 0) {
            return;
        }
        // Only the first item names its unit ("1 page added, 2 changed"); files always do.
        boolean first = s.isEmpty();
        if (!first) {
            s.append(", ");
        }
        String unit = what.contains("file") || !first ? " " : n == 1 ? " page " : " pages ";
        s.append(n).append(unit).append(what);
    }
}
