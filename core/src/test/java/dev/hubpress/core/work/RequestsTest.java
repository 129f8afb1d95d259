package dev.hubpress.core.work;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Requests a few at a time: results in input order, at most {@link Requests#IN_FLIGHT} in flight, failures in input order. */
class RequestsTest {

    @Test
    void resultsComeBackInInputOrderWhateverOrderTheyFinishIn() {
        // GIVEN twenty items, the first of which finishes last (it waits for all the others)
        List<Integer> items = IntStream.range(0, 20).boxed().toList();
        CountDownLatch othersDone = new CountDownLatch(19);

        // WHEN they are mapped
        List<String> results = Requests.map(items, i -> {
            if (i == 0) {
                await(othersDone);
            } else {
                othersDone.countDown();
            }
            return "r" + i;
        });

        // THEN the results are in the items' order
        assertThat(results).containsExactlyElementsOf(items.stream().map(i -> "r" + i).toList());
    }

    @Test
    void noMoreThanTheFixedNumberOfRequestsAreInFlight() {
        // GIVEN a hundred items that each hold their slot until the pool's size are in flight together
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        CountDownLatch allAtOnce = new CountDownLatch(Requests.IN_FLIGHT);

        // WHEN they are mapped
        Requests.forEach(IntStream.range(0, 100).boxed().toList(), i -> {
            most.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            allAtOnce.countDown();
            await(allAtOnce);
            inFlight.decrementAndGet();
        });

        // THEN exactly the pool's size ran at once, never more
        assertThat(most).hasValue(Requests.IN_FLIGHT);
    }

    @Test
    void failuresAreThrownFirstInInputOrderWithTheOthersSuppressed() {
        // GIVEN items 3, 7 and 11 failing, 11 first in time and 3 last
        CountDownLatch laterOnesFailed = new CountDownLatch(2);

        // WHEN / THEN the failure of item 3 is thrown, with 7 and 11 suppressed in that order, after every item ran
        AtomicInteger ran = new AtomicInteger();
        assertThatThrownBy(() -> Requests.forEach(IntStream.range(0, 12).boxed().toList(), i -> {
            ran.incrementAndGet();
            if (i == 3) {
                await(laterOnesFailed);
                throw new IllegalStateException("item 3");
            }
            if (i == 7 || i == 11) {
                laterOnesFailed.countDown();
                throw new IllegalArgumentException("item " + i);
            }
        })).isInstanceOf(IllegalStateException.class).hasMessage("item 3")
                .satisfies(e -> assertThat(e.getSuppressed()).extracting(Throwable::getMessage).containsExactly("item 7", "item 11"));
        assertThat(ran).hasValue(12);
    }

    @Test
    void noItemsOrOneRunOnTheCallersThread() {
        assertThat(Requests.map(List.<Integer>of(), i -> i)).isEmpty();
        assertThat(Requests.map(List.of(1), i -> Thread.currentThread())).containsExactly(Thread.currentThread());
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(10, TimeUnit.SECONDS)) {
                throw new AssertionError("latch not released within 10 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
