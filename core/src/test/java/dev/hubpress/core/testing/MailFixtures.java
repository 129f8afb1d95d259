package dev.hubpress.core.testing;

import dev.hubpress.core.mail.Backoff;
import dev.hubpress.core.mail.Cadence;
import dev.hubpress.core.mail.ConfirmationLimits;
import dev.hubpress.core.mail.EmailAddress;
import dev.hubpress.core.mail.Subscriber;
import dev.hubpress.core.mail.SubscriberStatus;
import dev.hubpress.core.mail.Tokens;
import dev.hubpress.core.revision.ChangeKind;
import dev.hubpress.core.revision.ChangeSet;
import dev.hubpress.core.revision.PageChange;
import dev.hubpress.core.revision.Revision;
import dev.hubpress.core.revision.RevisionStatus;
import dev.hubpress.core.revision.SectionChange;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Subscribers, revisions with change sets, tokens and a recording backoff for the email tests. */
public final class MailFixtures {

    public static final byte[] SECRET = "test secret, thirty-two bytes long!".getBytes(StandardCharsets.US_ASCII);

    private MailFixtures() {
    }

    /** Budgets no lifecycle test reaches, so that only the rules under test decide what is sent. */
    public static final ConfirmationLimits GENEROUS_LIMITS = new ConfirmationLimits(
            new ConfirmationLimits.Limit(1000, Duration.ofDays(1)), new ConfirmationLimits.Limit(1000, Duration.ofHours(1)),
            new ConfirmationLimits.Limit(1000, Duration.ofHours(1)));

    public static Tokens tokens() {
        return new Tokens(SECRET, Tokens.DEFAULT_CONFIRM_VALIDITY, FixedClock.standard());
    }

    /** An accepted revision of hub "hub" changing the pages given. */
    public static Revision revision(long seq, PageChange... pages) {
        return revision("hub", seq, new ChangeSet(List.of(pages), List.of()));
    }

    public static Revision revision(String hub, long seq, ChangeSet changes) {
        return new Revision(hub, seq, "tree" + seq, seq - 1, FixedClock.INSTANT.plus(Duration.ofDays(seq)), "", "test",
                RevisionStatus.ACCEPTED, List.of(), changes, Map.of());
    }

    public static Revision rejected(long seq) {
        return new Revision("hub", seq, "tree" + seq, seq - 1, FixedClock.INSTANT.plus(Duration.ofDays(seq)), "", "test",
                RevisionStatus.REJECTED, List.of(), ChangeSet.NONE, Map.of());
    }

    public static PageChange changed(String slug, String... anchors) {
        List<SectionChange> sections = new ArrayList<>();
        for (String anchor : anchors) {
            sections.add(new SectionChange(anchor, "About " + anchor, ChangeKind.CHANGED));
        }
        return new PageChange(slug, "Page " + slug, ChangeKind.CHANGED, false, sections);
    }

    public static PageChange added(String slug) {
        return new PageChange(slug, "Page " + slug, ChangeKind.ADDED, false, List.of());
    }

    /** A confirmed subscriber "s&lt;n&gt;" with address s&lt;n&gt;@example.com. */
    public static Subscriber confirmed(int n, long lastDeliveredSeq, Cadence cadence) {
        return Subscriber.create(String.format("s%06d", n), EmailAddress.parse("s" + n + "@example.com"),
                SubscriberStatus.CONFIRMED, cadence, FixedClock.INSTANT, lastDeliveredSeq, null);
    }

    public static Subscriber confirmed(int n, long lastDeliveredSeq) {
        return confirmed(n, lastDeliveredSeq, Cadence.EVERY_UPDATE);
    }

    /** A backoff that records its waits instead of sleeping, with jitter fixed at 0.5. */
    public static final class RecordingSleeper implements Backoff.Sleeper {
        private final List<Duration> waits = new ArrayList<>();

        @Override
        public synchronized void sleep(Duration duration) {
            waits.add(duration);
        }

        public synchronized List<Duration> waits() {
            return List.copyOf(waits);
        }

        public Backoff backoff(int attempts) {
            return new Backoff(attempts, Duration.ofMillis(100), Duration.ofSeconds(5), this, () -> 0.5);
        }
    }

    public static Instant at(long days) {
        return FixedClock.INSTANT.plus(Duration.ofDays(days));
    }
}
