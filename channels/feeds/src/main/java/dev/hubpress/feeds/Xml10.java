package dev.hubpress.feeds;

/**
 * Text as XML 1.0 allows it. Titles, summaries and page text reach the feeds from editors'
 * Markdown and front matter; characters XML 1.0 forbids (C0 controls other than tab, LF and CR,
 * U+FFFE, U+FFFF and unpaired surrogates) would make a feed that no reader can parse, so they are
 * removed before any string is handed to Rome or written as JSON. Everything else (emoji,
 * right-to-left text, {@code ]]>}, {@code &}, {@code <}) is kept and escaped by the writers.
 */
final class Xml10 {

    private Xml10() {
    }

    /** The text without the characters XML 1.0 forbids; null stays null. */
    static String clean(String text) {
        if (text == null) {
            return null;
        }
        int n = text.length();
        int i = 0;
        while (i < n) {
            int c = text.codePointAt(i);
            if (!allowed(c)) {
                break;
            }
            i += Character.charCount(c);
        }
        if (i == n) {
            return text;
        }
        StringBuilder out = new StringBuilder(n);
        out.append(text, 0, i);
        while (i < n) {
            int c = text.codePointAt(i);
            if (allowed(c)) {
                out.appendCodePoint(c);
            }
            i += Character.charCount(c);
        }
        return out.toString();
    }

    /** XML 1.0 production [2] Char; an unpaired surrogate arrives here as its own value and fails. */
    static boolean allowed(int c) {
        return c == 0x9 || c == 0xA || c == 0xD
                || (c >= 0x20 && c <= 0xD7FF)
                || (c >= 0xE000 && c <= 0xFFFD)
                || (c >= 0x10000 && c <= 0x10FFFF);
    }
}
