package dev.hubpress.core.work;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.function.Function;

/**
 * The requests of one step (blob reads and writes, object puts and deletes) run a few at a time:
 * each request waits for a round trip, so a small fixed pool takes most of the waiting off while
 * keeping the number of connections low. Results come back in the order of the input, whatever
 * order the requests finished in; when requests fail, every one of them is waited for and the
 * first failure <em>in input order</em> is thrown with the others attached as suppressed, so the
 * same failures always give the same error.
 *
 * <p>Not {@link Parallel}: that one spreads computation over the cores (one on a 1-vCPU Lambda,
 * where it is a plain loop); this one overlaps waits for round trips, which a single core can do
 * as well as many.
 */
public final class Requests {

    /**
     * Requests in flight at once: enough to hide round trips (32 objects of a few KB at ~20 ms each
     * is ~1,600 a second, under S3's 3,500 writes a second per prefix), few enough for a small Lambda.
     */
    public static final int IN_FLIGHT = 32;

    private static final ThreadFactory DAEMONS = runnable -> {
        Thread thread = new Thread(runnable, "hubpress-requests");
        thread.setDaemon(true);
        return thread;
    };

    private Requests() {
    }

    /** Applies the function to every item, at most {@link #IN_FLIGHT} at once; the results in input order. */
    public static <T, R> List<R> map(List<T> items, Function<T, R> function) {
        if (items.size() <= 1) {
            return items.stream().map(function).toList();
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(IN_FLIGHT, items.size()), DAEMONS);
        try {
            List<Future<R>> futures = new ArrayList<>(items.size());
            for (T item : items) {
                futures.add(pool.submit(() -> function.apply(item)));
            }
            List<R> results = new ArrayList<>(items.size());
            Throwable first = null;
            for (Future<R> future : futures) {
                try {
                    results.add(future.get());
                } catch (ExecutionException e) {
                    if (first == null) {
                        first = e.getCause();
                    } else if (first != e.getCause()) {
                        first.addSuppressed(e.getCause());
                    }
                    results.add(null);
                }
            }
            if (first != null) {
                throw rethrow(first);
            }
            return results;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for " + items.size() + " requests", e);
        } finally {
            pool.shutdownNow();
        }
    }

    /** Runs the action on every item, at most {@link #IN_FLIGHT} at once; fails as {@link #map} does. */
    public static <T> void forEach(List<T> items, java.util.function.Consumer<T> action) {
        map(items, item -> {
            action.accept(item);
            return Boolean.TRUE;
        });
    }

    private static RuntimeException rethrow(Throwable failure) {
        if (failure instanceof RuntimeException runtime) {
            throw runtime;
        }
        if (failure instanceof Error error) {
            throw error;
        }
        return new IllegalStateException(failure.getMessage(), failure);
    }
}
