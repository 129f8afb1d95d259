package dev.hubpress.it;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import dev.hubpress.aws.DynamoRevisionLog;
import dev.hubpress.aws.testing.Queues;
import dev.hubpress.lambda.RevisionMessage;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The revisions table's stream and the consumers' queues as Lambda delivers them (dynalite keeps no
 * stream): every change of an item since the last look becomes a record, an INSERT or a MODIFY
 * with both images, and each record reaches every subscribed stream reader (the dispatcher) whose
 * filter in template.yaml lets it through; then each consumer's queue (SQS on the emulator, as the
 * dispatcher filled it) is delivered to its function in batches, as an SQS event source mapping
 * would, acknowledged messages deleted. Looking again after the functions wrote their statuses
 * delivers those changes too, until the table and the queues are quiet.
 */
final class RevisionStream {

    /** A function subscribed to the stream, with its event's filter patterns from template.yaml. */
    private record Subscriber(RequestHandler<DynamodbEvent, StreamsEventResponse> handler, List<String> patterns) {
    }

    /** One delivery: which function got which record kind for which item. */
    record Delivery(String function, String eventName, String sk) {
    }

    /** A function fed by a queue. */
    private record Consumer(SqsClient sqs, String url, RequestHandler<SQSEvent, SQSBatchResponse> handler) {
    }

    private final Map<String, Consumer> consumers = new java.util.LinkedHashMap<>();

    private final DynamoDbClient dynamo;
    private final String table;
    private final String pk;
    private final Map<String, Subscriber> subscribers = new TreeMap<>();
    private final Map<String, Map<String, AttributeValue>> seen = new HashMap<>();

    RevisionStream(DynamoDbClient dynamo, String table, String pk) {
        this.dynamo = dynamo;
        this.table = table;
        this.pk = pk;
    }

    /** Subscribes a handler as template.yaml subscribes that function (its one DynamoDB event). */
    RevisionStream subscribe(String templateFunction, RequestHandler<DynamodbEvent, StreamsEventResponse> handler) {
        Map<String, Object> events = TemplateTest.map(TemplateTest.functions().get(templateFunction).get("Events"));
        List<String> patterns = new ArrayList<>();
        for (Object event : events.values()) {
            if ("DynamoDB".equals(TemplateTest.map(event).get("Type"))) {
                patterns.addAll(StreamFilter.patterns(TemplateTest.map(TemplateTest.map(event).get("Properties"))));
            }
        }
        assertThat(patterns).as(templateFunction + " reads the revisions stream").isNotEmpty();
        subscribers.put(templateFunction, new Subscriber(handler, patterns));
        return this;
    }

    /** A function fed by a queue the dispatcher sends to, as its SQS event source in template.yaml. */
    RevisionStream consume(String templateFunction, SqsClient sqs, String queueUrl, RequestHandler<SQSEvent, SQSBatchResponse> handler) {
        consumers.put(templateFunction, new Consumer(sqs, queueUrl, handler));
        return this;
    }

    /**
     * Delivers every change since the last call, and the changes those deliveries made, until the
     * table is quiet. Every delivery must succeed (no batch item failure).
     */
    List<Delivery> settle() {
        List<Delivery> deliveries = new ArrayList<>();
        for (int round = 0; round < 20; round++) {
            List<DynamodbEvent.DynamodbStreamRecord> records = changes();
            for (DynamodbEvent.DynamodbStreamRecord record : records) {
                subscribers.forEach((name, subscriber) -> {
                    if (StreamFilter.matches(subscriber.patterns(), AwsEvents.filterView(record))) {
                        StreamsEventResponse response = subscriber.handler().handleRequest(AwsEvents.streamEvent(List.of(record)), null);
                        assertThat(response.getBatchItemFailures()).as(name + " on " + record.getEventName()).isEmpty();
                    }
                });
            }
            int delivered = 0;
            for (Map.Entry<String, Consumer> consumer : consumers.entrySet()) {
                delivered += deliver(consumer.getKey(), consumer.getValue(), deliveries);
            }
            if (records.isEmpty() && delivered == 0) {
                return deliveries;
            }
        }
        throw new AssertionError("the stream did not settle in 20 rounds: " + deliveries);
    }

    /** Delivers what the consumer's queue holds now, a batch at a time; how many messages. */
    private static int deliver(String name, Consumer consumer, List<Delivery> deliveries) {
        int count = 0;
        while (true) {
            List<Message> batch = consumer.sqs().receiveMessage(b -> b.queueUrl(consumer.url()).maxNumberOfMessages(10)
                    .waitTimeSeconds(0)).messages();
            if (batch.isEmpty()) {
                return count;
            }
            for (Message m : batch) {
                try {
                    RevisionMessage revision = RevisionMessage.parse(m.body());
                    deliveries.add(new Delivery(name, revision.event(), DynamoRevisionLog.sk(revision.seq())));
                } catch (IllegalArgumentException notARevision) {
                    deliveries.add(new Delivery(name, "JOB", ""));
                }
            }
            SQSBatchResponse response = consumer.handler().handleRequest(QueueSource.event(batch), null);
            assertThat(response.getBatchItemFailures()).as(name + " on " + batch.size() + " messages").isEmpty();
            batch.forEach(m -> Queues.delete(consumer.sqs(), consumer.url(), m));
            count += batch.size();
        }
    }

    /** The changes since the last look, as stream records, oldest item first. */
    private List<DynamodbEvent.DynamodbStreamRecord> changes() {
        List<DynamodbEvent.DynamodbStreamRecord> records = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
            Map<String, AttributeValue> from = start;
            QueryResponse page = dynamo.query(b -> b.tableName(table).consistentRead(true)
                    .keyConditionExpression("pk = :pk").expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(pk)))
                    .exclusiveStartKey(from));
            for (Map<String, AttributeValue> item : page.items()) {
                String sk = item.get("sk").s();
                Map<String, AttributeValue> before = seen.put(sk, item);
                if (before == null) {
                    records.add(AwsEvents.insert(table, item));
                } else if (!before.equals(item)) {
                    records.add(AwsEvents.modify(table, before, item));
                }
            }
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);
        return records;
    }
}
