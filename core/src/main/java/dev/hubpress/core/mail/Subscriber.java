package dev.hubpress.core.mail;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * One subscriber of a hub's email digests.
 *
 * @param id                     opaque, random, never reused; carried in tokens
 * @param email                  the address as typed (normalised, see {@link EmailAddress}), which
 *                               emails are sent to; its {@linkplain EmailAddress#canonical() mailbox}
 *                               is unique within a directory
 * @param lastDeliveredSeq       sequence number of the newest revision this subscriber has had a
 *                               digest up to (set to the head on confirmation). It moves only after
 *                               a send succeeded, so an uncertain send catches up in the next digest
 * @param lastConfirmationSentAt when the last confirmation email went out; null when none did
 * @param version                optimistic-locking version: 1 when created, +1 on every update
 *                               ({@link dev.hubpress.core.port.SubscriberDirectory#update})
 * @param confirmationNonce      PENDING only: the random value the newest confirm link carries. A
 *                               confirm token is good for the subscriber only while it carries
 *                               this value, so a link works once and an older one never again;
 *                               null once confirmed (or in any other status)
 * @param expiresAt              PENDING only: when an unconfirmed subscriber is forgotten (whole
 *                               seconds: the DynamoDB TTL attribute); null in any other status
 * @param topics                 what the subscriber follows ({@link Topics#WHOLE_HUB} unless they chose)
 */
public record Subscriber(
        String id,
        EmailAddress email,
        SubscriberStatus status,
        Cadence cadence,
        Instant createdAt,
        Instant updatedAt,
        long lastDeliveredSeq,
        Instant lastConfirmationSentAt,
        long version,
        String confirmationNonce,
        Instant expiresAt,
        Topics topics) {

    public Subscriber {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(email, "email");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(cadence, "cadence");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
        topics = topics == null ? Topics.WHOLE_HUB : topics;
        if (status != SubscriberStatus.PENDING && (confirmationNonce != null || expiresAt != null)) {
            throw new IllegalArgumentException("only a PENDING subscriber has a confirmation nonce or an expiry");
        }
        expiresAt = expiresAt == null ? null : expiresAt.truncatedTo(ChronoUnit.SECONDS);
    }

    /** A subscriber of the whole hub. */
    public Subscriber(String id, EmailAddress email, SubscriberStatus status, Cadence cadence, Instant createdAt,
                      Instant updatedAt, long lastDeliveredSeq, Instant lastConfirmationSentAt, long version,
                      String confirmationNonce, Instant expiresAt) {
        this(id, email, status, cadence, createdAt, updatedAt, lastDeliveredSeq, lastConfirmationSentAt, version,
                confirmationNonce, expiresAt, Topics.WHOLE_HUB);
    }

    /** A subscriber of the whole hub without a pending confirmation (no nonce, no expiry). */
    public Subscriber(String id, EmailAddress email, SubscriberStatus status, Cadence cadence, Instant createdAt,
                      Instant updatedAt, long lastDeliveredSeq, Instant lastConfirmationSentAt, long version) {
        this(id, email, status, cadence, createdAt, updatedAt, lastDeliveredSeq, lastConfirmationSentAt, version, null, null);
    }

    /** A new subscriber at version 1. */
    public static Subscriber create(String id, EmailAddress email, SubscriberStatus status, Cadence cadence,
                                    Instant now, long lastDeliveredSeq, Instant confirmationSentAt) {
        return new Subscriber(id, email, status, cadence, now, now, lastDeliveredSeq, confirmationSentAt, 1);
    }

    public boolean confirmed() {
        return status == SubscriberStatus.CONFIRMED;
    }

    /** Whether this is a PENDING subscriber past its expiry: as good as gone, whether or not it is deleted yet. */
    public boolean expired(Instant now) {
        return status == SubscriberStatus.PENDING && expiresAt != null && !now.isBefore(expiresAt);
    }

    /** The subscriber in another status; leaving PENDING drops the confirmation nonce and the expiry. */
    public Subscriber withStatus(SubscriberStatus newStatus, Instant now) {
        boolean pending = newStatus == SubscriberStatus.PENDING;
        return new Subscriber(id, email, newStatus, cadence, createdAt, now, lastDeliveredSeq, lastConfirmationSentAt, version,
                pending ? confirmationNonce : null, pending ? expiresAt : null, topics);
    }

    public Subscriber withCadence(Cadence newCadence, Instant now) {
        return new Subscriber(id, email, status, newCadence, createdAt, now, lastDeliveredSeq, lastConfirmationSentAt, version,
                confirmationNonce, expiresAt, topics);
    }

    public Subscriber withTopics(Topics newTopics, Instant now) {
        return new Subscriber(id, email, status, cadence, createdAt, now, lastDeliveredSeq, lastConfirmationSentAt, version,
                confirmationNonce, expiresAt, Objects.requireNonNull(newTopics, "topics"));
    }

    public Subscriber withLastDelivered(long seq, Instant now) {
        return new Subscriber(id, email, status, cadence, createdAt, now, seq, lastConfirmationSentAt, version,
                confirmationNonce, expiresAt, topics);
    }

    public Subscriber withConfirmationSentAt(Instant sentAt) {
        return new Subscriber(id, email, status, cadence, createdAt, sentAt, lastDeliveredSeq, sentAt, version,
                confirmationNonce, expiresAt, topics);
    }

    /** The confirmation recorded as sent was not sent after all: the next request for it is due at once. */
    public Subscriber withConfirmationNotSent(Instant now) {
        return new Subscriber(id, email, status, cadence, createdAt, now, lastDeliveredSeq, null, version,
                confirmationNonce, expiresAt, topics);
    }

    /**
     * PENDING, awaiting the confirmation sent now to the address as typed this time (another
     * spelling of the same mailbox), with the nonce of its link, forgotten at {@code expiresAt}.
     */
    public Subscriber awaitingConfirmation(EmailAddress typed, Cadence newCadence, String nonce, Instant now, Instant expires) {
        return awaitingConfirmation(typed, newCadence, topics, nonce, now, expires);
    }

    /** {@link #awaitingConfirmation(EmailAddress, Cadence, String, Instant, Instant)}, following these topics. */
    public Subscriber awaitingConfirmation(EmailAddress typed, Cadence newCadence, Topics newTopics, String nonce, Instant now,
                                           Instant expires) {
        if (!typed.sameMailbox(email)) {
            throw new IllegalArgumentException("a subscriber's mailbox never changes");
        }
        return new Subscriber(id, typed, SubscriberStatus.PENDING, newCadence, createdAt, now, lastDeliveredSeq, now, version,
                Objects.requireNonNull(nonce, "nonce"), Objects.requireNonNull(expires, "expires"), newTopics);
    }

    /** The same subscriber at another version (for directories that store it after an update). */
    public Subscriber withVersion(long newVersion) {
        return new Subscriber(id, email, status, cadence, createdAt, updatedAt, lastDeliveredSeq, lastConfirmationSentAt, newVersion,
                confirmationNonce, expiresAt, topics);
    }
}
