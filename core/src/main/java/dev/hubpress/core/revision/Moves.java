package dev.hubpress.core.revision;

import dev.hubpress.core.content.Hashing;
import dev.hubpress.core.model.Hub;
import dev.hubpress.core.model.Page;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Pages moved or renamed within a revision, and the redirects their old URLs keep.
 *
 * <p>A page's <em>content identity</em> is the SHA-256 of its body: the Markdown after the front
 * matter, with line breaks as {@code \n} and the blank space around it stripped. A page removed
 * in a revision and a page added in it with the same identity is the same page moved: its front
 * matter (title, section, order…) may change with the move, its body may not. When two removed or
 * two added pages share an identity the move is ambiguous and none is assumed (front matter
 * {@code aliases} can still declare it), nor for an empty body.
 *
 * <p>The redirects in force after a revision are its parent's, updated: a chain collapses to the
 * newest slug (a → b then b → c gives a → c and b → c), an old slug that a page takes again is no
 * longer redirected, nor one whose page was removed since.
 */
public final class Moves {

    private Moves() {
    }

    /** The content identity of a page (see the class comment). */
    public static String identity(Page page) {
        return Hashing.sha256Hex(page.source().replace("\r\n", "\n").replace('\r', '\n').strip());
    }

    /**
     * The moves of one revision: old slug to new slug.
     *
     * @param parentPages the parent's pages that the change set compared (every removed page among them)
     * @param changes     the revision's change set against that parent
     * @param current     the revision's hub
     */
    public static Map<String, String> detect(Collection<Page> parentPages, ChangeSet changes, Hub current) {
        Set<String> removed = slugs(changes, ChangeKind.REMOVED);
        Set<String> added = slugs(changes, ChangeKind.ADDED);
        if (removed.isEmpty() || added.isEmpty()) {
            return Map.of();
        }
        Map<String, List<String>> before = byIdentity(parentPages.stream().filter(p -> removed.contains(p.slug())).toList());
        Map<String, List<String>> after = byIdentity(current.pages().stream().filter(p -> added.contains(p.slug())).toList());
        Map<String, String> moves = new TreeMap<>();
        before.forEach((identity, old) -> {
            List<String> now = after.get(identity);
            if (old.size() == 1 && now != null && now.size() == 1) {
                moves.put(old.get(0), now.get(0));
            }
        });
        return moves;
    }

    /**
     * The redirects in force after a revision: old slug to the slug of a page of {@code current}.
     *
     * @param inherited the parent's redirects in force ({@link ChangeSet#moved()})
     * @param moves     this revision's moves ({@link #detect})
     */
    public static Map<String, String> carry(Map<String, String> inherited, Map<String, String> moves, Hub current) {
        Map<String, String> redirects = new TreeMap<>();
        inherited.forEach((from, to) -> redirects.put(from, moves.getOrDefault(to, to)));
        redirects.putAll(moves);
        redirects.entrySet().removeIf(e -> current.page(e.getKey()).isPresent() || current.page(e.getValue()).isEmpty());
        return redirects;
    }

    private static Set<String> slugs(ChangeSet changes, ChangeKind kind) {
        return changes.pages().stream().filter(p -> p.kind() == kind).map(PageChange::slug).collect(Collectors.toSet());
    }

    private static Map<String, List<String>> byIdentity(List<Page> pages) {
        Map<String, List<String>> byIdentity = new HashMap<>();
        pages.stream().filter(p -> !p.source().isBlank()).forEach(p ->
                byIdentity.computeIfAbsent(identity(p), k -> new java.util.ArrayList<>()).add(p.slug()));
        byIdentity.values().forEach(l -> l.sort(null));
        return byIdentity;
    }
}
