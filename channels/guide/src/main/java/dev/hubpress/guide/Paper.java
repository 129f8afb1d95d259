package dev.hubpress.guide;

import java.util.Locale;

/** Paper sizes the guide is laid out for, from {@code channels.guide.paper} in hub.yaml. */
public enum Paper {
    LETTER("letter"),
    A4("A4");

    private final String css;

    Paper(String css) {
        this.css = css;
    }

    /** The CSS {@code size} keyword. */
    String css() {
        return css;
    }

    /** {@code letter} (the default) or {@code a4}, case-insensitive. */
    public static Paper of(String setting) {
        return switch (setting == null ? "letter" : setting.strip().toLowerCase(Locale.ROOT)) {
            case "letter", "us-letter", "" -> LETTER;
            case "a4" -> A4;
            default -> throw new IllegalArgumentException("channels.guide.paper must be letter or a4, not '" + setting + "'");
        };
    }
}
