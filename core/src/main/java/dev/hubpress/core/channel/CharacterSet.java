package dev.hubpress.core.channel;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.IntPredicate;

/**
 * A set of Unicode code points, held as sorted, disjoint, non-adjacent ranges: what a channel can
 * print ({@link Channel#printable()}). Immutable; {@link #contains} is a binary search.
 *
 * <p>Its text form ({@link #parse}, {@link #format}) is one range a line, {@code 4E00-9FFF} or a
 * single {@code 00A9}, in upper-case hex of four to six digits, ascending; blank lines and lines
 * starting with {@code #} are comments. A channel keeps it as a resource beside its declaration, so
 * the gate can load it without the channel's rendering machinery.
 */
public final class CharacterSet {

    /** Start and end (inclusive) of each range, interleaved: {@code [s0, e0, s1, e1, …]}. */
    private final int[] bounds;
    /** The Basic Multilingual Plane as bits, so the gate's look-up of almost every character is one array read. */
    private final long[] bmp = new long[0x10000 / 64];

    private CharacterSet(int[] bounds) {
        this.bounds = bounds;
        for (int i = 0; i < bounds.length && bounds[i] <= 0xFFFF; i += 2) {
            for (int c = bounds[i]; c <= Math.min(bounds[i + 1], 0xFFFF); c++) {
                bmp[c >>> 6] |= 1L << c;
            }
        }
    }

    /** The code points some predicate accepts, from U+0000 to U+10FFFF. */
    public static CharacterSet matching(IntPredicate accepted) {
        Builder builder = new Builder();
        for (int c = 0; c <= Character.MAX_CODE_POINT; c++) {
            if (accepted.test(c)) {
                builder.add(c, c);
            }
        }
        return builder.build();
    }

    /**
     * Reads the text form.
     *
     * @throws IllegalArgumentException naming the line that is not a range, or whose range is out of
     *                                  order, overlaps or touches the one before it
     */
    public static CharacterSet parse(String text) {
        List<Integer> bounds = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int dash = line.indexOf('-');
            int start = codePoint(line.substring(0, dash < 0 ? line.length() : dash), i + 1);
            int end = dash < 0 ? start : codePoint(line.substring(dash + 1), i + 1);
            if (end < start || (!bounds.isEmpty() && start <= bounds.get(bounds.size() - 1) + 1)) {
                throw new IllegalArgumentException("line " + (i + 1) + ": range " + line
                        + " is out of order, empty, or overlaps or touches the one before it");
            }
            bounds.add(start);
            bounds.add(end);
        }
        return new CharacterSet(bounds.stream().mapToInt(Integer::intValue).toArray());
    }

    /** Reads the text form from a resource next to a class (a channel's declaration). */
    public static CharacterSet resource(Class<?> owner, String name) {
        try (InputStream in = owner.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + name + " beside " + owner.getName());
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int codePoint(String hex, int line) {
        try {
            int c = Integer.parseInt(hex.strip(), 16);
            if (c >= 0 && c <= Character.MAX_CODE_POINT) {
                return c;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("line " + line + ": '" + hex.strip() + "' is not a code point in hex");
    }

    public boolean contains(int codePoint) {
        if (codePoint >= 0 && codePoint <= 0xFFFF) {
            return (bmp[codePoint >>> 6] & (1L << codePoint)) != 0;
        }
        int low = 0;
        int high = bounds.length / 2 - 1;
        while (low <= high) {
            int mid = (low + high) >>> 1;
            if (codePoint < bounds[2 * mid]) {
                high = mid - 1;
            } else if (codePoint > bounds[2 * mid + 1]) {
                low = mid + 1;
            } else {
                return true;
            }
        }
        return false;
    }

    /** How many code points it holds. */
    public int size() {
        int size = 0;
        for (int i = 0; i < bounds.length; i += 2) {
            size += bounds[i + 1] - bounds[i] + 1;
        }
        return size;
    }

    /** How many ranges it is made of. */
    public int ranges() {
        return bounds.length / 2;
    }

    /** The text form, after a comment: each line of {@code header} becomes a {@code #} line. */
    public String format(String header) {
        StringBuilder out = new StringBuilder();
        header.lines().forEach(l -> out.append(l.isEmpty() ? "#" : "# " + l).append('\n'));
        for (int i = 0; i < bounds.length; i += 2) {
            out.append(hex(bounds[i]));
            if (bounds[i + 1] != bounds[i]) {
                out.append('-').append(hex(bounds[i + 1]));
            }
            out.append('\n');
        }
        return out.toString();
    }

    private static String hex(int c) {
        return String.format(Locale.ROOT, "%04X", c);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CharacterSet other && Arrays.equals(bounds, other.bounds);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bounds);
    }

    @Override
    public String toString() {
        return "CharacterSet[" + size() + " code points in " + ranges() + " ranges]";
    }

    /** Collects code points or ranges given in ascending order. */
    private static final class Builder {
        private final List<Integer> bounds = new ArrayList<>();

        void add(int start, int end) {
            int last = bounds.size() - 1;
            if (last >= 0 && start <= bounds.get(last) + 1) {
                bounds.set(last, Math.max(end, bounds.get(last)));
            } else {
                bounds.add(start);
                bounds.add(end);
            }
        }

        CharacterSet build() {
            return new CharacterSet(bounds.stream().mapToInt(Integer::intValue).toArray());
        }
    }
}
