package dev.hubpress.functions;

import dev.hubpress.aws.S3ContentSource.Listed;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Waits until a push is over before the ingest reads the tree, so that one push is one revision:
 * {@code aws s3 sync} of a hundred files can take a minute, far longer than the queue's batching
 * window, and reaches the ingest as several batches. Decided from the prefix's listing (one request
 * per 1,000 keys), the batch's newest event time, and nothing else:
 *
 * <ol>
 *   <li><b>Marked</b>: the push wrote its marker ({@value #MARKER} under the prefix) last, and the
 *       marker is at least as new as every object and as the batch's newest event: the push is
 *       complete, ingest now.</li>
 *   <li><b>Superseded</b>: the listing changes while this batch waits. That change happened after
 *       the batch was delivered, so it has a notification of its own, not in this batch, whose
 *       ingest reads the tree after it: this batch is acknowledged without an ingest, and the push
 *       is ingested once, by the batch of its last change.</li>
 *   <li><b>Settled</b>: nothing changed for the quiet period (the newest object and the newest
 *       event are that old, and the listing stayed the same while this batch watched it, at least
 *       one poll): ingest.</li>
 *   <li><b>Deadline</b>: the budget ran out with the listing unchanged but the quiet period not
 *       confirmed (the prefix holds a marker, so pushes are expected to end with one, and this one
 *       has not written it yet; or the clocks disagree): ingested as it is, never re-queued, so an
 *       ingest always finishes within its timeout.</li>
 * </ol>
 *
 * Listed times are S3's, to the second (a listed time stands for anything up to a second later);
 * event times are S3's too. A push that pauses longer than the quiet period between two files,
 * and writes no marker, can still become two revisions.
 */
final class PushSettle {

    /** The optional marker a push writes last, under the content prefix (a hidden name: never part of the tree). */
    static final String MARKER = ".publish";
    /** How long the prefix must have been quiet. */
    static final Duration QUIET = Duration.ofSeconds(10);
    /** How often the listing is read again while waiting, and the least time a batch watches it. */
    static final Duration POLL = Duration.ofSeconds(2);
    /** The most a batch waits, whatever the function's time left. */
    static final Duration BUDGET = Duration.ofSeconds(30);

    /** What the wait decided. */
    enum Outcome {
        MARKED, SETTLED, SUPERSEDED, DEADLINE;

        /** Whether the batch ingests the tree now (or leaves it to the batch of a later change). */
        boolean ingests() {
            return this != SUPERSEDED;
        }
    }

    /** The decision, how long it took and how many listings it read. */
    record Result(Outcome outcome, long waitedMillis, int listings) {
    }

    /** Waits; the real one sleeps. */
    interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    private final Supplier<Map<String, Listed>> listing;
    private final String marker;
    private final Duration quiet;
    private final Duration poll;
    private final Clock clock;
    private final Sleeper sleeper;

    /**
     * @param listing every object under the content prefix now, by key
     * @param prefix  the content prefix ({@code content/})
     */
    PushSettle(Supplier<Map<String, Listed>> listing, String prefix, Duration quiet, Duration poll, Clock clock, Sleeper sleeper) {
        this.listing = listing;
        this.marker = prefix + MARKER;
        this.quiet = quiet;
        this.poll = poll;
        this.clock = clock;
        this.sleeper = sleeper;
    }

    /** The production wait on a listing: quiet {@link #QUIET}, polling every {@link #POLL}, on the system clock. */
    static PushSettle of(Supplier<Map<String, Listed>> listing, String prefix) {
        return of(listing, prefix, QUIET, POLL);
    }

    /** A wait with other periods, on the system clock (the integration tests' scaled-down pushes). */
    static PushSettle of(Supplier<Map<String, Listed>> listing, String prefix, Duration quiet, Duration poll) {
        return new PushSettle(listing, prefix, quiet, poll, Clock.systemUTC(), d -> Thread.sleep(d.toMillis()));
    }

    /** No wait at all: every batch ingests at once (a source that is no bucket: unit tests, other hosts). */
    static PushSettle none() {
        return new PushSettle(null, "", Duration.ZERO, Duration.ZERO, Clock.systemUTC(), d -> { });
    }

    /**
     * Waits for the push this batch belongs to.
     *
     * @param newestEvent the batch's newest S3 event time (empty when no record says)
     * @param deadline    when to stop waiting at the latest
     */
    Result await(Optional<Instant> newestEvent, Instant deadline) {
        Instant started = clock.instant();
        if (listing == null) {
            return result(Outcome.SETTLED, started, 0);
        }
        Map<String, Listed> first = listing.get();
        int listings = 1;
        if (marked(first, newestEvent)) {
            return result(Outcome.MARKED, started, listings);
        }
        // The newest change known: an object (listed to the second, so up to a second later) or an event of the batch.
        Instant lastChange = first.values().stream().map(o -> o.lastModified().plusSeconds(1)).max(Instant::compareTo)
                .orElse(Instant.EPOCH);
        if (newestEvent.isPresent() && newestEvent.get().isAfter(lastChange)) {
            lastChange = newestEvent.get();
        }
        boolean expectMarker = first.containsKey(marker);
        Instant settles = later(started.plus(poll), lastChange.plus(quiet));
        while (true) {
            Instant now = clock.instant();
            Instant wake = later(now, earlier(earlier(now.plus(poll), deadline), expectMarker ? deadline : settles));
            sleep(Duration.between(now, wake));
            Map<String, Listed> again = listing.get();
            listings++;
            if (!again.equals(first)) {
                return result(Outcome.SUPERSEDED, started, listings);
            }
            Instant after = clock.instant();
            if (!expectMarker && !after.isBefore(settles)) {
                return result(Outcome.SETTLED, started, listings);
            }
            if (!after.isBefore(deadline)) {
                return result(Outcome.DEADLINE, started, listings);
            }
        }
    }

    /**
     * The marker is there, no object is newer, and it is not older than the batch's newest event.
     * S3 lists the second the write began and times the event when it is done, so the marker's own
     * event can be a second or so after its listed second: events up to two seconds after it count
     * as the marker's or before it.
     */
    private boolean marked(Map<String, Listed> objects, Optional<Instant> newestEvent) {
        Listed mark = objects.get(marker);
        if (mark == null) {
            return false;
        }
        boolean newest = objects.values().stream().noneMatch(o -> o.lastModified().isAfter(mark.lastModified()));
        boolean afterBatch = newestEvent.isEmpty() || !mark.lastModified().plusSeconds(2).isBefore(newestEvent.get());
        return newest && afterBatch;
    }

    private void sleep(Duration duration) {
        if (duration.isNegative() || duration.isZero()) {
            return;
        }
        try {
            sleeper.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the push to settle", e);
        }
    }

    private Result result(Outcome outcome, Instant started, int listings) {
        return new Result(outcome, Duration.between(started, clock.instant()).toMillis(), listings);
    }

    private static Instant later(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    private static Instant earlier(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }
}
