package dev.hubpress.core.model;

import java.util.List;
import java.util.Optional;

/** A hub as loaded from one content tree that passed the gate: config, data and pages in reading order. */
public record Hub(HubConfig config, Optional<Compensation> compensation, List<Page> pages) {

    public Hub {
        pages = List.copyOf(pages);
    }

    public Optional<Page> page(String slug) {
        return pages.stream().filter(p -> p.slug().equals(slug)).findFirst();
    }

    /** Pages of one section: the section index first, then by order and title. */
    public List<Page> section(String sectionId) {
        return pages.stream().filter(p -> p.section().equals(sectionId)).toList();
    }
}
