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

    /** A digest rendered once, addressed cheaply to each recipient. */
    interface ComposedDigest {
        String subject();

        /** @throws EmailRefused when the email for this recipient does not pass the gate */
        OutgoingEmail to(Recipient recipient);
    }
}
