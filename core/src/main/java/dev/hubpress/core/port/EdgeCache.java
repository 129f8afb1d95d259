package dev.hubpress.core.port;

import java.util.List;

/**
 * The CDN in front of the published objects, whose copies of what a publish changed must be
 * dropped so readers see the new ones before those copies expire. Locally there is none
 * ({@link #NONE}).
 */
public interface EdgeCache {

    /** No CDN: nothing to invalidate (a folder, {@code ./hub preview}). */
    EdgeCache NONE = (reference, paths) -> {
    };

    /**
     * Asks the CDN to drop its copies of these paths, and returns once it has accepted the request
     * (the CDN completes it later). Asked again with the same reference and the same paths (a
     * retried publish), the CDN does the work once; a reference is never reused for other paths.
     *
     * @param reference names this request: at most 128 characters of {@code [A-Za-z0-9._-]}
     * @param paths     one or more paths from the site root, each starting with {@code /}; a path
     *                  may end in {@code *} (every path with that prefix), never hold one elsewhere
     * @throws RuntimeException when the CDN refused the request or could not be reached; the
     *                          objects are published all the same, and expire by their Cache-Control
     */
    void invalidate(String reference, List<String> paths);
}
