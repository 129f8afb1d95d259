package dev.hubpress.core.channel;

import dev.hubpress.core.content.Hashing;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * One published object of a channel.
 *
 * <p>Its bytes are not copied: whoever makes an artifact hands the array over and never changes it
 * again, and whoever reads {@link #bytes()} only reads them. A copy on the way in and on each read
 * cost a 10,000-page guide 207 MB a time, and the guide's two names for the same book (the latest
 * and the revision's) share one array.
 *
 * @param key         site path, e.g. {@code index.html} or {@code assets/site.3f2a9c1e.css}
 * @param bytes       the object's bytes, never changed once given (see above)
 * @param contentType MIME type with charset where it applies
 * @param cache       how long readers and CDNs may keep it
 */
public record Artifact(String key, byte[] bytes, String contentType, CachePolicy cache) {

    public static Artifact text(String key, String text, String contentType, CachePolicy cache) {
        return new Artifact(key, text.getBytes(StandardCharsets.UTF_8), contentType, cache);
    }

    /**
     * An artifact whose bytes' SHA-256 was computed when they were made and kept beside them (a
     * render cache's value, checked against damage as the bytes are): not hashed again. The
     * digest is trusted as the bytes are, so only for pairs this code computed itself.
     *
     * @throws IllegalArgumentException when it is not a SHA-256 in lower-case hex
     */
    public static Artifact withDigest(String key, byte[] bytes, String contentType, CachePolicy cache, String sha256) {
        if (!Hashing.isSha256Hex(sha256)) {
            throw new IllegalArgumentException("not a SHA-256 in hex: " + sha256);
        }
        DIGESTS.putIfAbsent(bytes, sha256);
        return new Artifact(key, bytes, contentType, cache);
    }

    public int size() {
        return bytes.length;
    }

    /**
     * The bytes' SHA-256 by array, for as long as the array lives: a publish asks for each
     * artifact's version three times (the output listing, the store's check, what changed) and the
     * book's two names share one array; under the quick compiler (no SHA intrinsic) that hashing was
     * 5 % of a small hub's one-page edit. An array's identity stands for its bytes: they never change.
     */
    private static final Map<byte[], String> DIGESTS = Collections.synchronizedMap(new WeakHashMap<>());

    /** The SHA-256 of the bytes. */
    public String digest() {
        String known = DIGESTS.get(bytes);
        if (known == null) {
            // Hashed outside the map's lock: channels publish side by side.
            known = Hashing.sha256Hex(bytes);
            DIGESTS.put(bytes, known);
        }
        return known;
    }

    /**
     * Which object this is to a reader: its bytes, media type and cache policy, as one hash
     * ({@link #version(String, String, String)}). A channel's output listing records it for each
     * key, so a publish knows which objects it wrote last time without asking the store.
     */
    public String version() {
        return version(digest(), contentType, cache.header());
    }

    /**
     * The version of an object with these bytes (their SHA-256) and headers: the media type
     * compared as HTTP compares it (case and spaces around parameters do not matter, as a store
     * may give it back either way) and the Cache-Control header as it is.
     */
    public static String version(String digest, String contentType, String cacheControl) {
        return Hashing.sha256Hex((digest + "\n" + normalMediaType(contentType) + "\n" + cacheControl)
                .getBytes(StandardCharsets.UTF_8));
    }

    /** A media type as HTTP compares it: without whitespace, in lower case. */
    public static String normalMediaType(String type) {
        return type.replaceAll("\\s+", "").toLowerCase(java.util.Locale.ROOT);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Artifact a && key.equals(a.key) && Arrays.equals(bytes, a.bytes)
                && contentType.equals(a.contentType) && cache == a.cache;
    }

    @Override
    public int hashCode() {
        return key.hashCode() * 31 + Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return "Artifact[" + key + ", " + bytes.length + " bytes, " + contentType + "]";
    }

    /** Cache lifetimes: fingerprinted assets never change; pages and feeds change with each revision. */
    public enum CachePolicy {
        IMMUTABLE("public, max-age=31536000, immutable"),
        SHORT("public, max-age=300, must-revalidate");

        private final String header;

        CachePolicy(String header) {
            this.header = header;
        }

        /** The Cache-Control header value. */
        public String header() {
            return header;
        }
    }
}
