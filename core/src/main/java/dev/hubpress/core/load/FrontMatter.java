package dev.hubpress.core.load;

import java.util.Optional;

/**
 * Splits a page into its YAML front matter (between two {@code ---} lines at the top) and its
 * Markdown body, keeping track of lines so errors in either point into the file.
 *
 * @param yaml      the front matter text
 * @param yamlLine  file line of the first front matter line
 * @param body      the Markdown body
 * @param bodyLine  file line of the first body line
 */
public record FrontMatter(String yaml, int yamlLine, String body, int bodyLine) {

    private static final String FENCE = "---";

    /**
     * Whether the text opens a front matter block (its first line is {@code ---}), closed or not:
     * what tells "no front matter" from "front matter never closed" when {@link #split} finds none.
     */
    public static boolean opens(String text) {
        String t = text.startsWith("\uFEFF") ? text.substring(1) : text;
        int firstEnd = t.indexOf('\n');
        return (firstEnd < 0 ? t : t.substring(0, firstEnd)).strip().equals(FENCE);
    }

    /** Empty when the text does not start with a closed front matter block. */
    public static Optional<FrontMatter> split(String text) {
        String t = text.startsWith("\uFEFF") ? text.substring(1) : text;
        int firstEnd = t.indexOf('\n');
        if (firstEnd < 0 || !opens(t)) {
            return Optional.empty();
        }
        int line = 2;
        int start = firstEnd + 1;
        int pos = start;
        while (pos <= t.length()) {
            int end = t.indexOf('\n', pos);
            String current = end < 0 ? t.substring(pos) : t.substring(pos, end);
            if (current.strip().equals(FENCE)) {
                String body = end < 0 ? "" : t.substring(end + 1);
                return Optional.of(new FrontMatter(t.substring(start, pos), 2, body, line + 1));
            }
            if (end < 0) {
                break;
            }
            pos = end + 1;
            line++;
        }
        return Optional.empty();
    }
}
