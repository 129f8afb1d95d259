package dev.hubpress.core.mail;

/**
 * What a subscription endpoint answers. Every refused link (unknown, forged, expired, wrong
 * purpose, another subscriber's, a subscriber who is gone) is the one {@link #INVALID_LINK}
 * answer, so nothing can be learnt by trying tokens. Subscribing always answers
 * {@link Outcome#CHECK_INBOX} for a well-formed address, whether it is new, pending, confirmed,
 * unsubscribed or suppressed: the answer is given before anything looks the address up
 * ({@link RequestSubscription}).
 *
 * @param cadence the subscriber's cadence on a manage page; null otherwise
 * @param topics  what the subscriber follows, on a manage page; null otherwise
 * @param paused  on a manage page, whether the subscriber paused their digests
 */
public record Answer(Outcome outcome, Cadence cadence, Topics topics, boolean paused) {

    public Answer(Outcome outcome, Cadence cadence) {
        this(outcome, cadence, cadence == null ? null : Topics.WHOLE_HUB, false);
    }

    /** The preference page of a subscriber (or the page after saving it). */
    static Answer preferences(Outcome outcome, Subscriber s) {
        return new Answer(outcome, s.cadence(), s.topics(), s.status() == SubscriberStatus.PAUSED);
    }

    public static final Answer INVALID_LINK = new Answer(Outcome.INVALID_LINK, null);

    /** The outcome, with the HTTP status and the sentence a page shows. */
    public enum Outcome {
        CHECK_INBOX(202, "Thanks. If this address can subscribe, a confirmation email is on its way."),
        INVALID_ADDRESS(400, "That does not look like an email address."),
        /** GET on a confirm link: a page with a button; nothing changed. */
        CONFIRM_PAGE(200, "Confirm your subscription to these emails?"),
        CONFIRMED(200, "Your subscription is confirmed."),
        /** GET on an unsubscribe link: a page with a button; nothing changed. */
        UNSUBSCRIBE_PAGE(200, "Unsubscribe from these emails?"),
        UNSUBSCRIBED(200, "You are unsubscribed. No more emails will be sent to you."),
        MANAGE_PAGE(200, "Choose what you follow and how often you get digests."),
        /** The preference-link form: the same answer whether or not the address is subscribed. */
        LINK_ON_ITS_WAY(202, "Thanks. If this address is subscribed, an email with a link to its settings is on its way."),
        UPDATED(200, "Your settings are saved."),
        BAD_REQUEST(400, "This request cannot be handled."),
        INVALID_LINK(400, "This link is not valid or has expired.");

        private final int httpStatus;
        private final String message;

        Outcome(int httpStatus, String message) {
            this.httpStatus = httpStatus;
            this.message = message;
        }

        public int httpStatus() {
            return httpStatus;
        }

        public String message() {
            return message;
        }
    }

    public static Answer of(Outcome outcome) {
        return new Answer(outcome, null);
    }

    public int httpStatus() {
        return outcome.httpStatus();
    }

    public String message() {
        return outcome.message();
    }
}
