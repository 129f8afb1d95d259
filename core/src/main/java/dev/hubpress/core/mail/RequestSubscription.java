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
        return request(address, cadence, Topics.WHOLE_HUB);
    }

    /** A subscription to these topics. */
    public Answer request(String address, Cadence cadence, Topics topics) {
        return submit(address, cadence, SubscriptionRequest.Kind.SUBSCRIBE, topics, Answer.Outcome.CHECK_INBOX);
    }

    /**
     * The "email me a link to my settings" form: the same answer, after the same one write, for any
     * well-formed address ({@link Subscribe} sends the link later, only to a subscriber).
     */
    public Answer requestPreferenceLink(String address) {
        return submit(address, Cadence.EVERY_UPDATE, SubscriptionRequest.Kind.PREFERENCE_LINK, Topics.WHOLE_HUB,
                Answer.Outcome.LINK_ON_ITS_WAY);
    }

    private Answer submit(String address, Cadence cadence, SubscriptionRequest.Kind kind, Topics topics, Answer.Outcome answer) {
        EmailAddress email;
        try {
            email = EmailAddress.parse(address);
        } catch (IllegalArgumentException e) {
            return Answer.of(Answer.Outcome.INVALID_ADDRESS);
        }
        requests.submit(new SubscriptionRequest(email, cadence, clock.instant(), kind, topics));
        return Answer.of(answer);
    }
}
