package dev.hubpress.core.mail;

import java.time.Instant;
import java.util.Objects;

/**
 * One subscriber of a hub's email digests.
 *
 * @param id                     opaque, random, never reused; carried in tokens
 * @param email                  the normalised address; unique within a directory
 * @param lastDeliveredSeq       sequence number of the newest revision this subscriber has had a
 *                               digest up to (set to the head on confirmation). It moves only after
 *                               a send succeeded, so an uncertain send catches up in the next digest
 * @param lastConfirmationSentAt when the last confirmation email went out; null when none did
 * @param version                optimistic-locking version: 1 when created, +1 on every update
 *                               ({@link dev.hubpress.core.port.SubscriberDirectory#update})
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
        long version) {

    public Subscriber {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(email, "email");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(cadence, "cadence");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
    }

    /** A new subscriber at version 1. */
    public static Subscriber create(String id, EmailAddress email, SubscriberStatus status, Cadence cadence,
                                    Instant now, long lastDeliveredSeq, Instant confirmationSentAt) {
        return new Subscriber(id, email, status, cadence, now, now, lastDeliveredSeq, confirmationSentAt, 1);
    }

    public boolean confirmed() {
        return status == SubscriberStatus.CONFIRMED;
    }

    public Subscriber withStatus(SubscriberStatus newStatus, Instant now) {
        return new Subscriber(id, email, newStatus, cadence, createdAt, now, lastDeliveredSeq, lastConfirmationSentAt, version);
    }

    public Subscriber withCadence(Cadence newCadence, Instant now) {
        return new Subscriber(id, email, status, newCadence, createdAt, now, lastDeliveredSeq, lastConfirmationSentAt, version);
    }

    public Subscriber withLastDelivered(long seq, Instant now) {
        return new Subscriber(id, email, status, cadence, createdAt, now, seq, lastConfirmationSentAt, version);
    }

    public Subscriber withConfirmationSentAt(Instant sentAt) {
        return new Subscriber(id, email, status, cadence, createdAt, sentAt, lastDeliveredSeq, sentAt, version);
    }

    /** The same subscriber at another version (for directories that store it after an update). */
    public Subscriber withVersion(long newVersion) {
        return new Subscriber(id, email, status, cadence, createdAt, updatedAt, lastDeliveredSeq, lastConfirmationSentAt, newVersion);
    }
}
