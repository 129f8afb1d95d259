package dev.hubpress.core.port;

import dev.hubpress.core.mail.SubscriptionRequest;

/**
 * Where the subscribe endpoint leaves a request for {@link dev.hubpress.core.mail.Subscribe} to
 * handle later, off the request path (a DynamoDB table whose stream invokes the worker). The
 * endpoint then answers without having looked the address up or sent anything, so neither its
 * answer nor its timing can tell whether the address is subscribed.
 */
public interface SubscriptionRequests {

    /** Stores the request: one write, the same whatever the address. */
    void submit(SubscriptionRequest request);
}
