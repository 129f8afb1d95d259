package dev.hubpress.core.port;

import dev.hubpress.core.channel.Artifact;

import java.util.Optional;
import java.util.Set;

/**
 * Where a channel's published objects live (the site folder or bucket). Keys are site paths
 * such as {@code careers/mid-to-senior.html}. A key that could name something outside the store,
 * or another object than meant, is refused ({@link #requireSafeKey}). A store may be used from
 * several threads at once, each on its own keys (a publish writes a few objects at a time).
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
     * Writes the artifact unless the caller knows the store holds it already. {@code known} is the
     * {@linkplain Artifact#version() version} the caller's own record says it last wrote under this
     * key through a store on the same storage (a channel's previous output listing), or empty when
     * it has no such record. When it equals the artifact's version, the store may take it as true
     * and answer false without asking its storage (a bucket does: no request at all); when it names
     * another version, the store may write without asking first (a bucket does: one PUT, answering
     * true); otherwise, and wherever its own check is cheap (a folder), it decides as
     * {@link #put(Artifact)} does.
     *
     * @return false when nothing was written
     * @throws IllegalArgumentException when the key is not a safe site path, whatever is known (nothing is written)
     */
    default boolean put(Artifact artifact, Optional<String> known) {
        return put(artifact);
    }

    /**
     * Every key the store holds now, read in one go, for a caller about to put many artifacts it
     * has no record of: a key missing from the answer needs no check before it is written
     * ({@link #create}). Empty when one listing is not cheaper than a check per object (a folder
     * checks each file locally). The answer may be stale when it is used; a key that someone else
     * writes meanwhile is then written once more, which is harmless.
     */
    default Optional<Set<String>> heldKeys() {
        return Optional.empty();
    }

    /**
     * Writes the artifact without first checking what the store holds under its key: for an
     * artifact whose key a {@link #heldKeys()} answer did not list. Readers never see half an object.
     *
     * @return false when nothing was written (a store that checks anyway found it identical)
     * @throws IllegalArgumentException when the key is not a safe site path (nothing is written)
     */
    default boolean create(Artifact artifact) {
        return put(artifact);
    }

    /**
     * Called when a channel's publish has written and deleted all it will, whether it ended well or
     * not: a store that keeps a record of its own objects between processes saves it now (a folder
     * does: what it saw of its files). Nothing by default.
     */
    default void settle() {
    }

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
