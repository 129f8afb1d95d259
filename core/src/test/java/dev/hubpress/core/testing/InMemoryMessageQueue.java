package dev.hubpress.core.testing;

import dev.hubpress.core.port.MessageQueue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A queue in memory: what was sent waits until a test {@linkplain #take() takes} it, as a consumer
 * would receive it. Ordered, it keeps the send order and delivers a deduplication id once;
 * unordered, it keeps the send order too (any order is allowed) and records each delay.
 */
public final class InMemoryMessageQueue implements MessageQueue {

    private final boolean ordered;
    private final List<Message> waiting = new ArrayList<>();
    private final List<Message> everSent = new ArrayList<>();
    private final Set<String> deduplicationIds = new HashSet<>();

    public InMemoryMessageQueue(boolean ordered) {
        this.ordered = ordered;
    }

    @Override
    public boolean ordered() {
        return ordered;
    }

    @Override
    public synchronized void send(List<Message> messages) {
        MessageQueue.requireSendable(messages, ordered);
        for (Message m : messages) {
            everSent.add(m);
            if (ordered && !deduplicationIds.add(m.deduplicationId())) {
                continue;
            }
            waiting.add(m);
        }
    }

    /** Every message waiting, oldest first, removed from the queue: what a consumer gets next. */
    public synchronized List<Message> take() {
        List<Message> taken = List.copyOf(waiting);
        waiting.clear();
        return taken;
    }

    /** Every message ever accepted by {@link #send}, duplicates included. */
    public synchronized List<Message> sent() {
        return List.copyOf(everSent);
    }
}
