package dev.hubpress.lambda;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * One SQS batch, message by message, as every queue-fed function handles it. A message that cannot
 * be read is logged and dropped (it would fail the same way on every receive); one whose handling
 * fails is reported, so SQS delivers it again and, after the queue's receive limit, moves it to the
 * DLQ. On a FIFO queue every message after a failure is reported with it, unhandled, so that the
 * group is retried in order.
 */
public final class QueueBatch {

    /** Whether the messages after a failed one wait for it (FIFO) or are handled anyway. */
    public enum Order { FIFO, ANY }

    private QueueBatch() {
    }

    /**
     * @param read    the message's body as the function's message; throws on one it cannot read
     * @param handled handles one message; false when it failed (it has said why in its own log line)
     */
    public static <T> SQSBatchResponse handle(SQSEvent event, Order order, JsonLog log, Function<String, T> read,
                                              Predicate<T> handled) {
        List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
        for (SQSEvent.SQSMessage message : event.getRecords() == null ? List.<SQSEvent.SQSMessage>of() : event.getRecords()) {
            if (order == Order.FIFO && !failures.isEmpty()) {
                failures.add(new SQSBatchResponse.BatchItemFailure(message.getMessageId()));
                continue;
            }
            T body;
            try {
                body = read.apply(message.getBody());
            } catch (RuntimeException e) {
                log.error("unreadable message: dropped", Map.of("messageId", String.valueOf(message.getMessageId()),
                        "error", String.valueOf(e.getMessage())));
                continue;
            }
            if (!handled.test(body)) {
                failures.add(new SQSBatchResponse.BatchItemFailure(message.getMessageId()));
            }
        }
        return new SQSBatchResponse(failures);
    }
}
