package dev.hubpress.it;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * The ingest queue and its Lambda event source mapping, as template.yaml configures them (batch
 * size, batching window, maximum concurrency), with the window given by the test: a batch is
 * closed when the window has passed since its first message or when it is full, and handed to the
 * function when fewer than {@code concurrency} invocations are running; messages the function
 * reports as failed come back, as they would after their visibility timeout. Nothing is lost or
 * handled twice but those.
 */
final class IngestQueue implements AutoCloseable {

    private final RequestHandler<SQSEvent, SQSBatchResponse> function;
    private final Duration window;
    private final int batchSize;
    private final Semaphore slots;
    private final LinkedBlockingQueue<SQSEvent.SQSMessage> messages = new LinkedBlockingQueue<>();
    private final ExecutorService invocations;
    private final Thread poller;
    private final List<List<String>> batches = Collections.synchronizedList(new ArrayList<>());
    private final Object lock = new Object();
    private int outstanding;
    private volatile boolean open = true;

    IngestQueue(RequestHandler<SQSEvent, SQSBatchResponse> function, Duration window, int batchSize, int concurrency) {
        this.function = function;
        this.window = window;
        this.batchSize = batchSize;
        this.slots = new Semaphore(concurrency);
        this.invocations = Executors.newFixedThreadPool(concurrency);
        this.poller = new Thread(this::poll, "ingest-queue-poller");
        this.poller.setDaemon(true);
        this.poller.start();
    }

    /** S3 sends these notifications to the queue. */
    void send(List<SQSEvent.SQSMessage> sent) {
        synchronized (lock) {
            outstanding += sent.size();
        }
        messages.addAll(sent);
    }

    /** Waits until every message sent has been acknowledged; fails after the timeout. */
    void drain(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (lock) {
            while (outstanding > 0) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError(outstanding + " messages still in the queue after " + timeout);
                }
                TimeUnit.NANOSECONDS.timedWait(lock, left);
            }
        }
    }

    /** The message ids of each batch delivered, in the order the batches were handed to the function. */
    List<List<String>> batches() {
        synchronized (batches) {
            return List.copyOf(batches);
        }
    }

    private void poll() {
        try {
            while (open) {
                slots.acquire();
                SQSEvent.SQSMessage first = messages.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    slots.release();
                    continue;
                }
                List<SQSEvent.SQSMessage> batch = new ArrayList<>(List.of(first));
                long closes = System.nanoTime() + window.toNanos();
                while (batch.size() < batchSize) {
                    SQSEvent.SQSMessage next = messages.poll(Math.max(0, closes - System.nanoTime()), TimeUnit.NANOSECONDS);
                    if (next == null) {
                        break;
                    }
                    batch.add(next);
                }
                batches.add(batch.stream().map(SQSEvent.SQSMessage::getMessageId).toList());
                invocations.submit(() -> invoke(batch));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void invoke(List<SQSEvent.SQSMessage> batch) {
        List<String> failed = List.of();
        try {
            failed = function.handleRequest(AwsEvents.sqsEvent(batch), null).getBatchItemFailures().stream()
                    .map(SQSBatchResponse.BatchItemFailure::getItemIdentifier).toList();
        } catch (RuntimeException e) {
            failed = batch.stream().map(SQSEvent.SQSMessage::getMessageId).toList();
        } finally {
            List<String> back = failed;
            batch.stream().filter(m -> back.contains(m.getMessageId())).forEach(messages::add);
            synchronized (lock) {
                outstanding -= batch.size() - back.size();
                lock.notifyAll();
            }
            slots.release();
        }
    }

    @Override
    public void close() {
        open = false;
        poller.interrupt();
        invocations.shutdownNow();
    }
}
