package dev.hubpress.core.revision;

import dev.hubpress.core.model.Hub;
import dev.hubpress.core.model.Page;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The old URLs a revision's site keeps answering, each with the page it now leads to: every
 * page's declared {@linkplain Page#aliases() aliases}, and the automatic redirects of moved pages
 * ({@link ChangeSet#moved()}). Where both name one old slug, the declaration wins. The gate keeps
 * aliases off the slugs of pages and of what channels publish; a move's old slug that a page took
 * again was dropped when the move was carried.
 */
public final class Redirects {

    private Redirects() {
    }

    /**
     * One redirect.
     *
     * @param from the old slug, e.g. {@code careers/old-name} (published at {@code careers/old-name.html})
     * @param to   the slug of the page it leads to
     */
    public record Redirect(String from, String to) {

        /** Site path of the redirect page. */
        public String sitePath() {
            return from + ".html";
        }
    }

    /** The redirects of a revision of this hub, by old slug. */
    public static List<Redirect> of(Hub hub, ChangeSet changes) {
        Map<String, String> redirects = new TreeMap<>();
        changes.moved().forEach((from, to) -> {
            if (hub.page(from).isEmpty() && hub.page(to).isPresent()) {
                redirects.put(from, to);
            }
        });
        for (Page page : hub.pages()) {
            page.aliases().forEach(alias -> redirects.put(alias, page.slug()));
        }
        return redirects.entrySet().stream().map(e -> new Redirect(e.getKey(), e.getValue())).toList();
    }
}
