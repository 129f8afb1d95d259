package dev.hubpress.core.revision;

import dev.hubpress.core.model.Hub;
import dev.hubpress.core.model.Page;
import dev.hubpress.core.markdown.SectionText;
import dev.hubpress.core.markdown.SitePaths;

import java.util.ArrayList;
import java.util.Collection;
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

    /** The change set of a first revision: every page added, every other file changed. */
    public static ChangeSet first(Hub current, Map<String, String> currentFiles) {
        return between(List.of(), Map.of(), current, currentFiles);
    }

    /**
     * The parent's files a change set compares: the pages whose file is not in the new tree with
     * the same bytes (a file that did not change cannot change a page). Only these need reading.
     */
    public static Set<String> pagesToCompare(Map<String, String> parentFiles, Map<String, String> currentFiles) {
        Set<String> paths = new TreeSet<>();
        parentFiles.forEach((path, hash) -> {
            if (path.endsWith(".md") && !hash.equals(currentFiles.get(path))) {
                paths.add(path);
            }
        });
        return paths;
    }

    /**
     * @param parentPages  the parent revision's pages among {@link #pagesToCompare} (more do no harm)
     * @param parentFiles  the parent's manifest (path to blob hash); empty for the first revision
     * @param current      the new revision's hub
     * @param currentFiles the new revision's manifest
     */
    public static ChangeSet between(Collection<Page> parentPages, Map<String, String> parentFiles, Hub current,
                                    Map<String, String> currentFiles) {
        Map<String, Page> changedBefore = new HashMap<>();
        parentPages.forEach(p -> changedBefore.put(p.path(), p));
        Map<String, String> parentSlugs = new HashMap<>();
        parentFiles.keySet().stream().filter(p -> p.endsWith(".md")).forEach(p -> parentSlugs.put(SitePaths.slugOf(p), p));
        List<PageChange> pages = new ArrayList<>();
        Redline redline = new Redline();
        Set<String> seen = new LinkedHashSet<>();
        for (Page page : current.pages()) {
            seen.add(page.slug());
            String oldPath = parentSlugs.get(page.slug());
            if (oldPath == null) {
                pages.add(new PageChange(page.slug(), page.title(), ChangeKind.ADDED, false, List.of(), page.section()));
            } else if (!Objects.equals(parentFiles.get(oldPath), currentFiles.get(page.path())) || !oldPath.equals(page.path())) {
                Page old = parentPage(changedBefore, oldPath);
                boolean details = !details(old).equals(details(page));
                List<SectionChange> sections = sections(old, page, redline);
                if (details || !sections.isEmpty()) {
                    pages.add(new PageChange(page.slug(), page.title(), ChangeKind.CHANGED, details, sections, page.section()));
                }
            }
        }
        parentSlugs.entrySet().stream().sorted(Map.Entry.comparingByValue()).forEach(e -> {
            if (!seen.contains(e.getKey())) {
                Page old = parentPage(changedBefore, e.getValue());
                pages.add(new PageChange(old.slug(), old.title(), ChangeKind.REMOVED, false, removed(old, redline), old.section()));
            }
        });
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

    private static Page parentPage(Map<String, Page> pages, String path) {
        Page page = pages.get(path);
        if (page == null) {
            throw new IllegalArgumentException("the parent's page " + path + " changed but was not given to compare");
        }
        return page;
    }

    private static List<Object> details(Page p) {
        return List.of(p.title(), p.summary(), p.section(), p.order(), p.tags(), p.kind());
    }

    private static List<SectionChange> sections(Page old, Page page, Redline redline) {
        Map<String, PageSections.Section> a = sectionsOf(old);
        Map<String, PageSections.Section> b = sectionsOf(page);
        Map<String, String> before = null;
        Map<String, String> after = null;
        List<SectionChange> changes = new ArrayList<>();
        for (PageSections.Section section : b.values()) {
            PageSections.Section previous = a.get(section.anchor());
            if (previous == null || !previous.fingerprint().equals(section.fingerprint())) {
                // Only a page with a changed section is parsed for its words.
                before = before == null ? SectionText.of(old.document()) : before;
                after = after == null ? SectionText.of(page.document()) : after;
                String now = after.getOrDefault(section.anchor(), "");
                SectionDiff diff = previous == null ? redline.whole(now, SectionDiff.Mark.ADDED)
                        : redline.changed(before.getOrDefault(section.anchor(), ""), now);
                changes.add(new SectionChange(section.anchor(), section.title(),
                        previous == null ? ChangeKind.ADDED : ChangeKind.CHANGED, diff));
            }
        }
        for (PageSections.Section section : a.values()) {
            if (!b.containsKey(section.anchor())) {
                before = before == null ? SectionText.of(old.document()) : before;
                changes.add(new SectionChange(section.anchor(), section.title(), ChangeKind.REMOVED,
                        redline.whole(before.getOrDefault(section.anchor(), ""), SectionDiff.Mark.REMOVED)));
            }
        }
        return changes;
    }

    /** A removed page's sections, each whole: what the redline keeps of a text gone from the site. */
    private static List<SectionChange> removed(Page old, Redline redline) {
        Map<String, String> texts = SectionText.of(old.document());
        List<SectionChange> sections = new ArrayList<>();
        for (PageSections.Section section : sectionsOf(old).values()) {
            sections.add(new SectionChange(section.anchor(), section.title(), ChangeKind.REMOVED,
                    redline.whole(texts.getOrDefault(section.anchor(), ""), SectionDiff.Mark.REMOVED)));
        }
        return sections;
    }

    private static Map<String, PageSections.Section> sectionsOf(Page page) {
        return PageSections.of(page.source(), page.bodyLine(), page.headings(), page.title());
    }
}
