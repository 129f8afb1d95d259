package dev.hubpress.core.port;

import java.util.Optional;

/**
 * One record per (digest, subscriber), written <em>before</em> the email is handed to the mailer,
 * so that no retry, overlapping run or crash ever mails anyone the same digest twice. The
 * reservation is the only conditional write ({@code attribute_not_exists} on DynamoDB, a
 * CREATE_NEW file locally); the marks after it are plain writes by the run that holds it.
 * <p>
 * A reservation that is never marked (the run died between reserving and sending, or during the
 * send) stays: that digest is never sent to that subscriber. Their last delivered revision did not
 * move, so the next digest (a new digest key) catches them up. Entries may expire after a while
 * (a DynamoDB TTL of a few weeks): by then the subscriber has moved on to newer digest keys.
 */
public interface SendLedger {

    /** What happened to one (digest, subscriber). */
    enum State {
        /** Reserved by a run; the send may or may not have happened. */
        RESERVED,
        SENT,
        /** Gave up after retries on throttling or transient errors. */
        FAILED_TRANSIENT,
        /** The provider refused the message for good. */
        FAILED_PERMANENT
    }

    /** Whether a failure may pass. */
    enum Failure {
        TRANSIENT,
        PERMANENT
    }

    /**
     * @param detail the provider's id of a SENT message; the failure reason of a FAILED one; empty while RESERVED
     */
    record Entry(String digestKey, String subscriberId, State state, String detail) {
    }

    /**
     * Claims the right to send that digest to that subscriber.
     *
     * @return true for exactly one caller ever; false, writing nothing, when the pair was already
     *         reserved (by this or any other run, whatever became of it)
     */
    boolean reserve(String digestKey, String subscriberId);

    /**
     * Records that the provider accepted the message; only the reservation's holder calls it.
     *
     * @throws IllegalStateException when the pair was never reserved (nothing is written)
     */
    void markSent(String digestKey, String subscriberId, String providerMessageId);

    /**
     * Records that the send failed; only the reservation's holder calls it.
     *
     * @throws IllegalStateException when the pair was never reserved (nothing is written)
     */
    void markFailed(String digestKey, String subscriberId, Failure failure, String reason);

    /** The entry of that pair, if it was ever reserved. */
    Optional<Entry> get(String digestKey, String subscriberId);

    /**
     * The key a mailer can deduplicate on (and the email's Message-ID is made of): the same for
     * every attempt at the same (digest, subscriber), different for any other pair.
     */
    static String idempotencyKey(String digestKey, String subscriberId) {
        return digestKey + "." + subscriberId;
    }
}
