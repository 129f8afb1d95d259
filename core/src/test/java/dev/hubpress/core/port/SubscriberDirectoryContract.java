package dev.hubpress.core.port;

import dev.hubpress.core.mail.Cadence;
import dev.hubpress.core.mail.EmailAddress;
import dev.hubpress.core.mail.Subscriber;
import dev.hubpress.core.mail.SubscriberStatus;
import dev.hubpress.core.mail.Topics;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What every {@link SubscriberDirectory} promises (its Javadoc), run against each implementation:
 * the in-memory fake, the folder of JSON files and the DynamoDB table. A subclass supplies a
 * directory on empty storage for each test.
 */
public abstract class SubscriberDirectoryContract {

    protected static final Instant NOW = Instant.parse("2026-03-14T09:26:53Z");

    /** The directory under test, on storage of its own. */
    protected SubscriberDirectory directory;

    /** A directory on fresh, empty storage. */
    protected abstract SubscriberDirectory createDirectory();

    @BeforeEach
    void freshDirectory() {
        directory = createDirectory();
    }

    protected static Subscriber subscriber(String id, String email, SubscriberStatus status, Cadence cadence) {
        return Subscriber.create(id, EmailAddress.parse(email), status, cadence, NOW, 0, null);
    }

    private Subscriber stored(String email) {
        return directory.find(EmailAddress.parse(email)).orElseThrow(() -> new AssertionError("no subscriber " + email));
    }

    /** Every page of confirmed subscribers of a cadence, as ids, a page at a time; stops after 50 pages. */
    private List<List<String>> pages(Cadence cadence, int limit) {
        List<List<String>> pages = new ArrayList<>();
        String cursor = null;
        do {
            SubscriberDirectory.Page page = directory.confirmed(cadence, cursor, limit);
            pages.add(page.items().stream().map(Subscriber::id).toList());
            cursor = page.next();
        } while (cursor != null && pages.size() < 50);
        return pages;
    }

    private List<String> forEachConfirmed(Cadence cadence) {
        List<String> ids = new ArrayList<>();
        directory.forEachConfirmed(cadence, s -> ids.add(s.id()));
        return ids;
    }

    @Test
    void whatASubscriberFollowsAndAPauseAreStoredAndAPausedSubscriberIsNotConfirmed() {
        // GIVEN a confirmed follower of two sections and a page, and a whole-hub subscriber
        Subscriber ann = subscriber("s1", "ann@example.com", SubscriberStatus.CONFIRMED, Cadence.WEEKLY)
                .withTopics(Topics.of(List.of("skills", "careers"), List.of("faq")), NOW);
        directory.create(ann);
        directory.create(subscriber("s2", "bob@example.com", SubscriberStatus.CONFIRMED, Cadence.WEEKLY));
        // THEN both read back as they were
        assertThat(stored("ann@example.com").topics()).isEqualTo(Topics.of(List.of("careers", "skills"), List.of("faq")));
        assertThat(stored("bob@example.com").topics()).isEqualTo(Topics.WHOLE_HUB);
        // WHEN the follower pauses THEN they keep their topics and leave the confirmed subscribers
        assertThat(directory.update(stored("ann@example.com").withStatus(SubscriberStatus.PAUSED, NOW))).isTrue();
        assertThat(stored("ann@example.com").status()).isEqualTo(SubscriberStatus.PAUSED);
        assertThat(stored("ann@example.com").topics().sections()).containsExactly("careers", "skills");
        assertThat(forEachConfirmed(Cadence.WEEKLY)).containsExactly("s2");
    }

    @Test
    void aCreatedSubscriberIsFoundByIdAndByAddressAtVersionOne() {
        // GIVEN an empty directory and a new subscriber with a confirmation sent
        Subscriber ann = Subscriber.create("s1", EmailAddress.parse("ann@example.com"), SubscriberStatus.PENDING,
                Cadence.WEEKLY, NOW, 4, NOW.plusSeconds(1));

        // WHEN it is created
        boolean created = directory.create(ann);

        // THEN it reads back equal, at version 1, by its id and by its address; others are absent
        assertThat(created).isTrue();
        assertThat(directory.find(EmailAddress.parse("ann@example.com"))).contains(ann);
        assertThat(directory.get("s1")).contains(ann);
        assertThat(ann.version()).isEqualTo(1);
        assertThat(directory.get("nobody")).isEmpty();
        assertThat(directory.find(EmailAddress.parse("bob@example.com"))).isEmpty();
    }

    @Test
    void oneAddressIsOneSubscriberAndIdsAreUniqueToo() {
        // GIVEN Ann subscribed as s1
        Subscriber ann = subscriber("s1", "ann@example.com", SubscriberStatus.PENDING, Cadence.EVERY_UPDATE);
        directory.create(ann);

        // WHEN her address is created again under another id, and her id under another address
        boolean sameAddress = directory.create(subscriber("s2", "ann@example.com", SubscriberStatus.CONFIRMED, Cadence.WEEKLY));
        boolean sameId = directory.create(subscriber("s1", "other@example.com", SubscriberStatus.CONFIRMED, Cadence.WEEKLY));

        // THEN both are refused and nothing is written
        assertThat(sameAddress).isFalse();
        assertThat(sameId).isFalse();
        assertThat(stored("ann@example.com")).isEqualTo(ann);
        assertThat(directory.get("s1")).contains(ann);
        assertThat(directory.get("s2")).isEmpty();
        assertThat(directory.find(EmailAddress.parse("other@example.com"))).isEmpty();
    }

    @Test
    void anUpdateIsConditionalOnTheVersionRead() {
        // GIVEN Ann, read at version 1
        directory.create(subscriber("s1", "ann@example.com", SubscriberStatus.PENDING, Cadence.EVERY_UPDATE));
        Subscriber read = stored("ann@example.com");

        // WHEN she confirms (an update of what was read), and then a stale copy of the same read is written
        Subscriber confirmed = read.withStatus(SubscriberStatus.CONFIRMED, NOW.plusSeconds(5)).withLastDelivered(3, NOW.plusSeconds(5));
        boolean first = directory.update(confirmed);
        boolean stale = directory.update(read.withLastDelivered(9, NOW.plusSeconds(6)));

        // THEN the first wins and is stored at version 2; the stale one loses and writes nothing
        assertThat(first).isTrue();
        assertThat(stale).as("a stale version").isFalse();
        Subscriber stored = stored("ann@example.com");
        assertThat(stored).isEqualTo(confirmed.withVersion(2));
        assertThat(stored.version()).isEqualTo(2);
        assertThat(stored.lastDeliveredSeq()).isEqualTo(3);
        assertThat(stored.confirmed()).isTrue();
        assertThat(directory.get("s1")).contains(stored);
        // AND the same update again (its version is now stale too) loses
        assertThat(directory.update(confirmed)).isFalse();
        // AND an update of what was read last wins, at version 3
        assertThat(directory.update(stored.withLastDelivered(4, NOW.plusSeconds(7)))).isTrue();
        assertThat(stored("ann@example.com").version()).isEqualTo(3);
    }

    @Test
    void anUpdateOfAMissingSubscriberIsRefusedAndCreatesNothing() {
        // GIVEN an empty directory

        // WHEN a subscriber that was never created is updated
        boolean updated = directory.update(subscriber("s9", "ghost@example.com", SubscriberStatus.CONFIRMED, Cadence.EVERY_UPDATE));

        // THEN it is refused and nothing appears
        assertThat(updated).isFalse();
        assertThat(directory.get("s9")).isEmpty();
        assertThat(directory.find(EmailAddress.parse("ghost@example.com"))).isEmpty();
        assertThat(forEachConfirmed(Cadence.EVERY_UPDATE)).isEmpty();
    }

    @Test
    void anUpdateCannotMoveASubscriberToAnotherAddress() {
        // GIVEN Ann (s1) and Bob (s2)
        directory.create(subscriber("s1", "ann@example.com", SubscriberStatus.CONFIRMED, Cadence.EVERY_UPDATE));
        directory.create(subscriber("s2", "bob@example.com", SubscriberStatus.CONFIRMED, Cadence.EVERY_UPDATE));
        Subscriber ann = stored("ann@example.com");

        // WHEN Ann's subscriber is written with a new address, and with Bob's
        boolean moved = directory.update(new Subscriber(ann.id(), EmailAddress.parse("new@example.com"), ann.status(),
                ann.cadence(), ann.createdAt(), NOW, ann.lastDeliveredSeq(), null, ann.version()));
        boolean taken = directory.update(new Subscriber(ann.id(), EmailAddress.parse("bob@example.com"), ann.status(),
                ann.cadence(), ann.createdAt(), NOW, ann.lastDeliveredSeq(), null, ann.version()));

        // THEN both are refused: the address is the subscriber's key, and one address is one subscriber
        assertThat(moved).isFalse();
        assertThat(taken).isFalse();
        assertThat(directory.find(EmailAddress.parse("new@example.com"))).isEmpty();
        assertThat(stored("ann@example.com")).isEqualTo(ann);
        assertThat(stored("bob@example.com").id()).isEqualTo("s2");
        assertThat(directory.get("s1")).contains(ann);
    }

    @Test
    void confirmedPagesVisitEveryConfirmedSubscriberOfTheCadenceOnce() {
        // GIVEN seven confirmed weekly subscribers, and others who must never appear: a pending and an
        // unsubscribed weekly one, a suppressed weekly one, and one confirmed for every update
        for (int i = 0; i < 7; i++) {
            directory.create(subscriber("w" + i, "weekly" + i + "@example.com", SubscriberStatus.CONFIRMED, Cadence.WEEKLY));
        }
        directory.create(subscriber("p1", "pending@example.com", SubscriberStatus.PENDING, Cadence.WEEKLY));
        directory.create(subscriber("u1", "gone@example.com", SubscriberStatus.UNSUBSCRIBED, Cadence.WEEKLY));
        directory.create(subscriber("x1", "bounced@example.com", SubscriberStatus.SUPPRESSED, Cadence.WEEKLY));
        directory.create(subscriber("e1", "every@example.com", SubscriberStatus.CONFIRMED, Cadence.EVERY_UPDATE));

        // WHEN the weekly ones are paged through, two at a time
        List<List<String>> pages = pages(Cadence.WEEKLY, 2);

        // THEN every confirmed weekly subscriber appears exactly once, over several pages of at most two
        List<String> weekly = pages.stream().flatMap(List::stream).toList();
        assertThat(weekly).containsExactlyInAnyOrder("w0", "w1", "w2", "w3", "w4", "w5", "w6");
        assertThat(weekly).doesNotHaveDuplicates();
        assertThat(pages).hasSizeGreaterThan(1).allSatisfy(page -> assertThat(page).hasSizeLessThanOrEqualTo(2));
        // AND streaming them gives the same, and each cadence has only its own
        assertThat(forEachConfirmed(Cadence.WEEKLY)).containsExactlyInAnyOrderElementsOf(weekly);
        assertThat(forEachConfirmed(Cadence.EVERY_UPDATE)).containsExactly("e1");
    }

    @Test
    void pagesAreInAStableOrder() {
        // GIVEN five confirmed subscribers
        for (int i = 0; i < 5; i++) {
            directory.create(subscriber("s" + i, "reader" + i + "@example.com", SubscriberStatus.CONFIRMED, Cadence.EVERY_UPDATE));
        }

        // WHEN they are paged through twice, with different page sizes
        List<String> byTwo = pages(Cadence.EVERY_UPDATE, 2).stream().flatMap(List::stream).toList();
        List<String> byThree = pages(Cadence.EVERY_UPDATE, 3).stream().flatMap(List::stream).toList();

        // THEN both visit them in the same order
        assertThat(byTwo).hasSize(5).isEqualTo(byThree);
    }

    @Test
    void aSubscriberWhoLeavesDropsOutOfTheConfirmedPagesAndOneWhoConfirmsComesIn() {
        // GIVEN Ann confirmed and Bob pending
        directory.create(subscriber("s1", "ann@example.com", SubscriberStatus.CONFIRMED, Cadence.EVERY_UPDATE));
        directory.create(subscriber("s2", "bob@example.com", SubscriberStatus.PENDING, Cadence.EVERY_UPDATE));
        assertThat(forEachConfirmed(Cadence.EVERY_UPDATE)).containsExactly("s1");

        // WHEN Ann unsubscribes and Bob confirms
        directory.update(stored("ann@example.com").withStatus(SubscriberStatus.UNSUBSCRIBED, NOW));
        directory.update(stored("bob@example.com").withStatus(SubscriberStatus.CONFIRMED, NOW));

        // THEN only Bob is confirmed now
        assertThat(forEachConfirmed(Cadence.EVERY_UPDATE)).containsExactly("s2");
        // AND a change of cadence moves a subscriber between the cadences' pages
        directory.update(stored("bob@example.com").withCadence(Cadence.WEEKLY, NOW));
        assertThat(forEachConfirmed(Cadence.EVERY_UPDATE)).isEmpty();
        assertThat(forEachConfirmed(Cadence.WEEKLY)).containsExactly("s2");
    }

    @Test
    void subscribersChangingWhilePagesAreReadAppearAtMostOnce() {
        // GIVEN six confirmed subscribers, and the first page of two read
        for (int i = 0; i < 6; i++) {
            directory.create(subscriber("s" + i, "reader" + i + "@example.com", SubscriberStatus.CONFIRMED, Cadence.EVERY_UPDATE));
        }
        SubscriberDirectory.Page first = directory.confirmed(Cadence.EVERY_UPDATE, null, 2);
        List<String> seen = new ArrayList<>(first.items().stream().map(Subscriber::id).toList());
        assertThat(seen).hasSize(2);

        // WHEN, before the rest is read, the two already seen are updated (a digest run moving them
        // on) and one more subscriber confirms
        for (String id : List.copyOf(seen)) {
            Subscriber s = directory.get(id).orElseThrow();
            assertThat(directory.update(s.withLastDelivered(7, NOW))).isTrue();
        }
        directory.create(subscriber("s9", "late@example.com", SubscriberStatus.CONFIRMED, Cadence.EVERY_UPDATE));
        String cursor = first.next();
        int pages = 1;
        while (cursor != null && pages < 50) {
            SubscriberDirectory.Page page = directory.confirmed(Cadence.EVERY_UPDATE, cursor, 2);
            page.items().forEach(s -> seen.add(s.id()));
            cursor = page.next();
            pages++;
        }

        // THEN nobody appeared twice, and every subscriber confirmed all along appeared
        assertThat(seen).doesNotHaveDuplicates().contains("s0", "s1", "s2", "s3", "s4", "s5");
    }

    @Test
    void anotherSpellingOfAMailboxIsThatMailboxsSubscriber() {
        // GIVEN Bob, suppressed as bob@example.com, and Jane as jane.doe@gmail.com
        directory.create(subscriber("s1", "bob@example.com", SubscriberStatus.SUPPRESSED, Cadence.EVERY_UPDATE));
        directory.create(subscriber("s2", "jane.doe@gmail.com", SubscriberStatus.CONFIRMED, Cadence.EVERY_UPDATE));

        // WHEN their mailboxes are looked up, and created again, under other spellings
        // THEN each spelling finds the one subscriber, and no second subscriber can be made for it
        assertThat(directory.find(EmailAddress.parse("BOB@Example.com"))).map(Subscriber::id).contains("s1");
        assertThat(directory.find(EmailAddress.parse("JaneDoe+hub@googlemail.com"))).map(Subscriber::id).contains("s2");
        assertThat(directory.create(subscriber("s3", "Bob@example.com", SubscriberStatus.PENDING, Cadence.EVERY_UPDATE))).isFalse();
        assertThat(directory.create(subscriber("s4", "j.a.n.e.doe@gmail.com", SubscriberStatus.PENDING, Cadence.EVERY_UPDATE))).isFalse();
        assertThat(directory.get("s3")).isEmpty();
        assertThat(directory.get("s4")).isEmpty();
        // AND another mailbox is not theirs
        assertThat(directory.find(EmailAddress.parse("bob.smith@example.com"))).isEmpty();
    }

    @Test
    void anUpdateMayChangeTheSpellingOfTheMailboxAndKeepsANonceAndExpiry() {
        // GIVEN Ann, unsubscribed as ann@example.com
        directory.create(subscriber("s1", "ann@example.com", SubscriberStatus.UNSUBSCRIBED, Cadence.EVERY_UPDATE));
        Subscriber ann = stored("ann@example.com");

        // WHEN she subscribes again as Ann@Example.com and a confirmation goes out
        Subscriber pending = ann.awaitingConfirmation(EmailAddress.parse("Ann@Example.com"), Cadence.WEEKLY, "nonce-1",
                NOW.plusSeconds(60), NOW.plusSeconds(60 + 3600).plusMillis(250));
        boolean updated = directory.update(pending);

        // THEN she is stored under the new spelling, with the nonce and the expiry (whole seconds)
        assertThat(updated).isTrue();
        Subscriber stored = stored("ann@example.com");
        assertThat(stored).isEqualTo(pending.withVersion(2));
        assertThat(stored.email().value()).isEqualTo("Ann@example.com");
        assertThat(stored.confirmationNonce()).isEqualTo("nonce-1");
        assertThat(stored.expiresAt()).isEqualTo(NOW.plusSeconds(60 + 3600));
        assertThat(directory.get("s1")).contains(stored);
        // AND confirming drops both
        assertThat(directory.update(stored.withStatus(SubscriberStatus.CONFIRMED, NOW.plusSeconds(90)))).isTrue();
        assertThat(stored("ann@example.com").confirmationNonce()).isNull();
        assertThat(stored("ann@example.com").expiresAt()).isNull();
    }

    @Test
    void anExpiredPendingSubscriberIsReplacedByANewOneAndNothingElseIs() {
        // GIVEN Ann, pending until NOW + 1 h, and Bob, unsubscribed
        Subscriber ann = subscriber("s1", "ann@example.com", SubscriberStatus.PENDING, Cadence.EVERY_UPDATE)
                .awaitingConfirmation(EmailAddress.parse("ann@example.com"), Cadence.EVERY_UPDATE, "n1", NOW, NOW.plusSeconds(3600));
        directory.create(ann);
        directory.create(subscriber("s2", "bob@example.com", SubscriberStatus.UNSUBSCRIBED, Cadence.EVERY_UPDATE));

        // WHEN her mailbox is created again before her expiry, then at it; and Bob's much later
        Subscriber early = Subscriber.create("s3", EmailAddress.parse("ann@example.com"), SubscriberStatus.PENDING,
                Cadence.WEEKLY, NOW.plusSeconds(3599), 0, null);
        Subscriber onTime = Subscriber.create("s4", EmailAddress.parse("Ann@example.com"), SubscriberStatus.PENDING,
                Cadence.WEEKLY, NOW.plusSeconds(3600), 0, null);
        Subscriber bobAgain = Subscriber.create("s5", EmailAddress.parse("bob@example.com"), SubscriberStatus.PENDING,
                Cadence.WEEKLY, NOW.plusSeconds(86_400 * 365), 0, null);

        // THEN only the one at her expiry replaces her: her id is gone, the new subscriber is the mailbox's
        assertThat(directory.create(early)).isFalse();
        assertThat(directory.create(onTime)).isTrue();
        assertThat(directory.get("s1")).isEmpty();
        assertThat(directory.get("s3")).isEmpty();
        assertThat(directory.get("s4")).contains(onTime);
        assertThat(stored("ann@example.com")).isEqualTo(onTime);
        // AND a subscriber that is not pending never expires
        assertThat(directory.create(bobAgain)).isFalse();
        assertThat(stored("bob@example.com").id()).isEqualTo("s2");
    }
}
