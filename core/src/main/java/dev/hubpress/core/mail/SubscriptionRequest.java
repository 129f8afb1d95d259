package dev.hubpress.core.mail;

import java.time.Instant;
import java.util.Objects;

/**
 * Someone asked, from a form, for an email to this address as typed: what the subscription
 * endpoints store and {@link Subscribe} handles later.
 *
 * @param kind   a subscription (with this cadence and these topics) or a link to the preference page
 * @param topics what to follow; {@link Topics#WHOLE_HUB} when null
 */
public record SubscriptionRequest(EmailAddress email, Cadence cadence, Instant requestedAt, Kind kind, Topics topics) {

    /** What the address asked for. */
    public enum Kind {
        /** Subscribe (double opt-in). */
        SUBSCRIBE,
        /** Email the subscriber a link to their preference page (if there is one to send). */
        PREFERENCE_LINK,
        /** Email the welcome (catch-up) to a subscriber who just confirmed, off the confirming request's path. */
        WELCOME
    }

    public SubscriptionRequest {
        Objects.requireNonNull(email, "email");
        Objects.requireNonNull(cadence, "cadence");
        Objects.requireNonNull(requestedAt, "requestedAt");
        kind = kind == null ? Kind.SUBSCRIBE : kind;
        topics = topics == null ? Topics.WHOLE_HUB : topics;
    }

    /** The welcome email for a subscriber who just confirmed. */
    public static SubscriptionRequest welcome(Subscriber confirmed, Instant now) {
        return new SubscriptionRequest(confirmed.email(), confirmed.cadence(), now, Kind.WELCOME, confirmed.topics());
    }

    /** A subscription to the whole hub. */
    public SubscriptionRequest(EmailAddress email, Cadence cadence, Instant requestedAt) {
        this(email, cadence, requestedAt, Kind.SUBSCRIBE, Topics.WHOLE_HUB);
    }
}
