package dev.hubpress.core.mail;

/**
 * Renders the emails (subject, HTML and text parts, headers) for one hub: implemented by the
 * digest channel ({@code dev.hubpress.digest.DigestEmails}). Deterministic: the same input gives
 * the same bytes. Every digest email it addresses has passed its quality gate
 * ({@code dev.hubpress.digest.EmailGate}); one that does not is never returned but refused with
 * {@link EmailRefused}, which the senders let through (the run stops, nothing is recorded for it).
 */
public interface MailComposer {

    /** Renders what every recipient of the digest shares; called once per digest (cohort). */
    ComposedDigest digest(Digest digest);

    /** The double opt-in email with the confirmation link. */
    OutgoingEmail confirmation(Subscriber subscriber, String confirmToken, java.time.Instant date);

    /** The email with a link to the subscriber's preference page, asked for by address. */
    OutgoingEmail preferenceLink(Subscriber subscriber, String manageToken, java.time.Instant date);

    /**
     * The welcome email sent on confirmation, with a catch-up: {@code latest} is the newest change
     * of what the subscriber follows (its part of a recent digest, {@link Digest#only}), empty when
     * none of it changed lately; then the email lists the pages they follow as they are now.
     */
    OutgoingEmail welcome(Recipient recipient, Digest latest, java.time.Instant date);

    /** A digest rendered once, addressed cheaply to each recipient. */
    interface ComposedDigest {
        String subject();

        /** @throws EmailRefused when the email for this recipient does not pass the gate */
        OutgoingEmail to(Recipient recipient);
    }
}
