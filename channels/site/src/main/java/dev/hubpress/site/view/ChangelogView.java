package dev.hubpress.site.view;

import java.util.List;

/** The changelog page: accepted revisions newest first. */
public record ChangelogView(Layout layout, String title, String intro, List<ChangeEntry> entries) {

    public ChangelogView {
        entries = List.copyOf(entries);
    }
}
