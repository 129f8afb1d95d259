package dev.hubpress.core.model;

import java.util.Locale;
import java.util.Optional;

/** What a page is, which decides its structured data (JSON-LD) and layout. */
public enum PageKind {
    ARTICLE,
    FAQ;

    public static Optional<PageKind> parse(String value) {
        for (PageKind kind : values()) {
            if (kind.name().toLowerCase(Locale.ROOT).equals(value)) {
                return Optional.of(kind);
            }
        }
        return Optional.empty();
    }
}
