package dev.hubpress.core.port;

import dev.hubpress.core.mail.MailerException;
import dev.hubpress.core.mail.OutgoingEmail;

/**
 * Hands one email to the provider (SES v2 on AWS, an outbox folder locally). One call, one
 * recipient. The mailer sends the email's headers verbatim ({@code List-Unsubscribe} and
 * {@code List-Unsubscribe-Post} above all) and, where the provider can, deduplicates on
 * {@link OutgoingEmail#idempotencyKey()}. It does not retry: the caller backs off.
 */
public interface Mailer {

    /**
     * Sends the email.
     *
     * @return the provider's message id
     * @throws MailerException.Throttled when the provider asks to slow down (nothing was sent)
     * @throws MailerException.Transient on a failure that may pass (nothing was sent, as far as known)
     * @throws MailerException.Permanent when the provider refuses this message for good
     */
    String send(OutgoingEmail email);
}
