package dev.hubpress.guide.view;

import java.util.List;

/**
 * The appendix "Changes since edition N": what this edition changed against its parent.
 *
 * @param since   the parent revision's number, the edition the reader may hold
 * @param changed the changed sections (and added or retitled chapters), each linked so the
 *                template can print its page number
 * @param removed titles of what is gone (removed pages and sections): they have no page to name
 */
public record Appendix(String id, long since, List<Link> changed, List<String> removed) {

    public Appendix {
        changed = List.copyOf(changed);
        removed = List.copyOf(removed);
    }
}
