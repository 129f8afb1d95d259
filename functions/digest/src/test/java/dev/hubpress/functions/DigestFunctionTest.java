package dev.hubpress.functions;

import dev.hubpress.core.testing.Gates;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import dev.hubpress.lambda.EmfLines;
import dev.hubpress.lambda.JsonLog;
import dev.hubpress.lambda.RuntimeEvents;
import dev.hubpress.lambda.Metrics;
import dev.hubpress.aws.testing.HttpClients;
import dev.hubpress.core.gate.GateLimits;
import dev.hubpress.core.gate.PublishGate;
import dev.hubpress.core.mail.Cadence;
import dev.hubpress.core.markdown.MarkdownEngine;
import dev.hubpress.core.publish.IngestRevision;
import dev.hubpress.core.publish.Snapshots;
import dev.hubpress.core.testing.ContentFixtures;
import dev.hubpress.core.testing.FixedClock;
import dev.hubpress.core.testing.InMemoryBlobStore;
import dev.hubpress.core.testing.InMemoryRevisionLog;
import dev.hubpress.core.testing.InMemorySendLedger;
import dev.hubpress.core.testing.InMemorySubscriberDirectory;
import dev.hubpress.core.testing.MailFixtures;
import dev.hubpress.core.testing.RecordingMailer;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class DigestFunctionTest {

    private final InMemoryBlobStore blobs = new InMemoryBlobStore();
    private final InMemoryRevisionLog revisions = new InMemoryRevisionLog();
    private final InMemorySubscriberDirectory directory = new InMemorySubscriberDirectory();
    private final RecordingMailer mailer = new RecordingMailer();
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8);
    private final DigestRunner runner = new DigestRunner("hub", revisions, blobs, directory, new InMemorySendLedger(), mailer,
            MailFixtures.tokens(), new MailFixtures.RecordingSleeper().backoff(3), FixedClock.standard(),
            new JsonLog("digest", print, FixedClock.standard()), new Metrics("digest", "test", print, FixedClock.standard()));

    private void ingest() {
        new IngestRevision("hub", Gates.gate(), Gates.loader(), new Snapshots(blobs), revisions,
                FixedClock.standard()).ingest(ContentFixtures.repositoryTree(), "test");
    }

    @Test
    void theSampleStreamRecordSendsEveryUpdateSubscribersTheirDigestOnce() {
        // GIVEN r1 and two confirmed subscribers, one every update, one weekly
        ingest();
        directory.create(MailFixtures.confirmed(1, 0, Cadence.EVERY_UPDATE));
        directory.create(MailFixtures.confirmed(2, 0, Cadence.WEEKLY));
        DynamodbEvent event = EventLoader.loadDynamoDbEvent("events/digest-stream.json");

        // WHEN r1's stream record is handled twice (a retry)
        StreamsEventResponse first = new DigestFunction(runner).handleRequest(event, null);
        StreamsEventResponse again = new DigestFunction(runner).handleRequest(event, null);

        // THEN only the every-update subscriber got one digest, with the one-click headers, and it is logged and counted
        assertThat(first.getBatchItemFailures()).isEmpty();
        assertThat(again.getBatchItemFailures()).isEmpty();
        assertThat(mailer.recipients()).containsExactly("s1@example.com");
        assertThat(mailer.sent().get(0).headers()).containsKeys("List-Unsubscribe", "List-Unsubscribe-Post");
        assertThat(directory.get("s000001").orElseThrow().lastDeliveredSeq()).isEqualTo(1);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("\"revision\":\"r1\"").contains("\"EmailsSent\":1.0");
        assertThat(EmfLines.metrics(out.toString(StandardCharsets.UTF_8))).isEqualTo(DigestRunner.METRICS);
    }

    /** The sample as the managed runtime hands it to the handler (its own serializer, the handler's input type). */
    private static Map<String, Object> scheduled(String json) {
        return RuntimeEvents.read(WeeklyDigestFunction.class, json);
    }

    private static String sample(String name) throws IOException {
        try (InputStream in = DigestFunctionTest.class.getClassLoader().getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void theWeeklyScheduleSendsWeeklySubscribersTheNewestRevision() throws IOException {
        // GIVEN r1 and a weekly subscriber
        ingest();
        directory.create(MailFixtures.confirmed(2, 0, Cadence.WEEKLY));

        // WHEN EventBridge Scheduler's event (detail "{}", a string) reaches the handler through the runtime
        String summary = new WeeklyDigestFunction(runner).handleRequest(scheduled(sample("events/weekly-schedule.json")), null);

        // THEN the weekly subscriber got the digest, and the log names the schedule's event and time
        assertThat(summary).startsWith("1 sent");
        assertThat(mailer.recipients()).containsExactly("s2@example.com");
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("\"scheduledAt\":\"2026-03-16T07:00:00Z\"");
    }

    @Test
    void theWeeklyHandlerTakesSchedulersStringDetailAndARulesObjectDetail() throws IOException {
        // GIVEN Scheduler's event, and the same with an EventBridge rule's "detail": {} (an older schedule, a hand-made event)
        String scheduler = sample("events/weekly-schedule.json");
        String rule = scheduler.replace("\"detail\": \"{}\"", "\"detail\": {}").replace("aws.scheduler", "aws.events");

        // WHEN / THEN the runtime reads both into the handler's type, detail as sent
        assertThat(scheduled(scheduler)).containsEntry("detail", "{}").containsEntry("source", "aws.scheduler");
        assertThat(scheduled(rule)).containsEntry("detail", Map.of()).containsEntry("source", "aws.events");
        assertThat(new WeeklyDigestFunction(runner).handleRequest(scheduled(rule), null)).isEqualTo("nothing published yet");
    }

    @Test
    void nothingPublishedMeansNoDigest() throws IOException {
        assertThat(new WeeklyDigestFunction(runner).handleRequest(scheduled(sample("events/weekly-schedule.json")), null))
                .isEqualTo("nothing published yet");
    }

    @Test
    void theFunctionsClasspathHasNoApacheOrNettyHttpClient() {
        assertThat(HttpClients.forbiddenLoadable(getClass().getClassLoader())).isEmpty();
    }
}
