package dev.hubpress.core.testing;

import dev.hubpress.core.port.SendLedger;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A {@link SendLedger} in memory: {@link #reserve} succeeds once per pair, like a conditional put. */
public final class InMemorySendLedger implements SendLedger {

    private final Map<String, Entry> entries = new LinkedHashMap<>();

    @Override
    public synchronized boolean reserve(String digestKey, String subscriberId) {
        return entries.putIfAbsent(key(digestKey, subscriberId), new Entry(digestKey, subscriberId, State.RESERVED, "")) == null;
    }

    @Override
    public synchronized void markSent(String digestKey, String subscriberId, String providerMessageId) {
        mark(digestKey, subscriberId, State.SENT, providerMessageId);
    }

    @Override
    public synchronized void markFailed(String digestKey, String subscriberId, Failure failure, String reason) {
        mark(digestKey, subscriberId, failure == Failure.PERMANENT ? State.FAILED_PERMANENT : State.FAILED_TRANSIENT, reason);
    }

    @Override
    public synchronized Optional<Entry> get(String digestKey, String subscriberId) {
        return Optional.ofNullable(entries.get(key(digestKey, subscriberId)));
    }

    public synchronized List<Entry> entries() {
        return List.copyOf(entries.values());
    }

    private void mark(String digestKey, String subscriberId, State state, String detail) {
        String key = key(digestKey, subscriberId);
        if (!entries.containsKey(key)) {
            throw new IllegalStateException("marking a send that was never reserved: " + key);
        }
        entries.put(key, new Entry(digestKey, subscriberId, state, detail));
    }

    private static String key(String digestKey, String subscriberId) {
        return digestKey + " " + subscriberId;
    }
}
