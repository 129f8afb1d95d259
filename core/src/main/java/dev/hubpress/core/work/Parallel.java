package dev.hubpress.core.work;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.IntStream;

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
     * {@code items.stream().map(f).toList()}, on every core.
     *
     * @throws RuntimeException or Error: what {@code f} threw for the first failing item in list order
     */
    public static <T, R> List<R> map(List<T> items, Function<? super T, ? extends R> f) {
        int n = items.size();
        if (n < 2 || Runtime.getRuntime().availableProcessors() < 2) {
            List<R> results = new ArrayList<>(n);
            for (T item : items) {
                results.add(f.apply(item));
            }
            return Collections.unmodifiableList(results);
        }
        Object[] results = new Object[n];
        Throwable[] failures = new Throwable[n];
        IntStream.range(0, n).parallel().forEach(i -> apply(f, items, i, results, failures));
        return collected(results, failures);
    }

    /**
     * {@link #map}, for a few items of very different sizes: each core takes the next item in list
     * order when it is done with its last, so the first item starts at once and the others fill the
     * cores around it ({@link #map} splits the list in fixed halves: a long item and those after it
     * may land on one core while the other waits). Put the longest first. Results and failures as
     * {@link #map}.
     */
    public static <T, R> List<R> inTurn(List<T> items, Function<? super T, ? extends R> f) {
        int n = items.size();
        int cores = Math.min(n, ForkJoinPool.getCommonPoolParallelism() + 1);
        if (n < 2 || Runtime.getRuntime().availableProcessors() < 2 || cores < 2) {
            return map(items, f);
        }
        Object[] results = new Object[n];
        Throwable[] failures = new Throwable[n];
        AtomicInteger next = new AtomicInteger();
        Runnable take = () -> {
            for (int i = next.getAndIncrement(); i < n; i = next.getAndIncrement()) {
                apply(f, items, i, results, failures);
            }
        };
        List<ForkJoinTask<?>> others = new ArrayList<>();
        for (int k = 1; k < cores; k++) {
            others.add(ForkJoinPool.commonPool().submit(take));
        }
        take.run();
        others.forEach(ForkJoinTask::join);
        return collected(results, failures);
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
