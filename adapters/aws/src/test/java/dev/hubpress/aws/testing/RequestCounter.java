package dev.hubpress.aws.testing;

import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts the HTTP requests an SDK client sends, by service and operation ({@code S3 PutObject}),
 * retries included (it sees every attempt); optionally it adds a fixed latency to each, as a
 * region's round trip would (the emulators answer on loopback in well under a millisecond).
 * Add it to a client with {@code overrideConfiguration(o -> o.addExecutionInterceptor(counter))}.
 */
public final class RequestCounter implements ExecutionInterceptor {

    private final Map<String, AtomicLong> counts = new ConcurrentHashMap<>();
    private final Duration latency;

    /** Counts only. */
    public RequestCounter() {
        this(Duration.ZERO);
    }

    /** Counts, and holds every request back by {@code latency} before it is sent. */
    public RequestCounter(Duration latency) {
        this.latency = latency;
    }

    @Override
    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
        String service = attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME);
        String operation = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
        counts.computeIfAbsent(service + " " + operation, k -> new AtomicLong()).incrementAndGet();
        if (!latency.isZero()) {
            try {
                Thread.sleep(latency.toMillis(), latency.toNanosPart() % 1_000_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Requests so far, by "service operation", sorted. */
    public Map<String, Long> counts() {
        Map<String, Long> sorted = new TreeMap<>();
        counts.forEach((k, v) -> sorted.put(k, v.get()));
        return sorted;
    }

    /** Requests so far to one service ({@code S3}, {@code DynamoDB}; the SDK's names, in any case: it says {@code DynamoDb}). */
    public long total(String service) {
        return counts.entrySet().stream().filter(e -> e.getKey().toLowerCase(java.util.Locale.ROOT)
                        .startsWith(service.toLowerCase(java.util.Locale.ROOT) + " "))
                .mapToLong(e -> e.getValue().get()).sum();
    }

    /** Starts counting again from zero. */
    public void reset() {
        counts.clear();
    }
}
