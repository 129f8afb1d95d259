package dev.hubpress.core.revision;

import dev.hubpress.core.revision.SectionDiff.Hunk;
import dev.hubpress.core.revision.SectionDiff.Mark;
import dev.hubpress.core.revision.SectionDiff.Run;
import dev.hubpress.core.revision.WordDiff.Word;

import java.util.ArrayList;
import java.util.List;

/**
 * Makes the {@link SectionDiff}s of one revision, within bounds: the change set travels in every
 * revision record (a DynamoDB item keeps it up to 16 KB before it goes to the state bucket), so a
 * section shows at most {@link #SECTION_CHARS} characters of words and the whole revision at most
 * {@link #REVISION_CHARS}; the changed words past them are counted, and readers are sent to the
 * page. One per change set: it spends one revision's budget.
 */
public final class Redline {

    /** Unchanged words shown on each side of a change. */
    public static final int CONTEXT_WORDS = 6;
    /** Characters of words (context, removed, added) one section shows at most. */
    public static final int SECTION_CHARS = 600;
    /** Characters of words a revision's sections show at most, together. */
    public static final int REVISION_CHARS = 6_000;

    private final int sectionChars;
    private int left;

    public Redline() {
        this(SECTION_CHARS, REVISION_CHARS);
    }

    Redline(int sectionChars, int revisionChars) {
        this.sectionChars = sectionChars;
        this.left = revisionChars;
    }

    /** The word diff of a section's text before and after, as hunks with context. */
    public SectionDiff changed(String before, String after) {
        return shown(hunks(WordDiff.between(before, after)));
    }

    /** A whole section added or removed: its words as one run. */
    public SectionDiff whole(String text, Mark mark) {
        List<Word> words = new ArrayList<>();
        for (String w : WordDiff.words(text)) {
            words.add(new Word(mark, w));
        }
        return shown(words.isEmpty() ? List.of() : List.of(new Stretch(words, false, false)));
    }

    /** A stretch of the diff: a change, or close changes, with up to {@link #CONTEXT_WORDS} kept words around. */
    private record Stretch(List<Word> words, boolean cutBefore, boolean cutAfter) {
    }

    /** The stretches of a diff: changes less than 2 x context kept words apart share one. */
    private static List<Stretch> hunks(List<Word> diff) {
        List<Stretch> stretches = new ArrayList<>();
        int previousStop = 0;
        int i = 0;
        while (i < diff.size()) {
            if (diff.get(i).mark() == Mark.KEPT) {
                i++;
                continue;
            }
            int start = Math.max(i - CONTEXT_WORDS, previousStop);
            int last = i;
            for (int j = i + 1; j < diff.size() && j - last <= 2 * CONTEXT_WORDS; j++) {
                if (diff.get(j).mark() != Mark.KEPT) {
                    last = j;
                }
            }
            int stop = Math.min(diff.size(), last + 1 + CONTEXT_WORDS);
            stretches.add(new Stretch(diff.subList(start, stop), start > 0, stop < diff.size()));
            previousStop = stop;
            i = stop;
        }
        return stretches;
    }

    /** The stretches as hunks, word by word while the bounds allow; the changed words left over are counted. */
    private SectionDiff shown(List<Stretch> stretches) {
        int section = 0;
        int more = 0;
        boolean full = false;
        List<Hunk> hunks = new ArrayList<>();
        for (Stretch stretch : stretches) {
            List<Word> taken = new ArrayList<>();
            for (Word word : stretch.words()) {
                int cost = word.text().length() + 1;
                full = full || section + cost > sectionChars || cost > left;
                if (full) {
                    more += word.mark() == Mark.KEPT ? 0 : 1;
                    continue;
                }
                taken.add(word);
                section += cost;
                left -= cost;
            }
            if (taken.stream().anyMatch(w -> w.mark() != Mark.KEPT)) {
                boolean cut = taken.size() < stretch.words().size();
                hunks.add(new Hunk(runs(taken), stretch.cutBefore(), stretch.cutAfter() || cut));
            }
        }
        return new SectionDiff(hunks, more);
    }

    /** Consecutive words with one mark as one run. */
    private static List<Run> runs(List<Word> words) {
        List<Run> runs = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        Mark mark = null;
        for (Word word : words) {
            if (word.mark() != mark && mark != null) {
                runs.add(new Run(mark, text.toString()));
                text.setLength(0);
            }
            mark = word.mark();
            text.append(text.isEmpty() ? "" : " ").append(word.text());
        }
        if (mark != null) {
            runs.add(new Run(mark, text.toString()));
        }
        return runs;
    }
}
