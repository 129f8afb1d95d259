package dev.hubpress.aws;

import java.util.regex.Pattern;

/** Object keys: every key an adapter writes stays under its prefix. */
final class Keys {

    private static final Pattern HASH = Pattern.compile("[0-9a-f]{64}");

    private Keys() {
    }

    /** A prefix as stored: empty, or ending in exactly one '/'. */
    static String prefix(String prefix) {
        if (prefix == null || prefix.isEmpty()) {
            return "";
        }
        if (prefix.startsWith("/") || prefix.contains("..") || prefix.contains("//") || prefix.contains("\\")) {
            throw new IllegalArgumentException("unsafe key prefix: '" + prefix + "'");
        }
        return prefix.endsWith("/") ? prefix : prefix + "/";
    }

    /**
     * The key of a site object under the prefix, refusing anything that could name an object
     * outside it or a different object than meant (the same rules as the site folder's).
     */
    static String artifact(String prefix, String key) {
        if (key == null || key.isEmpty() || key.startsWith("/") || key.endsWith("/") || key.contains("//")
                || key.contains("\\") || key.indexOf('\0') >= 0 || key.contains(":")
                || key.equals("..") || key.startsWith("../") || key.endsWith("/..") || key.contains("/../")
                || key.equals(".") || key.startsWith("./") || key.contains("/./") || key.endsWith("/.")
                || key.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            throw new IllegalArgumentException("unsafe artifact key: " + (key == null ? "null" : "'" + key.replace("\0", "\\0") + "'"));
        }
        return prefix + key;
    }

    /** The key of a blob: {@code <prefix>ab/cdef…}, after checking the hash is one. */
    static String blob(String prefix, String hash) {
        if (hash == null || !HASH.matcher(hash).matches()) {
            throw new IllegalArgumentException("not a lowercase hex SHA-256: " + hash);
        }
        return prefix + hash.substring(0, 2) + "/" + hash.substring(2);
    }
}
