package dev.hubpress.core.mail;

import java.time.Instant;
import java.util.Objects;

/**
 * Someone asked to subscribe this address, as typed, with this cadence: what the subscribe
 * endpoint stores and {@link Subscribe} handles later.
 */
public record SubscriptionRequest(EmailAddress email, Cadence cadence, Instant requestedAt) {

    public SubscriptionRequest {
        Objects.requireNonNull(email, "email");
        Objects.requireNonNull(cadence, "cadence");
        Objects.requireNonNull(requestedAt, "requestedAt");
    }
}
