package dev.hubpress.core.revision;

import dev.hubpress.core.model.Hub;
import dev.hubpress.core.model.Page;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/** Computes the change set of a hub against its parent revision's hub. */
public final class ChangeSets {

    private ChangeSets() {
    }

    /**
     * @param parent      the parent revision's hub; null for the first revision (everything is added)
     * @param parentFiles the parent's manifest (path to blob hash); empty for the first revision
     * @param current     the new revision's hub
     * @param currentFiles the new revision's manifest
     */
    public static ChangeSet between(Hub parent, Map<String, String> parentFiles, Hub current, Map<String, String> currentFiles) {
        Map<String, Page> before = new HashMap<>();
        if (parent != null) {
            parent.pages().forEach(p -> before.put(p.slug(), p));
        }
        List<PageChange> pages = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (Page page : current.pages()) {
            seen.add(page.slug());
            Page old = before.get(page.slug());
            if (old == null) {
                pages.add(new PageChange(page.slug(), page.title(), ChangeKind.ADDED, false, List.of()));
            } else if (!Objects.equals(parentFiles.get(old.path()), currentFiles.get(page.path())) || !old.path().equals(page.path())) {
                boolean details = !details(old).equals(details(page));
                List<SectionChange> sections = sections(old, page);
                if (details || !sections.isEmpty()) {
                    pages.add(new PageChange(page.slug(), page.title(), ChangeKind.CHANGED, details, sections));
                }
            }
        }
        if (parent != null) {
            for (Page old : parent.pages()) {
                if (!seen.contains(old.slug())) {
                    pages.add(new PageChange(old.slug(), old.title(), ChangeKind.REMOVED, false, List.of()));
                }
            }
        }
        Set<String> files = new TreeSet<>();
        Set<String> allPaths = new TreeSet<>(parentFiles.keySet());
        allPaths.addAll(currentFiles.keySet());
        for (String path : allPaths) {
            if (!path.endsWith(".md") && !Objects.equals(parentFiles.get(path), currentFiles.get(path))) {
                files.add(path);
            }
        }
        return new ChangeSet(pages, List.copyOf(files));
    }

    private static List<Object> details(Page p) {
        return List.of(p.title(), p.summary(), p.section(), p.order(), p.tags(), p.kind());
    }

    private static List<SectionChange> sections(Page old, Page page) {
        Map<String, PageSections.Section> a = PageSections.of(old.source(), old.bodyLine(), old.headings(), old.title());
        Map<String, PageSections.Section> b = PageSections.of(page.source(), page.bodyLine(), page.headings(), page.title());
        List<SectionChange> changes = new ArrayList<>();
        for (PageSections.Section section : b.values()) {
            PageSections.Section previous = a.get(section.anchor());
            if (previous == null) {
                changes.add(new SectionChange(section.anchor(), section.title(), ChangeKind.ADDED));
            } else if (!previous.fingerprint().equals(section.fingerprint())) {
                changes.add(new SectionChange(section.anchor(), section.title(), ChangeKind.CHANGED));
            }
        }
        for (PageSections.Section section : a.values()) {
            if (!b.containsKey(section.anchor())) {
                changes.add(new SectionChange(section.anchor(), section.title(), ChangeKind.REMOVED));
            }
        }
        return changes;
    }
}
