package dev.hubpress.aws;

import dev.hubpress.core.mail.Subscriber;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Many subscribers written at once for load tests and benchmarks: the items
 * {@link DynamoSubscriberDirectory} writes, 25 to a {@code BatchWriteItem}, on a few threads,
 * unprocessed items sent again with a backoff. Much faster than one conditional create each
 * (dynalite takes a few hundred writes a second); only for a table nobody else writes to.
 */
public final class SubscriberBatches {

    private SubscriberBatches() {
    }

    /** Writes the subscribers; how many batches had to re-send unprocessed items. */
    public static long write(DynamoDbClient dynamo, String table, List<Subscriber> subscribers, int threads) throws Exception {
        AtomicLong resent = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> writes = new ArrayList<>();
            for (int from = 0; from < subscribers.size(); from += 25) {
                List<Subscriber> slice = subscribers.subList(from, Math.min(subscribers.size(), from + 25));
                writes.add(pool.submit(() -> {
                    List<WriteRequest> batch = new ArrayList<>();
                    slice.forEach(s -> batch.add(WriteRequest.builder()
                            .putRequest(PutRequest.builder().item(DynamoSubscriberDirectory.toItem(s)).build()).build()));
                    Map<String, List<WriteRequest>> pending = Map.of(table, batch);
                    for (int attempt = 0; !pending.isEmpty(); attempt++) {
                        Map<String, List<WriteRequest>> request = pending;
                        BatchWriteItemResponse response = dynamo.batchWriteItem(b -> b.requestItems(request));
                        List<WriteRequest> unprocessed = response.hasUnprocessedItems()
                                ? response.unprocessedItems().getOrDefault(table, List.of()) : List.of();
                        pending = unprocessed.isEmpty() ? Map.of() : Map.of(table, unprocessed);
                        if (!pending.isEmpty()) {
                            resent.incrementAndGet();
                            Thread.sleep(Math.min(1000, 20L << Math.min(attempt, 5)));
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> write : writes) {
                write.get();
            }
        } finally {
            pool.shutdown();
        }
        return resent.get();
    }
}
