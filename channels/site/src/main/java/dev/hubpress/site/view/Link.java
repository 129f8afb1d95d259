package dev.hubpress.site.view;

/** A link as a template shows it; {@code current} marks the reader's own page or section. */
public record Link(String href, String text, boolean current) {

    public static Link to(String href, String text) {
        return new Link(href, text, false);
    }
}
