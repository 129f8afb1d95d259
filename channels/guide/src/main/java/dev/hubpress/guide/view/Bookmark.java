package dev.hubpress.guide.view;

import java.util.List;

/** One entry of the PDF outline and the entries nested below it. */
public record Bookmark(String name, String href, List<Bookmark> children) {

    public Bookmark {
        children = List.copyOf(children);
    }
}
