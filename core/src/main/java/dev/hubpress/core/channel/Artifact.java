package dev.hubpress.core.channel;

import dev.hubpress.core.content.Hashing;
import dev.hubpress.core.work.Once;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.WeakHashMap;
import java.util.function.Supplier;

/**
 * One published object of a channel: its key, bytes, media type and cache policy.
 *
 * <p>Its bytes are not copied: whoever makes an artifact hands the array over and never changes it
 * again, and whoever reads {@link #bytes()} only reads them. A copy on the way in and on each read
 * cost a 10,000-page guide 207 MB a time, and the guide's two names for the same book (the latest
 * and the revision's) share one array.
 *
 * <p>An artifact may also be known by its bytes' SHA-256 and size alone, its bytes made only when
 * asked for ({@link #ofDigest}): a feed written by an earlier publish is one, since what it is
 * written from says which bytes it has. A store that holds those bytes already needs no more than
 * the digest to know it, so most of an edit's objects are never made at all.
 */
public final class Artifact {

    private final String key;
    private final String contentType;
    private final CachePolicy cache;
    private final int size;
    /** The bytes' SHA-256 as given with them, or null to compute it from the bytes when asked. */
    private final String sha256;
    /** The bytes: given, or made on demand (and checked against the digest and size they were known by). */
    private final Once<byte[]> bytes;

    /**
     * @param key         site path, e.g. {@code index.html} or {@code assets/site.3f2a9c1e.css}
     * @param bytes       the object's bytes, never changed once given (see above)
     * @param contentType MIME type with charset where it applies
     * @param cache       how long readers and CDNs may keep it
     */
    public Artifact(String key, byte[] bytes, String contentType, CachePolicy cache) {
        this(key, Once.of(Objects.requireNonNull(bytes, "bytes")), contentType, cache, bytes.length, null);
    }

    private Artifact(String key, Once<byte[]> bytes, String contentType, CachePolicy cache, int size, String sha256) {
        this.key = Objects.requireNonNull(key, "key");
        this.contentType = Objects.requireNonNull(contentType, "contentType");
        this.cache = Objects.requireNonNull(cache, "cache");
        this.bytes = bytes;
        this.size = size;
        this.sha256 = sha256;
    }

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
        Artifact artifact = new Artifact(key, Once.of(Objects.requireNonNull(bytes, "bytes")), contentType, cache, bytes.length,
                requireSha256(sha256));
        DIGESTS.putIfAbsent(bytes, sha256); // for another artifact of the same array (the book's second name)
        return artifact;
    }

    /**
     * An artifact known by its bytes' SHA-256 and size, whose bytes {@code make} makes only when
     * they are asked for (once, whatever the thread). Its digest, version and size need no bytes. For
     * bytes that this code made before from the same inputs and hashed itself, as
     * {@link #withDigest} is; bytes made that are not those (another SHA-256 or size) are refused.
     *
     * @throws IllegalArgumentException when the digest is not a SHA-256 in lower-case hex, or the size is negative
     */
    public static Artifact ofDigest(String key, String contentType, CachePolicy cache, String sha256, int size,
                                    Supplier<byte[]> make) {
        if (size < 0) {
            throw new IllegalArgumentException("a negative size: " + size);
        }
        requireSha256(sha256);
        Objects.requireNonNull(make, "make");
        return new Artifact(key, Once.made(() -> {
            byte[] made = make.get();
            if (made.length != size || !Hashing.sha256Hex(made).equals(sha256)) {
                throw new IllegalStateException(key + " was made again as other bytes than it was known by ("
                        + (made.length != size ? made.length + " bytes, not " + size : "another SHA-256") + ")");
            }
            return made;
        }), contentType, cache, size, sha256);
    }

    private static String requireSha256(String sha256) {
        if (!Hashing.isSha256Hex(sha256)) {
            throw new IllegalArgumentException("not a SHA-256 in hex: " + sha256);
        }
        return sha256;
    }

    public String key() {
        return key;
    }

    /**
     * The object's bytes, never to be changed. For an artifact made on demand, made now if they
     * were not yet.
     *
     * @throws IllegalStateException when the bytes made are not those the artifact was known by
     */
    public byte[] bytes() {
        return bytes.get();
    }

    /** Whether the bytes are in hand: given, or made already. */
    public boolean made() {
        return bytes.isMade();
    }

    public String contentType() {
        return contentType;
    }

    public CachePolicy cache() {
        return cache;
    }

    public int size() {
        return size;
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
        if (sha256 != null) {
            return sha256;
        }
        byte[] bytes = bytes();
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

    /**
     * Equal when key, media type, cache policy and bytes are: by their digests when both know them,
     * else by the bytes (an artifact made on demand is then made).
     */
    @Override
    public boolean equals(Object o) {
        return o instanceof Artifact a && key.equals(a.key) && contentType.equals(a.contentType) && cache == a.cache
                && size == a.size && (sha256 != null && sha256.equals(a.sha256) || Arrays.equals(bytes(), a.bytes()));
    }

    @Override
    public int hashCode() {
        return key.hashCode() * 31 + size;
    }

    @Override
    public String toString() {
        return "Artifact[" + key + ", " + size + " bytes, " + contentType + "]";
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
