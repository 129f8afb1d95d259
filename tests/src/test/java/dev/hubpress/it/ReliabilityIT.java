package dev.hubpress.it;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.Context;
import dev.hubpress.aws.testing.AwsFixtures;
import dev.hubpress.aws.testing.Dynalite;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.hubpress.aws.AwsClients;
import dev.hubpress.aws.DynamoRevisionLog;
import dev.hubpress.aws.S3ArtifactStore;
import dev.hubpress.aws.S3ContentSource;
import dev.hubpress.aws.testing.Emulators;
import dev.hubpress.core.channel.Artifact;
import dev.hubpress.core.content.ContentFile;
import dev.hubpress.core.content.ContentTree;
import dev.hubpress.core.port.ArtifactStore;
import dev.hubpress.core.port.RevisionLog;
import dev.hubpress.core.publish.Snapshots;
import dev.hubpress.core.revision.ChannelStatus;
import dev.hubpress.core.revision.History;
import dev.hubpress.core.revision.Revision;
import dev.hubpress.core.testing.ConcurrentPushes;
import dev.hubpress.core.testing.ContentFixtures;
import dev.hubpress.functions.ChannelFunction;
import dev.hubpress.functions.IngestFunction;
import dev.hubpress.lambda.Env;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Faults on the serverless flow, on the emulators (docs/reliability.md): notifications delivered
 * twice and at once, an ingest that dies after recording its revision, twenty pushes at once,
 * a stream record that always fails, S3 and DynamoDB unreachable in the middle of the work.
 * Each test deploys its own {@link Stack} and publishes the small fixture hub (a home page and
 * an FAQ) to start from: the scenarios are about delivery and failure, not about the content.
 */
@ExtendWith(Emulators.class)
class ReliabilityIT {

    private static final String HUB = Stack.HUB;
    private static final String FAQ = ContentFixtures.page("FAQ", "guides", 1, "## Questions\n\nAnswers.\n");

    // ---------------------------------------------------------------- helpers

    /** The fixture hub: hub.yaml, a home page and an FAQ page. */
    private static Map<String, byte[]> fixture() {
        return Stack.files(ContentFixtures.tree("faq.md", FAQ));
    }

    /** The fixture's FAQ with paragraphs added. */
    private static Map<String, byte[]> faqWith(String paragraphs) {
        return Map.of("faq.md", utf8(FAQ + "\n" + paragraphs + "\n"));
    }

    /** How many times SQS delivers a message of a queue before its DLQ takes it (template.yaml's maxReceiveCount). */
    private static int maxReceives(String queue) {
        Map<String, Object> properties = TemplateTest.map(TemplateTest.map(TemplateTest.map(TemplateTest.TEMPLATE.get("Resources"))
                .get(queue)).get("Properties"));
        return (Integer) TemplateTest.map(properties.get("RedrivePolicy")).get("maxReceiveCount");
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static List<String> failures(SQSBatchResponse response) {
        return response.getBatchItemFailures().stream().map(SQSBatchResponse.BatchItemFailure::getItemIdentifier).toList();
    }

    /** Pushes files and has the ingest function record them; it must succeed. */
    private static void ingested(Stack stack, Map<String, byte[]> files) {
        assertThat(failures(stack.ingest(stack.push(files)))).as("ingest: " + stack.logs()).isEmpty();
    }

    /** The dispatcher's message asking the site to publish a revision (the guide's outcome on it changed). */
    private static SQSEvent siteMessage(long seq) {
        return AwsEvents.revisionMessages("site", "MODIFY", seq);
    }

    /** Delivers a revision as the dispatcher's queues do: to the guide, then the site (it reads the guide), then the feeds (they read the site). */
    private static void deliverToEveryChannel(Stack stack, long seq) {
        assertThat(failures(stack.channel("guide", stack.site).handleRequest(AwsEvents.revisionMessages("guide", "INSERT", seq), null)))
                .as("guide").isEmpty();
        assertThat(failures(stack.channel("site", stack.site).handleRequest(siteMessage(seq), null))).as("site").isEmpty();
        assertThat(failures(stack.channel("feeds", stack.site).handleRequest(AwsEvents.revisionMessages("feeds", "MODIFY", seq), null)))
                .as("feeds").isEmpty();
    }

    // ---------------------------------------------------------------- scenarios

    @Test
    void theSameNotificationsDeliveredTwiceAtTheSameTimeMakeOneRevisionAndRepublishingChangesNoByte() throws Exception {
        // GIVEN a hub's content pushed, and its notifications delivered by SQS twice, to two ingest
        // invocations running at the same moment (at-least-once delivery, MaximumConcurrency 2)
        Stack stack = new Stack();
        SQSEvent batch = AwsEvents.sqsEvent(stack.push(fixture()));

        // WHEN both invocations handle the batch at once
        List<SQSBatchResponse> responses = AtOnce.run(2, () -> stack.ingest.handleRequest(batch, null));

        // THEN neither failed, and exactly one revision exists: r1
        assertThat(responses).allSatisfy(r -> assertThat(failures(r)).isEmpty());
        assertThat(ConcurrentPushes.history(stack.revisions, HUB)).extracting(Revision::seq).containsExactly(1L);

        // AND WHEN r1's stream records reach every channel twice (streams are at-least-once too)
        deliverToEveryChannel(stack, 1);
        Map<String, byte[]> first = stack.siteBytes();
        int mark = stack.logMark();
        deliverToEveryChannel(stack, 1);

        // THEN the second delivery wrote no object, and every object (feeds with their entries, the
        // guide, the pages) is byte for byte what the first wrote
        String second = stack.logsSince(mark);
        assertThat(second.lines().filter(l -> l.contains("\"message\":\"published ")))
                .hasSize(3).allSatisfy(l -> assertThat(l).contains("\"written\":0"));
        Map<String, byte[]> again = stack.siteBytes();
        assertThat(again.keySet()).isEqualTo(first.keySet()).contains("guide/r1.pdf", "feeds/atom.xml", "faq.html");
        first.forEach((key, bytes) -> assertThat(again.get(key)).as(key).isEqualTo(bytes));
        assertThat(new String(again.get("feeds/atom.xml"), StandardCharsets.UTF_8).split("<entry>", -1).length - 1)
                .isEqualTo(new String(first.get("feeds/atom.xml"), StandardCharsets.UTF_8).split("<entry>", -1).length - 1)
                .isPositive();
    }

    @Test
    void anIngestThatDiesAfterRecordingItsRevisionIsRedeliveredWithoutADuplicateAndRendersIdenticalBytes() {
        // GIVEN r1 recorded, an edit pushed, and an ingest whose DynamoDB write commits but whose
        // invocation dies before answering (timeout, connection reset after the write)
        Stack stack = new Stack();
        ingested(stack, fixture());
        SQSEvent batch = AwsEvents.sqsEvent(stack.push(faqWith("A paragraph added by the reliability test.")));
        RevisionLog revisions = stack.revisions;
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
        SQSBatchResponse died = stack.ingestFunction(dying).handleRequest(batch, null);
        SQSBatchResponse redelivered = stack.ingest.handleRequest(batch, null);

        // THEN the first reported its messages, the redelivery found r2 already there: no r3
        assertThat(failures(died)).hasSize(1);
        assertThat(failures(redelivered)).isEmpty();
        assertThat(ConcurrentPushes.history(stack.revisions, HUB)).extracting(Revision::seq).containsExactly(1L, 2L);

        // AND the site's message of r2, published, then redelivered, rewrites nothing: identical bytes
        SQSEvent record = siteMessage(2);
        ChannelFunction function = stack.channel("site", stack.site);
        assertThat(failures(function.handleRequest(record, null))).isEmpty();
        Map<String, byte[]> published = stack.siteBytes();
        assertThat(new String(published.get("faq.html"), StandardCharsets.UTF_8)).contains("A paragraph added by the reliability test.");
        int mark = stack.logMark();
        assertThat(failures(function.handleRequest(record, null))).isEmpty();
        assertThat(stack.logsSince(mark)).contains("\"written\":0");
        Map<String, byte[]> again = stack.siteBytes();
        published.forEach((key, bytes) -> assertThat(again.get(key)).as(key).isEqualTo(bytes));
    }

    @Test
    void twentyPushesAtOnceLeaveALinearHistoryInTheOrderTheyWereReadEndingWithTheBucket() throws Exception {
        // GIVEN a hub holding a small valid tree as r1
        Stack stack = new Stack();
        Map<String, byte[]> base = Stack.files(ContentFixtures.tree());
        ingested(stack, base);
        AtomicInteger next = new AtomicInteger();

        // WHEN twenty editors push a page each at the same moment, each push's notification going to
        // its own ingest invocation; a failed invocation is redelivered (bounded, as the queue's maxReceiveCount)
        List<Integer> deliveries = AtOnce.run(20, () -> {
            int n = next.getAndIncrement();
            SQSEvent event = AwsEvents.sqsEvent(stack.push(Map.of("guides/push-" + n + ".md",
                    utf8(ContentFixtures.page("Push " + n, "guides", 10 + n, "## Push " + n + "\n\nText.\n")))));
            for (int delivery = 1; delivery <= 10; delivery++) {
                if (failures(stack.ingest.handleRequest(event, null)).isEmpty()) {
                    return delivery;
                }
            }
            throw new AssertionError("push " + n + " still failing after 10 deliveries");
        });

        // THEN the history is r1..rN without gap or duplicate, each the child of the one before
        assertThat(deliveries).hasSize(20);
        List<Revision> history = ConcurrentPushes.history(stack.revisions, HUB);
        assertThat(history).extracting(Revision::seq)
                .containsExactlyElementsOf(LongStream.rangeClosed(1, history.size()).boxed().toList());
        assertThat(history).allSatisfy(r -> {
            assertThat(r.accepted()).isTrue();
            assertThat(r.parent()).isEqualTo(r.seq() - 1);
        });
        assertThat(history).extracting(Revision::treeHash).doesNotHaveDuplicates();
        // AND each revision holds every page of the one before (trees were recorded in the order
        // they were read: an older read never landed on top of a newer one)
        Snapshots snapshots = new Snapshots(stack.blobs);
        Set<String> previous = Set.of();
        for (Revision r : history) {
            Set<String> paths = snapshots.load(r.manifest()).files().stream().map(ContentFile::path).collect(Collectors.toSet());
            assertThat(paths).as(r.id()).containsAll(previous);
            previous = paths;
        }
        // AND the newest revision is the bucket as it ends, all twenty pages in
        ContentTree bucketNow = new S3ContentSource(stack.s3, stack.contentBucket, Env.CONTENT_PREFIX).read();
        assertThat(history.get(history.size() - 1).treeHash()).isEqualTo(bucketNow.hash());
        assertThat(previous).hasSize(base.size() + 20);
    }

    @Test
    void aMessageThatAlwaysFailsIsReportedEveryTimeWithTheOnesAfterItAndTheMessageAfterItCarriesOnOnceItIsInTheDlq() {
        // GIVEN a batch of the site's FIFO queue whose first message can never be published (its
        // revision is not in the table: a poison message) followed by r1's message
        Stack stack = new Stack();
        ingested(stack, fixture());
        SQSEvent batch = AwsEvents.revisionMessages("site", "MODIFY", 999, 1);
        ChannelFunction function = stack.channel("site", stack.site);
        int receives = maxReceives("SiteQueue");

        // WHEN the batch is delivered: the handler reports the poison message and the one after it,
        // so r1 is not published before it (FIFO order)
        SQSBatchResponse whole = function.handleRequest(batch, null);
        assertThat(failures(whole)).containsExactly("site-r999", "site-r1");

        // AND SQS delivers them again up to the queue's maxReceiveCount: every time, both are reported
        for (int attempt = 2; attempt <= receives; attempt++) {
            assertThat(failures(function.handleRequest(batch, null))).as("receive " + attempt).containsExactly("site-r999", "site-r1");
        }
        assertThat(stack.logs()).contains("site failed for r999");

        // THEN (the poison message now in the site's DLQ) the message after it carries on
        SQSBatchResponse after = function.handleRequest(AwsEvents.revisionMessages("site", "MODIFY", 1), null);
        assertThat(failures(after)).isEmpty();
        assertThat(stack.revisions.get(HUB, 1).orElseThrow().channels().get("site").state()).isEqualTo(ChannelStatus.State.DONE);
    }

    @Test
    void aMessageReplayedFromTheDlqAfterANewerRevisionIsPublishedPutsNoOlderPageBack() {
        // GIVEN r1, whose site and feeds messages went to their DLQs (never published), and r2 published
        // by every channel on top of it
        Stack stack = new Stack();
        ingested(stack, fixture());
        assertThat(failures(stack.channel("guide", stack.site).handleRequest(AwsEvents.revisionMessages("guide", "INSERT", 1), null)))
                .isEmpty();
        ingested(stack, faqWith("A paragraph only r2 has."));
        deliverToEveryChannel(stack, 2);
        Map<String, String> published = stack.siteDigests();
        assertThat(new String(stack.s3.getObjectAsBytes(b -> b.bucket(stack.siteBucket).key("faq.html")).asByteArray(),
                StandardCharsets.UTF_8)).contains("A paragraph only r2 has.");
        int mark = stack.logMark();

        // WHEN an operator moves the DLQs' messages back (aws sqs start-message-move-task) and r1's are delivered
        SQSBatchResponse site = stack.channel("site", stack.site).handleRequest(siteMessage(1), null);
        SQSBatchResponse feeds = stack.channel("feeds", stack.site).handleRequest(AwsEvents.revisionMessages("feeds", "MODIFY", 1), null);

        // THEN both are acknowledged (not retried into the DLQ again), not one object of the site bucket
        // changed (r2's pages stay), and the log says why r1 was skipped
        assertThat(failures(site)).isEmpty();
        assertThat(failures(feeds)).isEmpty();
        assertThat(stack.siteDigests()).isEqualTo(published);
        assertThat(stack.logsSince(mark)).contains("skipped site of r1: a newer revision's site is already published")
                .contains("skipped feeds of r1: a newer revision's feeds is already published");
    }

    @Test
    void s3StoppingInTheMiddleOfAPublishFailsClearlyKeepsTheLastGoodSiteAndTheRetryCompletes() throws Exception {
        // GIVEN r1's site published (the last good site), and r2 (an edit and a new page) ingested
        Stack stack = new Stack();
        ingested(stack, fixture());
        assertThat(failures(stack.channel("site", stack.site).handleRequest(siteMessage(1), null))).isEmpty();
        ingested(stack, Map.of(
                "faq.md", utf8(FAQ + "\nA paragraph added by the reliability test.\n\nAnd a second one, for r2.\n"),
                "guides/on-call.md", utf8(ContentFixtures.page("Being on call", "guides", 90, "## Rotas\n\nText about rotas.\n"))));
        Revision r2 = stack.revisions.recent(HUB, 0).latest().orElseThrow();
        assertThat(r2.seq()).isEqualTo(2);
        Map<String, String> lastGood = stack.siteDigests();
        // AND a site store whose S3 goes away halfway through the publish (the emulator stopped:
        // the same bucket, reached at a loopback port where nothing listens any more)
        int halfway = lastGood.size() / 2;
        assertThat(halfway).as("objects before S3 stops").isGreaterThanOrEqualTo(4);
        S3Client stopped = S3Client.builder()
                .httpClient(AwsClients.httpClient())
                .endpointOverride(Emulators.deadEndpoint())
                .forcePathStyle(true)
                .serviceConfiguration(S3Configuration.builder().chunkedEncodingEnabled(false).build())
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()))
                .build();
        S3ArtifactStore unreachable = new S3ArtifactStore(stopped, stack.siteBucket, "");
        AtomicInteger requests = new AtomicInteger();
        ArtifactStore stopping = new ArtifactStore() {
            @Override
            public boolean put(Artifact artifact) {
                return (requests.incrementAndGet() <= halfway ? stack.site : unreachable).put(artifact);
            }

            @Override
            public void delete(String key) {
                (requests.incrementAndGet() <= halfway ? stack.site : unreachable).delete(key);
            }
        };
        SQSEvent record = siteMessage(2);

        // WHEN r2's message is published while S3 stops
        int mark = stack.logMark();
        SQSBatchResponse failed = stack.channel("site", stopping).handleRequest(record, null);

        // THEN the message is reported for retry, and the error says which object could not be written where
        assertThat(failures(failed)).containsExactly("site-r2");
        ChannelStatus status = stack.revisions.get(HUB, 2).orElseThrow().channels().get("site");
        assertThat(status.state()).isEqualTo(ChannelStatus.State.FAILED);
        assertThat(status.error()).startsWith("cannot write s3://" + stack.siteBucket + "/").contains("Unable to execute HTTP request");
        assertThat(stack.logsSince(mark)).contains("site failed for r2").contains("cannot write s3://" + stack.siteBucket + "/");
        // AND meanwhile the last good site is all there: no object deleted, each one whole (the
        // old object or the new one, never a mix or a half)
        Map<String, String> meanwhile = stack.siteDigests();
        assertThat(meanwhile.keySet()).containsAll(lastGood.keySet());

        // WHEN SQS delivers the message again with S3 back
        SQSBatchResponse retried = stack.channel("site", stack.site).handleRequest(record, null);

        // THEN the publish completes, and the bucket holds exactly the objects r2's status lists (bytes and headers)
        assertThat(failures(retried)).isEmpty();
        ChannelStatus done = stack.revisions.get(HUB, 2).orElseThrow().channels().get("site");
        assertThat(done.state()).isEqualTo(ChannelStatus.State.DONE);
        Map<String, String> published = new Snapshots(stack.blobs).listing(done.outputs());
        Map<String, String> after = stack.siteDigests();
        Map<String, String> versions = stack.siteVersions();
        published.forEach((key, version) -> assertThat(versions.get(key)).as(key).isEqualTo(version));
        assertThat(after).containsKey("guides/on-call.html");
        meanwhile.forEach((key, digest) -> assertThat(digest).as(key).isIn(lastGood.get(key), after.get(key)));
    }

    @Test
    void dynamoDbStoppingDuringAnIngestReportsTheMessagesAndTheRedeliveryRecordsOnce(@TempDir Path tables) throws IOException {
        // GIVEN a revision log on a dynalite process of this test's own (its tables on disk), r1 recorded, and a push
        Stack stack = new Stack();
        AtomicBoolean stopAtNextRequest = new AtomicBoolean();
        try (Dynalite dynalite = Dynalite.start(tables)) {
            ExecutionInterceptor outage = new ExecutionInterceptor() {
                @Override
                public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
                    if (stopAtNextRequest.getAndSet(false)) {
                        dynalite.stop();
                    }
                }
            };
            DynamoDbClient own = DynamoDbClient.builder().httpClient(AwsClients.httpClient()).endpointOverride(dynalite.endpoint())
                    .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()).addExecutionInterceptor(outage)).build();
            DynamoRevisionLog log = new DynamoRevisionLog(own, AwsFixtures.revisionsTable(own, "revisions"), stack.blobs);
            IngestFunction ingest = stack.ingestFunction(log);
            assertThat(failures(ingest.handleRequest(AwsEvents.sqsEvent(stack.push(fixture())), null))).isEmpty();
            SQSEvent batch = AwsEvents.sqsEvent(stack.push(Map.of("guides/on-call.md",
                    utf8(ContentFixtures.page("Being on call", "guides", 90, "## Rotas\n\nText about rotas, edited.\n")))));
            int mark = stack.logMark();

            // WHEN the process is stopped as the ingest sends its first DynamoDB request (the content already read from
            // S3), and the batch is redelivered after dynalite is started again on its port and its data
            stopAtNextRequest.set(true);
            SQSBatchResponse down = ingest.handleRequest(batch, null);
            String logged = stack.logsSince(mark);
            assertThat(dynalite.running()).as("dynalite was stopped mid-run").isFalse();
            dynalite.restart();
            SQSBatchResponse back = ingest.handleRequest(batch, null);

            // THEN the first attempt reported its message with a logged error, and the redelivery recorded r2, once
            assertThat(failures(down)).hasSize(1);
            assertThat(logged).contains("\"level\":\"ERROR\"").contains("go back to the queue")
                    .contains("SdkClientException").contains("Unable to execute HTTP request");
            assertThat(failures(back)).isEmpty();
            assertThat(ConcurrentPushes.history(log, HUB)).extracting(Revision::seq).containsExactly(1L, 2L);
        }
    }
}
