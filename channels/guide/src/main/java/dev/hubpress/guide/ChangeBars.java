package dev.hubpress.guide;

import dev.hubpress.core.model.Heading;
import dev.hubpress.core.model.Page;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Where an edition's change bars stand in its book: beside each changed section (from its heading
 * to the next heading, or to the chapter's footnotes or end), beside a changed chapter's title and
 * opening text, beside a new chapter whole. They are drawn when the book is bound, in the margin,
 * from where the layout put the chapters' anchors: so a part is laid out the same whatever the
 * edition flags, and an edit lays out its part once, for the whole book and its section's alike.
 */
final class ChangeBars {

    /** A bar's vertical extent on a page, in PDF user space: infinite where it runs to the text area's top or bottom. */
    record Extent(float top, float bottom) {
    }

    private ChangeBars() {
    }

    /**
     * The bars of an edition by page of the book (from 0).
     *
     * @param pages   the book's hub pages, in reading order
     * @param anchors where each anchor of the book is printed: its page and height ({@link GuideDocument#anchorId},
     *                a chapter's id at its title, and with {@link GuideDocument#CHAPTER_END} where it ends)
     */
    static Map<Integer, List<Extent>> of(List<Page> pages, ChangedSections changes, Map<String, Binding.Destination> anchors) {
        Map<Integer, List<Extent>> bars = new TreeMap<>();
        for (Page page : pages) {
            String chapter = GuideDocument.chapterId(page.slug());
            Binding.Destination start = anchors.get(chapter);
            Binding.Destination end = anchors.get(chapter + GuideDocument.CHAPTER_END);
            if (start == null || end == null) {
                continue; // not laid out in this book
            }
            if (changes.wholeChapter(page.slug())) {
                add(bars, start, end);
                continue;
            }
            Set<String> changed = changes.anchors(page.slug());
            if (changed.isEmpty()) {
                continue;
            }
            // The text ends where the footnotes start (the first one printed), else where the chapter does.
            Binding.Destination textEnd = anchors.entrySet().stream()
                    .filter(e -> e.getKey().startsWith(GuideDocument.anchorId(page.slug(), "fn-")))
                    .map(Map.Entry::getValue)
                    .min(Comparator.comparingInt(Binding.Destination::page).thenComparing(d -> -d.top()))
                    .orElse(end);
            List<Heading> headings = page.headings();
            List<Binding.Destination> at = new ArrayList<>();
            for (Heading h : headings) {
                at.add(anchors.get(GuideDocument.anchorId(page.slug(), h.id()))); // null: not printed
            }
            if (changed.contains("")) {
                add(bars, start, next(at, -1, textEnd));
            }
            for (int i = 0; i < headings.size(); i++) {
                if (changed.contains(headings.get(i).id()) && at.get(i) != null) {
                    add(bars, at.get(i), next(at, i, textEnd));
                }
            }
        }
        return bars;
    }

    /** Where the section after the heading at this index ends: the next heading printed, else the end of the text. */
    private static Binding.Destination next(List<Binding.Destination> at, int index, Binding.Destination textEnd) {
        for (int i = index + 1; i < at.size(); i++) {
            if (at.get(i) != null) {
                return at.get(i);
            }
        }
        return textEnd;
    }

    /** A bar from one place to another, a piece on each page between. */
    private static void add(Map<Integer, List<Extent>> bars, Binding.Destination from, Binding.Destination to) {
        for (int page = from.page(); page <= to.page(); page++) {
            float top = page == from.page() ? from.top() : Float.POSITIVE_INFINITY;
            float bottom = page == to.page() ? to.top() : Float.NEGATIVE_INFINITY;
            if (top > bottom) {
                bars.computeIfAbsent(page, p -> new ArrayList<>()).add(new Extent(top, bottom));
            }
        }
    }
}
