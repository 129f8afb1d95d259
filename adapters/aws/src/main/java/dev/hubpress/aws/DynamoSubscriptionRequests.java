package dev.hubpress.aws;

import dev.hubpress.core.mail.Cadence;
import dev.hubpress.core.mail.EmailAddress;
import dev.hubpress.core.mail.SubscriptionRequest;
import dev.hubpress.core.mail.Topics;
import dev.hubpress.core.port.SubscriptionRequests;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.function.Function;

/**
 * Subscription requests as items of a DynamoDB table whose stream (new images, INSERTs only)
 * invokes the function that handles them: one PutItem of a new random key per request, whatever
 * the address. Items expire after {@link #RETENTION} ({@value #EXPIRES_AT}, the table's TTL
 * attribute): the stream has delivered them long before.
 */
public final class DynamoSubscriptionRequests implements SubscriptionRequests {

    public static final String EMAIL = "email";
    public static final String CADENCE = "cadence";
    public static final String REQUESTED_AT = "requestedAt";
    /** Absent for a subscription (items written before preference links were). */
    public static final String KIND = "kind";
    /** {@link Topics#encode()}, absent for the whole hub. */
    public static final String TOPICS = "topics";
    public static final String EXPIRES_AT = "expiresAt";
    /** How long a request item stays: a day, as long as a stream keeps its records. */
    public static final Duration RETENTION = Duration.ofDays(1);

    private static final SecureRandom RANDOM = new SecureRandom();

    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoSubscriptionRequests(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    @Override
    public void submit(SubscriptionRequest request) {
        dynamo.putItem(b -> b.tableName(table).item(item(request)));
    }

    /** The item a request is stored as, under a new random key (what the stream's new image holds). */
    public static Map<String, AttributeValue> item(SubscriptionRequest request) {
        byte[] id = new byte[16];
        RANDOM.nextBytes(id);
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("pk", AttributeValue.fromS("REQ#" + HexFormat.of().formatHex(id)));
        item.put(EMAIL, AttributeValue.fromS(request.email().value()));
        item.put(CADENCE, AttributeValue.fromS(request.cadence().name()));
        item.put(REQUESTED_AT, AttributeValue.fromS(request.requestedAt().toString()));
        if (request.kind() != SubscriptionRequest.Kind.SUBSCRIBE) {
            item.put(KIND, AttributeValue.fromS(request.kind().name()));
        }
        if (!request.topics().wholeHub()) {
            item.put(TOPICS, AttributeValue.fromS(request.topics().encode()));
        }
        item.put(EXPIRES_AT, AttributeValue.fromN(Long.toString(request.requestedAt().plus(RETENTION).getEpochSecond())));
        return item;
    }

    /**
     * The request an item (or a stream record's new image) holds.
     *
     * @param strings the item's string attributes by name (null when absent), from whichever
     *                attribute type the caller has: the SDK's or a Lambda event's
     * @throws IllegalArgumentException when it is not a request this class wrote
     */
    public static SubscriptionRequest request(Function<String, String> strings) {
        String email = strings.apply(EMAIL);
        String cadence = strings.apply(CADENCE);
        String requestedAt = strings.apply(REQUESTED_AT);
        if (email == null || cadence == null || requestedAt == null) {
            throw new IllegalArgumentException("not a subscription request: email, cadence or requestedAt missing");
        }
        String kind = strings.apply(KIND);
        return new SubscriptionRequest(EmailAddress.parse(email), Cadence.valueOf(cadence), Instant.parse(requestedAt),
                kind == null ? SubscriptionRequest.Kind.SUBSCRIBE : SubscriptionRequest.Kind.valueOf(kind),
                Topics.decode(strings.apply(TOPICS)));
    }
}
