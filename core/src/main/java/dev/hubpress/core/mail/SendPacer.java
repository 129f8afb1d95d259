package dev.hubpress.core.mail;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * Spaces sends evenly at a rate: each send may go {@code 1/rate} seconds after the one before (a
 * token bucket of one token, so there is no burst after a pause). A sender paces itself to its
 * share of the provider's send rate (SES's {@code MaxSendRate} divided among the senders that
 * may run at once) rather than running into throttling; the backoff is for when it does anyway.
 */
public final class SendPacer {

    private final long intervalNanos;
    private final LongSupplier nanoTime;
    private final Backoff.Sleeper sleeper;
    private long next = Long.MIN_VALUE;

    /**
     * @param perSecond sends per second, more than 0
     * @param nanoTime  a monotonic clock ({@code System::nanoTime})
     * @param sleeper   how to wait (tests record instead of sleeping)
     */
    public SendPacer(double perSecond, LongSupplier nanoTime, Backoff.Sleeper sleeper) {
        if (!(perSecond > 0)) {
            throw new IllegalArgumentException("a send rate is more than 0 per second: " + perSecond);
        }
        this.intervalNanos = Math.max(1, Math.round(1_000_000_000d / perSecond));
        this.nanoTime = nanoTime;
        this.sleeper = sleeper;
    }

    /** Paced for real: {@link System#nanoTime()} and {@link Thread#sleep}. */
    public static SendPacer of(double perSecond) {
        return new SendPacer(perSecond, System::nanoTime, d -> Thread.sleep(d.toMillis(), d.toNanosPart() % 1_000_000));
    }

    /** The rate this pacer keeps. */
    public double perSecond() {
        return 1_000_000_000d / intervalNanos;
    }

    /** Waits until the next send may go, and takes its slot. */
    public synchronized void await() throws InterruptedException {
        long now = nanoTime.getAsLong();
        if (next == Long.MIN_VALUE || next < now) {
            next = now;
        }
        long wait = next - now;
        next += intervalNanos;
        if (wait > 0) {
            sleeper.sleep(Duration.ofNanos(wait));
        }
    }
}
