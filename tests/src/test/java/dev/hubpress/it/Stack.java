package dev.hubpress.it;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.hubpress.aws.AwsClients;
import dev.hubpress.aws.DynamoRevisionLog;
import dev.hubpress.aws.S3ArtifactStore;
import dev.hubpress.aws.S3BlobStore;
import dev.hubpress.aws.S3ContentSource;
import dev.hubpress.aws.S3RenderCache;
import dev.hubpress.aws.testing.AwsFixtures;
import dev.hubpress.core.channel.Channels;
import dev.hubpress.core.content.ContentTree;
import dev.hubpress.core.port.ArtifactStore;
import dev.hubpress.core.port.EdgeCache;
import dev.hubpress.core.port.RenderCache;
import dev.hubpress.core.port.RevisionLog;
import dev.hubpress.core.testing.ContentFixtures;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import dev.hubpress.aws.SqsClients;
import dev.hubpress.aws.SqsMessageQueue;
import dev.hubpress.aws.testing.Queues;
import dev.hubpress.core.port.MessageQueue;
import dev.hubpress.functions.ChannelFunction;
import dev.hubpress.functions.DispatchFunction;
import software.amazon.awssdk.services.sqs.SqsClient;
import dev.hubpress.functions.IngestFunction;
import dev.hubpress.lambda.Env;
import dev.hubpress.lambda.JsonLog;
import dev.hubpress.lambda.Metrics;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One deployment of the publishing side on the emulators, fresh for one test: its own buckets,
 * revisions table and queues, the ingest function, the dispatcher (the one reader of the table's
 * stream) and the three channel functions (the generic {@link ChannelFunction}, one per channel)
 * fed by their FIFO queues, as template.yaml wires them. Tests share nothing but the emulators.
 */
final class Stack {

    static final String HUB = "hub";

    final S3Client s3 = AwsClients.s3();
    final DynamoDbClient dynamo = AwsClients.dynamo();
    final String contentBucket = AwsFixtures.bucket(s3, "content");
    final String siteBucket = AwsFixtures.bucket(s3, "site");
    final String table = AwsFixtures.revisionsTable(dynamo, "revisions");
    final String stateBucket = AwsFixtures.bucket(s3, "state");
    final S3BlobStore blobs = new S3BlobStore(s3, stateBucket, Env.BLOBS_PREFIX);
    final DynamoRevisionLog revisions;
    final S3ArtifactStore site = new S3ArtifactStore(s3, siteBucket, "");
    final ByteArrayOutputStream logs = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(logs, true, StandardCharsets.UTF_8);
    private final Clock clock = Clock.systemUTC();
    final IngestFunction ingest;
    final SqsClient sqs = SqsClients.sqs();
    /** The FIFO queue of each consumer the dispatcher feeds, by channel id. */
    final Map<String, String> queues = new TreeMap<>(Map.of(
            "site", Queues.create(sqs, "site", true, 60),
            "feeds", Queues.create(sqs, "feeds", true, 60),
            "guide", Queues.create(sqs, "guide", true, 60)));
    final RevisionStream stream;

    /** The stack as deployed. */
    Stack() {
        this(DynamoRevisionLog.INLINE_BYTES);
    }

    /** A stack whose revision log keeps in its items no change set or error list over {@code inlineBytes} of JSON. */
    Stack(int inlineBytes) {
        revisions = new DynamoRevisionLog(dynamo, table, blobs, inlineBytes);
        ingest = ingestFunction(revisions);
        stream = new RevisionStream(dynamo, table, DynamoRevisionLog.pk(HUB))
                .consume("GuideFunction", sqs, queues.get("guide"), channel("guide", site))
                .consume("SiteFunction", sqs, queues.get("site"), channel("site", site))
                .consume("FeedFunction", sqs, queues.get("feeds"), channel("feeds", site));
        stream.subscribe("DispatchFunction", (event, context) -> dispatcher().handleRequest(event, context));
    }

    /** A stack whose stream also feeds a digest planner (the email consumer) on a queue of its own. */
    Stack withDigestPlanner(String planQueue, RequestHandler<SQSEvent, SQSBatchResponse> planner) {
        queues.put("email", planQueue);
        stream.consume("DigestPlannerFunction", sqs, planQueue, planner);
        return this;
    }

    /** The dispatcher as template.yaml deploys it, on this stack's queues (the only reader of the stream). */
    private DispatchFunction dispatcher() {
        Map<String, MessageQueue> byConsumer = new TreeMap<>();
        queues.forEach((consumer, url) -> byConsumer.put(consumer, new SqsMessageQueue(sqs, url)));
        Channels consumers = Channels.of(Channels.discover().all().stream().filter(c -> queues.containsKey(c.id())).toList());
        return new DispatchFunction(consumers, byConsumer, new JsonLog("dispatch", out, clock), new Metrics("dispatch", "test", out, clock));
    }

    /**
     * How long the content prefix must be quiet before a batch ingests it, and how often a waiting
     * batch looks again: the deployed function's wait ({@link IngestFunction#SETTLE_QUIET}), scaled
     * down so that a test's push settles within about a second of its last write.
     */
    static final Duration QUIET = Duration.ofMillis(500);
    static final Duration POLL = Duration.ofMillis(100);

    /** The ingest function of this stack's content bucket, recording in a revision log of the test's choosing. */
    IngestFunction ingestFunction(RevisionLog log) {
        return ingestFunction(log, QUIET, POLL);
    }

    /** The ingest function of this stack's content bucket, waiting for pushes to settle with these periods. */
    IngestFunction ingestFunction(RevisionLog log, Duration quiet, Duration poll) {
        return new IngestFunction(HUB, contentBucket, new S3ContentSource(s3, contentBucket, Env.CONTENT_PREFIX),
                blobs, log, clock, new JsonLog("ingest", out, clock), new Metrics("ingest", "test", out, clock), quiet, poll);
    }

    /** The channel function of one channel, publishing into a store. */
    ChannelFunction channel(String channel, ArtifactStore store) {
        return new ChannelFunction(Channels.discover(), channel, blobs, revisions, store, new JsonLog(channel, out, clock),
                new Metrics(channel, "test", out, clock));
    }

    /** The channel function of one channel, publishing into a store and keeping a render cache, as deployed. */
    ChannelFunction channel(String channel, ArtifactStore store, RenderCache cache) {
        return new ChannelFunction(Channels.discover(), channel, blobs, revisions, store, EdgeCache.NONE, cache,
                new JsonLog(channel, out, clock), new Metrics(channel, "test", out, clock));
    }

    /** A handle on the render cache in the state bucket, as a function's no-arg constructor builds it ({@link Env#renderCache()}). */
    RenderCache renderCache() {
        return new S3RenderCache(s3, stateBucket, Env.RENDER_CACHE_PREFIX);
    }

    /** The keys of the state bucket under a prefix. */
    List<String> stateKeys(String prefix) {
        return s3.listObjectsV2Paginator(b -> b.bucket(stateBucket).prefix(prefix)).contents().stream().map(S3Object::key).toList();
    }

    /** Puts files into the content prefix as `aws s3 sync` does; the notifications S3 would send for them. */
    List<SQSEvent.SQSMessage> push(Map<String, byte[]> files) {
        List<SQSEvent.SQSMessage> messages = new ArrayList<>();
        files.forEach((path, bytes) -> {
            String key = Env.CONTENT_PREFIX + path;
            s3.putObject(b -> b.bucket(contentBucket).key(key), RequestBody.fromBytes(bytes));
            messages.add(AwsEvents.sqsMessage(AwsEvents.s3Notification("ObjectCreated:Put", contentBucket, key, bytes.length)));
        });
        return messages;
    }

    /** The queue delivering these messages to the ingest function as one batch. */
    SQSBatchResponse ingest(List<SQSEvent.SQSMessage> messages) {
        return ingest.handleRequest(AwsEvents.sqsEvent(messages), null);
    }

    /** Pushes the repository's content, ingests it as r1 and lets the stream publish every channel. */
    Stack published() {
        SQSBatchResponse response = ingest(push(repositoryContent()));
        if (!response.getBatchItemFailures().isEmpty()) {
            throw new AssertionError("the repository's content did not ingest: " + logs.toString(StandardCharsets.UTF_8));
        }
        stream.settle();
        return this;
    }

    static Map<String, byte[]> repositoryContent() {
        return files(ContentFixtures.repositoryTree());
    }

    /** A content tree as the files to push: path to bytes. */
    static Map<String, byte[]> files(ContentTree tree) {
        Map<String, byte[]> files = new TreeMap<>();
        tree.files().forEach(f -> files.put(f.path(), f.bytes()));
        return files;
    }

    /** The revision's item in the table, as the stream would carry it. */
    Map<String, AttributeValue> item(long seq) {
        return dynamo.getItem(b -> b.tableName(table).consistentRead(true).key(Map.of(
                "pk", AttributeValue.fromS(DynamoRevisionLog.pk(HUB)), "sk", AttributeValue.fromS(DynamoRevisionLog.sk(seq))))).item();
    }

    String siteText(String key) {
        return s3.getObjectAsBytes(b -> b.bucket(siteBucket).key(key)).asUtf8String();
    }

    List<String> siteKeys() {
        return s3.listObjectsV2Paginator(b -> b.bucket(siteBucket)).contents().stream().map(S3Object::key).toList();
    }

    /** Every object of the site bucket with its bytes. */
    Map<String, byte[]> siteBytes() {
        Map<String, byte[]> bytes = new TreeMap<>();
        siteKeys().forEach(key -> bytes.put(key, s3.getObjectAsBytes(b -> b.bucket(siteBucket).key(key)).asByteArray()));
        return bytes;
    }

    /** Every object of the site bucket with the SHA-256 the store recorded on it. */
    Map<String, String> siteDigests() {
        Map<String, String> digests = new TreeMap<>();
        siteKeys().forEach(key -> digests.put(key, s3.headObject(b -> b.bucket(siteBucket).key(key)).metadata().get(S3ArtifactStore.SHA256)));
        return digests;
    }

    /** Every object of the site bucket with its version as a channel's listing records it (bytes and headers). */
    Map<String, String> siteVersions() {
        Map<String, String> versions = new TreeMap<>();
        siteKeys().forEach(key -> {
            var head = s3.headObject(b -> b.bucket(siteBucket).key(key));
            versions.put(key, dev.hubpress.core.channel.Artifact.version(head.metadata().get(S3ArtifactStore.SHA256), head.contentType(),
                    head.cacheControl()));
        });
        return versions;
    }

    String logs() {
        return logs.toString(StandardCharsets.UTF_8);
    }

    /** Where the logs end now: {@link #logsSince} that mark is what is logged after it. */
    int logMark() {
        return logs.size();
    }

    String logsSince(int mark) {
        byte[] all = logs.toByteArray();
        return new String(all, mark, all.length - mark, StandardCharsets.UTF_8);
    }
}
