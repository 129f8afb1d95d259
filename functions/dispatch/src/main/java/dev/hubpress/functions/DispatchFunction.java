package dev.hubpress.functions;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import dev.hubpress.aws.SqsClients;
import dev.hubpress.aws.SqsMessageQueue;
import dev.hubpress.core.channel.Channel;
import dev.hubpress.core.channel.Channels;
import dev.hubpress.core.port.MessageQueue;
import dev.hubpress.lambda.Env;
import dev.hubpress.lambda.JsonLog;
import dev.hubpress.lambda.Metric;
import dev.hubpress.lambda.Metrics;
import dev.hubpress.lambda.RevisionMessage;
import dev.hubpress.lambda.RevisionRecords;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The one reader of the revisions table's stream (AWS advises at most two per shard): each record
 * that wakes a consumer becomes one message on that consumer's FIFO queue, in the hub's group, so
 * every consumer sees a hub's revisions in stream order. The consumers are the channels (each by
 * its declaration: a channel that reads none is woken by a new accepted revision, one that reads
 * others by a change of their outcome on a revision, {@link RevisionRecords}), the email channel's
 * queue being the digest planner's.
 *
 * <p>Records are handled in order; at the first record it cannot hand on, the handler reports that
 * record and stops, so Lambda retries from it (the messages of it already sent are sent again with
 * the same deduplication ids, which the FIFO queues drop).
 */
public final class DispatchFunction implements RequestHandler<DynamodbEvent, StreamsEventResponse> {

    /** The function's name in its logs and the Function dimension of its metrics. */
    public static final String FUNCTION = "dispatch";
    /** The metrics it emits. */
    public static final Set<Metric> METRICS = Set.of(Metric.MESSAGES_DISPATCHED, Metric.DISPATCH_FAILURES);

    private final Map<Channel, MessageQueue> consumers = new LinkedHashMap<>();
    private final JsonLog log;
    private final Metrics metrics;

    /** The Lambda runtime's constructor: the channels' declarations from the jar, each one's queue from {@code CONSUMER_QUEUES}. */
    public DispatchFunction() {
        this(Channels.discover(), queues(Env.pairs(Env.required(Env.CONSUMER_QUEUES))), JsonLog.stdout(FUNCTION),
                Metrics.stdout(FUNCTION));
    }

    /**
     * On any ports (tests).
     *
     * @param queues the queue of each consumer, by channel id; every channel must have one and
     *               every queue must be a known channel's, so no consumer is silently left out
     */
    public DispatchFunction(Channels channels, Map<String, MessageQueue> queues, JsonLog log, Metrics metrics) {
        Set<String> known = new TreeSet<>(channels.ids());
        if (!known.equals(new TreeSet<>(queues.keySet()))) {
            throw new IllegalStateException(Env.CONSUMER_QUEUES + " names the queues of " + new TreeSet<>(queues.keySet())
                    + ", but the consumers here are " + known);
        }
        for (Channel channel : channels.all()) {
            MessageQueue queue = queues.get(channel.id());
            if (!queue.ordered()) {
                throw new IllegalStateException("the queue of " + channel.id() + " must be FIFO: it keeps a hub's revisions in order");
            }
            consumers.put(channel, queue);
        }
        this.log = log;
        this.metrics = metrics;
    }

    private static Map<String, MessageQueue> queues(Map<String, String> urls) {
        Map<String, MessageQueue> queues = new TreeMap<>();
        urls.forEach((consumer, url) -> queues.put(consumer, new SqsMessageQueue(SqsClients.sqs(), url)));
        return queues;
    }

    @Override
    public StreamsEventResponse handleRequest(DynamodbEvent event, Context context) {
        log.requestId(context == null ? "" : context.getAwsRequestId());
        List<StreamsEventResponse.BatchItemFailure> failures = new ArrayList<>();
        List<DynamodbEvent.DynamodbStreamRecord> records = event.getRecords() == null ? List.of() : event.getRecords();
        int dispatched = 0;
        for (DynamodbEvent.DynamodbStreamRecord record : records) {
            try {
                dispatched += dispatch(record);
            } catch (RuntimeException e) {
                log.error("could not hand on a stream record; Lambda retries from it", Map.of(
                        "eventId", String.valueOf(record.getEventID()), "error", String.valueOf(e.getMessage())));
                metrics.emit(Map.of(Metric.DISPATCH_FAILURES, 1), Map.of());
                failures.add(StreamsEventResponse.BatchItemFailure.builder()
                        .withItemIdentifier(record.getDynamodb().getSequenceNumber()).build());
                break;
            }
        }
        if (failures.isEmpty()) {
            metrics.emit(Map.of(Metric.MESSAGES_DISPATCHED, dispatched, Metric.DISPATCH_FAILURES, 0), Map.of());
        }
        return StreamsEventResponse.builder().withBatchItemFailures(failures).build();
    }

    /** Sends the record's message to every consumer it wakes; how many. */
    private int dispatch(DynamodbEvent.DynamodbStreamRecord record) {
        int sent = 0;
        for (Map.Entry<Channel, MessageQueue> consumer : consumers.entrySet()) {
            Optional<RevisionMessage> message;
            try {
                message = RevisionRecords.dispatch(record, consumer.getKey());
            } catch (RuntimeException e) {
                log.error("unreadable stream record: skipped", Map.of("eventId", String.valueOf(record.getEventID()),
                        "error", String.valueOf(e.getMessage())));
                return sent;
            }
            if (message.isPresent()) {
                consumer.getValue().send(List.of(message.get().toMessage()));
                Map<String, Object> fields = new LinkedHashMap<>();
                fields.put("hub", message.get().hub());
                fields.put("revision", message.get().revision().id());
                fields.put("consumer", consumer.getKey().id());
                fields.put("event", message.get().event());
                log.info("woke " + consumer.getKey().id() + " for " + message.get().revision().id(), fields);
                sent++;
            }
        }
        return sent;
    }
}
