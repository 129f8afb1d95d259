package dev.hubpress.core.revision;

import java.util.ArrayList;
import java.util.List;

/**
 * What a reader sees change in one section's text from the parent revision to this one: hunks of
 * removed and added words, each with a few unchanged words of context, in text order. A whole
 * added or removed section is one hunk of added or removed words. Bounded in size when made
 * ({@link Redline}): what is not shown is counted in {@code moreWords}.
 *
 * @param hunks     the changes shown
 * @param moreWords changed words not shown (the section's or the revision's bound was reached)
 */
public record SectionDiff(List<Hunk> hunks, int moreWords) {

    /** A section whose Markdown changed but not its words (a link target, emphasis). */
    public static final SectionDiff NO_TEXT_CHANGE = new SectionDiff(List.of(), 0);

    public SectionDiff {
        hunks = hunks == null ? List.of() : List.copyOf(hunks);
    }

    /** Whether any word changed: a reader would see a difference in the text. */
    public boolean textChanged() {
        return !hunks.isEmpty() || moreWords > 0;
    }

    /** The first {@code count} hunks, the words of the others counted as not shown: an excerpt. */
    public SectionDiff first(int count) {
        if (hunks.size() <= count) {
            return this;
        }
        int hidden = hunks.subList(count, hunks.size()).stream().mapToInt(Hunk::changedWords).sum();
        return new SectionDiff(hunks.subList(0, count), moreWords + hidden);
    }

    /** This diff followed by a later one of the same section (a digest over several revisions). */
    public SectionDiff then(SectionDiff later) {
        List<Hunk> both = new ArrayList<>(hunks);
        both.addAll(later.hunks);
        return new SectionDiff(both, moreWords + later.moreWords);
    }

    /** How one run of words differs. */
    public enum Mark {
        KEPT,
        REMOVED,
        ADDED
    }

    /** Words with one mark, separated by single spaces. */
    public record Run(Mark mark, String text) {
    }

    /**
     * One place the text changed: context, removed and added words.
     *
     * @param cutBefore words of the section precede the hunk's first run (shown as "…")
     * @param cutAfter  words of the section follow the hunk's last run
     */
    public record Hunk(List<Run> runs, boolean cutBefore, boolean cutAfter) {

        public Hunk {
            runs = List.copyOf(runs);
        }

        /** The hunk's text as it was: context and removed words. */
        public String before() {
            return text(Mark.REMOVED);
        }

        /** The hunk's text as it is: context and added words. */
        public String after() {
            return text(Mark.ADDED);
        }

        /** Whether the hunk removes words / adds words. */
        public boolean removes() {
            return runs.stream().anyMatch(r -> r.mark() == Mark.REMOVED);
        }

        public boolean adds() {
            return runs.stream().anyMatch(r -> r.mark() == Mark.ADDED);
        }

        int changedWords() {
            return runs.stream().filter(r -> r.mark() != Mark.KEPT).mapToInt(r -> r.text().split(" ").length).sum();
        }

        private String text(Mark changed) {
            StringBuilder s = new StringBuilder();
            for (Run run : runs) {
                if (run.mark() == Mark.KEPT || run.mark() == changed) {
                    s.append(s.isEmpty() ? "" : " ").append(run.text());
                }
            }
            return s.toString();
        }
    }
}
