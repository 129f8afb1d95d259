package dev.hubpress.core.port;

import java.util.Optional;

/**
 * Where a process keeps what it computed from content (parsed pages, rendered page bodies) for the
 * next process: the state folder locally, the state bucket on AWS. A small contract, so any store
 * will do, and so nothing depends on it being right:
 * <ul>
 *   <li>values are put and got by name, the last put winning;</li>
 *   <li>it may lose any value at any time (a missing value is recomputed);</li>
 *   <li>what it returns is never trusted: it may be truncated, damaged, another version's or
 *       another process's, so the core checks every value it reads back (a checksum, its name and
 *       the version of the code that wrote it) and ignores one that does not check out;</li>
 *   <li>neither reading nor writing may fail a publish: the core takes an adapter's failure to read
 *       as a miss, and its failure to write as a value lost.</li>
 * </ul>
 * A name is one to sixty-four lower case letters, digits, dots and hyphens, starting with a letter
 * or digit ({@link #requireName}), so it is a safe file name and object key.
 */
public interface RenderCache {

    /** A cache that keeps nothing: every value is recomputed. */
    RenderCache NONE = new RenderCache() {
        @Override
        public Optional<byte[]> get(String name) {
            requireName(name);
            return Optional.empty();
        }

        @Override
        public void put(String name, byte[] bytes) {
            requireName(name);
        }
    };

    /**
     * The bytes last put under this name, or empty when there are none (or they were lost).
     *
     * @throws IllegalArgumentException when the name is not a valid name
     */
    Optional<byte[]> get(String name);

    /**
     * Keeps the bytes under the name, replacing what was there; readers see the old or the new
     * bytes, or nothing, never a mix of them.
     *
     * @throws IllegalArgumentException when the name is not a valid name (nothing is written)
     */
    void put(String name, byte[] bytes);

    /**
     * How many of this cache's reads and writes have failed so far for another reason than a
     * missing value: a store that refused or did not answer. Such a failure fails nothing (see
     * above), so this count is how a host shows a cache that keeps nothing, say a policy denying
     * its prefix: every publish then computes everything again, and is only slower. None by default.
     */
    default long failures() {
        return 0;
    }

    /** The check of every name. Returns the name. */
    static String requireName(String name) {
        boolean valid = name != null && !name.isEmpty() && name.length() <= 64
                && name.charAt(0) != '.' && name.charAt(0) != '-';
        for (int i = 0; valid && i < name.length(); i++) {
            char c = name.charAt(i);
            valid = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '-';
        }
        if (!valid) {
            throw new IllegalArgumentException("not a cache name: " + (name == null ? "null" : "'" + name + "'"));
        }
        return name;
    }
}
