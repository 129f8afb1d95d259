package dev.hubpress.digest.view;

/**
 * What the one-button letters show (confirmation.jte): the confirmation email, and the email with a
 * link to the preference page.
 *
 * @param askedFor   the sentence before the hub's linked title: "Someone … asked to … in"
 * @param confirmUrl the button's link
 */
public record ConfirmationView(String language, String subject, String heading, String askedFor, String hubTitle, String homeUrl,
                               String confirmUrl, String button, String note, String recipient) {
}
