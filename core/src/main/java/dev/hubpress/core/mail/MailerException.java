package dev.hubpress.core.mail;

/**
 * Why a {@link dev.hubpress.core.port.Mailer} did not send. The three kinds decide what the
 * sender does next: back off and retry the same message (throttled, transient), or record the
 * failure and go on with the next recipient (permanent).
 */
public abstract sealed class MailerException extends RuntimeException
        permits MailerException.Throttled, MailerException.Transient, MailerException.Permanent {

    protected MailerException(String message, Throwable cause) {
        super(message, cause);
    }

    /** The provider asks us to slow down (SES: TooManyRequests, sending-rate exceeded). Retry later. */
    public static final class Throttled extends MailerException {
        public Throttled(String message) {
            super(message, null);
        }

        public Throttled(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** A failure that may pass (network, 5xx). Retry later; the message was not accepted. */
    public static final class Transient extends MailerException {
        public Transient(String message) {
            super(message, null);
        }

        public Transient(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** Retrying cannot help (rejected address, message refused, account paused for this sender). */
    public static final class Permanent extends MailerException {
        public Permanent(String message) {
            super(message, null);
        }

        public Permanent(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
