package dev.hubpress.core.markdown;

import java.util.Arrays;

/**
 * Where each line of a text starts, so the line of any offset is a binary search: Flexmark's own
 * line lookup scans, and asking it once per node made a large page quadratic to check.
 */
public final class LineIndex {

    private final int[] starts;

    private LineIndex(int[] starts) {
        this.starts = starts;
    }

    public static LineIndex of(CharSequence text) {
        int[] starts = new int[16];
        int count = 1;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                if (count == starts.length) {
                    starts = Arrays.copyOf(starts, count * 2);
                }
                starts[count++] = i + 1;
            }
        }
        return new LineIndex(Arrays.copyOf(starts, count));
    }

    /** The 0-based line holding this offset. */
    public int line(int offset) {
        int at = Arrays.binarySearch(starts, offset);
        return at >= 0 ? at : -at - 2;
    }
}
