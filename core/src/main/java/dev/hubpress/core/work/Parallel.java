package dev.hubpress.core.work;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * Work spread over every core, with results that do not depend on how it was spread: a map over
 * a list whose results come back in the list's order, and whose failure, when items fail, is
 * always the first failing item's (in list order, not in time). So a parallel step yields the same
 * output, the same error lists and the same exception as running it item by item. Runs on the
 * common fork-join pool, whose size follows the cores the process may use (one on a 1-vCPU Lambda,
 * where this is a plain loop).
 */
public final class Parallel {

    private Parallel() {
    }

    /**
     * {@code items.stream().map(f).toList()}, on every core: each core takes the next item in
     * list order when it is done with its last, so a long item does not hold up the ones after it,
     * and the caller works too. Put the longest items first.
     *
     * <p>The caller then waits, parked, for the items others still work on. (A parallel stream's
     * caller spins instead while it waits for a stolen half: 0.15–0.17 s of a core, in a one-page
     * edit, lost to the compiler and the guide's layout while the feeds render beside them.) Only
     * items are waited for, never a helper that has not started: the common pool's workers may all
     * be busy with others' work, and the caller takes every item no one else has.
     *
     * @throws RuntimeException or Error: what {@code f} threw for the first failing item in list order
     */
    public static <T, R> List<R> map(List<T> items, Function<? super T, ? extends R> f) {
        int n = items.size();
        int helpers = Math.min(n, ForkJoinPool.getCommonPoolParallelism() + 1) - 1;
        if (n < 2 || Runtime.getRuntime().availableProcessors() < 2 || helpers < 1) {
            List<R> results = new ArrayList<>(n);
            for (T item : items) {
                results.add(f.apply(item));
            }
            return Collections.unmodifiableList(results);
        }
        Object[] results = new Object[n];
        Throwable[] failures = new Throwable[n];
        AtomicInteger next = new AtomicInteger();
        CountDownLatch done = new CountDownLatch(n);
        Runnable take = () -> {
            for (int i = next.getAndIncrement(); i < n; i = next.getAndIncrement()) {
                try {
                    apply(f, items, i, results, failures);
                } finally {
                    done.countDown();
                }
            }
        };
        List<ForkJoinTask<?>> others = new ArrayList<>(helpers);
        for (int k = 0; k < helpers; k++) {
            others.add(ForkJoinPool.commonPool().submit(take));
        }
        take.run();
        awaitUninterruptibly(done);
        others.forEach(helper -> helper.cancel(false)); // one that has not started finds nothing to take
        return collected(results, failures);
    }

    /** Waits out an interrupt too (and keeps it for the caller): the results are not all there before. */
    private static void awaitUninterruptibly(CountDownLatch latch) {
        boolean interrupted = false;
        while (true) {
            try {
                latch.await();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private static <T, R> void apply(Function<? super T, ? extends R> f, List<T> items, int i, Object[] results, Throwable[] failures) {
        try {
            results[i] = f.apply(items.get(i));
        } catch (Throwable e) {
            failures[i] = e;
        }
    }

    private static <R> List<R> collected(Object[] results, Throwable[] failures) {
        for (Throwable failure : failures) {
            if (failure instanceof RuntimeException e) {
                throw e;
            }
            if (failure instanceof Error e) {
                throw e;
            }
            if (failure != null) {
                throw new IllegalStateException(failure);
            }
        }
        @SuppressWarnings("unchecked")
        List<R> list = (List<R>) Collections.unmodifiableList(Arrays.asList(results));
        return list;
    }

    /**
     * Each distinct object (by identity) of these lists mapped once, on every core: for an object
     * many lists hold (a feed entry in the hub's, its section's and its page's feed), whose work
     * is dear and whose equality would cost as much to check. Failures as {@link #map}, in the
     * order the objects first appear.
     *
     * @return the results by object, compared by identity
     */
    public static <T, R> Map<T, R> mapEachOnce(Collection<? extends List<? extends T>> lists, Function<? super T, ? extends R> f) {
        Set<T> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        List<T> distinct = new ArrayList<>();
        for (List<? extends T> list : lists) {
            for (T item : list) {
                if (seen.add(item)) {
                    distinct.add(item);
                }
            }
        }
        List<R> results = map(distinct, f);
        Map<T, R> byItem = new IdentityHashMap<>();
        for (int i = 0; i < distinct.size(); i++) {
            byItem.put(distinct.get(i), results.get(i));
        }
        return byItem;
    }
}
