package dev.hubpress.core.work;

import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A parallel map gives what a sequential one gives: results in list order, the first failure in list order. */
class ParallelTest {

    private static final List<Integer> ITEMS = IntStream.range(0, 2_000).boxed().toList();

    /** Work whose time differs from item to item: "i:true". */
    private static String uneven(int i) {
        long spin = (i * 7919L) % 5_000;
        long sum = 0;
        for (long k = 0; k < spin; k++) {
            sum += k;
        }
        return i + ":" + (sum >= 0);
    }

    @RepeatedTest(5)
    void resultsComeBackInTheListsOrder() {
        // GIVEN items whose work takes uneven time, WHEN mapped in parallel
        List<String> results = Parallel.map(ITEMS, ParallelTest::uneven);

        // THEN the results are in the items' order
        assertThat(results).containsExactlyElementsOf(ITEMS.stream().map(i -> i + ":true").toList());
    }

    @RepeatedTest(5)
    void theFailureThrownIsTheFirstFailingItemsInListOrder() {
        // GIVEN work that fails on every multiple of 300 except 0, WHEN mapped in parallel
        // THEN what is thrown is item 300's failure, whichever failed first in time
        assertThatThrownBy(() -> Parallel.map(ITEMS, i -> {
            if (i > 0 && i % 300 == 0) {
                throw new IllegalStateException("item " + i);
            }
            return i;
        })).isInstanceOf(IllegalStateException.class).hasMessage("item 300");
    }

    @Test
    void errorsAreThrownAsTheyAre() {
        // GIVEN work that overflows its stack on one item, WHEN mapped, THEN that error is thrown as is
        assertThatThrownBy(() -> Parallel.map(ITEMS, i -> {
            if (i == 1_234) {
                throw new StackOverflowError("deep");
            }
            return i;
        })).isInstanceOf(StackOverflowError.class).hasMessage("deep");
    }

    @Test
    void anEmptyOrSingleListIsMapped() {
        assertThat(Parallel.map(List.<Integer>of(), i -> i + 1)).isEmpty();
        assertThat(Parallel.map(List.of(41), i -> i + 1)).containsExactly(42);
    }

    @Test
    void theSecondItemStartsWhileTheFirstIsStillAtWork() throws Exception {
        // GIVEN two cores or more, and a first item that ends only once the second has started
        // (fixed halves, as a parallel stream splits a list, put the first few items on one core)
        org.junit.jupiter.api.Assumptions.assumeTrue(Runtime.getRuntime().availableProcessors() >= 2
                && java.util.concurrent.ForkJoinPool.getCommonPoolParallelism() >= 1, "one core: items are mapped one after the other");
        java.util.concurrent.CountDownLatch secondStarted = new java.util.concurrent.CountDownLatch(1);

        // WHEN eight items are mapped
        List<Boolean> sawTheSecond = Parallel.map(List.of(0, 1, 2, 3, 4, 5, 6, 7), i -> {
            if (i == 1) {
                secondStarted.countDown();
            }
            try {
                return i != 0 || secondStarted.await(5, java.util.concurrent.TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        });

        // THEN the first saw the second start beside it
        assertThat(sawTheSecond).containsOnly(true).hasSize(8);
    }

    @Test
    void theCallerTakesEveryItemWhenEveryWorkerIsBusyElsewhere() throws Exception {
        // GIVEN every worker of the common pool held by other work until this map has returned
        // (a caller that left the items to the workers would wait for them forever)
        int workers = java.util.concurrent.ForkJoinPool.getCommonPoolParallelism();
        java.util.concurrent.CountDownLatch started = new java.util.concurrent.CountDownLatch(workers);
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        List<java.util.concurrent.ForkJoinTask<?>> held = new ArrayList<>();
        for (int k = 0; k < workers; k++) {
            held.add(java.util.concurrent.ForkJoinPool.commonPool().submit(() -> {
                started.countDown();
                release.await();
                return null;
            }));
        }
        try {
            assertThat(started.await(10, java.util.concurrent.TimeUnit.SECONDS)).as("the pool's workers are all held").isTrue();

            // WHEN a list is mapped, on a thread of its own that this test can give up on
            java.util.concurrent.FutureTask<List<String>> mapping = new java.util.concurrent.FutureTask<>(
                    () -> Parallel.map(ITEMS, ParallelTest::uneven));
            Thread caller = new Thread(mapping, "caller");
            caller.setDaemon(true);
            caller.start();

            // THEN it returns every result, in order, while the workers are still held
            assertThat(mapping.get(30, java.util.concurrent.TimeUnit.SECONDS))
                    .containsExactlyElementsOf(ITEMS.stream().map(i -> i + ":true").toList());
            assertThat(held).noneMatch(java.util.concurrent.Future::isDone);
        } finally {
            release.countDown();
        }
        for (java.util.concurrent.ForkJoinTask<?> task : held) {
            task.join();
        }
    }

    @Test
    void mapEachOnceMapsEachObjectOnceByIdentity() {
        // GIVEN three lists sharing objects, and two strings equal but not the same object
        String shared = "shared";
        String twin = new String("twin");
        String otherTwin = new String("twin");
        List<List<String>> lists = List.of(List.of(shared, twin), List.of(shared), List.of(otherTwin, shared));
        AtomicInteger calls = new AtomicInteger();
        List<String> seen = Collections.synchronizedList(new ArrayList<>());

        // WHEN each is mapped once
        Map<String, Integer> lengths = Parallel.mapEachOnce(lists, s -> {
            calls.incrementAndGet();
            seen.add(s);
            return s.length();
        });

        // THEN the shared object was mapped once, each twin once, and every object has its result
        assertThat(calls).hasValue(3);
        assertThat(lengths).hasSize(3);
        assertThat(lengths.get(shared)).isEqualTo(6);
        assertThat(lengths.get(twin)).isEqualTo(4);
        assertThat(lengths.get(otherTwin)).isEqualTo(4);
        assertThat(seen.stream().filter(x -> x == shared)).hasSize(1);
    }
}
