package dev.hubpress.core.port;

import dev.hubpress.core.port.SendLedger.Entry;
import dev.hubpress.core.port.SendLedger.Failure;
import dev.hubpress.core.port.SendLedger.State;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What every {@link SendLedger} promises (its Javadoc), run against each implementation: the
 * in-memory fake, the folder of JSON files and the DynamoDB table. A subclass supplies a ledger on
 * empty storage for each test and another handle on the same storage (another run's).
 */
public abstract class SendLedgerContract {

    protected static final String DIGEST = "hub.r1-r3";

    /** The ledger under test, on storage of its own. */
    protected SendLedger ledger;

    /** A ledger on fresh, empty storage. */
    protected abstract SendLedger createLedger();

    /** Another ledger on the same storage as {@link #ledger} (another process), or the ledger itself where there is none. */
    protected SendLedger sameStorage() {
        return ledger;
    }

    @BeforeEach
    void freshLedger() {
        ledger = createLedger();
    }

    @Test
    void aReservationIsGrantedOnceAndReadsBackAsReserved() {
        // GIVEN an empty ledger

        // WHEN a run reserves (digest, s1), and then it, or any run, reserves it again
        boolean first = ledger.reserve(DIGEST, "s1");
        boolean again = ledger.reserve(DIGEST, "s1");
        boolean another = sameStorage().reserve(DIGEST, "s1");

        // THEN only the first is granted, and the entry is RESERVED with no detail
        assertThat(first).isTrue();
        assertThat(again).isFalse();
        assertThat(another).isFalse();
        assertThat(ledger.get(DIGEST, "s1")).contains(new Entry(DIGEST, "s1", State.RESERVED, ""));
    }

    @Test
    void aReservationIsGrantedToExactlyOneOfManyThreads() throws Exception {
        // GIVEN sixteen runs, each on its own thread with its own ledger on the same storage, released together
        int runs = 16;
        CountDownLatch ready = new CountDownLatch(runs);
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(runs);
        List<Callable<Boolean>> reservations = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            reservations.add(() -> {
                SendLedger mine = sameStorage();
                ready.countDown();
                go.await(30, TimeUnit.SECONDS);
                return mine.reserve(DIGEST, "s1");
            });
        }

        // WHEN they all reserve the same (digest, subscriber)
        int granted = 0;
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (Callable<Boolean> reservation : reservations) {
                results.add(pool.submit(reservation));
            }
            assertThat(ready.await(30, TimeUnit.SECONDS)).as("every run ready").isTrue();
            go.countDown();
            for (Future<Boolean> result : results) {
                granted += result.get(60, TimeUnit.SECONDS) ? 1 : 0;
            }
        } finally {
            pool.shutdownNow();
        }

        // THEN exactly one is granted, and the entry is RESERVED
        assertThat(granted).isEqualTo(1);
        assertThat(ledger.get(DIGEST, "s1")).contains(new Entry(DIGEST, "s1", State.RESERVED, ""));
    }

    @Test
    void aSentMarkRecordsTheProvidersMessageIdAndTheReservationStaysTaken() {
        // GIVEN (digest, s1) reserved
        ledger.reserve(DIGEST, "s1");

        // WHEN the holder marks it sent
        ledger.markSent(DIGEST, "s1", "ses-message-1");

        // THEN the entry is SENT with the message id, and the pair is never granted again, whatever became of it
        assertThat(ledger.get(DIGEST, "s1")).contains(new Entry(DIGEST, "s1", State.SENT, "ses-message-1"));
        assertThat(sameStorage().get(DIGEST, "s1")).contains(new Entry(DIGEST, "s1", State.SENT, "ses-message-1"));
        assertThat(ledger.reserve(DIGEST, "s1")).as("never twice, whatever became of it").isFalse();
        assertThat(ledger.get(DIGEST, "s1").orElseThrow().state()).isEqualTo(State.SENT);
    }

    @Test
    void failedMarksRecordTheKindOfFailureAndItsReason() {
        // GIVEN (digest, s2) and (digest, s3) reserved
        ledger.reserve(DIGEST, "s2");
        ledger.reserve(DIGEST, "s3");

        // WHEN one send is refused for good and the other gives up after retries
        ledger.markFailed(DIGEST, "s2", Failure.PERMANENT, "MessageRejected");
        ledger.markFailed(DIGEST, "s3", Failure.TRANSIENT, "TooManyRequests after 6 attempts");

        // THEN each entry says which, with the reason, and neither pair is granted again
        assertThat(ledger.get(DIGEST, "s2")).contains(new Entry(DIGEST, "s2", State.FAILED_PERMANENT, "MessageRejected"));
        assertThat(ledger.get(DIGEST, "s3")).contains(new Entry(DIGEST, "s3", State.FAILED_TRANSIENT, "TooManyRequests after 6 attempts"));
        assertThat(ledger.reserve(DIGEST, "s2")).isFalse();
        assertThat(ledger.reserve(DIGEST, "s3")).isFalse();
    }

    @Test
    void pairsAreIndependent() {
        // GIVEN (digest, s1) reserved and sent
        ledger.reserve(DIGEST, "s1");
        ledger.markSent(DIGEST, "s1", "m1");

        // WHEN / THEN another subscriber of the same digest, and the same subscriber of another digest, are still free
        assertThat(ledger.get(DIGEST, "s2")).isEmpty();
        assertThat(ledger.get("hub.r3-r4", "s1")).isEmpty();
        assertThat(ledger.reserve(DIGEST, "s2")).isTrue();
        assertThat(ledger.reserve("hub.r3-r4", "s1")).isTrue();
        assertThat(ledger.get(DIGEST, "s1")).contains(new Entry(DIGEST, "s1", State.SENT, "m1"));
    }

    @Test
    void aPairThatWasNeverReservedHasNoEntryAndCannotBeMarked() {
        // GIVEN an empty ledger

        // WHEN / THEN a pair never reserved reads as absent, and marking it is a caller's bug that writes nothing
        assertThat(ledger.get("other", "s1")).isEmpty();
        assertThatThrownBy(() -> ledger.markSent("other", "s1", "m1")).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> ledger.markFailed("other", "s1", Failure.PERMANENT, "x")).isInstanceOf(IllegalStateException.class);
        assertThat(ledger.get("other", "s1")).isEmpty();
        assertThat(ledger.reserve("other", "s1")).as("still free").isTrue();
    }
}
