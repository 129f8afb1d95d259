package dev.hubpress.core.model;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A hub as loaded from one content tree that passed the gate: config, data and pages in reading
 * order. Pages are indexed by slug and by section, since renderers look them up for every page.
 */
public final class Hub {

    private final HubConfig config;
    private final Optional<Compensation> compensation;
    private final List<Page> pages;
    private final Map<String, Page> bySlug = new HashMap<>();
    private final Map<String, List<Page>> bySection = new LinkedHashMap<>();

    public Hub(HubConfig config, Optional<Compensation> compensation, List<Page> pages) {
        this.config = config;
        this.compensation = compensation;
        this.pages = List.copyOf(pages);
        for (Page page : this.pages) {
            bySlug.put(page.slug(), page);
            bySection.computeIfAbsent(page.section(), s -> new ArrayList<>()).add(page);
        }
        bySection.replaceAll((s, list) -> List.copyOf(list));
    }

    public HubConfig config() {
        return config;
    }

    public Optional<Compensation> compensation() {
        return compensation;
    }

    /** Every page, in reading order. */
    public List<Page> pages() {
        return pages;
    }

    public Optional<Page> page(String slug) {
        return Optional.ofNullable(bySlug.get(slug));
    }

    /** Pages of one section in reading order: the section index first, then by order and title. */
    public List<Page> section(String sectionId) {
        return bySection.getOrDefault(sectionId, List.of());
    }
}
