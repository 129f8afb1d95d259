package dev.hubpress.core.revision;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a revision changed against its parent (the previous accepted revision): pages in reading
 * order, and any hub settings or data files. Feeds, the changelog and digests are made from it.
 *
 * @param files    non-page files that changed (hub.yaml, data/*.yaml)
 * @param restores for a rollback, the revision whose tree this one's is (its pages and files are
 *                 then what changed back); 0 for a revision made from a pushed tree. It is part of
 *                 the change set so that every log keeps it wherever it keeps the change set.
 * @param moved    the pages moved to another slug, in this revision or an earlier one, whose old URL
 *                 still redirects: old slug to current slug ({@link Moves}). Carried from the parent's
 *                 change set, so a redirect outlives the history a publish reads; empty in change sets
 *                 recorded before moves were detected. Not a change of its own ({@link #isEmpty()}).
 */
public record ChangeSet(List<PageChange> pages, List<String> files, long restores, Map<String, String> moved) {

    public static final ChangeSet NONE = new ChangeSet(List.of(), List.of());

    public ChangeSet {
        pages = List.copyOf(pages);
        files = List.copyOf(files);
        if (restores < 0) {
            throw new IllegalArgumentException("restores must be a revision number or 0: " + restores);
        }
        moved = moved == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(moved));
    }

    /** The change set of a pushed tree. */
    public ChangeSet(List<PageChange> pages, List<String> files) {
        this(pages, files, 0, Map.of());
    }

    /** A change set with no redirects in force, restoring revision {@code restores} when it is not 0. */
    public ChangeSet(List<PageChange> pages, List<String> files, long restores) {
        this(pages, files, restores, Map.of());
    }

    /** A pushed tree's change set with these redirects in force. */
    public ChangeSet(List<PageChange> pages, List<String> files, Map<String, String> moved) {
        this(pages, files, 0, moved);
    }

    /** Whether this is a rollback's: its tree is an earlier revision's ({@link #restores()}). */
    public boolean isRollback() {
        return restores > 0;
    }

    /** This change set as a rollback's, restoring revision {@code seq}. */
    public ChangeSet restoring(long seq) {
        return new ChangeSet(pages, files, seq, moved);
    }

    /** The same changes with these redirects in force. */
    public ChangeSet withMoved(Map<String, String> redirects) {
        return new ChangeSet(pages, files, restores, redirects);
    }

    public boolean isEmpty() {
        return pages.isEmpty() && files.isEmpty();
    }

    public long count(ChangeKind kind) {
        return pages.stream().filter(p -> p.kind() == kind).count();
    }

    /** "2 pages added, 1 changed" style summary for logs and the command line; "restores r1: …" for a rollback. */
    public String summary() {
        String restored = isRollback() ? "restores r" + restores + ": " : "";
        if (isEmpty()) {
            return restored + "no page changes";
        }
        StringBuilder s = new StringBuilder(restored);
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
        boolean first = s.isEmpty() || s.charAt(s.length() - 1) == ' ';
        if (!first) {
            s.append(", ");
        }
        String unit = what.contains("file") || !first ? " " : n == 1 ? " page " : " pages ";
        s.append(n).append(unit).append(what);
    }
}
