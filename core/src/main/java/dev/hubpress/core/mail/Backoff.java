package dev.hubpress.core.mail;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;

/**
 * Exponential backoff with jitter for throttled and transient sends: before retry n (from 1) it
 * waits a random time between half and all of {@code min(max, base * 2^(n-1))} ("equal jitter":
 * never zero, spread so that parallel senders do not retry in step).
 *
 * @param maxAttempts attempts per message, the first included
 * @param sleeper     how to wait (tests record instead of sleeping)
 * @param jitter      uniform in [0, 1)
 */
public record Backoff(int maxAttempts, Duration base, Duration max, Sleeper sleeper, DoubleSupplier jitter) {

    /** Waits; tests pass one that records the delay instead. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    public Backoff {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("at least one attempt");
        }
    }

    /** 8 attempts from 250 ms up to 30 s, sleeping for real. */
    public static Backoff standard() {
        return new Backoff(8, Duration.ofMillis(250), Duration.ofSeconds(30),
                d -> Thread.sleep(d.toMillis()), () -> ThreadLocalRandom.current().nextDouble());
    }

    /** The wait before retry {@code retry} (1 for the first retry). */
    public Duration delay(int retry) {
        long cap = max.toMillis();
        long exponential = base.toMillis() << Math.min(30, Math.max(0, retry - 1));
        long ceiling = Math.min(cap, exponential < 0 ? cap : exponential);
        double j = Math.min(Math.max(jitter.getAsDouble(), 0), 1);
        return Duration.ofMillis(ceiling / 2 + Math.round(j * (ceiling - ceiling / 2)));
    }
}
