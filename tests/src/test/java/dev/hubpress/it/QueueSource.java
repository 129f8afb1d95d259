package dev.hubpress.it;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.hubpress.aws.testing.Queues;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Lambda's SQS event source mapping for one queue, as template.yaml configures it for the digest
 * senders ({@code BatchSize}, {@code ScalingConfig.MaximumConcurrency}): {@code concurrency}
 * pollers at once, each receiving up to {@code batchSize} messages and invoking the function with
 * them, each with a function instance of its own (a Lambda container handles one invocation at a
 * time). The messages the function does not report are deleted; the ones it reports stay in the
 * queue, and so does every message of an invocation that crashed (threw), until SQS makes them
 * visible again after the queue's visibility timeout; the crashed container is replaced by a new
 * one. Runs until the queue holds nothing, visible or in flight.
 */
public final class QueueSource {

    /** What the pollers did: invocations, messages delivered (redeliveries counted again), and invocations that crashed. */
    public record Drained(int invocations, int deliveries, int crashes) {
    }

    private final SqsClient sqs;
    private final String url;
    private final int concurrency;
    private final int batchSize;

    public QueueSource(SqsClient sqs, String url, int concurrency, int batchSize) {
        this.sqs = sqs;
        this.url = url;
        this.concurrency = concurrency;
        this.batchSize = batchSize;
    }

    /** Polls until the queue is empty, with function instances from {@code containers}; fails when it is not within {@code limit}. */
    public Drained drain(Supplier<RequestHandler<SQSEvent, SQSBatchResponse>> containers, Duration limit) throws Exception {
        long deadline = System.nanoTime() + limit.toNanos();
        AtomicInteger invocations = new AtomicInteger();
        AtomicInteger deliveries = new AtomicInteger();
        AtomicInteger crashes = new AtomicInteger();
        ExecutorService pollers = Executors.newFixedThreadPool(concurrency);
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int i = 0; i < concurrency; i++) {
                running.add(pollers.submit(() -> {
                    RequestHandler<SQSEvent, SQSBatchResponse> function = containers.get();
                    while (true) {
                        if (System.nanoTime() > deadline) {
                            throw new AssertionError("the queue was not empty after " + limit + ": " + Queues.depth(sqs, url) + " messages left");
                        }
                        List<Message> batch = Queues.receive(sqs, url, batchSize);
                        if (batch.isEmpty()) {
                            if (Queues.depth(sqs, url) == 0) {
                                return null;
                            }
                            continue;
                        }
                        invocations.incrementAndGet();
                        deliveries.addAndGet(batch.size());
                        SQSBatchResponse response;
                        try {
                            response = function.handleRequest(event(batch), null);
                        } catch (Throwable crashed) {
                            // The invocation died: Lambda acknowledges none of its messages, and starts a new container.
                            crashes.incrementAndGet();
                            function = containers.get();
                            continue;
                        }
                        Set<String> reported = response.getBatchItemFailures().stream()
                                .map(SQSBatchResponse.BatchItemFailure::getItemIdentifier).collect(Collectors.toSet());
                        batch.stream().filter(m -> !reported.contains(m.messageId())).forEach(m -> Queues.delete(sqs, url, m));
                    }
                }));
            }
            for (Future<?> poller : running) {
                poller.get();
            }
        } finally {
            pollers.shutdownNow();
        }
        return new Drained(invocations.get(), deliveries.get(), crashes.get());
    }

    /** The messages as the function gets them. */
    static SQSEvent event(List<Message> batch) {
        List<SQSEvent.SQSMessage> messages = new ArrayList<>();
        for (Message m : batch) {
            SQSEvent.SQSMessage message = AwsEvents.sqsMessage(m.body());
            message.setMessageId(m.messageId());
            messages.add(message);
        }
        return AwsEvents.sqsEvent(messages);
    }
}
