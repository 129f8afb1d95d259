package dev.hubpress.guide;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * One indirect object of a PDF file, read as bytes to be copied into a book with its references
 * renumbered ({@link BookWriter}): a value is scanned token by token (names, literal and hex
 * strings, numbers, keywords, arrays, dictionaries), so that "n g R" is recognised only where it is
 * a reference, never inside a string or a name. Written for the files {@link BookWriter} writes
 * (no comments inside objects); anything else is an {@link IOException}, never a silent copy.
 */
final class SourceObject {

    /**
     * Each byte's kind: a regular character, white space or a delimiter. A table, not a method per
     * byte: a publish runs this loop mostly before the JIT has compiled it.
     */
    private static final byte REGULAR = 0;
    private static final byte BLANK = 1;
    private static final byte DELIMITER = 2;
    private static final byte[] KIND = new byte[256];

    static {
        for (char c : new char[] {' ', '\n', '\r', '\t', '\f', 0}) {
            KIND[c] = BLANK;
        }
        for (char c : "()<>[]{}/%".toCharArray()) {
            KIND[c] = DELIMITER;
        }
    }

    private static final byte[] OBJ = ascii("obj");
    private static final byte[] STREAM = ascii("stream");
    private static final byte[] LENGTH = ascii("/Length");

    /** Writes, in the book, the reference to the source's object of this number and generation. */
    @FunctionalInterface
    interface References {
        void write(long number, int generation, OutputStream target) throws IOException;
    }

    private final int start;
    /** The first byte after the value; known once {@link #renumber} has read it. */
    private int end = -1;

    private SourceObject(int start) {
        this.start = start;
    }

    /** The object whose header ("n g obj") is at this offset. */
    static SourceObject at(byte[] file, long offset) throws IOException {
        if (offset < 0 || offset >= file.length) {
            throw new IOException("no object at offset " + offset);
        }
        int p = integer(file, (int) offset);
        p = integer(file, blanks(file, p));
        p = blanks(file, p);
        if (!startsWith(file, p, OBJ)) {
            throw new IOException("no object header at offset " + offset);
        }
        return new SourceObject(blanks(file, p + 3));
    }

    /**
     * Copies the object's value to {@code target}, each reference written by {@code references};
     * returns the value of its /Length when the value is a dictionary holding it as an integer,
     * -1 otherwise (absent, or a reference).
     */
    long renumber(byte[] file, OutputStream target, References references) throws IOException {
        int depth = 0;
        boolean expectKey = true;
        boolean lengthKey = false;
        long length = -1;
        int p = start;
        // Bytes are written in runs, up to each reference and after the last.
        int run = start;
        do {
            if (p >= file.length) {
                throw new IOException("an object runs past the end of its file");
            }
            int before = depth;
            int from = p;
            byte c = file[p];
            boolean name = false;
            boolean reference = false;
            long number = -1;
            if (blank(c)) {
                p = blanks(file, p);
                continue;
            } else if (c == '(') {
                p = literal(file, p);
            } else if (c == '<' && p + 1 < file.length && file[p + 1] == '<') {
                p += 2;
                depth++;
            } else if (c == '<') {
                p = hex(file, p);
            } else if (c == '>' && p + 1 < file.length && file[p + 1] == '>') {
                p += 2;
                depth--;
            } else if (c == '[') {
                p++;
                depth++;
            } else if (c == ']') {
                p++;
                depth--;
            } else if (c == '/') {
                p = token(file, p + 1);
                name = true;
            } else if (digit(c) && depth > 0) {
                p = token(file, p);
                int second = blanks(file, p);
                if (isInteger(file, from, p) && second > p && second < file.length && digit(file[second])) {
                    int afterSecond = token(file, second);
                    int r = blanks(file, afterSecond);
                    if (isInteger(file, second, afterSecond) && r > afterSecond && r < file.length && file[r] == 'R'
                            && (r + 1 == file.length || delimiter(file[r + 1]) || blank(file[r + 1]))) {
                        target.write(file, run, from - run);
                        references.write(parse(file, from, p), (int) parse(file, second, afterSecond), target);
                        reference = true;
                        p = r + 1;
                        run = p;
                    }
                }
                if (!reference && isInteger(file, from, p)) {
                    number = parse(file, from, p);
                }
            } else if (c == ')' || c == '>' || c == '{' || c == '}' || c == '%') {
                throw new IOException("unexpected '" + (char) c + "' at offset " + p);
            } else {
                p = token(file, p);
            }
            if (depth < 0) {
                throw new IOException("unbalanced object at offset " + from);
            }
            // An entry of the object's own dictionary is complete: a key, or a whole value at depth 1.
            if (depth == 1 && before >= 1) {
                if (expectKey) {
                    lengthKey = name && p - from == LENGTH.length && startsWith(file, from, LENGTH);
                } else if (lengthKey) {
                    length = reference ? -1 : number;
                }
                expectKey = !expectKey;
            }
        } while (depth > 0);
        target.write(file, run, p - run);
        end = p;
        return length;
    }

    /** Where the stream's data starts, or -1 when the object is not a stream. */
    int stream(byte[] file) {
        if (end < 0) {
            throw new IllegalStateException("read the object first");
        }
        int p = blanks(file, end);
        if (!startsWith(file, p, STREAM)) {
            return -1;
        }
        p += STREAM.length;
        if (p < file.length && file[p] == '\r') {
            p++;
        }
        if (p < file.length && file[p] == '\n') {
            p++;
        }
        return p;
    }

    private static int integer(byte[] file, int p) throws IOException {
        int q = p;
        while (q < file.length && digit(file[q])) {
            q++;
        }
        if (q == p) {
            throw new IOException("a number expected at offset " + p);
        }
        return q;
    }

    /** Past a literal string, its parentheses balanced and backslash escapes skipped. */
    private static int literal(byte[] file, int p) throws IOException {
        int depth = 0;
        for (int q = p; q < file.length; q++) {
            byte c = file[q];
            if (c == '\\') {
                q++;
            } else if (c == '(') {
                depth++;
            } else if (c == ')' && --depth == 0) {
                return q + 1;
            }
        }
        throw new IOException("a string runs past the end of its file, from offset " + p);
    }

    private static int hex(byte[] file, int p) throws IOException {
        for (int q = p + 1; q < file.length; q++) {
            if (file[q] == '>') {
                return q + 1;
            }
        }
        throw new IOException("a hex string runs past the end of its file, from offset " + p);
    }

    /** Past a regular token (a name's characters, a number, a keyword). */
    private static int token(byte[] file, int p) {
        int q = p;
        while (q < file.length && KIND[file[q] & 0xFF] == REGULAR) {
            q++;
        }
        return q;
    }

    private static int blanks(byte[] file, int p) {
        int q = p;
        while (q < file.length && KIND[file[q] & 0xFF] == BLANK) {
            q++;
        }
        return q;
    }

    private static boolean isInteger(byte[] file, int from, int to) {
        if (to - from > 18) {
            return false;
        }
        for (int i = from; i < to; i++) {
            if (!digit(file[i])) {
                return false;
            }
        }
        return to > from;
    }

    private static long parse(byte[] file, int from, int to) {
        long value = 0;
        for (int i = from; i < to; i++) {
            value = value * 10 + (file[i] - '0');
        }
        return value;
    }

    private static boolean startsWith(byte[] file, int p, byte[] bytes) {
        if (p < 0 || p + bytes.length > file.length) {
            return false;
        }
        for (int i = 0; i < bytes.length; i++) {
            if (file[p + i] != bytes[i]) {
                return false;
            }
        }
        return true;
    }

    private static boolean digit(byte c) {
        return c >= '0' && c <= '9';
    }

    private static boolean blank(byte c) {
        return KIND[c & 0xFF] == BLANK;
    }

    private static boolean delimiter(byte c) {
        return KIND[c & 0xFF] == DELIMITER;
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
