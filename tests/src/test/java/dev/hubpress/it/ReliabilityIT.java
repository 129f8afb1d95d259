package dev.hubpress.it;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import dev.hubpress.aws.AwsClients;
import dev.hubpress.aws.DynamoRevisionLog;
import dev.hubpress.lambda.Env;
import dev.hubpress.aws.S3ArtifactStore;
import dev.hubpress.aws.S3BlobStore;
import dev.hubpress.aws.S3ContentSource;
import dev.hubpress.lambda.JsonLog;
import dev.hubpress.lambda.Metrics;
import dev.hubpress.aws.testing.AwsFixtures;
import dev.hubpress.aws.testing.Emulators;
import dev.hubpress.core.content.ContentFile;
import dev.hubpress.core.content.ContentTree;
import dev.hubpress.core.port.ArtifactStore;
import dev.hubpress.core.port.RevisionLog;
import dev.hubpress.core.channel.Artifact;
import dev.hubpress.core.publish.Snapshots;
import dev.hubpress.core.revision.ChannelStatus;
import dev.hubpress.core.revision.Revision;
import dev.hubpress.core.testing.ContentFixtures;
import dev.hubpress.functions.IngestFunction;
import dev.hubpress.functions.ChannelFunction;
import dev.hubpress.core.channel.Channels;
import dev.hubpress.core.revision.History;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.model.S3Object;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Faults on the serverless flow, on the emulators (docs/reliability.md): notifications delivered
 * twice and at once, an ingest that dies after recording its revision, twenty pushes at once,
 * a stream record that always fails, S3 and DynamoDB unreachable in the middle of the work.
 * Methods run in order on one stack; each says what state it starts from.
 */
@ExtendWith(Emulators.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReliabilityIT {

    private static final String HUB = "hub";
    private static final Path CONTENT = ContentFixtures.repositoryContent();

    private static S3Client s3;
    private static DynamoDbClient dynamo;
    private static String contentBucket;
    private static String siteBucket;
    private static String table;
    private static DynamoRevisionLog revisions;
    private static S3BlobStore blobs;
    private static S3ArtifactStore site;
    private static final ByteArrayOutputStream LOGS = new ByteArrayOutputStream();
    private static final PrintStream OUT = new PrintStream(LOGS, true, StandardCharsets.UTF_8);
    private static final Clock CLOCK = Clock.systemUTC();
    private static List<String> insertFilter;
    private static List<String> siteFilter;

    @BeforeAll
    static void stack() {
        s3 = AwsClients.s3();
        dynamo = AwsClients.dynamo();
        contentBucket = AwsFixtures.bucket(s3, "content");
        String stateBucket = AwsFixtures.bucket(s3, "state");
        siteBucket = AwsFixtures.bucket(s3, "site");
        table = AwsFixtures.revisionsTable(dynamo, "revisions");
        revisions = new DynamoRevisionLog(dynamo, table);
        blobs = new S3BlobStore(s3, stateBucket, Env.BLOBS_PREFIX);
        site = new S3ArtifactStore(s3, siteBucket, "");
        insertFilter = StreamFilter.patterns(streamEvent("FeedFunction"));
        siteFilter = StreamFilter.patterns(streamEvent("SiteFunction"));
    }

    // ---------------------------------------------------------------- helpers

    private static IngestFunction ingest(String bucket, RevisionLog log) {
        return ingest(HUB, bucket, log);
    }

    private static IngestFunction ingest(String hub, String bucket, RevisionLog log) {
        return new IngestFunction(hub, bucket, new S3ContentSource(s3, bucket, Env.CONTENT_PREFIX), blobs, log, CLOCK,
                new JsonLog("ingest", OUT, CLOCK), new Metrics("ingest", OUT, CLOCK));
    }

    /** The properties of a function's stream event in template.yaml. */
    private static Map<String, Object> streamEvent(String function) {
        return TemplateTest.map(TemplateTest.map(TemplateTest.map(TemplateTest.functions().get(function).get("Events"))
                .values().iterator().next()).get("Properties"));
    }

    private static ChannelFunction channel(String channel, ArtifactStore store) {
        return new ChannelFunction(Channels.discover(), channel, blobs, revisions, store, new JsonLog(channel, OUT, CLOCK),
                new Metrics(channel, OUT, CLOCK));
    }

    private static ChannelFunction siteFunction(ArtifactStore store) {
        return channel("site", store);
    }

    /** Puts files into a bucket's content/ prefix as `aws s3 sync` does; the notifications S3 would send. */
    private static List<SQSEvent.SQSMessage> push(String bucket, Map<String, byte[]> files) {
        List<SQSEvent.SQSMessage> messages = new ArrayList<>();
        files.forEach((path, bytes) -> {
            String key = Env.CONTENT_PREFIX + path;
            s3.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromBytes(bytes));
            messages.add(AwsEvents.sqsMessage(AwsEvents.s3Notification("ObjectCreated:Put", bucket, key, bytes.length)));
        });
        return messages;
    }

    private static Map<String, byte[]> repositoryContent() throws IOException {
        Map<String, byte[]> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(CONTENT)) {
            for (Path file : walk.filter(Files::isRegularFile).toList()) {
                files.put(CONTENT.relativize(file).toString().replace('\\', '/'), Files.readAllBytes(file));
            }
        }
        return files;
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static List<String> failures(SQSBatchResponse response) {
        return response.getBatchItemFailures().stream().map(SQSBatchResponse.BatchItemFailure::getItemIdentifier).toList();
    }

    private static List<String> failures(StreamsEventResponse response) {
        return response.getBatchItemFailures().stream().map(StreamsEventResponse.BatchItemFailure::getItemIdentifier).toList();
    }

    private static Map<String, AttributeValue> item(long seq) {
        return dynamo.getItem(b -> b.tableName(table).consistentRead(true).key(Map.of(
                "pk", AttributeValue.fromS(DynamoRevisionLog.pk(HUB)), "sk", AttributeValue.fromS(DynamoRevisionLog.sk(seq))))).item();
    }

    /** The INSERT record of a revision, as the guide and the feeds get it through their filter. */
    private static DynamodbEvent.DynamodbStreamRecord streamed(long seq) {
        DynamodbEvent.DynamodbStreamRecord record = AwsEvents.insert(table, item(seq));
        assertThat(StreamFilter.matches(insertFilter, AwsEvents.filterView(record))).as("r" + seq + " passes the INSERT filter").isTrue();
        return record;
    }

    /** The record the site gets: the change that put the guide's status on the revision's item. */
    private static DynamodbEvent.DynamodbStreamRecord siteRecord(Map<String, AttributeValue> item) {
        Map<String, AttributeValue> before = new HashMap<>(item);
        Map<String, AttributeValue> channels = new HashMap<>(item.get("channels").m());
        channels.remove("guide");
        before.put("channels", AttributeValue.fromM(channels));
        Map<String, AttributeValue> after = new HashMap<>(item);
        if (!item.get("channels").m().containsKey("guide")) {
            channels.put("guide", AttributeValue.fromS("{\"state\":\"FAILED\",\"error\":\"not published in this test\"}"));
            after.put("channels", AttributeValue.fromM(channels));
        }
        DynamodbEvent.DynamodbStreamRecord record = AwsEvents.modify(table, before, after);
        assertThat(StreamFilter.matches(siteFilter, AwsEvents.filterView(record))).as("passes the site's filter").isTrue();
        return record;
    }

    private static DynamodbEvent.DynamodbStreamRecord siteRecord(long seq) {
        return siteRecord(item(seq));
    }

    /** Delivers a revision as the stream does: its INSERT to the guide and the feeds, then the guide's change to the site. */
    private static void deliverToEveryChannel(long seq) {
        DynamodbEvent insert = AwsEvents.streamEvent(List.of(streamed(seq)));
        assertThat(failures(channel("guide", site).handleRequest(insert, null))).as("guide").isEmpty();
        assertThat(failures(channel("feeds", site).handleRequest(insert, null))).as("feeds").isEmpty();
        assertThat(failures(siteFunction(site).handleRequest(AwsEvents.streamEvent(List.of(siteRecord(seq))), null))).as("site").isEmpty();
    }

    private static String logsSince(int mark) {
        byte[] all = LOGS.toByteArray();
        return new String(all, mark, all.length - mark, StandardCharsets.UTF_8);
    }

    /** Every object of the site bucket with the SHA-256 the store recorded on it. */
    private static Map<String, String> siteDigests() {
        Map<String, String> digests = new TreeMap<>();
        for (S3Object object : s3.listObjectsV2Paginator(b -> b.bucket(siteBucket)).contents()) {
            digests.put(object.key(), s3.headObject(b -> b.bucket(siteBucket).key(object.key())).metadata().get(S3ArtifactStore.SHA256));
        }
        return digests;
    }

    private static Map<String, byte[]> siteBytes() {
        Map<String, byte[]> bytes = new TreeMap<>();
        for (S3Object object : s3.listObjectsV2Paginator(b -> b.bucket(siteBucket)).contents()) {
            bytes.put(object.key(), s3.getObjectAsBytes(b -> b.bucket(siteBucket).key(object.key())).asByteArray());
        }
        return bytes;
    }

    /** A loopback port nothing listens on: where a stopped emulator was. */
    private static URI deadEndpoint() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return URI.create("http://127.0.0.1:" + socket.getLocalPort());
        }
    }

    private static <T> List<T> atOnce(int threads, java.util.concurrent.Callable<T> task) throws Exception {
        CountDownLatch ready = new CountDownLatch(threads);
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                futures.add(pool.submit(() -> {
                    ready.countDown();
                    go.await();
                    return task.call();
                }));
            }
            assertThat(ready.await(30, TimeUnit.SECONDS)).isTrue();
            go.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> future : futures) {
                results.add(future.get(120, TimeUnit.SECONDS));
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    // ---------------------------------------------------------------- scenarios

    @Test
    @Order(1)
    void theSameNotificationsDeliveredTwiceAtTheSameTimeMakeOneRevisionAndRepublishingChangesNoByte() throws Exception {
        // GIVEN the repository's content pushed, and its notifications delivered by SQS twice, to two
        // ingest invocations running at the same moment (at-least-once delivery, MaximumConcurrency 2)
        SQSEvent batch = AwsEvents.sqsEvent(push(contentBucket, repositoryContent()));
        IngestFunction function = ingest(contentBucket, revisions);

        // WHEN both invocations handle the batch at once
        List<SQSBatchResponse> responses = atOnce(2, () -> function.handleRequest(batch, null));

        // THEN neither failed, and exactly one revision exists: r1
        assertThat(responses).allSatisfy(r -> assertThat(failures(r)).isEmpty());
        assertThat(ConcurrentHistory.of(revisions, HUB)).extracting(Revision::seq).containsExactly(1L);

        // AND WHEN r1's stream records reach every channel twice (streams are at-least-once too)
        deliverToEveryChannel(1);
        Map<String, byte[]> first = siteBytes();
        int mark = LOGS.size();
        deliverToEveryChannel(1);

        // THEN the second delivery wrote no object, and every object (feeds with their entries, the
        // guide, the pages) is byte for byte what the first wrote
        String second = logsSince(mark);
        assertThat(second.lines().filter(l -> l.contains("\"message\":\"published ")))
                .hasSize(3).allSatisfy(l -> assertThat(l).contains("\"written\":0"));
        Map<String, byte[]> again = siteBytes();
        assertThat(again.keySet()).isEqualTo(first.keySet());
        first.forEach((key, bytes) -> assertThat(again.get(key)).as(key).isEqualTo(bytes));
        assertThat(new String(again.get("feeds/atom.xml"), StandardCharsets.UTF_8).split("<entry>", -1).length - 1)
                .isEqualTo(new String(first.get("feeds/atom.xml"), StandardCharsets.UTF_8).split("<entry>", -1).length - 1);
    }

    @Test
    @Order(2)
    void anIngestThatDiesAfterRecordingItsRevisionIsRedeliveredWithoutADuplicateAndRendersIdenticalBytes() throws IOException {
        // GIVEN r1 published, an edit pushed, and an ingest whose DynamoDB write commits but whose
        // invocation dies before answering (timeout, connection reset after the write)
        String faq = Files.readString(CONTENT.resolve("faq.md"));
        SQSEvent batch = AwsEvents.sqsEvent(push(contentBucket, Map.of("faq.md",
                utf8(faq + "\nA paragraph added by the reliability test.\n"))));
        RevisionLog dying = new RevisionLog() {
            @Override
            public History recent(String hub, int accepted) {
                return revisions.recent(hub, accepted);
            }

            @Override
            public Optional<Revision> get(String hub, long seq) {
                return revisions.get(hub, seq);
            }

            @Override
            public boolean claim(Revision revision) {
                revisions.claim(revision);
                throw new IllegalStateException("Task timed out after 30.00 seconds");
            }

            @Override
            public void recordChannel(String hub, long seq, String channel, ChannelStatus status) {
                revisions.recordChannel(hub, seq, channel, status);
            }
        };

        // WHEN the invocation dies, and SQS redelivers the same messages to a healthy one
        SQSBatchResponse died = ingest(contentBucket, dying).handleRequest(batch, null);
        SQSBatchResponse redelivered = ingest(contentBucket, revisions).handleRequest(batch, null);

        // THEN the first reported its messages, the redelivery found r2 already there: no r3
        assertThat(failures(died)).hasSize(1);
        assertThat(failures(redelivered)).isEmpty();
        assertThat(ConcurrentHistory.of(revisions, HUB)).extracting(Revision::seq).containsExactly(1L, 2L);

        // AND the site's stream record of r2, published, then redelivered, rewrites nothing: identical bytes
        DynamodbEvent record = AwsEvents.streamEvent(List.of(siteRecord(2)));
        ChannelFunction function = siteFunction(site);
        assertThat(failures(function.handleRequest(record, null))).isEmpty();
        Map<String, byte[]> published = siteBytes();
        assertThat(new String(published.get("faq.html"), StandardCharsets.UTF_8)).contains("A paragraph added by the reliability test.");
        int mark = LOGS.size();
        assertThat(failures(function.handleRequest(record, null))).isEmpty();
        assertThat(logsSince(mark)).contains("\"written\":0");
        Map<String, byte[]> again = siteBytes();
        published.forEach((key, bytes) -> assertThat(again.get(key)).as(key).isEqualTo(bytes));
    }

    @Test
    @Order(3)
    void twentyPushesAtOnceLeaveALinearHistoryInTheOrderTheyWereReadEndingWithTheBucket() throws Exception {
        // GIVEN a second hub with its own content bucket, holding a small valid tree as r1
        String hub = "pushes";
        String bucket = AwsFixtures.bucket(s3, "pushes");
        Map<String, byte[]> base = new TreeMap<>();
        ContentFixtures.tree().files().forEach(f -> base.put(f.path(), f.bytes()));
        IngestFunction function = ingest(hub, bucket, revisions);
        assertThat(failures(function.handleRequest(AwsEvents.sqsEvent(push(bucket, base)), null))).isEmpty();
        AtomicInteger next = new AtomicInteger();

        // WHEN twenty editors push a page each at the same moment, each push's notification going to
        // its own ingest invocation; a failed invocation is redelivered (bounded, as the queue's maxReceiveCount)
        List<Integer> deliveries = atOnce(20, () -> {
            int n = next.getAndIncrement();
            SQSEvent event = AwsEvents.sqsEvent(push(bucket, Map.of("guides/push-" + n + ".md",
                    utf8(ContentFixtures.page("Push " + n, "guides", 10 + n, "## Push " + n + "\n\nText.\n")))));
            for (int delivery = 1; delivery <= 10; delivery++) {
                if (failures(function.handleRequest(event, null)).isEmpty()) {
                    return delivery;
                }
            }
            throw new AssertionError("push " + n + " still failing after 10 deliveries");
        });

        // THEN the history is r1..rN without gap or duplicate, each the child of the one before
        assertThat(deliveries).hasSize(20);
        List<Revision> history = ConcurrentHistory.of(revisions, hub);
        assertThat(history).extracting(Revision::seq)
                .containsExactlyElementsOf(LongStream.rangeClosed(1, history.size()).boxed().toList());
        assertThat(history).allSatisfy(r -> {
            assertThat(r.accepted()).isTrue();
            assertThat(r.parent()).isEqualTo(r.seq() - 1);
        });
        assertThat(history).extracting(Revision::treeHash).doesNotHaveDuplicates();
        // AND each revision holds every page of the one before (trees were recorded in the order
        // they were read: an older read never landed on top of a newer one)
        Snapshots snapshots = new Snapshots(blobs);
        Set<String> previous = Set.of();
        for (Revision r : history) {
            Set<String> paths = snapshots.load(r.manifest()).files().stream().map(ContentFile::path).collect(Collectors.toSet());
            assertThat(paths).as(r.id()).containsAll(previous);
            previous = paths;
        }
        // AND the newest revision is the bucket as it ends, all twenty pages in
        ContentTree bucketNow = new S3ContentSource(s3, bucket, Env.CONTENT_PREFIX).read();
        assertThat(history.get(history.size() - 1).treeHash()).isEqualTo(bucketNow.hash());
        assertThat(previous).hasSize(base.size() + 20);
    }

    @Test
    @Order(4)
    void aStreamRecordThatAlwaysFailsIsReportedEveryTimeAndTheRecordAfterItCarriesOn() {
        // GIVEN a stream batch whose first record can never be published (its revision's item is
        // not in the table: a poison record) followed by r2's record
        Map<String, AttributeValue> poisonItem = new HashMap<>(item(2));
        poisonItem.put("seq", AttributeValue.fromN("999"));
        poisonItem.put("sk", AttributeValue.fromS(DynamoRevisionLog.sk(999)));
        DynamodbEvent.DynamodbStreamRecord poison = siteRecord(poisonItem);
        DynamodbEvent.DynamodbStreamRecord good = siteRecord(2);
        ChannelFunction function = siteFunction(site);
        int retries = (Integer) streamEvent("SiteFunction").get("MaximumRetryAttempts");

        // WHEN the batch is delivered: the handler reports the poison record and stops there, so
        // the record after it is not published before it (stream order)
        StreamsEventResponse whole = function.handleRequest(AwsEvents.streamEvent(List.of(poison, good)), null);
        assertThat(failures(whole)).containsExactly(poison.getDynamodb().getSequenceNumber());

        // AND Lambda bisects (BisectBatchOnFunctionError) and retries the half holding the poison
        // record the template's MaximumRetryAttempts times: every attempt reports it again
        for (int attempt = 1; attempt <= retries; attempt++) {
            StreamsEventResponse retry = function.handleRequest(AwsEvents.streamEvent(List.of(poison)), null);
            assertThat(failures(retry)).as("attempt " + attempt).containsExactly(poison.getDynamodb().getSequenceNumber());
        }
        assertThat(LOGS.toString(StandardCharsets.UTF_8)).contains("site failed for r999");

        // THEN (the record now sent to the OnFailure destination) the other half carries on
        StreamsEventResponse after = function.handleRequest(AwsEvents.streamEvent(List.of(good)), null);
        assertThat(failures(after)).isEmpty();
        assertThat(revisions.get(HUB, 2).orElseThrow().channels().get("site").state()).isEqualTo(ChannelStatus.State.DONE);
    }

    @Test
    @Order(5)
    void s3StoppingInTheMiddleOfAPublishFailsClearlyKeepsTheLastGoodSiteAndTheRetryCompletes() throws Exception {
        // GIVEN r2 published, and r3 (an edit and a new page) ingested
        String faq = Files.readString(CONTENT.resolve("faq.md"));
        SQSEvent batch = AwsEvents.sqsEvent(push(contentBucket, Map.of(
                "faq.md", utf8(faq + "\nA paragraph added by the reliability test.\n\nAnd a second one, for r3.\n"),
                "careers/on-call.md", utf8(ContentFixtures.page("Being on call", "careers", 90, "## Rotas\n\nText about rotas.\n")))));
        assertThat(failures(ingest(contentBucket, revisions).handleRequest(batch, null))).isEmpty();
        Revision r3 = revisions.recent(HUB, 0).latest().orElseThrow();
        assertThat(r3.seq()).isEqualTo(3);
        Map<String, String> lastGood = siteDigests();
        // AND a site store whose S3 goes away after ten requests (the emulator stopped mid-publish:
        // the same bucket, reached at a loopback port where nothing listens any more)
        S3Client stopped = S3Client.builder()
                .httpClient(AwsClients.httpClient())
                .endpointOverride(deadEndpoint())
                .forcePathStyle(true)
                .serviceConfiguration(S3Configuration.builder().chunkedEncodingEnabled(false).build())
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()))
                .build();
        S3ArtifactStore unreachable = new S3ArtifactStore(stopped, siteBucket, "");
        AtomicInteger requests = new AtomicInteger();
        ArtifactStore stopping = new ArtifactStore() {
            @Override
            public boolean put(Artifact artifact) {
                return (requests.incrementAndGet() <= 10 ? site : unreachable).put(artifact);
            }

            @Override
            public void delete(String key) {
                (requests.incrementAndGet() <= 10 ? site : unreachable).delete(key);
            }
        };
        DynamodbEvent record = AwsEvents.streamEvent(List.of(siteRecord(3)));

        // WHEN r3's record is published while S3 stops
        int mark = LOGS.size();
        StreamsEventResponse failed = siteFunction(stopping).handleRequest(record, null);

        // THEN the record is reported for retry, and the error says which object could not be written where
        assertThat(failures(failed)).containsExactly(record.getRecords().get(0).getDynamodb().getSequenceNumber());
        ChannelStatus status = revisions.get(HUB, 3).orElseThrow().channels().get("site");
        assertThat(status.state()).isEqualTo(ChannelStatus.State.FAILED);
        assertThat(status.error()).startsWith("cannot write s3://" + siteBucket + "/").contains("Unable to execute HTTP request");
        assertThat(logsSince(mark)).contains("site failed for r3").contains("cannot write s3://" + siteBucket + "/");
        // AND meanwhile the last good site is all there: no object deleted, each one whole (the
        // old object or the new one, never a mix or a half)
        Map<String, String> meanwhile = siteDigests();
        assertThat(meanwhile.keySet()).containsAll(lastGood.keySet());

        // WHEN Lambda retries the record with S3 back
        StreamsEventResponse retried = siteFunction(site).handleRequest(record, null);

        // THEN the publish completes, and the bucket holds exactly the objects r3's status lists
        assertThat(failures(retried)).isEmpty();
        ChannelStatus done = revisions.get(HUB, 3).orElseThrow().channels().get("site");
        assertThat(done.state()).isEqualTo(ChannelStatus.State.DONE);
        Map<String, String> published = new Snapshots(blobs).listing(done.outputs());
        Map<String, String> after = siteDigests();
        published.forEach((key, digest) -> assertThat(after.get(key)).as(key).isEqualTo(digest));
        assertThat(after).containsKey("careers/on-call.html");
        meanwhile.forEach((key, digest) -> assertThat(digest).as(key).isIn(lastGood.get(key), after.get(key)));
    }

    @Test
    @Order(6)
    void dynamoDbUnreachableDuringAnIngestReportsTheMessagesAndTheRedeliveryRecordsOnce() throws IOException {
        // GIVEN a push, and an ingest whose DynamoDB is unreachable (a loopback port where nothing listens)
        SQSEvent batch = AwsEvents.sqsEvent(push(contentBucket, Map.of("careers/on-call.md",
                utf8(ContentFixtures.page("Being on call", "careers", 90, "## Rotas\n\nText about rotas, edited.\n")))));
        DynamoDbClient stopped = DynamoDbClient.builder().httpClient(AwsClients.httpClient()).endpointOverride(deadEndpoint())
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry())).build();
        int mark = LOGS.size();

        // WHEN the batch is handled while DynamoDB is down, then redelivered when it is back
        SQSBatchResponse down = ingest(contentBucket, new DynamoRevisionLog(stopped, table)).handleRequest(batch, null);
        String logged = logsSince(mark);
        SQSBatchResponse back = ingest(contentBucket, revisions).handleRequest(batch, null);

        // THEN the first attempt reported its message with a logged error, and the redelivery recorded r4, once
        assertThat(failures(down)).hasSize(1);
        assertThat(logged).contains("\"level\":\"ERROR\"").contains("go back to the queue")
                .contains("SdkClientException").contains("Unable to execute HTTP request");
        assertThat(failures(back)).isEmpty();
        assertThat(ConcurrentHistory.of(revisions, HUB)).extracting(Revision::seq).containsExactly(1L, 2L, 3L, 4L);
    }

    /** A hub's history read back one revision at a time. */
    private static final class ConcurrentHistory {
        static List<Revision> of(RevisionLog log, String hub) {
            List<Revision> history = new ArrayList<>();
            long head = log.recent(hub, 0).latest().map(Revision::seq).orElse(0L);
            for (long seq = 1; seq <= head; seq++) {
                log.get(hub, seq).ifPresent(history::add);
            }
            return history;
        }
    }
}
