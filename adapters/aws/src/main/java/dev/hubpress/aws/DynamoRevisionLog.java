package dev.hubpress.aws;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.hubpress.core.content.GateError;
import dev.hubpress.core.port.RevisionLog;
import dev.hubpress.core.revision.ChangeSet;
import dev.hubpress.core.revision.ChannelStatus;
import dev.hubpress.core.revision.History;
import dev.hubpress.core.revision.Revision;
import dev.hubpress.core.revision.RevisionStatus;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The revision log in a DynamoDB table: one item per revision, {@code pk = HUB#<hub>},
 * {@code sk = REV#<seq, 12 digits>}. A sequence number is claimed with a conditional put
 * ({@code attribute_not_exists(pk)}), so two concurrent ingests never both become revision N;
 * a channel's status is one entry of the item's {@code channels} map, set by an UpdateItem that
 * touches nothing else. Gate errors, change sets and channel statuses are stored as JSON strings.
 * Reads are strongly consistent, so an ingest always sees the revision claimed just before it.
 * The item's {@code status} and {@code hub}/{@code seq} attributes are what the stream's filter
 * and the channel functions read.
 */
public final class DynamoRevisionLog implements RevisionLog {

    public static final String PK = "pk";
    public static final String SK = "sk";
    public static final String HUB = "hub";
    public static final String SEQ = "seq";
    public static final String STATUS = "status";
    public static final String CHANNELS = "channels";

    private static final TypeReference<List<GateError>> ERRORS = new TypeReference<>() {
    };

    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoRevisionLog(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    public static String pk(String hub) {
        return "HUB#" + hub;
    }

    public static String sk(long seq) {
        return String.format(Locale.ROOT, "REV#%012d", seq);
    }

    @Override
    public History recent(String hub, int accepted) {
        // Newest first, without a filter: the first item is the latest revision whatever its
        // status, and rejected revisions are rare, so paging until enough accepted ones are found
        // costs about what the accepted items themselves cost.
        QueryRequest.Builder query = newest(hub).limit(Math.min(Math.max(accepted + 1, 10), 100));
        Optional<Revision> latest = Optional.empty();
        List<Revision> found = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
            QueryResponse page = dynamo.query(query.exclusiveStartKey(start).build());
            for (Map<String, AttributeValue> item : page.items()) {
                Revision revision = fromItem(item);
                if (latest.isEmpty()) {
                    latest = Optional.of(revision);
                }
                if (revision.accepted() && found.size() < accepted) {
                    found.add(revision);
                }
            }
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null && found.size() < accepted);
        return new History(latest, found);
    }

    @Override
    public Optional<Revision> get(String hub, long seq) {
        Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(table).consistentRead(true)
                .key(Map.of(PK, s(pk(hub)), SK, s(sk(seq))))).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(fromItem(item));
    }

    @Override
    public boolean claim(Revision revision) {
        try {
            dynamo.putItem(b -> b.tableName(table).item(toItem(revision))
                    .conditionExpression("attribute_not_exists(#pk)")
                    .expressionAttributeNames(Map.of("#pk", PK)));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    @Override
    public void recordChannel(String hub, long seq, String channel, ChannelStatus status) {
        try {
            dynamo.updateItem(b -> b.tableName(table)
                    .key(Map.of(PK, s(pk(hub)), SK, s(sk(seq))))
                    .updateExpression("SET #channels.#c = :status")
                    .conditionExpression("attribute_exists(#pk)")
                    .expressionAttributeNames(Map.of("#channels", CHANNELS, "#c", channel, "#pk", PK))
                    .expressionAttributeValues(Map.of(":status", s(Json.write(status)))));
        } catch (ConditionalCheckFailedException e) {
            throw new IllegalArgumentException("no revision r" + seq + " of hub " + hub + " in table " + table, e);
        }
    }

    private QueryRequest.Builder newest(String hub) {
        return QueryRequest.builder().tableName(table).consistentRead(true).scanIndexForward(false)
                .keyConditionExpression("#pk = :pk AND begins_with(#sk, :rev)")
                .expressionAttributeNames(Map.of("#pk", PK, "#sk", SK))
                .expressionAttributeValues(Map.of(":pk", s(pk(hub)), ":rev", s("REV#")));
    }

    /** The item of a revision, as claimed (its channel statuses included). */
    public static Map<String, AttributeValue> toItem(Revision r) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(PK, s(pk(r.hub())));
        item.put(SK, s(sk(r.seq())));
        item.put(HUB, s(r.hub()));
        item.put(SEQ, n(r.seq()));
        item.put("treeHash", s(r.treeHash()));
        item.put("parent", n(r.parent()));
        item.put("createdAt", s(r.createdAt().toString()));
        item.put("manifest", s(r.manifest()));
        item.put("trigger", s(r.trigger()));
        item.put(STATUS, s(r.status().name()));
        item.put("errors", s(Json.write(r.errors())));
        item.put("changes", s(Json.write(r.changes())));
        item.put("summary", s(r.accepted() ? r.changes().summary() : r.errors().size() + " gate errors"));
        Map<String, AttributeValue> channels = new HashMap<>();
        r.channels().forEach((name, status) -> channels.put(name, s(Json.write(status))));
        item.put(CHANNELS, AttributeValue.fromM(channels));
        return item;
    }

    public static Revision fromItem(Map<String, AttributeValue> item) {
        Map<String, ChannelStatus> channels = new TreeMap<>();
        AttributeValue channelMap = item.get(CHANNELS);
        if (channelMap != null && channelMap.hasM()) {
            channelMap.m().forEach((name, value) -> channels.put(name, Json.read(value.s(), ChannelStatus.class)));
        }
        return new Revision(
                item.get(HUB).s(),
                Long.parseLong(item.get(SEQ).n()),
                item.get("treeHash").s(),
                Long.parseLong(item.get("parent").n()),
                Instant.parse(item.get("createdAt").s()),
                item.get("manifest").s(),
                item.get("trigger").s(),
                RevisionStatus.valueOf(item.get(STATUS).s()),
                Json.read(item.get("errors").s(), ERRORS),
                Json.read(item.get("changes").s(), ChangeSet.class),
                channels);
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    private static AttributeValue n(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }
}
