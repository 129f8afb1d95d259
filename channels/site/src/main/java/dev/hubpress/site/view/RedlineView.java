package dev.hubpress.site.view;

import java.util.List;

/**
 * A revision's redline page ({@code changes/r<N>.html}): per page it changed, per section, the
 * words removed and added, each announced in text as well as struck through or underlined.
 *
 * @param note  what the revision changed besides page text ("no change to the words …"); empty if nothing
 * @param files settings and data files it changed
 */
public record RedlineView(Layout layout, String title, String summary, String date, String isoDate, String note,
                          List<PageEntry> pages, List<String> files, Link changelog) {

    public RedlineView {
        pages = List.copyOf(pages);
        files = List.copyOf(files);
    }

    /**
     * A page the revision added, changed or removed.
     *
     * @param id    the fragment other pages link to: the page's slug
     * @param href  link to the page, or null when it no longer exists
     * @param notes what a reader should know besides the sections (details changed, a new page's summary)
     */
    public record PageEntry(String id, String verb, String title, String href, List<String> notes,
                            List<SectionEntry> sections) {
        public PageEntry {
            notes = List.copyOf(notes);
            sections = List.copyOf(sections);
        }
    }

    /**
     * One changed, added or removed section of a page.
     *
     * @param href  link to the section, or null when it no longer exists
     * @param note  what the hunks do not say ("12 more words changed", "no change to the words"); empty if nothing
     */
    public record SectionEntry(String title, String href, String change, List<HunkView> hunks, String note) {
        public SectionEntry {
            hunks = List.copyOf(hunks);
        }
    }

    /** One place the words changed: its runs, and whether text of the section comes before or after it. */
    public record HunkView(boolean cutBefore, boolean cutAfter, List<RunView> runs) {
        public HunkView {
            runs = List.copyOf(runs);
        }
    }

    /**
     * Words with one mark.
     *
     * @param mark  "kept", "removed" or "added"
     * @param space whether a space separates it from the run before
     */
    public record RunView(String mark, String text, boolean space) {
    }
}
