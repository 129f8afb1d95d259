package dev.hubpress.core.work;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

/**
 * Start-up help: work a process's start can do on another core while the main thread does the
 * rest (a function's SDK clients and their first request, {@code ./hub}'s channels while it reads
 * its command line). The result is awaited where it is needed; a failure surfaces there, unchanged,
 * and one never awaited is dropped with its thread.
 */
public final class Startup<T> {

    private final FutureTask<T> task;

    private Startup(Callable<T> work, String name) {
        this.task = new FutureTask<>(work);
        Thread thread = new Thread(task, "startup-" + name);
        thread.setDaemon(true);
        thread.start();
    }

    /** Starts the work on its own thread now. */
    public static <T> Startup<T> begin(String name, Callable<T> work) {
        return new Startup<>(work, name);
    }

    /** The work's result, waiting for it if needed; its exception (unchecked) if it failed. */
    public T await() {
        try {
            return task.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted during startup", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    /** Runs a priming call whose failure must not fail the start (e.g. a read the role may not allow). */
    public static void prime(Runnable call) {
        try {
            call.run();
        } catch (RuntimeException ignored) {
            // priming only: the real call reports any real problem
        }
    }
}
