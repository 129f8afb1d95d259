package dev.hubpress.core.testing;

import dev.hubpress.core.port.ConfirmationBudget;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/** A {@link ConfirmationBudget} in memory: a count per counter, spent under one lock. */
public final class InMemoryConfirmationBudget implements ConfirmationBudget {

    private final Map<String, Integer> spent = new HashMap<>();

    @Override
    public synchronized boolean spend(String counter, int limit, Instant until) {
        int count = spent.getOrDefault(counter, 0);
        if (count >= limit) {
            return false;
        }
        spent.put(counter, count + 1);
        return true;
    }

    /** The counters and what was spent on each. */
    public synchronized Map<String, Integer> spent() {
        return Map.copyOf(spent);
    }
}
