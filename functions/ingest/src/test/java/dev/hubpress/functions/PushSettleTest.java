package dev.hubpress.functions;

import dev.hubpress.aws.S3ContentSource.Listed;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * When a batch ingests its push, decided on a simulated bucket and clock: the wait sleeps by moving
 * the clock, and the bucket changes at the times a test schedules.
 */
class PushSettleTest {

    private static final Instant T0 = Instant.parse("2026-12-02T10:00:00.400Z");
    private static final Duration QUIET = Duration.ofSeconds(10);
    private static final Duration POLL = Duration.ofSeconds(2);

    private Instant now = T0;
    private final List<Duration> sleeps = new ArrayList<>();
    private final TreeMap<String, Listed> bucket = new TreeMap<>();
    private final List<Map.Entry<Instant, Consumer<TreeMap<String, Listed>>>> scheduled = new ArrayList<>();

    private final Clock clock = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    };

    private final PushSettle settle = new PushSettle(this::list, "content/", QUIET, POLL, clock, d -> {
        sleeps.add(d);
        now = now.plus(d);
    });

    /** The bucket as listed now: scheduled changes up to now applied. */
    private Map<String, Listed> list() {
        scheduled.removeIf(change -> {
            if (!change.getKey().isAfter(now)) {
                change.getValue().accept(bucket);
                return true;
            }
            return false;
        });
        return new TreeMap<>(bucket);
    }

    /** Puts an object as S3 lists it: the last-modified time to the second. */
    private static void put(TreeMap<String, Listed> bucket, String key, Instant at) {
        bucket.put(key, new Listed(key, "\"" + key.hashCode() + at.getEpochSecond() + "\"", 10, at.truncatedTo(ChronoUnit.SECONDS)));
    }

    private void putAt(String key, Instant at) {
        scheduled.add(Map.entry(at, b -> put(b, key, at)));
    }

    private Instant deadline() {
        return T0.plus(PushSettle.BUDGET);
    }

    @Test
    void aBatchWhosePushGoesOnIsSupersededAtTheNextPoll() {
        // GIVEN a batch whose newest event is at T0-2 s, and the push writing its next file at T0+1 s
        put(bucket, "content/a.md", T0.minusSeconds(20));
        put(bucket, "content/b.md", T0.minusSeconds(2));
        putAt("content/c.md", T0.plusSeconds(1));

        // WHEN the batch waits
        PushSettle.Result result = settle.await(Optional.of(T0.minusSeconds(2)), deadline());

        // THEN the first poll sees file c: superseded after two listings
        assertThat(result.outcome()).isEqualTo(PushSettle.Outcome.SUPERSEDED);
        assertThat(result.listings()).isEqualTo(2);
        assertThat(sleeps).containsExactly(POLL);
    }

    @Test
    void aReplayedOldNotificationIngestsTheBucketOnceItIsQuiet() {
        // GIVEN a notification from last week (a redriven message, a sample event), and a bucket written since, now quiet
        put(bucket, "content/a.md", T0.minusSeconds(60));

        // WHEN its batch waits
        PushSettle.Result result = settle.await(Optional.of(T0.minus(Duration.ofDays(7))), deadline());

        // THEN it ingests after one poll: nothing newer is coming
        assertThat(result.outcome()).isEqualTo(PushSettle.Outcome.SETTLED);
        assertThat(sleeps).containsExactly(POLL);
    }

    @Test
    void aQuietPrefixSettlesOnceItsNewestChangeIsTheQuietPeriodOld() {
        // GIVEN the batch of the push's last file, written at T0-3 s (listed to the second) and notified at T0-3 s
        put(bucket, "content/a.md", T0.minusSeconds(60));
        put(bucket, "content/last.md", T0.minusSeconds(3));

        // WHEN the batch waits
        PushSettle.Result result = settle.await(Optional.of(T0.minusSeconds(3)), deadline());

        // THEN it settles when the last write is ten seconds old (counting its listed second whole), polling meanwhile
        assertThat(result.outcome()).isEqualTo(PushSettle.Outcome.SETTLED);
        Instant lastWrite = T0.minusSeconds(3).truncatedTo(ChronoUnit.SECONDS).plusSeconds(1);
        assertThat(now).isEqualTo(lastWrite.plus(QUIET));
        assertThat(sleeps).allSatisfy(d -> assertThat(d).isLessThanOrEqualTo(POLL));
        assertThat(result.listings()).isEqualTo(1 + sleeps.size());
    }

    @Test
    void anOldPushStillGetsOnePollOfWatching() {
        // GIVEN a bucket last written a minute ago (a redelivered notification)
        put(bucket, "content/a.md", T0.minusSeconds(60));

        // WHEN the batch waits
        PushSettle.Result result = settle.await(Optional.of(T0.minusSeconds(60)), deadline());

        // THEN it watched the listing for one poll, then settled
        assertThat(result.outcome()).isEqualTo(PushSettle.Outcome.SETTLED);
        assertThat(sleeps).containsExactly(POLL);
        assertThat(result.listings()).isEqualTo(2);
    }

    @Test
    void aChangeWhileTheBatchWaitsSupersedesIt() {
        // GIVEN a batch waiting for its push, which writes one more file at T0+3 s and a delete at T0+7 s
        put(bucket, "content/a.md", T0.minusSeconds(1));
        put(bucket, "content/gone.md", T0.minusSeconds(30));
        putAt("content/b.md", T0.plusSeconds(3));
        scheduled.add(Map.entry(T0.plusSeconds(7), b -> b.remove("content/gone.md")));

        // WHEN the batch waits
        PushSettle.Result result = settle.await(Optional.of(T0.minusMillis(900)), deadline());

        // THEN the first listing after the new file supersedes it
        assertThat(result.outcome()).isEqualTo(PushSettle.Outcome.SUPERSEDED);
        assertThat(now).isEqualTo(T0.plus(POLL).plus(POLL));
    }

    @Test
    void aDeleteWhileTheBatchWaitsSupersedesItToo() {
        // GIVEN a quiet bucket from which a file is deleted (no newer time anywhere) while the batch waits
        put(bucket, "content/a.md", T0.minusSeconds(5));
        put(bucket, "content/gone.md", T0.minusSeconds(30));
        scheduled.add(Map.entry(T0.plusSeconds(1), b -> b.remove("content/gone.md")));

        // WHEN / THEN the batch sees the listing change and leaves the ingest to the delete's own batch
        assertThat(settle.await(Optional.of(T0.minusSeconds(5)), deadline()).outcome()).isEqualTo(PushSettle.Outcome.SUPERSEDED);
    }

    @Test
    void aMarkerWrittenLastCompletesThePushAtOnce() {
        // GIVEN a push whose last write is the marker, and the marker's batch
        put(bucket, "content/a.md", T0.minusSeconds(4));
        put(bucket, "content/.publish", T0.minusSeconds(1));

        // WHEN the batch waits
        PushSettle.Result result = settle.await(Optional.of(T0.minusSeconds(1)), deadline());

        // THEN the push is complete: no wait, one listing
        assertThat(result.outcome()).isEqualTo(PushSettle.Outcome.MARKED);
        assertThat(result.listings()).isEqualTo(1);
        assertThat(sleeps).isEmpty();
    }

    @Test
    void aMarkerWhoseWriteEndedInTheNextSecondStillCompletesThePush() {
        // GIVEN the marker listed at 09:59:59 (written at 09:59:59.990) and its event timed at 10:00:00.010, when the write was done
        put(bucket, "content/a.md", T0.minusSeconds(4));
        put(bucket, "content/.publish", Instant.parse("2026-12-02T09:59:59.990Z"));

        // WHEN / THEN its batch ingests at once
        assertThat(settle.await(Optional.of(Instant.parse("2026-12-02T10:00:00.010Z")), deadline()).outcome())
                .isEqualTo(PushSettle.Outcome.MARKED);
    }

    @Test
    void withAMarkerInTheBucketABatchWaitsForTheNextMarkerThroughAPause() {
        // GIVEN the marker of the last push, a push in progress that pauses for 15 s (longer than the quiet
        // period), then writes its last file and its marker
        put(bucket, "content/.publish", T0.minusSeconds(600));
        put(bucket, "content/a.md", T0.minusSeconds(1));
        putAt("content/b.md", T0.plusSeconds(15));
        putAt("content/.publish", T0.plusSeconds(16));

        // WHEN the batch of file a waits
        PushSettle.Result first = settle.await(Optional.of(T0.minusSeconds(1)), deadline());

        // THEN the pause does not settle it: file b supersedes it
        assertThat(first.outcome()).isEqualTo(PushSettle.Outcome.SUPERSEDED);
        assertThat(now).isAfterOrEqualTo(T0.plusSeconds(15));

        // AND the marker's batch ingests at once
        now = T0.plusSeconds(17);
        list();
        assertThat(settle.await(Optional.of(T0.plusSeconds(16)), now.plus(PushSettle.BUDGET)).outcome())
                .isEqualTo(PushSettle.Outcome.MARKED);
    }

    @Test
    void anOldMarkerDoesNotCompleteAPushThatOnlyDeletes() {
        // GIVEN the last push's marker, newer than every object, and the batch of a delete made after it
        put(bucket, "content/.publish", T0.minusSeconds(300));
        put(bucket, "content/a.md", T0.minusSeconds(400));

        // WHEN the batch waits, and nothing else happens
        PushSettle.Result result = settle.await(Optional.of(T0.minusSeconds(2)), deadline());

        // THEN it is not taken as complete: it waits for a new marker until the deadline, then ingests the bucket as it is
        assertThat(result.outcome()).isEqualTo(PushSettle.Outcome.DEADLINE);
        assertThat(now).isEqualTo(deadline());
    }

    @Test
    void aBatchNeverWaitsPastItsDeadline() {
        // GIVEN a write whose listed time is ahead of this clock by a minute (clocks that disagree)
        put(bucket, "content/a.md", T0.plusSeconds(60));

        // WHEN the batch waits with 5 s left
        PushSettle.Result result = settle.await(Optional.empty(), T0.plusSeconds(5));

        // THEN it stops at the deadline and ingests the bucket as it is
        assertThat(result.outcome()).isEqualTo(PushSettle.Outcome.DEADLINE);
        assertThat(now).isEqualTo(T0.plusSeconds(5));
    }

    @Test
    void withoutABucketEveryBatchIngestsAtOnce() {
        assertThat(PushSettle.none().await(Optional.of(T0), T0).outcome()).isEqualTo(PushSettle.Outcome.SETTLED);
    }
}
