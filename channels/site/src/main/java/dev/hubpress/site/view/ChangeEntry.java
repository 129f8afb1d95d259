package dev.hubpress.site.view;

import java.util.List;

/**
 * One revision in the changelog: when, and what changed, with links to pages and sections that
 * still exist and to the revision's redline page.
 */
public record ChangeEntry(String id, String heading, String date, String isoDate, String summary,
                          List<Item> items, List<String> files, Link redline) {

    public ChangeEntry {
        items = List.copyOf(items);
        files = List.copyOf(files);
    }

    /**
     * A changed page.
     *
     * @param verb "New", "Updated" or "Removed"
     * @param href link to the page, or null when it no longer exists
     */
    public record Item(String verb, String title, String href, boolean detailsChanged, List<Section> sections) {
        public Item {
            sections = List.copyOf(sections);
        }
    }

    /** A changed section; {@code href} is null when the section no longer exists. */
    public record Section(String title, String href, String change) {
    }
}
