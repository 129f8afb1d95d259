package dev.hubpress.core.testing;

import dev.hubpress.core.mail.SubscriptionRequest;
import dev.hubpress.core.port.SubscriptionRequests;

import java.util.ArrayList;
import java.util.List;

/** {@link SubscriptionRequests} kept in a list, in the order submitted; {@link #take()} hands them to a worker. */
public final class InMemorySubscriptionRequests implements SubscriptionRequests {

    private final List<SubscriptionRequest> waiting = new ArrayList<>();

    @Override
    public synchronized void submit(SubscriptionRequest request) {
        waiting.add(request);
    }

    /** The requests submitted since the last take, oldest first; they are no longer waiting. */
    public synchronized List<SubscriptionRequest> take() {
        List<SubscriptionRequest> taken = List.copyOf(waiting);
        waiting.clear();
        return taken;
    }

    public synchronized List<SubscriptionRequest> waiting() {
        return List.copyOf(waiting);
    }
}
