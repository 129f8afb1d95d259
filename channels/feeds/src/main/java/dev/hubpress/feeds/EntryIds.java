package dev.hubpress.feeds;

import dev.hubpress.core.revision.Revision;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * Entry ids as tag URIs (RFC 4151), derived only from facts that never change once a revision is
 * recorded: the hub's address, the revision's creation date and number, and the page's slug:
 * {@code tag:hub.example.com,2026-11-01:careers/mid-to-senior/r12}. The same page edited in a later
 * revision gets a new id; republishing, rebuilding or a later revision never changes an old one.
 * (The tagging date is the revision's own date, so no constant and no history window decides it.)
 */
final class EntryIds {

    private static final DateTimeFormatter TAG_DATE = DateTimeFormatter.ISO_LOCAL_DATE.withZone(ZoneOffset.UTC);

    private final String authority;
    private final String prefix;

    /** @param baseUrl the hub's base URL, e.g. {@code https://hub.example.com} or {@code https://example.com/hub} */
    EntryIds(String baseUrl) {
        URI uri = URI.create(baseUrl);
        if (uri.getHost() == null || uri.getHost().isBlank()) {
            throw new IllegalArgumentException("the hub's baseUrl has no host, so feed entries cannot be given ids: " + baseUrl);
        }
        this.authority = uri.getHost().toLowerCase(Locale.ROOT);
        String path = uri.getRawPath() == null ? "" : uri.getRawPath().replaceAll("^/+|/+$", "");
        // Two hubs under one host (https://example.com/a and /b) must not share ids.
        this.prefix = path.isEmpty() ? "" : encode(path) + "/";
    }

    String of(String slug, Revision revision) {
        return "tag:" + authority + "," + TAG_DATE.format(revision.createdAt()) + ":" + prefix + encode(slug)
                + "/r" + revision.seq();
    }

    /** Percent-encodes everything but unreserved characters and '/', so any slug gives a valid URI. */
    private static String encode(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '.' || c == '_' || c == '~' || c == '/') {
                out.append((char) c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return out.toString();
    }
}
