package dev.hubpress.guide;

import com.openhtmltopdf.bidi.BidiReorderer;
import com.openhtmltopdf.bidi.BidiSplitter;
import com.openhtmltopdf.bidi.BidiSplitterFactory;
import com.openhtmltopdf.bidi.BidiTextRun;

import java.text.Bidi;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Right-to-left text for the layout engine, on the JDK alone: openhtmltopdf splits each paragraph
 * into directional runs with the {@link BidiSplitterFactory} (here {@link java.text.Bidi}, the
 * Unicode Bidirectional Algorithm), shapes each right-to-left run before measuring it
 * ({@link #shapeText}: Arabic contextual forms, {@link ArabicShaping}) and reverses it into visual
 * order when drawing it ({@link #reorderRTLTextToLTR}: mirrored brackets, combining marks kept
 * after their letter).
 *
 * <p>openhtmltopdf's own module for this (openhtmltopdf-rtl-support) does the same on ICU4J,
 * whose 14 MB jar would not fit the guide function's size budget next to the CJK font; the
 * JDK's {@code java.text.Bidi} is a port of ICU's bidi code.
 */
final class GuideBidi implements BidiSplitterFactory, BidiReorderer {

    /** Bidi_Mirroring_Glyph pairs of the brackets and comparison signs text is likely to hold. */
    private static final Map<Integer, Integer> MIRROR = mirrors(
            "()", "<>", "[]", "{}", "\u00ab\u00bb", "\u2039\u203a", "\u2045\u2046", "\u207d\u207e", "\u208d\u208e",
            "\u2264\u2265", "\u2266\u2267", "\u226a\u226b", "\u2208\u220b", "\u2282\u2283", "\u2286\u2287",
            "\u27e8\u27e9", "\u27e6\u27e7", "\u2329\u232a", "\u3008\u3009", "\u300a\u300b", "\u300c\u300d",
            "\u300e\u300f", "\u3010\u3011", "\u3014\u3015", "\u3016\u3017", "\u3018\u3019", "\u301a\u301b",
            "\uff08\uff09", "\uff1c\uff1e", "\uff3b\uff3d", "\uff5b\uff5d", "\uff5f\uff60", "\uff62\uff63");

    private static Map<Integer, Integer> mirrors(String... pairs) {
        Map<Integer, Integer> mirror = new java.util.HashMap<>();
        for (String pair : pairs) {
            mirror.put((int) pair.charAt(0), (int) pair.charAt(1));
            mirror.put((int) pair.charAt(1), (int) pair.charAt(0));
        }
        return Map.copyOf(mirror);
    }

    @Override
    public BidiSplitter createBidiSplitter() {
        return new Splitter();
    }

    /** Splits a paragraph into runs of one direction, in logical order (openhtmltopdf keys them by start). */
    static final class Splitter implements BidiSplitter {

        private final List<BidiTextRun> runs = new ArrayList<>();

        @Override
        public void setParagraph(String paragraph, byte defaultDirection) {
            runs.clear();
            char[] text = paragraph.toCharArray();
            if (defaultDirection != RTL && !Bidi.requiresBidi(text, 0, text.length)) {
                // Left-to-right text only (almost every paragraph): no need to run the algorithm.
                runs.add(new BidiTextRun(0, text.length, LTR));
                return;
            }
            Bidi bidi = new Bidi(paragraph, defaultDirection == RTL ? Bidi.DIRECTION_RIGHT_TO_LEFT : Bidi.DIRECTION_LEFT_TO_RIGHT);
            for (int i = 0; i < bidi.getRunCount(); i++) {
                int start = bidi.getRunStart(i);
                runs.add(new BidiTextRun(start, bidi.getRunLimit(i) - start, (bidi.getRunLevel(i) & 1) == 1 ? RTL : LTR));
            }
        }

        @Override
        public int countTextRuns() {
            return runs.size();
        }

        @Override
        public BidiTextRun getVisualRun(int runIndex) {
            return runs.get(runIndex);
        }

        /** The direction of the first strong character: LTR, RTL, or NEUTRAL when there is none. */
        @Override
        public byte getBaseDirection(String paragraph) {
            for (int i = 0; i < paragraph.length(); ) {
                int c = paragraph.codePointAt(i);
                i += Character.charCount(c);
                byte d = Character.getDirectionality(c);
                if (d == Character.DIRECTIONALITY_LEFT_TO_RIGHT) {
                    return LTR;
                }
                if (d == Character.DIRECTIONALITY_RIGHT_TO_LEFT || d == Character.DIRECTIONALITY_RIGHT_TO_LEFT_ARABIC) {
                    return RTL;
                }
            }
            return NEUTRAL;
        }
    }

    /**
     * A right-to-left run in visual (left-to-right drawing) order: code points reversed, each
     * combining mark still after the letter it sits on (the font places it over the glyph drawn
     * before it), mirrored brackets swapped.
     */
    @Override
    public String reorderRTLTextToLTR(String text) {
        int[] cps = text.codePoints().toArray();
        StringBuilder out = new StringBuilder(text.length());
        int end = cps.length;
        while (end > 0) {
            int start = end - 1;
            while (start > 0 && isMark(cps[start])) {
                start--;
            }
            for (int i = start; i < end; i++) {
                int c = cps[i];
                out.appendCodePoint(i == start && Character.isMirrored(c) ? MIRROR.getOrDefault(c, c) : c);
            }
            end = start;
        }
        return out.toString();
    }

    private static boolean isMark(int c) {
        int type = Character.getType(c);
        return type == Character.NON_SPACING_MARK || type == Character.ENCLOSING_MARK || type == Character.COMBINING_SPACING_MARK;
    }

    @Override
    public String shapeText(String text) {
        return ArabicShaping.shape(text);
    }

    @Override
    public String deshapeText(String text) {
        return ArabicShaping.unshape(text);
    }

    @Override
    public boolean isLiveImplementation() {
        return true;
    }
}
