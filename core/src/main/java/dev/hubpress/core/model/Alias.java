package dev.hubpress.core.model;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A page's former URL, as front matter {@code aliases} declares it: a path from the site root, of
 * segments of lower-case ASCII letters, digits, hyphens and underscores (as slugs are: a URL that
 * differs from a page's only in case would be the same file on some disks),
 * optionally ending in {@code .html}: {@code careers/old-name} and {@code careers/old-name.html}
 * both name the page once published at {@code careers/old-name.html}. Nothing else is accepted
 * (no leading slash, scheme, query, {@code ..} or other extension), so an alias is always a key
 * inside the site.
 */
public final class Alias {

    private static final Pattern PATH = Pattern.compile("[a-z0-9][a-z0-9_-]{0,99}(/[a-z0-9][a-z0-9_-]{0,99}){0,15}");

    private Alias() {
    }

    /** The old slug an alias names; empty when the alias is not a safe site path. */
    public static Optional<String> slug(String alias) {
        String path = alias.strip();
        String slug = path.endsWith(".html") ? path.substring(0, path.length() - ".html".length()) : path;
        return PATH.matcher(slug).matches() ? Optional.of(slug) : Optional.empty();
    }
}
