package dev.hubpress.guide.view;

/** A link as a template shows it. */
public record Link(String href, String text) {
}
