package dev.hubpress.core.publish;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Which CDN paths to invalidate after a publish changed these object keys: exactly those paths,
 * the home page ({@code index.html}) also as {@code /}, the path CloudFront's default root object
 * answers (a nested {@code index.html} is reached by its full name only); never {@code /*}.
 *
 * <p>Above {@link #THRESHOLD} paths (a first publish, a stylesheet change that rewrites every page)
 * they collapse to prefix wildcards, since CloudFront bills each path and counts a wildcard as one:
 * first a wildcard per top-level folder with more than one change ({@code /careers/*}); if that is
 * still more than the threshold, a wildcard per first character of every top-level name
 * ({@code /c*}: at most 36 of them, and {@code /} when the home page changed).
 */
public final class EdgePaths {

    /** Most exact paths one publish invalidates before it switches to prefix wildcards. */
    public static final int THRESHOLD = 25;

    private EdgePaths() {
    }

    public static List<String> of(Collection<String> keys) {
        return of(keys, THRESHOLD);
    }

    public static List<String> of(Collection<String> keys, int threshold) {
        TreeSet<String> exact = new TreeSet<>();
        boolean home = false;
        for (String key : keys) {
            exact.add("/" + key);
            home |= key.equals("index.html");
        }
        if (home) {
            exact.add("/");
        }
        if (exact.size() <= threshold) {
            return List.copyOf(exact);
        }
        Map<String, Integer> perFolder = new HashMap<>();
        keys.forEach(key -> topFolder(key).ifPresent(folder -> perFolder.merge(folder, 1, Integer::sum)));
        TreeSet<String> folders = new TreeSet<>();
        for (String key : keys) {
            Optional<String> folder = topFolder(key).filter(f -> perFolder.get(f) > 1);
            folders.add(folder.isPresent() ? "/" + folder.get() + "/*" : "/" + key);
        }
        if (home) {
            folders.add("/");
        }
        if (folders.size() <= threshold) {
            return List.copyOf(folders);
        }
        TreeSet<String> prefixes = new TreeSet<>();
        keys.forEach(key -> prefixes.add("/" + key.charAt(0) + "*"));
        if (home) {
            prefixes.add("/");
        }
        return List.copyOf(prefixes);
    }

    private static Optional<String> topFolder(String key) {
        int slash = key.indexOf('/');
        return slash < 0 ? Optional.empty() : Optional.of(key.substring(0, slash));
    }
}
