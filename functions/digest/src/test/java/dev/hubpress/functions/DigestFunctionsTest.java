package dev.hubpress.functions;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import dev.hubpress.aws.testing.HttpClients;
import dev.hubpress.core.mail.Cadence;
import dev.hubpress.core.mail.SendJob;
import dev.hubpress.core.mail.SendPacer;
import dev.hubpress.core.port.MessageQueue;
import dev.hubpress.core.publish.IngestRevision;
import dev.hubpress.core.publish.Snapshots;
import dev.hubpress.core.revision.Announcements;
import dev.hubpress.core.revision.ChannelStatus;
import dev.hubpress.core.testing.ContentFixtures;
import dev.hubpress.core.testing.FixedClock;
import dev.hubpress.core.testing.Gates;
import dev.hubpress.core.testing.InMemoryBlobStore;
import dev.hubpress.core.testing.InMemoryMessageQueue;
import dev.hubpress.core.testing.InMemoryRevisionLog;
import dev.hubpress.core.testing.InMemorySendLedger;
import dev.hubpress.core.testing.InMemorySubscriberDirectory;
import dev.hubpress.core.testing.MailFixtures;
import dev.hubpress.core.testing.RecordingMailer;
import dev.hubpress.core.testing.RefusingRenderCache;
import dev.hubpress.lambda.EmfLines;
import dev.hubpress.lambda.JsonLog;
import dev.hubpress.lambda.Metrics;
import dev.hubpress.lambda.RuntimeEvents;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The digest functions on the ports' fakes, with the sample events of events/. */
class DigestFunctionsTest {

    private final InMemoryBlobStore blobs = new InMemoryBlobStore();
    private final InMemoryRevisionLog revisions = new InMemoryRevisionLog();
    private final InMemorySubscriberDirectory directory = new InMemorySubscriberDirectory();
    private final InMemoryMessageQueue sendQueue = new InMemoryMessageQueue(false);
    private final InMemoryMessageQueue planQueue = new InMemoryMessageQueue(true);
    private final RecordingMailer mailer = new RecordingMailer();
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8);

    private DigestRunner runner(String function) {
        return runner(function, dev.hubpress.core.port.RenderCache.NONE);
    }

    private DigestRunner runner(String function, dev.hubpress.core.port.RenderCache cache) {
        return new DigestRunner("hub", revisions, blobs, cache, directory, sendQueue, planQueue,
                DigestRunner.sender("hub", revisions, directory, new InMemorySendLedger(), mailer, MailFixtures.tokens(),
                        new MailFixtures.RecordingSleeper().backoff(3), new SendPacer(1000, () -> 0, d -> { }), FixedClock.standard()),
                MailFixtures.ROUTING, new JsonLog(function, print, FixedClock.standard()), new Metrics(function, "test", print, FixedClock.standard()));
    }

    private void ingest(boolean sitePublished) {
        ingest(ContentFixtures.repositoryTree(), sitePublished);
    }

    private void ingest(dev.hubpress.core.content.ContentTree tree, boolean sitePublished) {
        new IngestRevision("hub", Gates.gate(), Gates.loader(), new Snapshots(blobs), revisions,
                FixedClock.standard()).ingest(tree, "test");
        revisions.recordChannel("hub", 1, Announcements.SITE, sitePublished ? ChannelStatus.done(1, 1, 1, "listing")
                : ChannelStatus.failed(1, "bucket unavailable"));
    }

    private SQSEvent jobs() {
        List<SQSEvent.SQSMessage> messages = sendQueue.take().stream().map(m -> {
            SQSEvent.SQSMessage message = new SQSEvent.SQSMessage();
            message.setMessageId("job-" + m.body().hashCode());
            message.setBody(m.body());
            return message;
        }).toList();
        SQSEvent event = new SQSEvent();
        event.setRecords(messages);
        return event;
    }

    /** The sample as the managed runtime hands it to the handler (its own serializer, the handler's input type). */
    private static Map<String, Object> scheduled(String json) {
        return RuntimeEvents.read(WeeklyDigestFunction.class, json);
    }

    private static String sample(String name) {
        try (InputStream in = DigestFunctionsTest.class.getClassLoader().getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void theSamplePlanMessagePutsTheDueSubscribersOnTheSendQueueAndTheSenderMailsThemOnce() {
        // GIVEN r1 with its site published, and two confirmed subscribers behind it, one every update, one weekly
        ingest(true);
        directory.create(MailFixtures.confirmed(1, 0, Cadence.EVERY_UPDATE));
        directory.create(MailFixtures.confirmed(2, 0, Cadence.WEEKLY));

        // WHEN the planner handles the sample message (the site's outcome on r1), and the sender its jobs twice (a redelivery)
        SQSBatchResponse planned = new DigestPlannerFunction(runner("digest-planner"))
                .handleRequest(EventLoader.loadSQSEvent("events/digest-plan-sqs.json"), null);
        assertThat(EmfLines.metrics(out.toString(StandardCharsets.UTF_8))).isEqualTo(DigestRunner.PLANNER_METRICS);
        out.reset();
        SQSEvent jobs = jobs();
        SQSBatchResponse first = new DigestSenderFunction(runner("digest-sender")).handleRequest(jobs, null);
        SQSBatchResponse again = new DigestSenderFunction(runner("digest-sender")).handleRequest(jobs, null);

        // THEN one job named the every-update subscriber, who got one digest with the one-click headers
        assertThat(planned.getBatchItemFailures()).isEmpty();
        assertThat(jobs.getRecords()).singleElement().satisfies(m -> assertThat(SendJob.decode(m.getBody()).recipients())
                .extracting(SendJob.To::email).containsExactly("s1@example.com"));
        assertThat(first.getBatchItemFailures()).isEmpty();
        assertThat(again.getBatchItemFailures()).isEmpty();
        assertThat(mailer.recipients()).containsExactly("s1@example.com");
        assertThat(mailer.sent().get(0).headers()).containsKeys("List-Unsubscribe", "List-Unsubscribe-Post");
        assertThat(directory.get("s000001").orElseThrow().lastDeliveredSeq()).isEqualTo(1);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("\"revision\":\"r1\"").contains("\"EmailsSent\":1.0");
        assertThat(EmfLines.metrics(out.toString(StandardCharsets.UTF_8))).isEqualTo(DigestRunner.SENDER_METRICS);
    }

    @Test
    void aRenderCacheThatRefusesEveryRequestCostsTheSenderAWarningAndAMetricNotTheDigest() {
        // GIVEN r1 with its site published, a subscriber of every update, and the job the planner made for them
        ingest(true);
        directory.create(MailFixtures.confirmed(1, 0, Cadence.EVERY_UPDATE));
        new DigestPlannerFunction(runner("digest-planner")).handleRequest(EventLoader.loadSQSEvent("events/digest-plan-sqs.json"), null);
        out.reset();

        // WHEN a sender whose render cache refuses every read and write handles the job
        RefusingRenderCache refusing = new RefusingRenderCache();
        SQSBatchResponse sent = new DigestSenderFunction(runner("digest-sender", refusing)).handleRequest(jobs(), null);

        // THEN the digest is sent, and the refusals are one warning and the metric
        assertThat(sent.getBatchItemFailures()).isEmpty();
        assertThat(mailer.recipients()).containsExactly("s1@example.com");
        assertThat(refusing.failures()).isPositive();
        String logs = out.toString(StandardCharsets.UTF_8);
        assertThat(logs.lines().filter(line -> line.contains("the render cache failed"))).singleElement().asString()
                .contains("the render cache failed " + refusing.failures() + " reads or writes during a digest job of r1");
        assertThat(logs).contains("\"RenderCacheFailures\":" + refusing.failures() + ".0");
    }

    @Test
    void aDigestTheEmailGateRefusesTakesTheFailedPathAndIsNeitherSentNorRecorded() {
        // GIVEN a hub published at a plain-http address (every link in its digest would be http), a subscriber behind it
        dev.hubpress.core.content.ContentTree repository = ContentFixtures.repositoryTree();
        String config = new String(repository.file("hub.yaml").orElseThrow().bytes(), StandardCharsets.UTF_8);
        ingest(ContentFixtures.with(repository, "hub.yaml", config.replace("https://hub.example.com", "http://hub.example.com")
                .getBytes(StandardCharsets.UTF_8)), true);
        directory.create(MailFixtures.confirmed(1, 0, Cadence.EVERY_UPDATE));
        new DigestPlannerFunction(runner("digest-planner")).handleRequest(EventLoader.loadSQSEvent("events/digest-plan-sqs.json"), null);
        out.reset();

        // WHEN the sender handles the job
        SQSEvent jobs = jobs();
        SQSBatchResponse sent = new DigestSenderFunction(runner("digest-sender")).handleRequest(jobs, null);

        // THEN the job is reported failed (SQS delivers it again, then its DLQ), one error line names
        // the rule, the failure metric counts it, and nothing was mailed or recorded as delivered
        assertThat(sent.getBatchItemFailures()).hasSize(1);
        List<String> errors = out.toString(StandardCharsets.UTF_8).lines().filter(l -> l.contains("\"level\":\"ERROR\"")).toList();
        assertThat(errors).singleElement().asString().contains("email refused: digest hub.r0-r1: links: ")
                .doesNotContain("s1@example.com");
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("\"DigestFailures\":1.0");
        assertThat(mailer.sent()).isEmpty();
        assertThat(directory.get("s000001").orElseThrow().lastDeliveredSeq()).isZero();
    }

    @Test
    void aRevisionWhoseSiteFailedIsNotPlanned() {
        // GIVEN r1 whose site failed, and a subscriber behind it
        ingest(false);
        directory.create(MailFixtures.confirmed(1, 0, Cadence.EVERY_UPDATE));

        // WHEN the planner handles the site's outcome on r1, and the weekly schedule runs
        new DigestPlannerFunction(runner("digest-planner")).handleRequest(EventLoader.loadSQSEvent("events/digest-plan-sqs.json"), null);
        String weekly = new WeeklyDigestFunction(runner("weekly-digest"))
                .handleRequest(scheduled(sample("events/weekly-schedule.json")), null);

        // THEN no job is planned
        assertThat(sendQueue.take()).isEmpty();
        assertThat(weekly).isEqualTo("nothing published yet");
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("the site of r1 is not published");
    }

    @Test
    void theWeeklySchedulePlansWeeklySubscribersOfTheNewestPublishedRevision() {
        // GIVEN r1 with its site published and a weekly subscriber
        ingest(true);
        directory.create(MailFixtures.confirmed(2, 0, Cadence.WEEKLY));

        // WHEN EventBridge Scheduler's event (detail "{}", a string) reaches the handler through the runtime, and the sender runs the job
        String summary = new WeeklyDigestFunction(runner("weekly-digest"))
                .handleRequest(scheduled(sample("events/weekly-schedule.json")), null);
        new DigestSenderFunction(runner("digest-sender")).handleRequest(jobs(), null);

        // THEN one job was planned, the weekly subscriber got the digest, and the log names the schedule's event and time
        assertThat(summary).isEqualTo("1 jobs for 1 subscribers planned");
        assertThat(mailer.recipients()).containsExactly("s2@example.com");
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("\"scheduledAt\":\"2026-03-16T07:00:00Z\"");
    }

    @Test
    void theWeeklyHandlerTakesSchedulersStringDetailAndARulesObjectDetail() {
        // GIVEN Scheduler's event, and the same with an EventBridge rule's "detail": {} (an older schedule, a hand-made event)
        String scheduler = sample("events/weekly-schedule.json");
        String rule = scheduler.replace("\"detail\": \"{}\"", "\"detail\": {}").replace("aws.scheduler", "aws.events");

        // WHEN / THEN the runtime reads both into the handler's type, detail as sent, and the handler takes both
        assertThat(scheduled(scheduler)).containsEntry("detail", "{}").containsEntry("source", "aws.scheduler");
        assertThat(scheduled(rule)).containsEntry("detail", Map.of()).containsEntry("source", "aws.events");
        assertThat(new WeeklyDigestFunction(runner("weekly-digest")).handleRequest(scheduled(rule), null)).isEqualTo("nothing published yet");
    }

    @Test
    void theSampleSendJobIsAJobAndAnUnreadableMessageIsDropped() {
        ingest(true);
        directory.create(MailFixtures.confirmed(1, 0, Cadence.EVERY_UPDATE));
        SQSEvent event = EventLoader.loadSQSEvent("events/digest-send-sqs.json");
        SQSEvent.SQSMessage garbage = new SQSEvent.SQSMessage();
        garbage.setMessageId("garbage");
        garbage.setBody("not a job");
        event.setRecords(List.of(event.getRecords().get(0), garbage));
        assertThat(new DigestSenderFunction(runner("digest-sender")).handleRequest(event, null).getBatchItemFailures()).isEmpty();
        assertThat(mailer.recipients()).containsExactly("s1@example.com");
        assertThat(MessageQueue.MAX_BODY_BYTES).isGreaterThan(event.getRecords().get(0).getBody().length());
    }

    @Test
    void theFunctionsClasspathHasNoApacheOrNettyHttpClient() {
        assertThat(HttpClients.forbiddenLoadable(getClass().getClassLoader())).isEmpty();
    }
}
