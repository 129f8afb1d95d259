package dev.hubpress.site.view;

import java.util.List;

/** The 404 page: where to go instead. */
public record NotFoundView(Layout layout, List<Link> sections) {

    public NotFoundView {
        sections = List.copyOf(sections);
    }
}
