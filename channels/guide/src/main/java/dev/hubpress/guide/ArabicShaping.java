package dev.hubpress.guide;

import java.text.Normalizer;
import java.util.HashMap;
import java.util.Map;

/**
 * Arabic letters in their contextual forms: each letter of a right-to-left run becomes the
 * presentation form (Unicode blocks Arabic Presentation Forms-A and -B) for its place in the word —
 * isolated, final, initial or medial — and lam followed by alef becomes the lam-alef ligature, as a
 * font's shaping tables would draw them. The PDF layout engine applies no shaping tables, so the
 * guide shapes the text before layout ({@link GuideBidi#shapeText}); text extraction (PDFBox's
 * PDFTextStripper, a screen reader) maps the presentation forms back to the letters by their
 * compatibility decomposition.
 *
 * <p>The tables come from the JDK's own Unicode data, not from a hand-written list: a presentation
 * form's name says its position ({@code ARABIC LETTER BEH INITIAL FORM}) and its NFKC normalization
 * is its letter. A letter with an initial or medial form joins on both sides (Unicode joining type
 * D), one with only a final form joins to the letter before it (R), any other letter joins to
 * neither (U); tatweel and the zero width joiner join both ways (C); marks and format characters
 * are transparent (T). Letters without presentation forms (some of the Arabic Supplement and
 * Extended blocks) are left as they are and treated as non-joining; so does the rest of the text.
 */
final class ArabicShaping {

    static final int ISOLATED = 0;
    static final int FINAL = 1;
    static final int INITIAL = 2;
    static final int MEDIAL = 3;

    private static final int LAM = 0x0644;
    private static final int TATWEEL = 0x0640;
    private static final int ZWJ = 0x200D;
    private static final int ZWNJ = 0x200C;

    /**
     * The tables, built on first use: only a text with Arabic letters needs them, and building them
     * reads the JDK's character names and normalization data (some 25 ms of CPU, at the start of
     * every process's first layout, while any other thread laying out waited for it).
     */
    private static final class Tables {
        /** A letter's presentation forms by position (0 where it has none). */
        static final Map<Integer, int[]> FORMS = new HashMap<>();
        /** The lam-alef ligatures by the alef they end with: isolated, final. */
        static final Map<Integer, int[]> LAM_ALEF = new HashMap<>();

        static {
            // Forms-B first: where both blocks have a form of a letter, it is the one fonts map.
            scan(0xFE70, 0xFEFF, FORMS, LAM_ALEF);
            scan(0xFB50, 0xFDFF, FORMS, LAM_ALEF);
        }
    }

    private ArabicShaping() {
    }

    private static void scan(int from, int to, Map<Integer, int[]> forms, Map<Integer, int[]> lamAlef) {
        for (int c = from; c <= to; c++) {
            String name = Character.getName(c);
            int position = name == null ? -1 : name.endsWith(" ISOLATED FORM") ? ISOLATED : name.endsWith(" FINAL FORM") ? FINAL
                    : name.endsWith(" INITIAL FORM") ? INITIAL : name.endsWith(" MEDIAL FORM") ? MEDIAL : -1;
            if (position < 0) {
                continue;
            }
            int[] letters = Normalizer.normalize(Character.toString(c), Normalizer.Form.NFKC).codePoints().toArray();
            if (letters.length == 1 && Character.getType(letters[0]) == Character.OTHER_LETTER) {
                int[] byPosition = forms.computeIfAbsent(letters[0], k -> new int[4]);
                if (byPosition[position] == 0) {
                    byPosition[position] = c;
                }
            } else if (letters.length == 2 && letters[0] == LAM && name.startsWith("ARABIC LIGATURE LAM WITH ALEF")
                    && (position == ISOLATED || position == FINAL)) {
                int[] ligatures = lamAlef.computeIfAbsent(letters[1], k -> new int[2]);
                if (ligatures[position] == 0) {
                    ligatures[position] = c;
                }
            }
        }
    }

    /** Whether a text holds a letter this class would shape: the cheap test before {@link #shape}. */
    static boolean hasShapeable(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= 0x0600 && c <= 0x08FF && Tables.FORMS.containsKey((int) c)) {
                return true;
            }
        }
        return false;
    }

    /** The text, in logical order, with each Arabic letter in the form its neighbours call for. */
    static String shape(String text) {
        if (!hasShapeable(text)) {
            return text;
        }
        int[] cps = text.codePoints().toArray();
        char[] types = new char[cps.length];
        for (int i = 0; i < cps.length; i++) {
            types[i] = joiningType(cps[i]);
        }
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < cps.length; i++) {
            int[] forms = Tables.FORMS.get(cps[i]);
            if (forms == null) {
                out.appendCodePoint(cps[i]);
                continue;
            }
            int prev = i - 1;
            while (prev >= 0 && types[prev] == 'T') {
                prev--;
            }
            int next = i + 1;
            while (next < cps.length && types[next] == 'T') {
                next++;
            }
            boolean joinsBefore = prev >= 0 && joinsToNext(types[prev]) && joinsToPrevious(types[i]);
            boolean joinsAfter = next < cps.length && joinsToNext(types[i]) && joinsToPrevious(types[next]);
            if (cps[i] == LAM && i + 1 < cps.length && Tables.LAM_ALEF.containsKey(cps[i + 1])) {
                int ligature = Tables.LAM_ALEF.get(cps[i + 1])[joinsBefore ? FINAL : ISOLATED];
                if (ligature != 0) {
                    out.appendCodePoint(ligature);
                    i++;
                    continue;
                }
            }
            int position = joinsBefore && joinsAfter ? MEDIAL : joinsBefore ? FINAL : joinsAfter ? INITIAL : ISOLATED;
            int form = forms[position];
            out.appendCodePoint(form != 0 ? form : forms[ISOLATED] != 0 ? forms[ISOLATED] : cps[i]);
        }
        return out.toString();
    }

    /**
     * A presentation form back as its letter(s) (the lam-alef ligature as two), for a font that has
     * the letter but not the form; any other text as it is.
     */
    static String unshape(String text) {
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if ((c >= 0xFB50 && c <= 0xFDFF) || (c >= 0xFE70 && c <= 0xFEFC)) {
                if (out == null) {
                    out = new StringBuilder(text.length()).append(text, 0, i);
                }
                out.append(Normalizer.normalize(String.valueOf(c), Normalizer.Form.NFKC));
            } else if (out != null) {
                out.append(c);
            }
        }
        return out == null ? text : out.toString();
    }

    /** Unicode joining type, as far as shaping with presentation forms needs it: D, R, C, T or U. */
    static char joiningType(int c) {
        int[] forms = Tables.FORMS.get(c);
        if (forms != null) {
            return forms[INITIAL] != 0 || forms[MEDIAL] != 0 ? 'D' : forms[FINAL] != 0 ? 'R' : 'U';
        }
        if (c == TATWEEL || c == ZWJ) {
            return 'C';
        }
        if (c == ZWNJ) {
            return 'U';
        }
        int type = Character.getType(c);
        return type == Character.NON_SPACING_MARK || type == Character.ENCLOSING_MARK || type == Character.FORMAT ? 'T' : 'U';
    }

    private static boolean joinsToNext(char type) {
        return type == 'D' || type == 'C';
    }

    private static boolean joinsToPrevious(char type) {
        return type == 'D' || type == 'R' || type == 'C';
    }
}
