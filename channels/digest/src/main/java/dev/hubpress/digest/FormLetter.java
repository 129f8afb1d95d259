package dev.hubpress.digest;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * A digest part (HTML or text) rendered once for a cohort, with blanks where each recipient's own
 * values go. Filling a blank puts a value at a position the template chose, never where content
 * put something: content has no way to name a blank. A blank is marked while rendering by a NUL,
 * its number and a NUL, and no content can carry a NUL (the gate refuses it in every file and
 * value); should one arrive anyway, the marks do not add up to the template's blanks and the
 * letter is refused rather than filled in the wrong place.
 */
final class FormLetter {

    /** A per-recipient value. */
    enum Blank {
        /** The one-click unsubscribe token (base64url: safe in a URL and in HTML). */
        UNSUBSCRIBE_TOKEN,
        /** The manage token. */
        MANAGE_TOKEN,
        /** The recipient's address, as the part needs it (escaped in HTML). */
        RECIPIENT,
        /** "a weekly digest" or "a digest on every update". */
        CADENCE;

        /** The mark the template is rendered with. */
        String mark() {
            return "\0" + ordinal() + "\0";
        }
    }

    private final List<String> texts;
    private final List<Blank> blanks;

    private FormLetter(List<String> texts, List<Blank> blanks) {
        this.texts = texts;
        this.blanks = blanks;
    }

    /**
     * Splits a rendered part at its marks.
     *
     * @param expected how often each blank appears in the template
     * @throws IllegalStateException when the marks are not exactly the template's blanks
     */
    static FormLetter of(String rendered, Map<Blank, Integer> expected) {
        List<String> texts = new ArrayList<>();
        List<Blank> blanks = new ArrayList<>();
        Map<Blank, Integer> found = new EnumMap<>(Blank.class);
        int from = 0;
        for (int open = rendered.indexOf('\0'); open >= 0; open = rendered.indexOf('\0', from)) {
            int close = rendered.indexOf('\0', open + 1);
            Blank blank = close < 0 ? null : blank(rendered.substring(open + 1, close));
            if (blank == null) {
                throw new IllegalStateException("a digest held a NUL character that is not one of its blanks");
            }
            texts.add(rendered.substring(from, open));
            blanks.add(blank);
            found.merge(blank, 1, Integer::sum);
            from = close + 1;
        }
        texts.add(rendered.substring(from));
        Map<Blank, Integer> wanted = new EnumMap<>(Blank.class);
        wanted.putAll(expected);
        if (!found.equals(wanted)) {
            throw new IllegalStateException("a digest's blanks are " + found + ", its template has " + wanted);
        }
        return new FormLetter(List.copyOf(texts), List.copyOf(blanks));
    }

    private static Blank blank(String number) {
        for (Blank b : Blank.values()) {
            if (Integer.toString(b.ordinal()).equals(number)) {
                return b;
            }
        }
        return null;
    }

    /** The part for one recipient: every blank filled with its value. */
    String fill(Map<Blank, String> values) {
        StringBuilder out = new StringBuilder(texts.stream().mapToInt(String::length).sum() + 256);
        for (int i = 0; i < blanks.size(); i++) {
            out.append(texts.get(i)).append(values.get(blanks.get(i)));
        }
        return out.append(texts.get(texts.size() - 1)).toString();
    }

    /** The part with its blanks left empty: a preview that addresses no one. */
    String withoutRecipient() {
        return String.join("", texts);
    }
}
