package dev.hubpress.core.revision;

import dev.hubpress.core.revision.SectionDiff.Mark;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * A word-level diff (Myers' O(ND) algorithm) of two texts split at white space: the shortest
 * sequence of kept, removed and added words. Within each changed stretch the removed words come
 * before the added ones, as a reader expects of a replacement, and a few kept words between two
 * larger changes join them ("every page once a quarter" becomes "each page after every release" as
 * one replacement, not three), so a rewritten sentence reads as one. Texts that differ in more than
 * {@link #MAX_EDITS} words are given as wholly replaced: a redline of such a rewrite says nothing
 * more, and it keeps the work bounded (O(D²) memory).
 */
final class WordDiff {

    static final int MAX_EDITS = 1_000;

    /** One word and how it differs. */
    record Word(Mark mark, String text) {
    }

    private WordDiff() {
    }

    static String[] words(String text) {
        String t = text.strip();
        return t.isEmpty() ? new String[0] : t.split("\\s+");
    }

    static List<Word> between(String before, String after) {
        String[] a = words(before);
        String[] b = words(after);
        int prefix = 0;
        while (prefix < a.length && prefix < b.length && a[prefix].equals(b[prefix])) {
            prefix++;
        }
        int suffix = 0;
        while (suffix < a.length - prefix && suffix < b.length - prefix
                && a[a.length - 1 - suffix].equals(b[b.length - 1 - suffix])) {
            suffix++;
        }
        List<Word> words = new ArrayList<>(a.length + b.length);
        for (int i = 0; i < prefix; i++) {
            words.add(new Word(Mark.KEPT, a[i]));
        }
        String[] midA = Arrays.copyOfRange(a, prefix, a.length - suffix);
        String[] midB = Arrays.copyOfRange(b, prefix, b.length - suffix);
        words.addAll(removalsFirst(absorbShortKept(removalsFirst(middle(midA, midB)))));
        for (int i = a.length - suffix; i < a.length; i++) {
            words.add(new Word(Mark.KEPT, a[i]));
        }
        return words;
    }

    private static List<Word> middle(String[] a, String[] b) {
        int n = a.length;
        int m = b.length;
        if (n == 0 || m == 0) {
            return replaced(a, b);
        }
        int max = Math.min(n + m, MAX_EDITS);
        int offset = max + 1;
        int[] v = new int[2 * max + 3];
        List<int[]> trace = new ArrayList<>();
        int found = -1;
        for (int d = 0; d <= max && found < 0; d++) {
            trace.add(Arrays.copyOfRange(v, offset - d - 1, offset + d + 2));
            for (int k = -d; k <= d; k += 2) {
                int x = k == -d || (k != d && v[offset + k - 1] < v[offset + k + 1]) ? v[offset + k + 1] : v[offset + k - 1] + 1;
                int y = x - k;
                while (x < n && y < m && a[x].equals(b[y])) {
                    x++;
                    y++;
                }
                v[offset + k] = x;
                if (x >= n && y >= m) {
                    found = d;
                    break;
                }
            }
        }
        if (found < 0) {
            return replaced(a, b);
        }
        return backtrack(a, b, trace, found);
    }

    /** Walks the saved frontiers back from (n, m); trace.get(d) holds v[-d-1 .. d+1] before step d. */
    private static List<Word> backtrack(String[] a, String[] b, List<int[]> trace, int depth) {
        List<Word> reversed = new ArrayList<>();
        int x = a.length;
        int y = b.length;
        for (int d = depth; d > 0; d--) {
            int[] v = trace.get(d);
            int k = x - y;
            // v covers k in [-d-1, d+1]: index k + d + 1
            boolean down = k == -d || (k != d && v[k - 1 + d + 1] < v[k + 1 + d + 1]);
            int prevK = down ? k + 1 : k - 1;
            int prevX = v[prevK + d + 1];
            int prevY = prevX - prevK;
            while (x > prevX && y > prevY) {
                reversed.add(new Word(Mark.KEPT, a[--x]));
                y--;
            }
            if (down) {
                reversed.add(new Word(Mark.ADDED, b[--y]));
            } else {
                reversed.add(new Word(Mark.REMOVED, a[--x]));
            }
        }
        while (x > 0 && y > 0) {
            reversed.add(new Word(Mark.KEPT, a[--x]));
            y--;
        }
        Collections.reverse(reversed);
        return reversed;
    }

    private static List<Word> replaced(String[] a, String[] b) {
        List<Word> words = new ArrayList<>(a.length + b.length);
        for (String w : a) {
            words.add(new Word(Mark.REMOVED, w));
        }
        for (String w : b) {
            words.add(new Word(Mark.ADDED, w));
        }
        return words;
    }

    /**
     * Kept words between two changes that are each at least as long join the changes (as removed
     * and added again): a word or two left standing in a rewritten sentence tells a reader nothing.
     */
    private static List<Word> absorbShortKept(List<Word> words) {
        List<List<Word>> stretches = new ArrayList<>();
        for (Word w : words) {
            boolean kept = w.mark() == Mark.KEPT;
            if (stretches.isEmpty() || (stretches.get(stretches.size() - 1).get(0).mark() == Mark.KEPT) != kept) {
                stretches.add(new ArrayList<>());
            }
            stretches.get(stretches.size() - 1).add(w);
        }
        boolean joined = true;
        while (joined) {
            joined = false;
            for (int i = 1; i < stretches.size() - 1; i++) {
                List<Word> kept = stretches.get(i);
                if (kept.get(0).mark() != Mark.KEPT) {
                    continue;
                }
                if (kept.size() <= size(stretches.get(i - 1)) && kept.size() <= size(stretches.get(i + 1))) {
                    List<Word> change = new ArrayList<>(stretches.get(i - 1));
                    kept.forEach(w -> change.add(new Word(Mark.REMOVED, w.text())));
                    kept.forEach(w -> change.add(new Word(Mark.ADDED, w.text())));
                    change.addAll(stretches.get(i + 1));
                    stretches.subList(i - 1, i + 2).clear();
                    stretches.add(i - 1, removalsFirst(change));
                    joined = true;
                    break;
                }
            }
        }
        List<Word> out = new ArrayList<>(words.size());
        stretches.forEach(out::addAll);
        return out;
    }

    /** A changed stretch's length as a reader sees it: the longer of its removed and added words. */
    private static int size(List<Word> change) {
        long removed = change.stream().filter(w -> w.mark() == Mark.REMOVED).count();
        return (int) Math.max(removed, change.size() - removed);
    }

    /** Within each stretch between kept words, the removed words first, then the added ones. */
    private static List<Word> removalsFirst(List<Word> words) {
        List<Word> out = new ArrayList<>(words.size());
        List<Word> added = new ArrayList<>();
        for (Word w : words) {
            switch (w.mark()) {
                case KEPT -> {
                    out.addAll(added);
                    added.clear();
                    out.add(w);
                }
                case REMOVED -> out.add(w);
                case ADDED -> added.add(w);
            }
        }
        out.addAll(added);
        return out;
    }
}
