package dev.hubpress.core.port;

import dev.hubpress.core.mail.Cadence;
import dev.hubpress.core.mail.EmailAddress;
import dev.hubpress.core.mail.Subscriber;

import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The subscribers of one hub's digests, keyed by mailbox ({@link EmailAddress#canonical()}: one
 * mailbox, however spelt, is one subscriber). Every write is a single conditional write, so it can
 * be implemented on DynamoDB without transactions:
 * <ul>
 *   <li>{@link #create}: a put conditional on the item not existing, or being a PENDING subscriber
 *       whose {@link Subscriber#expiresAt()} has passed. Key the item by the mailbox (e.g.
 *       {@code pk = SUB#<canonical>}) so one mailbox can never be two subscribers; {@link #get} by
 *       id then reads an index on {@code id} (a GSI's eventual consistency is fine: ids are looked
 *       up from links in emails sent minutes or days earlier);</li>
 *   <li>{@link #update}: a put conditional on the stored {@code version} ({@code version = :v}),
 *       writing {@code version + 1};</li>
 *   <li>{@link #confirmed}: a paged scan or query (e.g. a sparse GSI on status and cadence) whose
 *       cursor is the last evaluated key.</li>
 * </ul>
 * Reads are of committed data; a subscriber read and then updated with {@link #update} fails the
 * update (returns false) if anyone else wrote in between, and the caller reads again. An expired
 * PENDING subscriber may be deleted at any time after its expiry (a DynamoDB TTL); until then it
 * is read like any other, and callers treat it as gone ({@link Subscriber#expired}).
 */
public interface SubscriberDirectory {

    /** The subscriber with that id, whatever its status. */
    Optional<Subscriber> get(String id);

    /** The subscriber of that address's mailbox (however spelt), whatever its status. */
    Optional<Subscriber> find(EmailAddress email);

    /**
     * Stores a new subscriber (its {@code version} is 1, see {@link Subscriber#create}).
     *
     * @return false, writing nothing, when a subscriber of the same mailbox or with the same id
     *         already exists, unless the one of the same mailbox is PENDING and expired at the new
     *         one's {@code createdAt}: the new subscriber then replaces it (its id is gone)
     */
    boolean create(Subscriber subscriber);

    /**
     * Replaces the stored subscriber of that id if its version is still {@code changed.version()};
     * the stored copy then has version {@code changed.version() + 1}.
     *
     * @return false, writing nothing, when the subscriber is missing, when someone else updated it
     *         since it was read, or when the update moves it to another mailbox (the mailbox is its
     *         key: one mailbox is one subscriber; another spelling of the same mailbox is fine)
     */
    boolean update(Subscriber changed);

    /**
     * One page of CONFIRMED subscribers of that cadence, in a stable order (suppressed, pending and
     * unsubscribed ones never appear). Pages are not a snapshot: subscribers that change while a
     * caller pages through may or may not appear, but none appears twice.
     *
     * @param cursor null for the first page, else {@link Page#next()} of the previous one
     * @param limit  at most this many subscribers (a page may hold fewer, even none, and still have a next)
     */
    Page confirmed(Cadence cadence, String cursor, int limit);

    /** Streams every confirmed subscriber of that cadence, one page in memory at a time. */
    default void forEachConfirmed(Cadence cadence, Consumer<Subscriber> action) {
        String cursor = null;
        do {
            Page page = confirmed(cadence, cursor, 500);
            page.items().forEach(action);
            cursor = page.next();
        } while (cursor != null);
    }

    /**
     * One page of subscribers.
     *
     * @param next the cursor of the next page; null when this is the last
     */
    record Page(List<Subscriber> items, String next) {
        public Page {
            items = List.copyOf(items);
        }
    }
}
