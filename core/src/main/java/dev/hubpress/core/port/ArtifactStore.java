package dev.hubpress.core.port;

import dev.hubpress.core.channel.Artifact;

/**
 * Where a channel's published objects live (the site folder or bucket). Keys are site paths
 * such as {@code careers/mid-to-senior.html}. A key that could name something outside the store,
 * or another object than meant, is refused ({@link #requireSafeKey}).
 */
public interface ArtifactStore {

    /**
     * Writes the artifact so that readers never see a half-written object. Where the store keeps
     * an object's content type and cache policy, they are part of the object: the same bytes with
     * other headers are a change, and written.
     *
     * @return false when an identical object was already there and nothing was written
     * @throws IllegalArgumentException when the key is not a safe site path (nothing is written)
     */
    boolean put(Artifact artifact);

    /**
     * Removes an object that the channel no longer publishes; a no-op when it is absent.
     *
     * @throws IllegalArgumentException when the key is not a safe site path (nothing is removed)
     */
    void delete(String key);

    /**
     * The check of every key: a relative path of non-empty segments, none of them {@code .} or
     * {@code ..}, without a backslash, a colon or a control character. So a key is never absolute,
     * never climbs out of the store, never names a folder, and names one object in a folder and in
     * a bucket alike. Returns the key.
     *
     * @throws IllegalArgumentException naming the key, with any NUL shown as {@code \0}
     */
    static String requireSafeKey(String key) {
        boolean safe = key != null && !key.isEmpty() && key.indexOf('\\') < 0 && key.indexOf(':') < 0
                && key.chars().noneMatch(c -> c < 0x20 || c == 0x7f);
        if (safe) {
            for (String segment : key.split("/", -1)) {
                if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
                    safe = false;
                    break;
                }
            }
        }
        if (!safe) {
            throw new IllegalArgumentException("unsafe artifact key: " + (key == null ? "null" : "'" + key.replace("\0", "\\0") + "'"));
        }
        return key;
    }
}
