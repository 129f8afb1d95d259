package dev.hubpress.functions;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import dev.hubpress.aws.function.JsonLog;
import dev.hubpress.aws.function.Metrics;
import dev.hubpress.aws.testing.HttpClients;
import dev.hubpress.core.content.ContentTree;
import dev.hubpress.core.revision.Revision;
import dev.hubpress.core.testing.ContentFixtures;
import dev.hubpress.core.testing.FixedClock;
import dev.hubpress.core.testing.InMemoryBlobStore;
import dev.hubpress.core.testing.InMemoryRevisionLog;
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
    }, new InMemoryBlobStore(), revisions, FixedClock.standard(),
            new JsonLog("ingest", print, FixedClock.standard()), new Metrics("ingest", print, FixedClock.standard()));

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
        tree.set(null);
        SQSBatchResponse response = function.handleRequest(batch(
                message("a", created("content/index.md", "01")), message("t", "{\"Event\":\"s3:TestEvent\"}"),
                message("b", created("content/hub.yaml", "02"))), null);
        assertThat(failed(response)).containsExactly("a", "b");
        assertThat(revisions.all("hub")).isEmpty();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("\"level\":\"ERROR\"").contains("S3 is down");
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
    void sequencersCompareAsHexadecimalNumbers() {
        assertThat(IngestFunction.later("0062E99A88DC407461", "0062E99A88DC407460")).isTrue();
        assertThat(IngestFunction.later("FF", "0100")).isFalse();
        assertThat(IngestFunction.later("0100", "FF")).isTrue();
        assertThat(IngestFunction.later("01", "")).isTrue();
    }

    @Test
    void theFunctionsClasspathHasNoApacheOrNettyHttpClient() {
        assertThat(HttpClients.forbiddenLoadable(getClass().getClassLoader())).isEmpty();
        assertThat(HttpClients.urlConnectionLoadable(getClass().getClassLoader())).isTrue();
    }
}
