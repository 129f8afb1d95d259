package dev.hubpress.functions;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import dev.hubpress.lambda.EmfLines;
import dev.hubpress.lambda.JsonLog;
import dev.hubpress.lambda.Metric;
import dev.hubpress.lambda.Metrics;
import dev.hubpress.aws.testing.HttpClients;
import dev.hubpress.core.content.ContentTree;
import dev.hubpress.core.load.ContentReader;
import dev.hubpress.core.markdown.MarkdownEngine;
import dev.hubpress.core.revision.Revision;
import dev.hubpress.core.testing.ContentFixtures;
import dev.hubpress.core.testing.FixedClock;
import dev.hubpress.core.testing.InMemoryBlobStore;
import dev.hubpress.core.testing.InMemoryRevisionLog;
import dev.hubpress.core.testing.RefusingRenderCache;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

class IngestFunctionTest {

    private static final String BUCKET = "hubpress-dev-content-123456789012-us-east-1";

    private final InMemoryRevisionLog revisions = new InMemoryRevisionLog();
    private final InMemoryBlobStore blobs = new InMemoryBlobStore();
    private final AtomicReference<ContentTree> tree = new AtomicReference<>(ContentFixtures.tree());
    private final AtomicInteger reads = new AtomicInteger();
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8);
    private final IngestFunction function = new IngestFunction("hub", BUCKET, () -> {
        reads.incrementAndGet();
        ContentTree current = tree.get();
        if (current == null) {
            throw new UncheckedIOException(new java.io.IOException("S3 is down"));
        }
        return current;
    }, blobs, revisions, FixedClock.standard(),
            new JsonLog("ingest", print, FixedClock.standard()), new Metrics("ingest", "test", print, FixedClock.standard()));

    private static SQSEvent.SQSMessage message(String id, String body) {
        SQSEvent.SQSMessage message = new SQSEvent.SQSMessage();
        message.setMessageId(id);
        message.setBody(body);
        return message;
    }

    private static String created(String key, String sequencer) {
        return "{\"Records\":[{\"eventVersion\":\"2.1\",\"eventSource\":\"aws:s3\",\"eventName\":\"ObjectCreated:Put\","
                + "\"s3\":{\"bucket\":{\"name\":\"" + BUCKET + "\"},\"object\":{\"key\":\"" + key + "\",\"sequencer\":\"" + sequencer + "\"}}}]}";
    }

    private static SQSEvent batch(SQSEvent.SQSMessage... messages) {
        SQSEvent event = new SQSEvent();
        event.setRecords(new ArrayList<>(List.of(messages)));
        return event;
    }

    private static List<String> failed(SQSBatchResponse response) {
        return response.getBatchItemFailures().stream().map(SQSBatchResponse.BatchItemFailure::getItemIdentifier).toList();
    }

    @Test
    void theSampleEventRecordsOneAcceptedRevisionWithItsTrigger() {
        // GIVEN the sample event of events/ (a content push and the s3:TestEvent)
        SQSEvent event = EventLoader.loadSQSEvent("events/ingest-sqs.json");

        // WHEN it is handled
        SQSBatchResponse response = function.handleRequest(event, null);

        // THEN r1 is accepted, nothing failed, and logs and EMF metrics are JSON lines naming the revision
        assertThat(failed(response)).isEmpty();
        Revision r1 = revisions.latest("hub").orElseThrow();
        assertThat(r1.accepted()).isTrue();
        assertThat(r1.trigger()).isEqualTo("s3 ObjectCreated:Put content/careers/mid-to-senior.md; sequencer 0062E99A88DC407460");
        String logs = out.toString(StandardCharsets.UTF_8);
        assertThat(logs.lines()).allSatisfy(line -> assertThat(line).startsWith("{").endsWith("}"));
        assertThat(logs).contains("\"revision\":\"r1\"").contains("\"outcome\":\"accepted\"")
                .contains("\"_aws\":{\"Timestamp\":").contains("\"Namespace\":\"hubpress\"").contains("\"RevisionsAccepted\":1.0");
        assertThat(EmfLines.metrics(logs)).isNotEmpty().isSubsetOf(IngestFunction.METRICS);
    }

    @Test
    void aRenderCacheThatRefusesEveryRequestCostsAWarningAndAMetricNotTheIngest() {
        // GIVEN an ingest whose render cache refuses every read and write (a policy denying its prefix)
        RefusingRenderCache refusing = new RefusingRenderCache();
        IngestFunction ingesting = new IngestFunction("hub", BUCKET, tree::get, blobs, revisions, FixedClock.standard(),
                new JsonLog("ingest", print, FixedClock.standard()), new Metrics("ingest", "test", print, FixedClock.standard()),
                new ContentReader(MarkdownEngine.standard(), refusing), refusing, PushSettle.none());

        // WHEN the sample event is handled
        SQSBatchResponse response = ingesting.handleRequest(EventLoader.loadSQSEvent("events/ingest-sqs.json"), null);

        // THEN r1 is accepted and no message is retried, and the refusals are one warning and the metric
        assertThat(failed(response)).isEmpty();
        assertThat(revisions.latest("hub").orElseThrow().accepted()).isTrue();
        assertThat(refusing.failures()).isPositive();
        String logs = out.toString(StandardCharsets.UTF_8);
        assertThat(logs.lines().filter(line -> line.contains("the render cache failed"))).singleElement().asString()
                .contains("the render cache failed " + refusing.failures() + " reads or writes during the ingest of r1")
                .contains("\"level\":\"WARN\"");
        assertThat(logs).contains("\"RenderCacheFailures\":" + refusing.failures() + ".0");
    }

    @Test
    void aCacheThatServesEveryRequestIsAZeroInTheMetricAndNoWarning() {
        // GIVEN the sample event
        SQSEvent event = EventLoader.loadSQSEvent("events/ingest-sqs.json");

        // WHEN it is handled by an ingest whose render cache answers every request
        function.handleRequest(event, null);

        // THEN the metric is there, at 0, and nothing warns of the cache
        String logs = out.toString(StandardCharsets.UTF_8);
        assertThat(logs).contains("\"RenderCacheFailures\":0.0").doesNotContain("the render cache failed");
    }

    @Test
    void aBatchThatALaterChangeSupersedesIsAcknowledgedWithoutReadingTheTree() {
        // GIVEN a bucket to which the push writes one more file while the batch of its first file waits
        java.time.Instant event = java.time.Instant.parse("2026-12-02T10:00:00.250Z");
        dev.hubpress.aws.S3ContentSource.Listed index = new dev.hubpress.aws.S3ContentSource.Listed("content/index.md", "\"e1\"", 10,
                event.minusSeconds(1));
        dev.hubpress.aws.S3ContentSource.Listed later = new dev.hubpress.aws.S3ContentSource.Listed("content/later.md", "\"e2\"", 10,
                event.plusSeconds(2));
        AtomicInteger listings = new AtomicInteger();
        java.util.function.Supplier<java.util.Map<String, dev.hubpress.aws.S3ContentSource.Listed>> listing = () ->
                listings.incrementAndGet() == 1 ? java.util.Map.of(index.key(), index) : java.util.Map.of(index.key(), index, later.key(), later);
        IngestFunction settling = new IngestFunction("hub", BUCKET, () -> {
            reads.incrementAndGet();
            return tree.get();
        }, blobs, revisions, FixedClock.standard(), new JsonLog("ingest", print, FixedClock.standard()),
                new Metrics("ingest", "test", print, FixedClock.standard()), new dev.hubpress.core.load.ContentReader(
                        dev.hubpress.core.markdown.MarkdownEngine.standard()), dev.hubpress.core.port.RenderCache.NONE,
                new PushSettle(listing, "content/", PushSettle.QUIET, PushSettle.POLL, java.time.Clock.systemUTC(), d -> { }));
        String body = created("content/index.md", "01").replace("\"eventName\"", "\"eventTime\":\"" + event + "\",\"eventName\"");

        // WHEN its batch is handled
        SQSBatchResponse response = settling.handleRequest(batch(message("a", body)), null);

        // THEN it is acknowledged, the tree was not read, nothing was recorded, and the log says why
        assertThat(listings).hasValue(2);
        assertThat(failed(response)).isEmpty();
        assertThat(reads).hasValue(0);
        assertThat(revisions.all("hub")).isEmpty();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("\"outcome\":\"superseded\"").contains("\"settle\":\"superseded\"");
        assertThat(EmfLines.metrics(out.toString(StandardCharsets.UTF_8))).isSubsetOf(IngestFunction.METRICS);
    }

    @Test
    void onlyTheTestEventReadsNothing() {
        SQSBatchResponse response = function.handleRequest(batch(message("t",
                "{\"Service\":\"Amazon S3\",\"Event\":\"s3:TestEvent\",\"Bucket\":\"" + BUCKET + "\"}")), null);
        assertThat(failed(response)).isEmpty();
        assertThat(reads).hasValue(0);
        assertThat(revisions.latest("hub")).isEmpty();
    }

    @Test
    void aMalformedMessageIsReportedAloneAndTheRestCommitOnce() {
        // GIVEN a push of three files, one message garbled, one duplicated
        SQSEvent event = batch(
                message("a", created("content/index.md", "01")),
                message("bad", "{\"Records\":[{\"eventSource\":\"aws:s3\"}]}"),
                message("b", created("content/hub.yaml", "02")),
                message("b-again", created("content/hub.yaml", "02")),
                message("not-json", "<xml/>"));

        // WHEN the batch is handled
        SQSBatchResponse response = function.handleRequest(event, null);

        // THEN exactly the bad messages are reported, the tree was read once and one revision exists
        assertThat(failed(response)).containsExactly("bad", "not-json");
        assertThat(reads).hasValue(1);
        assertThat(revisions.all("hub")).hasSize(1);
        assertThat(revisions.latest("hub").orElseThrow().trigger()).contains("content/hub.yaml, content/index.md");
    }

    @Test
    void aDuplicatedNotificationInALaterBatchCreatesNothing() {
        function.handleRequest(batch(message("a", created("content/index.md", "01"))), null);
        SQSBatchResponse again = function.handleRequest(batch(message("a2", created("content/index.md", "01"))), null);
        assertThat(failed(again)).isEmpty();
        assertThat(revisions.all("hub")).hasSize(1);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("\"outcome\":\"unchanged\"");
    }

    @Test
    void deletesAndUrlEncodedKeysIngestTheTreeAsItIsNow() {
        function.handleRequest(batch(message("a", created("content/index.md", "01"))), null);
        tree.set(ContentFixtures.tree("guides/a b.md", ContentFixtures.page("A b", "guides", 1, "## X\n\nText.\n")));
        String removed = "{\"Records\":[{\"eventSource\":\"aws:s3\",\"eventName\":\"ObjectRemoved:Delete\",\"s3\":{\"bucket\":"
                + "{\"name\":\"" + BUCKET + "\"},\"object\":{\"key\":\"content/guides/a+b.md\",\"sequencer\":\"03\"}}}]}";
        SQSBatchResponse response = function.handleRequest(batch(message("d", removed)), null);
        assertThat(failed(response)).isEmpty();
        Revision r2 = revisions.latest("hub").orElseThrow();
        assertThat(r2.seq()).isEqualTo(2);
        assertThat(r2.trigger()).isEqualTo("s3 ObjectRemoved:Delete content/guides/a b.md; sequencer 03");
    }

    @Test
    void changesOutsideTheContentPrefixOrBucketAreIgnored() {
        String other = "{\"Records\":[{\"eventSource\":\"aws:s3\",\"eventName\":\"ObjectCreated:Put\",\"s3\":{\"bucket\":"
                + "{\"name\":\"someone-elses\"},\"object\":{\"key\":\"content/x.md\"}}}]}";
        SQSBatchResponse response = function.handleRequest(batch(message("o", other), message("p", created("drafts/x.md", "1"))), null);
        assertThat(failed(response)).isEmpty();
        assertThat(reads).hasValue(0);
    }

    @Test
    void whenTheIngestFailsTheMessagesThatAskedForItAreReportedNotThrown() {
        // GIVEN a bucket that cannot be read
        tree.set(null);

        // WHEN a batch asks for an ingest
        SQSBatchResponse response = function.handleRequest(batch(
                message("a", created("content/index.md", "01")), message("t", "{\"Event\":\"s3:TestEvent\"}"),
                message("b", created("content/hub.yaml", "02"))), null);

        // THEN the messages that asked are reported, nothing is recorded, the error is logged and the failure counted
        assertThat(failed(response)).containsExactly("a", "b");
        assertThat(revisions.all("hub")).isEmpty();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("\"level\":\"ERROR\"").contains("S3 is down");
        assertThat(EmfLines.metrics(out.toString(StandardCharsets.UTF_8))).contains(Metric.INGEST_FAILURES)
                .isSubsetOf(IngestFunction.METRICS);
    }

    @Test
    void aRejectedTreeIsARecordedRevisionNotAFailedMessage() {
        tree.set(ContentFixtures.tree("guides/x.md", "no front matter"));
        SQSBatchResponse response = function.handleRequest(batch(message("a", created("content/guides/x.md", "1"))), null);
        assertThat(failed(response)).isEmpty();
        assertThat(revisions.latest("hub").orElseThrow().accepted()).isFalse();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("\"outcome\":\"rejected\"").contains("guides/x.md:");
    }

    @Test
    void aRejectionWithThousandsOfErrorsLogsTheirCountAndTheFirstFewInOneSmallLine() {
        // GIVEN a push of 2,000 pages without front matter: 2,000 gate errors
        java.util.List<String> pathsAndTexts = new java.util.ArrayList<>();
        for (int i = 0; i < 2_000; i++) {
            pathsAndTexts.add("guides/x" + i + ".md");
            pathsAndTexts.add("no front matter");
        }
        tree.set(ContentFixtures.tree(pathsAndTexts.toArray(String[]::new)));

        // WHEN it is ingested
        function.handleRequest(batch(message("a", created("content/guides/x0.md", "1"))), null);

        // THEN the revision keeps every error, and the log line names the count and the first 20,
        // far inside CloudWatch's 256 KB per event
        assertThat(revisions.latest("hub").orElseThrow().errors()).hasSizeGreaterThanOrEqualTo(2_000);
        String line = out.toString(StandardCharsets.UTF_8).lines().filter(l -> l.contains("\"outcome\":\"rejected\"")
                && l.contains("\"level\"")).findFirst().orElseThrow();
        assertThat(line).contains("\"errorCount\":").hasSizeLessThan(16_000);
        assertThat(line.split("guides/x", -1)).hasSizeLessThanOrEqualTo(IngestReport.LOGGED_ERRORS + 1);
    }

    @Test
    void sequencersCompareAsHexadecimalNumbers() {
        assertThat(IngestBatch.later("0062E99A88DC407461", "0062E99A88DC407460")).isTrue();
        assertThat(IngestBatch.later("FF", "0100")).isFalse();
        assertThat(IngestBatch.later("0100", "FF")).isTrue();
        assertThat(IngestBatch.later("01", "")).isTrue();
    }

    private static String removed(String key, String sequencer) {
        return created(key, sequencer).replace("ObjectCreated:Put", "ObjectRemoved:Delete");
    }

    private IngestFunction functionReading(java.util.function.Supplier<ContentTree> bucket, dev.hubpress.core.port.RevisionLog log) {
        return new IngestFunction("hub", BUCKET, bucket::get, blobs, log, FixedClock.standard(),
                new JsonLog("ingest", print, FixedClock.standard()), new Metrics("ingest", "test", print, FixedClock.standard()));
    }

    @Test
    void notificationsOutOfOrderEndInTheStateOfTheBucket() {
        // GIVEN a bucket holding the hub plus page c, and the notifications of its last two writes
        // arriving newest first, with S3 sequencers of different lengths (the older one is shorter)
        ContentTree withC = ContentFixtures.with(ContentFixtures.tree(), "guides/c.md",
                ContentFixtures.page("C", "guides", 3, "## C\n\nText.\n").getBytes(StandardCharsets.UTF_8));
        tree.set(withC);
        SQSBatchResponse newer = function.handleRequest(batch(message("n", created("content/guides/c.md", "0062E99A88DC407461"))), null);

        // WHEN the older notification is processed after the newer one
        SQSBatchResponse older = function.handleRequest(batch(message("o", created("content/index.md", "62E99A88DC4074"))), null);

        // THEN one revision holds the bucket's tree; the late, older notification rolls nothing back
        assertThat(failed(newer)).isEmpty();
        assertThat(failed(older)).isEmpty();
        assertThat(revisions.all("hub")).singleElement().satisfies(r -> {
            assertThat(r.treeHash()).isEqualTo(withC.hash());
            assertThat(r.trigger()).endsWith("sequencer 0062E99A88DC407461");
        });

        // AND in one batch the trigger names the later sequencer after padding ("0100" > "FF"), whatever the order
        tree.set(ContentFixtures.tree());
        function.handleRequest(batch(message("x", removed("content/guides/c.md", "0100")),
                message("y", created("content/index.md", "FF"))), null);
        assertThat(revisions.latest("hub").orElseThrow().trigger()).endsWith("sequencer 0100");
    }

    @Test
    void aDeleteRacingAPutEndsAsTheBucketEndsWhicheverNotificationComesLast() {
        // GIVEN page c put and then deleted: the bucket ends without c
        ContentTree without = ContentFixtures.tree();
        ContentTree withC = ContentFixtures.with(without, "guides/c.md",
                ContentFixtures.page("C", "guides", 3, "## C\n\nText.\n").getBytes(StandardCharsets.UTF_8));
        tree.set(without);

        // WHEN the delete's notification arrives first and the put's (older) last
        function.handleRequest(batch(message("d", removed("content/guides/c.md", "0A"))), null);
        function.handleRequest(batch(message("p", created("content/guides/c.md", "09"))), null);

        // THEN the head is the bucket's tree without c: the late put did not resurrect it
        assertThat(revisions.all("hub")).hasSize(1);
        assertThat(revisions.latest("hub").orElseThrow().treeHash()).isEqualTo(without.hash());

        // AND GIVEN the opposite race (deleted, then put again: the bucket ends with c), notified out of order
        tree.set(withC);
        function.handleRequest(batch(message("p2", created("content/guides/c.md", "0C"))), null);
        function.handleRequest(batch(message("d2", removed("content/guides/c.md", "0B"))), null);

        // THEN the head holds c, once
        assertThat(revisions.all("hub")).hasSize(2);
        assertThat(revisions.latest("hub").orElseThrow().treeHash()).isEqualTo(withC.hash());
    }

    @Test
    void aSlowIngestHoldingAnOlderReadNeverLandsOnTopOfANewerOne() {
        // GIVEN r1, then two pushes ingested at once (the queue allows two concurrent ingests):
        // ingest A reads the bucket holding push 1; while A is still busy, push 2 lands and
        // ingest B reads it and records it first
        function.handleRequest(batch(message("a0", created("content/index.md", "01"))), null);
        ContentTree push1 = ContentFixtures.with(ContentFixtures.tree(), "guides/one.md",
                ContentFixtures.page("One", "guides", 3, "## One\n\nText.\n").getBytes(StandardCharsets.UTF_8));
        ContentTree push2 = ContentFixtures.with(push1, "guides/two.md",
                ContentFixtures.page("Two", "guides", 4, "## Two\n\nText.\n").getBytes(StandardCharsets.UTF_8));
        AtomicReference<ContentTree> bucket = new AtomicReference<>(push1);
        IngestFunction b = functionReading(bucket::get, revisions);
        AtomicInteger aReads = new AtomicInteger();
        IngestFunction a = functionReading(() -> {
            ContentTree read = bucket.get();
            if (aReads.incrementAndGet() == 1) {
                bucket.set(push2);
                assertThat(failed(b.handleRequest(batch(message("b", created("content/guides/two.md", "03"))), null))).isEmpty();
            }
            return read;
        }, revisions);

        // WHEN A finishes after B
        SQSBatchResponse response = a.handleRequest(batch(message("a", created("content/guides/one.md", "02"))), null);

        // THEN the head is the bucket's tree (push 2), recorded once; A's older read was not recorded on top of it
        assertThat(failed(response)).isEmpty();
        assertThat(revisions.all("hub")).extracting(Revision::treeHash)
                .containsExactly(ContentFixtures.tree().hash(), push2.hash());
        assertThat(revisions.latest("hub").orElseThrow().treeHash()).isEqualTo(bucket.get().hash());
    }

    @Test
    void anIngestThatDiesAfterRecordingItsRevisionIsRedeliveredWithoutADuplicate() {
        // GIVEN a revision log whose first claim is written but whose answer is lost (the function
        // times out or the connection drops after DynamoDB committed the item)
        AtomicInteger claims = new AtomicInteger();
        dev.hubpress.core.port.RevisionLog flaky = new dev.hubpress.core.port.RevisionLog() {
            @Override
            public dev.hubpress.core.revision.History recent(String hub, int accepted) {
                return revisions.recent(hub, accepted);
            }

            @Override
            public java.util.Optional<Revision> get(String hub, long seq) {
                return revisions.get(hub, seq);
            }

            @Override
            public boolean claim(Revision revision) {
                boolean claimed = revisions.claim(revision);
                if (claims.incrementAndGet() == 1) {
                    throw new java.io.UncheckedIOException(new java.io.IOException("connection reset after the write"));
                }
                return claimed;
            }

            @Override
            public void recordChannel(String hub, long seq, String channel, dev.hubpress.core.revision.ChannelStatus status) {
                revisions.recordChannel(hub, seq, channel, status);
            }
        };
        IngestFunction dying = functionReading(tree::get, flaky);
        SQSEvent push = batch(message("a", created("content/index.md", "01")), message("b", created("content/hub.yaml", "02")));

        // WHEN the batch fails after the write, and SQS redelivers the same messages
        SQSBatchResponse first = dying.handleRequest(push, null);
        SQSBatchResponse redelivered = dying.handleRequest(push, null);

        // THEN the first attempt reported its messages (not the whole batch), the redelivery
        // found the tree already recorded, and the log holds exactly one revision
        assertThat(failed(first)).containsExactly("a", "b");
        assertThat(failed(redelivered)).isEmpty();
        assertThat(revisions.all("hub")).singleElement().satisfies(r -> assertThat(r.seq()).isEqualTo(1));
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("\"outcome\":\"unchanged\"");
    }

    @Test
    void theFunctionsClasspathHasNoApacheOrNettyHttpClient() {
        assertThat(HttpClients.forbiddenLoadable(getClass().getClassLoader())).isEmpty();
        assertThat(HttpClients.urlConnectionLoadable(getClass().getClassLoader())).isTrue();
    }
}
