package dev.hubpress.aws;

import dev.hubpress.core.mail.Cadence;
import dev.hubpress.core.mail.EmailAddress;
import dev.hubpress.core.mail.Subscriber;
import dev.hubpress.core.mail.SubscriberStatus;
import dev.hubpress.core.mail.Topics;
import dev.hubpress.core.port.SubscriberDirectory;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Subscribers in a DynamoDB table keyed by the mailbox ({@code pk = SUB#<canonical address>},
 * {@link EmailAddress#canonical()}), so one mailbox can never be two subscribers however it is
 * spelt; the address as typed is the {@code email} attribute. Two indexes defined with the table:
 * {@value #BY_ID} (hash {@code id}) for links that carry the id, and the sparse {@value #CONFIRMED}
 * (hash {@code confirmedCadence}, range {@code pk}), which holds CONFIRMED subscribers only.
 * Creates are conditional on the key being free or held by an expired PENDING subscriber; updates
 * on the stored {@code version}. A PENDING subscriber carries {@value #EXPIRES_AT} (epoch seconds),
 * the table's TTL attribute in template.yaml, so DynamoDB deletes it some time after it expired.
 * Index reads are eventually consistent, which the port allows.
 * <p>
 * Items written before keys were mailboxes are keyed by the address as typed: one whose local part
 * has capitals (or a Gmail or Outlook.com address with dots or a {@code +tag}) is not found under
 * its mailbox's key. docs/subscriptions.md says how to re-key them.
 */
public final class DynamoSubscriberDirectory implements SubscriberDirectory {

    public static final String PK = "pk";
    public static final String BY_ID = "byId";
    public static final String CONFIRMED = "confirmed";
    public static final String CONFIRMED_CADENCE = "confirmedCadence";
    /** The TTL attribute: when a PENDING subscriber is forgotten, epoch seconds. */
    public static final String EXPIRES_AT = "expiresAt";
    /** What the subscriber follows ({@link Topics#encode()}); absent for the whole hub. */
    public static final String TOPICS = "topics";

    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoSubscriberDirectory(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    public static String pk(EmailAddress email) {
        return "SUB#" + email.canonical();
    }

    @Override
    public Optional<Subscriber> get(String id) {
        if (id == null || id.isEmpty()) {
            return Optional.empty();
        }
        QueryResponse response = dynamo.query(b -> b.tableName(table).indexName(BY_ID)
                .keyConditionExpression("#id = :id")
                .expressionAttributeNames(Map.of("#id", "id"))
                .expressionAttributeValues(Map.of(":id", AttributeValue.fromS(id))));
        return response.items().stream().findFirst().map(DynamoSubscriberDirectory::fromItem);
    }

    @Override
    public Optional<Subscriber> find(EmailAddress email) {
        Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(table).consistentRead(true)
                .key(Map.of(PK, AttributeValue.fromS(pk(email))))).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(fromItem(item));
    }

    @Override
    public boolean create(Subscriber subscriber) {
        if (get(subscriber.id()).isPresent()) {
            return false;
        }
        try {
            dynamo.putItem(b -> b.tableName(table).item(toItem(subscriber.withVersion(1)))
                    .conditionExpression("attribute_not_exists(#pk) OR (#status = :pending AND #expiresAt <= :now)")
                    .expressionAttributeNames(Map.of("#pk", PK, "#status", "status", "#expiresAt", EXPIRES_AT))
                    .expressionAttributeValues(Map.of(":pending", AttributeValue.fromS(SubscriberStatus.PENDING.name()),
                            ":now", AttributeValue.fromN(Long.toString(subscriber.createdAt().getEpochSecond())))));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    @Override
    public boolean update(Subscriber changed) {
        try {
            dynamo.putItem(b -> b.tableName(table).item(toItem(changed.withVersion(changed.version() + 1)))
                    .conditionExpression("#version = :version AND #id = :id")
                    .expressionAttributeNames(Map.of("#version", "version", "#id", "id"))
                    .expressionAttributeValues(Map.of(":version", AttributeValue.fromN(Long.toString(changed.version())),
                            ":id", AttributeValue.fromS(changed.id()))));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    @Override
    public Page confirmed(Cadence cadence, String cursor, int limit) {
        QueryResponse response = dynamo.query(b -> b.tableName(table).indexName(CONFIRMED)
                .keyConditionExpression("#c = :c")
                .expressionAttributeNames(Map.of("#c", CONFIRMED_CADENCE))
                .expressionAttributeValues(Map.of(":c", AttributeValue.fromS(cadence.name())))
                .limit(Math.max(1, limit))
                .exclusiveStartKey(decode(cursor)));
        List<Subscriber> items = new ArrayList<>();
        for (Map<String, AttributeValue> item : response.items()) {
            Subscriber subscriber = fromItem(item);
            if (subscriber.confirmed() && subscriber.cadence() == cadence) {
                items.add(subscriber);
            }
        }
        boolean more = response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty();
        return new Page(items, more ? encode(response.lastEvaluatedKey()) : null);
    }

    static Map<String, AttributeValue> toItem(Subscriber s) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(PK, AttributeValue.fromS(pk(s.email())));
        item.put("id", AttributeValue.fromS(s.id()));
        item.put("email", AttributeValue.fromS(s.email().value()));
        item.put("status", AttributeValue.fromS(s.status().name()));
        item.put("cadence", AttributeValue.fromS(s.cadence().name()));
        item.put("createdAt", AttributeValue.fromS(s.createdAt().toString()));
        item.put("updatedAt", AttributeValue.fromS(s.updatedAt().toString()));
        item.put("lastDeliveredSeq", AttributeValue.fromN(Long.toString(s.lastDeliveredSeq())));
        if (s.lastConfirmationSentAt() != null) {
            item.put("lastConfirmationSentAt", AttributeValue.fromS(s.lastConfirmationSentAt().toString()));
        }
        item.put("version", AttributeValue.fromN(Long.toString(s.version())));
        if (s.confirmationNonce() != null) {
            item.put("confirmationNonce", AttributeValue.fromS(s.confirmationNonce()));
        }
        if (s.expiresAt() != null) {
            item.put(EXPIRES_AT, AttributeValue.fromN(Long.toString(s.expiresAt().getEpochSecond())));
        }
        if (!s.topics().wholeHub()) {
            // absent for the whole hub: most items stay as small as before topics
            item.put(TOPICS, AttributeValue.fromS(s.topics().encode()));
        }
        if (s.confirmed()) {
            item.put(CONFIRMED_CADENCE, AttributeValue.fromS(s.cadence().name()));
        }
        return item;
    }

    static Subscriber fromItem(Map<String, AttributeValue> item) {
        AttributeValue sentAt = item.get("lastConfirmationSentAt");
        AttributeValue nonce = item.get("confirmationNonce");
        AttributeValue expiresAt = item.get(EXPIRES_AT);
        return new Subscriber(
                item.get("id").s(),
                new EmailAddress(item.get("email").s()),
                SubscriberStatus.valueOf(item.get("status").s()),
                Cadence.valueOf(item.get("cadence").s()),
                Instant.parse(item.get("createdAt").s()),
                Instant.parse(item.get("updatedAt").s()),
                Long.parseLong(item.get("lastDeliveredSeq").n()),
                sentAt == null ? null : Instant.parse(sentAt.s()),
                Long.parseLong(item.get("version").n()),
                nonce == null ? null : nonce.s(),
                expiresAt == null ? null : Instant.ofEpochSecond(Long.parseLong(expiresAt.n())),
                Topics.decode(item.containsKey(TOPICS) ? item.get(TOPICS).s() : null));
    }

    /** A page cursor: the last evaluated key (string attributes only) as URL-safe base64 JSON. */
    static String encode(Map<String, AttributeValue> key) {
        Map<String, String> plain = new LinkedHashMap<>();
        key.forEach((k, v) -> plain.put(k, v.s()));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(Json.write(plain).getBytes(StandardCharsets.UTF_8));
    }

    @SuppressWarnings("unchecked")
    static Map<String, AttributeValue> decode(String cursor) {
        if (cursor == null || cursor.isEmpty()) {
            return null;
        }
        Map<String, String> plain = Json.read(new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8), Map.class);
        Map<String, AttributeValue> key = new HashMap<>();
        plain.forEach((k, v) -> key.put(k, AttributeValue.fromS(v)));
        return key;
    }
}
