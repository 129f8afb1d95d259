package dev.hubpress.digest.view;

/** What the confirmation template shows. */
public record ConfirmationView(String language, String subject, String hubTitle, String homeUrl, String confirmUrl,
                               String validity, String recipient) {
}
