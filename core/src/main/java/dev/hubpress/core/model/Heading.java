package dev.hubpress.core.model;

/** A heading of a page body: its anchor id, plain text, level (2..6) and source line. */
public record Heading(String id, String text, int level, int line) {
}
