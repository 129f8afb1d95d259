package dev.hubpress.aws;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.hubpress.core.content.GateError;
import dev.hubpress.core.content.Hashing;
import dev.hubpress.core.port.BlobStore;
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

import java.nio.charset.StandardCharsets;
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
 *
 * <p>An item stays small whatever the revision: DynamoDB refuses items over 400 KB, which the change
 * set of a few thousand pages (fewer with many changed sections) or a few thousand gate errors
 * would pass. A change set or an error
 * list whose JSON is over {@link #INLINE_BYTES} is stored in the blob store (content-addressed: the
 * SHA-256 of its JSON, in the state bucket) and the item names it ({@code changesBlob},
 * {@code errorsBlob}); the item always keeps the {@code summary}, the {@code errorCount} and, for
 * errors stored apart, the {@code firstErrors}, for operators and stream consumers. Reading an item
 * loads such parts back, so a revision reads the same wherever its parts are. The parts are
 * written before the item is claimed: a lost claim leaves an unreferenced blob, never an item
 * naming a missing one.
 */
public final class DynamoRevisionLog implements RevisionLog {

    public static final String PK = "pk";
    public static final String SK = "sk";
    public static final String HUB = "hub";
    public static final String SEQ = "seq";
    public static final String STATUS = "status";
    public static final String CHANNELS = "channels";
    /** The change set's JSON, or (when stored apart) the blob of it. */
    public static final String CHANGES = "changes";
    public static final String CHANGES_BLOB = "changesBlob";
    /** The gate errors' JSON, or (when stored apart) the blob of it, their number and the first of them. */
    public static final String ERRORS = "errors";
    public static final String ERRORS_BLOB = "errorsBlob";
    public static final String ERROR_COUNT = "errorCount";
    public static final String FIRST_ERRORS = "firstErrors";

    /**
     * The largest part (change set, error list) kept in the item, in bytes of its JSON: an item then
     * stays under about 50 KB (two parts, the first errors, a trigger of at most five keys, the
     * channels' statuses), and a batch of stream records with both images far under Lambda's payload limit.
     */
    public static final int INLINE_BYTES = 16 * 1024;
    /** How many gate errors an item shows when the list is stored apart, each cut to {@link #SHOWN_ERROR_CHARS}. */
    public static final int FIRST_ERRORS_SHOWN = 10;
    static final int SHOWN_ERROR_CHARS = 300;

    private static final TypeReference<List<GateError>> ERROR_LIST = new TypeReference<>() {
    };

    private final DynamoDbClient dynamo;
    private final String table;
    private final BlobStore parts;
    private final int inlineBytes;

    /**
     * @param parts where change sets and error lists too large for the item go: the state bucket's
     *              blob store, the one content snapshots are in
     */
    public DynamoRevisionLog(DynamoDbClient dynamo, String table, BlobStore parts) {
        this(dynamo, table, parts, INLINE_BYTES);
    }

    /** With another bound on the parts an item keeps (tests: a small hub's revisions stored as a large one's are). */
    public DynamoRevisionLog(DynamoDbClient dynamo, String table, BlobStore parts, int inlineBytes) {
        this.dynamo = dynamo;
        this.table = table;
        this.parts = parts;
        this.inlineBytes = inlineBytes;
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

    /**
     * The item of a revision, as claimed (its channel statuses included). A change set or error list
     * too large for the item is stored in the blob store first, and the item names it.
     */
    public Map<String, AttributeValue> toItem(Revision r) {
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
        item.put("summary", s(r.accepted() ? r.changes().summary() : r.errors().size() + " gate errors"));
        item.put(ERROR_COUNT, n(r.errors().size()));
        if (!putPart(item, ERRORS, ERRORS_BLOB, Json.write(r.errors()))) {
            item.put(FIRST_ERRORS, AttributeValue.fromL(r.errors().stream().limit(FIRST_ERRORS_SHOWN)
                    .map(e -> s(shown(e.toString()))).toList()));
        }
        putPart(item, CHANGES, CHANGES_BLOB, Json.write(r.changes()));
        Map<String, AttributeValue> channels = new HashMap<>();
        r.channels().forEach((name, status) -> channels.put(name, s(Json.write(status))));
        item.put(CHANNELS, AttributeValue.fromM(channels));
        return item;
    }

    /** The revision an item holds, its parts stored apart loaded back from the blob store. */
    public Revision fromItem(Map<String, AttributeValue> item) {
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
                Json.read(part(item, ERRORS, ERRORS_BLOB), ERROR_LIST),
                Json.read(part(item, CHANGES, CHANGES_BLOB), ChangeSet.class),
                channels);
    }

    /** Puts a part's JSON in the item, or in the blob store with its key in the item; whether it stayed in the item. */
    private boolean putPart(Map<String, AttributeValue> item, String inline, String blob, String json) {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        if (bytes.length <= inlineBytes) {
            item.put(inline, s(json));
            return true;
        }
        String hash = Hashing.sha256Hex(bytes);
        parts.put(hash, bytes);
        item.put(blob, s(hash));
        return false;
    }

    /** A part's JSON: in the item, or loaded from the blob store the item names. */
    private String part(Map<String, AttributeValue> item, String inline, String blob) {
        AttributeValue text = item.get(inline);
        if (text != null) {
            return text.s();
        }
        AttributeValue key = item.get(blob);
        String revision = item.get(HUB).s() + " r" + item.get(SEQ).n();
        if (key == null) {
            throw new IllegalStateException("revision " + revision + " has neither " + inline + " nor " + blob + " in table " + table);
        }
        byte[] bytes = parts.get(key.s()).orElseThrow(() -> new IllegalStateException(
                "revision " + revision + ": its " + inline + " (blob " + key.s() + ") is not in the blob store"));
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private static String shown(String error) {
        return error.length() <= SHOWN_ERROR_CHARS ? error : error.substring(0, SHOWN_ERROR_CHARS - 1) + "…";
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    private static AttributeValue n(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }
}
