package dev.hubpress.aws;

import dev.hubpress.core.port.SendLedger;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The send ledger in a DynamoDB table: one item per (digest, subscriber),
 * {@code pk = DIGEST#<digest key>}, {@code sk = SUB#<subscriber id>}. The reservation is a put
 * conditional on the item not existing; the marks are plain updates by the holder. Every item
 * carries {@value #EXPIRES_AT} (epoch seconds), the table's TTL attribute in template.yaml, so
 * entries go away after {@link #RETENTION}.
 */
public final class DynamoSendLedger implements SendLedger {

    public static final String EXPIRES_AT = "expiresAt";
    public static final Duration RETENTION = Duration.ofDays(35);

    private final DynamoDbClient dynamo;
    private final String table;
    private final Clock clock;

    public DynamoSendLedger(DynamoDbClient dynamo, String table, Clock clock) {
        this.dynamo = dynamo;
        this.table = table;
        this.clock = clock;
    }

    private static Map<String, AttributeValue> key(String digestKey, String subscriberId) {
        return Map.of("pk", AttributeValue.fromS("DIGEST#" + digestKey), "sk", AttributeValue.fromS("SUB#" + subscriberId));
    }

    @Override
    public boolean reserve(String digestKey, String subscriberId) {
        Map<String, AttributeValue> item = new HashMap<>(key(digestKey, subscriberId));
        item.put("digestKey", AttributeValue.fromS(digestKey));
        item.put("subscriberId", AttributeValue.fromS(subscriberId));
        item.put("state", AttributeValue.fromS(State.RESERVED.name()));
        item.put("detail", AttributeValue.fromS(""));
        item.put("reservedAt", AttributeValue.fromS(clock.instant().toString()));
        item.put(EXPIRES_AT, AttributeValue.fromN(Long.toString(clock.instant().plus(RETENTION).getEpochSecond())));
        try {
            dynamo.putItem(b -> b.tableName(table).item(item)
                    .conditionExpression("attribute_not_exists(#pk)")
                    .expressionAttributeNames(Map.of("#pk", "pk")));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    @Override
    public void markSent(String digestKey, String subscriberId, String providerMessageId) {
        mark(digestKey, subscriberId, State.SENT, providerMessageId);
    }

    @Override
    public void markFailed(String digestKey, String subscriberId, Failure failure, String reason) {
        mark(digestKey, subscriberId, failure == Failure.PERMANENT ? State.FAILED_PERMANENT : State.FAILED_TRANSIENT, reason);
    }

    private void mark(String digestKey, String subscriberId, State state, String detail) {
        try {
            dynamo.updateItem(b -> b.tableName(table).key(key(digestKey, subscriberId))
                    .updateExpression("SET #state = :state, #detail = :detail, #at = :at")
                    .conditionExpression("attribute_exists(#pk)")
                    .expressionAttributeNames(Map.of("#state", "state", "#detail", "detail", "#at", "markedAt", "#pk", "pk"))
                    .expressionAttributeValues(Map.of(":state", AttributeValue.fromS(state.name()),
                            ":detail", AttributeValue.fromS(detail == null ? "" : detail),
                            ":at", AttributeValue.fromS(clock.instant().toString()))));
        } catch (ConditionalCheckFailedException e) {
            throw new IllegalStateException("marking a send that was never reserved: " + digestKey + " / " + subscriberId
                    + " in table " + table, e);
        }
    }

    @Override
    public Optional<Entry> get(String digestKey, String subscriberId) {
        Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(table).consistentRead(true)
                .key(key(digestKey, subscriberId))).item();
        if (item == null || item.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Entry(digestKey, subscriberId, State.valueOf(item.get("state").s()), item.get("detail").s()));
    }
}
