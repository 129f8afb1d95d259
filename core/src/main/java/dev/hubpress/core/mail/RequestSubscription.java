package dev.hubpress.core.mail;

import dev.hubpress.core.port.SubscriptionRequests;

import java.time.Clock;

/**
 * Use case: the subscribe form. Checks that the text is one plain address and leaves the request
 * for {@link Subscribe} to handle later; it reads nothing about the address and sends nothing. So
 * every well-formed address gets the same {@link Answer.Outcome#CHECK_INBOX} after the same work
 * (one write), whether it is new, pending, confirmed, unsubscribed or suppressed, and whether or
 * not a confirmation will go out: neither the answer nor its timing tells who is subscribed.
 */
public final class RequestSubscription {

    private final SubscriptionRequests requests;
    private final Clock clock;

    public RequestSubscription(SubscriptionRequests requests, Clock clock) {
        this.requests = requests;
        this.clock = clock;
    }

    public Answer request(String address, Cadence cadence) {
        EmailAddress email;
        try {
            email = EmailAddress.parse(address);
        } catch (IllegalArgumentException e) {
            return Answer.of(Answer.Outcome.INVALID_ADDRESS);
        }
        requests.submit(new SubscriptionRequest(email, cadence, clock.instant()));
        return Answer.of(Answer.Outcome.CHECK_INBOX);
    }
}
