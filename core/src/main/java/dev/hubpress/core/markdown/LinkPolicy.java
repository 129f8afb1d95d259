package dev.hubpress.core.markdown;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;
import java.util.Optional;

/**
 * Classifies a link destination as written in Markdown (after entity and backslash unescaping).
 * Only http, https and mailto leave the hub; relative links must name a {@code .md} page;
 * anything else (javascript:, data:, vbscript:, file:, protocol-relative //host, …) is unsafe.
 */
public final class LinkPolicy {

    private LinkPolicy() {
    }

    /** What a destination points at. */
    public sealed interface Target permits External, Internal, SamePage, NotAPage, Unsafe {
    }

    /** An http(s) or mailto URL, kept as written. */
    public record External(String url) implements Target {
    }

    /** Another page of the hub (by slug), optionally at an anchor. */
    public record Internal(String slug, String anchor) implements Target {
    }

    /** An anchor on the same page. */
    public record SamePage(String anchor) implements Target {
    }

    /** A relative path that is not a Markdown page (or leaves the content root). */
    public record NotAPage(String path) implements Target {
    }

    /** A scheme we refuse; {@code reason} says which. */
    public record Unsafe(String reason) implements Target {
    }

    /**
     * @param destination the unescaped link destination
     * @param fromSlug    slug of the page the link is on, to resolve relative paths
     */
    public static Target classify(String destination, String fromSlug) {
        // Browsers ignore ASCII whitespace and control characters inside a scheme ("java\tscript:"),
        // so they are stripped before the scheme is read.
        String url = stripControls(destination).trim();
        String lower = url.toLowerCase(Locale.ROOT);
        Optional<String> scheme = scheme(lower);
        if (scheme.isPresent()) {
            return switch (scheme.get()) {
                case "http", "https" -> hasHost(url) ? new External(url) : new Unsafe("link has no host: " + destination);
                case "mailto" -> new External(url);
                default -> new Unsafe("link scheme '" + scheme.get() + ":' is not allowed (only http, https and mailto)");
            };
        }
        if (lower.startsWith("//") || lower.startsWith("\\")) {
            return new Unsafe("protocol-relative link '" + destination + "' is not allowed; write https://");
        }
        if (url.startsWith("#")) {
            return new SamePage(url.substring(1));
        }
        int hash = url.indexOf('#');
        String path = hash < 0 ? url : url.substring(0, hash);
        String anchor = hash < 0 ? "" : url.substring(hash + 1);
        if (path.contains("?")) {
            return new NotAPage(url);
        }
        Optional<String> resolved = resolve(fromSlug, path);
        if (resolved.isEmpty() || !resolved.get().endsWith(".md")) {
            return new NotAPage(path);
        }
        // The page publishes under its slug (a_b.md -> a-b.html), so the link must name the slug.
        return new Internal(SitePaths.slugOf(resolved.get()), anchor);
    }

    /**
     * The destination of an autolink: its text, with https:// in front of a bare www. address
     * (which the autolink extension recognises in prose without a scheme).
     */
    public static String autolinkDestination(String text) {
        return text.regionMatches(true, 0, "www.", 0, 4) ? "https://" + text : text;
    }

    static String stripControls(String s) {
        StringBuilder out = new StringBuilder(s.length());
        s.codePoints().filter(c -> !(c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0))).forEach(out::appendCodePoint);
        return out.toString();
    }

    private static Optional<String> scheme(String lower) {
        int colon = lower.indexOf(':');
        if (colon <= 0) {
            return Optional.empty();
        }
        int firstDelimiter = firstIndexOf(lower, "/?#");
        if (firstDelimiter >= 0 && firstDelimiter < colon) {
            return Optional.empty();
        }
        return Optional.of(lower.substring(0, colon).trim());
    }

    private static int firstIndexOf(String s, String chars) {
        for (int i = 0; i < s.length(); i++) {
            if (chars.indexOf(s.charAt(i)) >= 0) {
                return i;
            }
        }
        return -1;
    }

    private static boolean hasHost(String url) {
        try {
            String host = new URI(url.replace(" ", "%20")).getHost();
            return host != null && !host.isBlank();
        } catch (URISyntaxException e) {
            return false;
        }
    }

    /** Resolves a relative path against the page's folder; empty when it climbs out of the root. */
    static Optional<String> resolve(String fromSlug, String relative) {
        Deque<String> parts = new ArrayDeque<>();
        int slash = fromSlug.lastIndexOf('/');
        if (slash >= 0) {
            for (String p : fromSlug.substring(0, slash).split("/")) {
                parts.addLast(p);
            }
        }
        if (relative.startsWith("/")) {
            parts.clear();
        }
        for (String p : relative.split("/")) {
            if (p.isEmpty() || p.equals(".")) {
                continue;
            }
            if (p.equals("..")) {
                if (parts.isEmpty()) {
                    return Optional.empty();
                }
                parts.removeLast();
            } else {
                parts.addLast(p);
            }
        }
        return parts.isEmpty() ? Optional.empty() : Optional.of(String.join("/", parts));
    }
}
