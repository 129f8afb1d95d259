package dev.hubpress.site.view;

/** A feed a page names in its head for readers and browsers to discover ({@code <link rel="alternate">}). */
public record Alternate(String type, String title, String href) {
}
