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
 * A {@link SubscriberDirectory} in memory, with the port's conditional writes, keyed by mailbox.
 * Pages are in id order; {@link #pagesServed()} lets tests check that planning pages rather than
 * loading all; {@link #reads()} counts every read, so tests can check who looked an address up.
 */
public final class InMemorySubscriberDirectory implements SubscriberDirectory {

    private final TreeMap<String, Subscriber> byId = new TreeMap<>();
    private final Map<String, String> byMailbox = new HashMap<>();
    private final AtomicInteger pages = new AtomicInteger();
    private final AtomicInteger reads = new AtomicInteger();
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
        reads.incrementAndGet();
        return Optional.ofNullable(byId.get(id));
    }

    @Override
    public synchronized Optional<Subscriber> find(EmailAddress email) {
        reads.incrementAndGet();
        return Optional.ofNullable(byMailbox.get(email.canonical())).map(byId::get);
    }

    @Override
    public synchronized boolean create(Subscriber subscriber) {
        String mailbox = subscriber.email().canonical();
        Subscriber sameMailbox = Optional.ofNullable(byMailbox.get(mailbox)).map(byId::get).orElse(null);
        if (byId.containsKey(subscriber.id()) || (sameMailbox != null && !sameMailbox.expired(subscriber.createdAt()))) {
            return false;
        }
        if (sameMailbox != null) {
            byId.remove(sameMailbox.id());
        }
        byId.put(subscriber.id(), subscriber);
        byMailbox.put(mailbox, subscriber.id());
        return true;
    }

    @Override
    public synchronized boolean update(Subscriber changed) {
        Subscriber stored = byId.get(changed.id());
        if (stored == null || stored.version() != changed.version() || !stored.email().sameMailbox(changed.email())) {
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

    /** How many times anyone read the directory (get or find). */
    public int reads() {
        return reads.get();
    }
}
