package dev.hubpress.core.testing;

import dev.hubpress.core.mail.Cadence;
import dev.hubpress.core.mail.EmailAddress;
import dev.hubpress.core.mail.Subscriber;
import dev.hubpress.core.mail.SubscriberStatus;
import dev.hubpress.core.port.SubscriberDirectory;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A {@link SubscriberDirectory} in memory, with the port's conditional writes. Pages are in id
 * order; {@link #pagesServed()} lets tests check that planning pages rather than loading all.
 */
public final class InMemorySubscriberDirectory implements SubscriberDirectory {

    private final TreeMap<String, Subscriber> byId = new TreeMap<>();
    private final Map<EmailAddress, String> byEmail = new HashMap<>();
    private final AtomicInteger pages = new AtomicInteger();
    private final int maxPage;

    public InMemorySubscriberDirectory() {
        this(Integer.MAX_VALUE);
    }

    /** @param maxPage the largest page served, whatever the caller asks (to exercise paging) */
    public InMemorySubscriberDirectory(int maxPage) {
        this.maxPage = maxPage;
    }

    @Override
    public synchronized Optional<Subscriber> get(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    @Override
    public synchronized Optional<Subscriber> find(EmailAddress email) {
        return Optional.ofNullable(byEmail.get(email)).map(byId::get);
    }

    @Override
    public synchronized boolean create(Subscriber subscriber) {
        if (byId.containsKey(subscriber.id()) || byEmail.containsKey(subscriber.email())) {
            return false;
        }
        byId.put(subscriber.id(), subscriber);
        byEmail.put(subscriber.email(), subscriber.id());
        return true;
    }

    @Override
    public synchronized boolean update(Subscriber changed) {
        Subscriber stored = byId.get(changed.id());
        if (stored == null || stored.version() != changed.version() || !stored.email().equals(changed.email())) {
            return false;
        }
        byId.put(changed.id(), changed.withVersion(changed.version() + 1));
        return true;
    }

    @Override
    public synchronized Page confirmed(Cadence cadence, String cursor, int limit) {
        pages.incrementAndGet();
        int max = Math.min(limit, maxPage);
        List<Subscriber> items = new ArrayList<>();
        Map<String, Subscriber> tail = cursor == null ? byId : byId.tailMap(cursor, false);
        String last = null;
        for (Subscriber s : tail.values()) {
            if (items.size() == max) {
                return new Page(items, last);
            }
            last = s.id();
            if (s.status() == SubscriberStatus.CONFIRMED && s.cadence() == cadence) {
                items.add(s);
            }
        }
        return new Page(items, null);
    }

    /** Every subscriber, in id order. */
    public synchronized List<Subscriber> all() {
        return List.copyOf(byId.values());
    }

    public int pagesServed() {
        return pages.get();
    }
}
