package dev.hubpress.core.load;

import dev.hubpress.core.content.GateError;

import java.util.List;
import java.util.Locale;

/**
 * Limits a page body must respect before it is parsed at all, checked in one pass over its text.
 * They keep the work per page bounded whatever an editor (or an attacker) writes: Flexmark's
 * inline parsing is quadratic in the number of links or code spans of one paragraph (4,000 links in
 * a paragraph took seconds; 224 KB of them, 16 s), and parsing or rendering deeply nested block
 * quotes and lists overflows the stack. Real pages stay far inside every limit.
 */
final class MarkdownLimits {

    /** Links ({@code ](} and {@code ][}) in one paragraph. */
    static final int MAX_LINKS_PER_PARAGRAPH = 500;
    /** Runs of backticks in one paragraph: two per code span, so about 1,000 code spans. */
    static final int MAX_BACKTICK_RUNS_PER_PARAGRAPH = 2_000;
    /** Block quote markers opening one line. */
    static final int MAX_QUOTE_DEPTH = 32;
    /** Columns of indentation of one line: about 40 levels of nested lists. */
    static final int MAX_INDENT = 128;

    private MarkdownLimits() {
    }

    /**
     * Adds a problem (at its file line) for each limit the body breaks.
     *
     * @return whether the body is within every limit (and may be parsed)
     */
    static boolean check(String path, String body, int bodyLine, List<GateError> problems) {
        int before = problems.size();
        int paragraphLine = 0;
        int links = 0;
        int codeSpans = 0;
        boolean linksReported = false;
        boolean codeReported = false;
        int line = 0;
        int start = 0;
        while (start <= body.length()) {
            int end = body.indexOf('\n', start);
            if (end < 0) {
                end = body.length();
            }
            if (isBlank(body, start, end)) {
                links = 0;
                codeSpans = 0;
                linksReported = false;
                codeReported = false;
                paragraphLine = line + 1;
            } else {
                int indent = indent(body, start, end);
                if (indent > MAX_INDENT) {
                    problems.add(new GateError(path, bodyLine + line, String.format(Locale.ROOT,
                            "line indented %d columns (at most %d): lists nest too deep", indent, MAX_INDENT)));
                }
                int quotes = quoteDepth(body, start, end);
                if (quotes > MAX_QUOTE_DEPTH) {
                    problems.add(new GateError(path, bodyLine + line, String.format(Locale.ROOT,
                            "block quotes nested %d deep (at most %d)", quotes, MAX_QUOTE_DEPTH)));
                }
                for (int i = start; i < end; i++) {
                    char c = body.charAt(i);
                    if (c == ']' && i + 1 < end && (body.charAt(i + 1) == '(' || body.charAt(i + 1) == '[')) {
                        links++;
                    } else if (c == '`' && (i == start || body.charAt(i - 1) != '`')) {
                        codeSpans++;
                    }
                }
                if (links > MAX_LINKS_PER_PARAGRAPH && !linksReported) {
                    problems.add(new GateError(path, bodyLine + paragraphLine, String.format(Locale.ROOT,
                            "this paragraph holds more than %d links: split it into shorter paragraphs", MAX_LINKS_PER_PARAGRAPH)));
                    linksReported = true;
                }
                if (codeSpans > MAX_BACKTICK_RUNS_PER_PARAGRAPH && !codeReported) {
                    problems.add(new GateError(path, bodyLine + paragraphLine, String.format(Locale.ROOT,
                            "this paragraph holds more than %d runs of backticks (about %d code spans): split it into shorter paragraphs",
                            MAX_BACKTICK_RUNS_PER_PARAGRAPH, MAX_BACKTICK_RUNS_PER_PARAGRAPH / 2)));
                    codeReported = true;
                }
            }
            start = end + 1;
            line++;
        }
        return problems.size() == before;
    }

    private static boolean isBlank(String text, int start, int end) {
        for (int i = start; i < end; i++) {
            if (!Character.isWhitespace(text.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** Leading columns of white space, a tab counting to the next multiple of four. */
    private static int indent(String text, int start, int end) {
        int columns = 0;
        for (int i = start; i < end; i++) {
            char c = text.charAt(i);
            if (c == ' ') {
                columns++;
            } else if (c == '\t') {
                columns += 4 - columns % 4;
            } else {
                break;
            }
        }
        return columns;
    }

    /** How many block quote markers open the line ({@code > > >} or {@code >>>}), after any indentation. */
    private static int quoteDepth(String text, int start, int end) {
        int depth = 0;
        for (int i = start; i < end; i++) {
            char c = text.charAt(i);
            if (c == '>') {
                depth++;
            } else if (c != ' ' && c != '\t') {
                break;
            }
        }
        return depth;
    }
}
