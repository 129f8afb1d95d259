package dev.hubpress.aws;

import dev.hubpress.core.port.ArtifactStore;
import dev.hubpress.core.port.BlobStore;

/** Object keys: every key an adapter writes stays under its prefix. */
final class Keys {

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
     * outside it or a different object than meant (the port's rule, as the site folder applies it).
     */
    static String artifact(String prefix, String key) {
        return prefix + ArtifactStore.requireSafeKey(key);
    }

    /** The key of a blob: {@code <prefix>ab/cdef…}, after checking the hash is one. */
    static String blob(String prefix, String hash) {
        BlobStore.requireHash(hash);
        return prefix + hash.substring(0, 2) + "/" + hash.substring(2);
    }
}
