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
import dev.hubpress.core.revision.ChannelStatus;
import dev.hubpress.core.revision.Revision;
import dev.hubpress.core.testing.ContentFixtures;
import dev.hubpress.functions.FeedFunction;
import dev.hubpress.functions.GuideFunction;
import dev.hubpress.functions.IngestFunction;
import dev.hubpress.functions.SiteFunction;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Object;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The serverless flow end to end on AWS-API emulators (or a LocalStack): content pushed with the
 * SDK, S3 notifications delivered inside SQS messages to the real IngestFunction, the revision's
 * item delivered as a DynamoDB stream record (through the template's own filter) to the real
 * Site, Feed and Guide functions, and the published objects checked in the site bucket.
 * Methods run in order: each step builds on the state the previous one left.
 */
@ExtendWith(Emulators.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ServerlessFlowIT {

    private static final String HUB = "hub";
    private static final Path CONTENT = ContentFixtures.repositoryContent();

    private static S3Client s3;
    private static DynamoDbClient dynamo;
    private static String contentBucket;
    private static String stateBucket;
    private static String siteBucket;
    private static String table;
    private static DynamoRevisionLog revisions;
    private static IngestFunction ingest;
    private static Map<String, com.amazonaws.services.lambda.runtime.RequestHandler<DynamodbEvent, StreamsEventResponse>> channels;
    private static final ByteArrayOutputStream LOGS = new ByteArrayOutputStream();
    private static List<String> filter;

    @BeforeAll
    static void stack() {
        s3 = AwsClients.s3();
        dynamo = AwsClients.dynamo();
        contentBucket = AwsFixtures.bucket(s3, "content");
        stateBucket = AwsFixtures.bucket(s3, "state");
        siteBucket = AwsFixtures.bucket(s3, "site");
        table = AwsFixtures.revisionsTable(dynamo, "revisions");
        revisions = new DynamoRevisionLog(dynamo, table);
        PrintStream out = new PrintStream(LOGS, true, StandardCharsets.UTF_8);
        Clock clock = Clock.systemUTC();
        S3BlobStore blobs = new S3BlobStore(s3, stateBucket, Env.BLOBS_PREFIX);
        S3ArtifactStore site = new S3ArtifactStore(s3, siteBucket, "");
        ingest = new IngestFunction(HUB, contentBucket, new S3ContentSource(s3, contentBucket, Env.CONTENT_PREFIX), blobs,
                revisions, clock, new JsonLog("ingest", out, clock), new Metrics("ingest", out, clock));
        channels = new TreeMap<>(Map.of(
                "site", new SiteFunction(blobs, revisions, site, new JsonLog("site", out, clock), new Metrics("site", out, clock)),
                "feeds", new FeedFunction(blobs, revisions, site, new JsonLog("feeds", out, clock), new Metrics("feeds", out, clock)),
                "guide", new GuideFunction(blobs, revisions, site, new JsonLog("guide", out, clock), new Metrics("guide", out, clock))));
        filter = StreamFilter.patterns(TemplateTest.map(TemplateTest.map(TemplateTest.map(
                TemplateTest.functions().get("SiteFunction").get("Events")).get("NewAcceptedRevision")).get("Properties")));
    }

    /** Pushes files as `aws s3 sync` does and returns the notifications S3 would send for them. */
    private static List<SQSEvent.SQSMessage> push(Map<String, byte[]> files) {
        List<SQSEvent.SQSMessage> messages = new ArrayList<>();
        files.forEach((path, bytes) -> {
            String key = Env.CONTENT_PREFIX + path;
            s3.putObject(b -> b.bucket(contentBucket).key(key), RequestBody.fromBytes(bytes));
            messages.add(AwsEvents.sqsMessage(AwsEvents.s3Notification("ObjectCreated:Put", contentBucket, key, bytes.length)));
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

    private static List<String> failures(SQSBatchResponse response) {
        return response.getBatchItemFailures().stream().map(SQSBatchResponse.BatchItemFailure::getItemIdentifier).toList();
    }

    /** What the stream delivers for a revision: its item as written, as an INSERT record, if the template's filter lets it through. */
    private static List<DynamodbEvent.DynamodbStreamRecord> streamed(long seq) {
        Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(table).consistentRead(true).key(Map.of(
                "pk", AttributeValue.fromS(DynamoRevisionLog.pk(HUB)), "sk", AttributeValue.fromS(DynamoRevisionLog.sk(seq))))).item();
        DynamodbEvent.DynamodbStreamRecord record = AwsEvents.insert(table, item);
        return StreamFilter.matches(filter, AwsEvents.filterView(record)) ? List.of(record) : List.of();
    }

    private static void publishAll(long seq) {
        List<DynamodbEvent.DynamodbStreamRecord> records = streamed(seq);
        assertThat(records).as("r" + seq + " passes the stream filter").hasSize(1);
        channels.forEach((name, function) -> {
            StreamsEventResponse response = function.handleRequest(AwsEvents.streamEvent(records), null);
            assertThat(response.getBatchItemFailures()).as(name).isEmpty();
        });
    }

    private static HeadObjectResponse head(String key) {
        return s3.headObject(b -> b.bucket(siteBucket).key(key));
    }

    private static List<String> siteKeys() {
        return s3.listObjectsV2Paginator(b -> b.bucket(siteBucket)).contents().stream().map(S3Object::key).toList();
    }

    @Test
    @Order(1)
    void aContentPushBecomesOneAcceptedRevision() throws IOException {
        // GIVEN the repository's content pushed with the SDK, one S3 notification per file, plus S3's test event
        List<SQSEvent.SQSMessage> messages = new ArrayList<>(push(repositoryContent()));
        messages.add(AwsEvents.sqsMessage("{\"Service\":\"Amazon S3\",\"Event\":\"s3:TestEvent\",\"Bucket\":\"" + contentBucket + "\"}"));

        // WHEN the queue delivers them to the ingest function as one batch
        SQSBatchResponse response = ingest.handleRequest(AwsEvents.sqsEvent(messages), null);

        // THEN nothing failed and r1 is recorded, accepted, with every page added
        assertThat(failures(response)).isEmpty();
        Revision r1 = revisions.latest(HUB).orElseThrow();
        assertThat(r1.seq()).isEqualTo(1);
        assertThat(r1.accepted()).isTrue();
        assertThat(r1.changes().pages()).isNotEmpty();
        assertThat(r1.trigger()).startsWith("s3 ObjectCreated:Put content/");
    }

    @Test
    @Order(2)
    void theStreamRecordPublishesSiteFeedsAndGuideWithTheirHeaders() {
        // WHEN r1's stream record reaches the three channel functions
        publishAll(1);

        // THEN every channel is DONE on r1 and the site bucket holds their objects with the right headers
        Revision r1 = revisions.get(HUB, 1).orElseThrow();
        assertThat(r1.channels()).containsOnlyKeys("feeds", "guide", "site");
        assertThat(r1.channels().values()).extracting(ChannelStatus::state).containsOnly(ChannelStatus.State.DONE);
        List<String> keys = siteKeys();
        assertThat(keys).contains("index.html", "sitemap.xml", "changelog.html", "404.html", "feeds/rss.xml",
                "feeds/atom.xml", "feeds/feed.json", "guide/r1.pdf");
        HeadObjectResponse index = head("index.html");
        assertThat(index.contentType().replace(" ", "")).isEqualTo("text/html;charset=utf-8");
        assertThat(index.cacheControl()).isEqualTo("public, max-age=300, must-revalidate");
        String css = keys.stream().filter(k -> k.startsWith("assets/") && k.endsWith(".css")).findFirst().orElseThrow();
        assertThat(head(css).cacheControl()).isEqualTo("public, max-age=31536000, immutable");
        assertThat(head(css).contentType()).startsWith("text/css");
        assertThat(head("feeds/atom.xml").contentType()).startsWith("application/atom+xml");
        assertThat(head("guide/r1.pdf").contentType()).isEqualTo("application/pdf");
        assertThat(head("guide/r1.pdf").cacheControl()).contains("immutable");
        String latestPdf = keys.stream().filter(k -> k.startsWith("guide/") && !k.equals("guide/r1.pdf")).findFirst().orElseThrow();
        assertThat(head(latestPdf).cacheControl()).isEqualTo("public, max-age=300, must-revalidate");
        assertThat(s3.getObjectAsBytes(b -> b.bucket(siteBucket).key("guide/r1.pdf")).asByteArray()).startsWith("%PDF".getBytes(StandardCharsets.US_ASCII));
        String logs = LOGS.toString(StandardCharsets.UTF_8);
        assertThat(logs).contains("\"function\":\"site\"").contains("\"revision\":\"r1\"").contains("\"Namespace\":\"hubpress\"");
    }

    @Test
    @Order(3)
    void aDuplicatedNotificationYieldsNoNewRevision() {
        // GIVEN the notification of a file already ingested, delivered twice (SQS is at-least-once)
        String body = AwsEvents.s3Notification("ObjectCreated:Put", contentBucket, "content/faq.md", 10);

        // WHEN both copies arrive, in one batch and again in another
        SQSBatchResponse first = ingest.handleRequest(AwsEvents.sqsEvent(List.of(AwsEvents.sqsMessage(body), AwsEvents.sqsMessage(body))), null);
        SQSBatchResponse second = ingest.handleRequest(AwsEvents.sqsEvent(List.of(AwsEvents.sqsMessage(body))), null);

        // THEN no failure and still one revision
        assertThat(failures(first)).isEmpty();
        assertThat(failures(second)).isEmpty();
        assertThat(revisions.latest(HUB).orElseThrow().seq()).isEqualTo(1);
    }

    @Test
    @Order(4)
    void aBatchWithOneMalformedMessageReportsExactlyThatOneAndTheRestCommitOnce() throws IOException {
        // GIVEN an edit of one page and the removal of another (with a key S3 must URL-encode),
        // notified in one batch together with one message that is not an S3 notification
        String faq = Files.readString(CONTENT.resolve("faq.md"));
        List<SQSEvent.SQSMessage> messages = new ArrayList<>(push(Map.of("faq.md",
                (faq + "\nOne more paragraph, added by the integration test.\n").getBytes(StandardCharsets.UTF_8))));
        String odd = "notes/draft notes ü+1.md";
        messages.addAll(push(Map.of(odd, "not a page, and not in hub.yaml".getBytes(StandardCharsets.UTF_8))));
        s3.deleteObject(b -> b.bucket(contentBucket).key(Env.CONTENT_PREFIX + odd));
        messages.add(AwsEvents.sqsMessage(AwsEvents.s3Notification("ObjectRemoved:Delete", contentBucket, Env.CONTENT_PREFIX + odd, 0)));
        SQSEvent.SQSMessage bad = AwsEvents.sqsMessage("{\"Records\":[{\"eventSource\":\"aws:s3\",\"eventName\":\"ObjectCreated:Put\"}]}");
        messages.add(1, bad);
        String indexEtag = head("careers/index.html").eTag();

        // WHEN the batch is handled
        SQSBatchResponse response = ingest.handleRequest(AwsEvents.sqsEvent(messages), null);

        // THEN exactly the bad message is reported, and the rest made exactly one revision (r2)
        assertThat(failures(response)).containsExactly(bad.getMessageId());
        Revision r2 = revisions.latest(HUB).orElseThrow();
        assertThat(r2.seq()).isEqualTo(2);
        assertThat(r2.accepted()).isTrue();
        assertThat(r2.changes().pages()).singleElement().satisfies(p -> assertThat(p.slug()).isEqualTo("faq"));
        assertThat(r2.trigger()).contains("content/notes/draft notes ü+1.md");

        // AND publishing r2 rewrites the changed page but leaves unchanged objects untouched
        publishAll(2);
        assertThat(s3.getObjectAsBytes(b -> b.bucket(siteBucket).key("faq.html")).asUtf8String())
                .contains("One more paragraph, added by the integration test.");
        assertThat(head("careers/index.html").eTag()).isEqualTo(indexEtag);
        assertThat(siteKeys()).contains("guide/r1.pdf", "guide/r2.pdf");
    }

    @Test
    @Order(5)
    void aRejectedPushIsRecordedButNeverStreamedToTheChannels() {
        // GIVEN a push that breaks a link
        List<SQSEvent.SQSMessage> messages = push(Map.of("broken.md", ("---\ntitle: Broken\nsummary: Broken.\nsection: careers\n"
                + "order: 99\n---\n\nSee [nothing](nowhere.md).\n").getBytes(StandardCharsets.UTF_8)));
        String faqEtag = head("faq.html").eTag();

        // WHEN it is ingested
        SQSBatchResponse response = ingest.handleRequest(AwsEvents.sqsEvent(messages), null);

        // THEN r3 is REJECTED with the error, the template's stream filter drops its record, and the site is as it was
        assertThat(failures(response)).isEmpty();
        Revision r3 = revisions.latest(HUB).orElseThrow();
        assertThat(r3.seq()).isEqualTo(3);
        assertThat(r3.accepted()).isFalse();
        assertThat(r3.errors()).anySatisfy(e -> assertThat(e.toString()).startsWith("broken.md:"));
        assertThat(streamed(3)).isEmpty();
        assertThat(head("faq.html").eTag()).isEqualTo(faqEtag);
        assertThat(siteKeys()).doesNotContain("broken.html");
    }
}
