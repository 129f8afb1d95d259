package dev.hubpress.it;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.sun.net.httpserver.HttpServer;
import dev.hubpress.aws.AwsClients;
import dev.hubpress.aws.DynamoSendLedger;
import dev.hubpress.aws.DynamoSubscriberDirectory;
import dev.hubpress.aws.SesClients;
import dev.hubpress.aws.SesMailer;
import dev.hubpress.aws.SqsMessageQueue;
import dev.hubpress.aws.SubscriberBatches;
import dev.hubpress.aws.testing.AwsFixtures;
import dev.hubpress.aws.testing.Emulators;
import dev.hubpress.aws.testing.Queues;
import dev.hubpress.aws.testing.SesStore;
import dev.hubpress.core.mail.Backoff;
import dev.hubpress.core.mail.Cadence;
import dev.hubpress.core.mail.EmailAddress;
import dev.hubpress.core.mail.SendPacer;
import dev.hubpress.core.mail.Subscriber;
import dev.hubpress.core.mail.SubscriberStatus;
import dev.hubpress.core.mail.Tokens;
import dev.hubpress.core.port.Mailer;
import dev.hubpress.core.testing.ContentFixtures;
import dev.hubpress.functions.DigestPlannerFunction;
import dev.hubpress.core.testing.MailFixtures;
import dev.hubpress.functions.DigestRunner;
import dev.hubpress.functions.DigestSenderFunction;
import dev.hubpress.lambda.JsonLog;
import dev.hubpress.lambda.Metrics;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.services.sesv2.SesV2Client;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

/**
 * The digest fan-out on the emulators, checked against what SES took (aws-ses-v2-local's store):
 * the planner's send jobs on an SQS send queue (ElasticMQ), drained by digest senders as Lambda's
 * event source mapping would run them ({@link QueueSource}: two at once, four jobs a batch), each
 * delivering through the DynamoDB send ledger and SES. Thousands of subscribers, a sender that
 * crashes half way through a batch, a job delivered twice at the same moment, and SES throttling
 * for a while: in each, every subscriber is mailed exactly once.
 *
 * <p>The scenarios share one published hub (r1, then r2 with its site DONE); each has its own
 * subscribers (a domain of its own in the shared SES store), ledger and queues. The fault
 * scenarios plan r2 directly; the load scenario pushes one more revision and goes all the way from
 * the revisions stream through the dispatcher and the planner.
 */
@ExtendWith(Emulators.class)
class DigestFanOutIT {

    private static final String FAQ = ContentFixtures.page("FAQ", "guides", 1, "## Questions\n\nAnswers.\n");
    private static final String SOURCES = ContentFixtures.page("Sources", "guides", 2, "## Where this comes from\n\nNotes.\n");
    /** template.yaml: the send queue's event source (BatchSize) and the senders that may run at once (SenderConcurrency's default). */
    private static final int BATCH_SIZE = 4;
    private static final int SENDERS = 2;

    private static final Clock CLOCK = Clock.systemUTC();
    private static final PrintStream QUIET = new PrintStream(new ByteArrayOutputStream() {
        @Override
        public synchronized void write(byte[] b, int off, int len) {
            // the functions' logs are not kept
        }
    }, true, StandardCharsets.UTF_8);
    private static final Tokens TOKENS = new Tokens("an HMAC key of at least thirty-two bytes".getBytes(StandardCharsets.UTF_8),
            Tokens.DEFAULT_CONFIRM_VALIDITY, CLOCK);

    /** The hub the scenarios digest: r1, then r2 (one page changed), both published through the stream. */
    private static Stack published;

    @BeforeAll
    static void publishTheHub() {
        assumeFalse(Emulators.start().external(), "reads the SES emulator's store");
        published = new Stack();
        push(published, Stack.files(ContentFixtures.tree("faq.md", FAQ, "sources.md", SOURCES)));
        push(published, Map.of("faq.md", (FAQ + "\nA paragraph for the digest.\n").getBytes(StandardCharsets.UTF_8)));
        assertThat(published.revisions.get(Stack.HUB, 2).orElseThrow().channels().get("site").state().name()).isEqualTo("DONE");
    }

    @AfterAll
    static void report() {
        TIMINGS.forEach((test, seconds) -> System.out.printf(Locale.ROOT, "DigestFanOutIT %s: %.1f s%n", test, seconds));
    }

    private static final Map<String, Double> TIMINGS = new TreeMap<>();

    private static void push(Stack stack, Map<String, byte[]> files) {
        assertThat(stack.ingest(stack.push(files)).getBatchItemFailures()).as(stack.logs()).isEmpty();
        stack.stream.settle();
    }

    /** One deployment's mail side for one scenario: subscribers, ledger, plan and send queues, a domain of its own. */
    private static final class Mail {
        final Stack stack;
        final String domain = AwsFixtures.unique("fan") + ".example.com";
        final String subscribersTable;
        final DynamoSubscriberDirectory directory;
        final DynamoSendLedger ledger;
        final String planQueue;
        final String sendQueue;
        final SqsMessageQueue sends;
        final long started = Instant.now().getEpochSecond();

        /** @param visibilitySeconds the send queue's visibility timeout: how long until a message not acknowledged comes back */
        Mail(Stack stack, int visibilitySeconds) {
            this.stack = stack;
            subscribersTable = AwsFixtures.subscribersTable(stack.dynamo, "subscribers");
            directory = new DynamoSubscriberDirectory(stack.dynamo, subscribersTable);
            ledger = new DynamoSendLedger(stack.dynamo, AwsFixtures.revisionsTable(stack.dynamo, "ledger"), CLOCK);
            planQueue = Queues.create(stack.sqs, "plan", true, 60);
            sendQueue = Queues.create(stack.sqs, "send", false, visibilitySeconds);
            sends = new SqsMessageQueue(stack.sqs, sendQueue);
        }

        /** {@code n} every-update subscribers confirmed at {@code seq}; their addresses. */
        Set<String> subscribers(int n, long seq) throws Exception {
            Instant now = CLOCK.instant();
            List<Subscriber> all = IntStream.range(0, n).mapToObj(i -> Subscriber.create(String.format(Locale.ROOT, "s%05d", i),
                    EmailAddress.parse(String.format(Locale.ROOT, "reader-%05d@%s", i, domain)), SubscriberStatus.CONFIRMED,
                    Cadence.EVERY_UPDATE, now, seq, null)).toList();
            SubscriberBatches.write(stack.dynamo, subscribersTable, all, 4);
            return all.stream().map(s -> s.email().value()).collect(Collectors.toSet());
        }

        /** The digest planner of this deployment. */
        DigestPlannerFunction planner() {
            return new DigestPlannerFunction(new DigestRunner(Stack.HUB, stack.revisions, stack.blobs, directory, sends,
                    new SqsMessageQueue(stack.sqs, planQueue), null, null, new JsonLog("digest-planner", QUIET, CLOCK),
                    new Metrics("digest-planner", "test", QUIET, CLOCK)));
        }

        /** A digest sender as template.yaml deploys it, on this mailer, paced to its share of {@code rate} emails/s. */
        DigestSenderFunction sender(Mailer mailer, double rate, ByteArrayOutputStream metrics) {
            return new DigestSenderFunction(new DigestRunner(Stack.HUB, stack.revisions, stack.blobs, directory, sends, null,
                    DigestRunner.sender(Stack.HUB, stack.revisions, directory, ledger, mailer, TOKENS, Backoff.standard(),
                            SendPacer.of(rate / SENDERS), CLOCK),
                    MailFixtures.ROUTING, new JsonLog("digest-sender", QUIET, CLOCK),
                    new Metrics("digest-sender", "test", new PrintStream(metrics, true, StandardCharsets.UTF_8), CLOCK)));
        }

        /** Plans r2's digests onto the send queue, as the dispatcher's message for the email consumer asks; how many jobs. */
        int plan() {
            SQSBatchResponse response = planner().handleRequest(AwsEvents.revisionMessages("email", "MODIFY", 2), null);
            assertThat(response.getBatchItemFailures()).isEmpty();
            return Queues.depth(stack.sqs, sendQueue);
        }

        /** What SES took for this scenario's addresses since it started. */
        List<SesStore.Sent> sent() throws Exception {
            return SesStore.sentSince(started).stream().filter(s -> s.to().stream().anyMatch(to -> to.endsWith("@" + domain))).toList();
        }

        /** How many emails SES took for each address of this scenario. */
        Map<String, Integer> mailed() throws Exception {
            return DigestFanOutIT.mailed(sent());
        }

        /** How many subscribers are at each last delivered revision (one scan of the table). */
        Map<Long, Long> lastDelivered() {
            return stack.dynamo.scanPaginator(b -> b.tableName(subscribersTable)).items().stream()
                    .map(item -> Long.parseLong(item.get("lastDeliveredSeq").n()))
                    .collect(Collectors.groupingBy(Function.identity(), TreeMap::new, Collectors.counting()));
        }
    }

    // ---------------------------------------------------------------- scenarios

    @Test
    void fiveThousandSubscribersAreEachMailedOnceFromTheStreamThroughTheSendQueueAtTheAccountsRate() throws Exception {
        long begun = System.nanoTime();
        // GIVEN the published hub, its stream also waking a digest planner, and 5,000 every-update
        // subscribers confirmed at its head
        Mail mail = new Mail(published, 120);
        published.withDigestPlanner(mail.planQueue, mail.planner());
        long head = published.revisions.recent(Stack.HUB, 0).latest().orElseThrow().seq();
        Set<String> subscribers = mail.subscribers(5000, head);
        double written = seconds(begun);

        // WHEN the next revision is pushed: the dispatcher wakes the guide, then the site; the site's
        // outcome wakes the planner, which puts the subscribers in jobs on the send queue
        push(published, Map.of("faq.md", (FAQ + "\nA paragraph for the load run.\n").getBytes(StandardCharsets.UTF_8)));
        int jobs = Queues.depth(published.sqs, mail.sendQueue);
        double planned = seconds(begun);
        // AND two senders drain the send queue as Lambda's event source runs them, each paced to
        // half the account's MaxSendRate (GetAccount)
        SesMailer ses = ses();
        double rate = ses.maxSendRate();
        ByteArrayOutputStream emf = new ByteArrayOutputStream();
        long sending = System.nanoTime();
        QueueSource.Drained drained = new QueueSource(published.sqs, mail.sendQueue, SENDERS, BATCH_SIZE)
                .drain(() -> mail.sender(ses, rate, emf), Duration.ofSeconds(150));
        double sendSeconds = seconds(sending);

        // THEN the 5,000 were planned in 100 jobs of 50, each delivered once, and each subscriber got exactly one digest
        assertThat(jobs).isEqualTo(100);
        assertThat(drained.deliveries()).isEqualTo(100);
        assertThat(drained.crashes()).isZero();
        List<SesStore.Sent> sent = mail.sent();
        assertEachMailedOnce(mailed(sent), subscribers);
        assertThat(metric(emf, "EmailsSent")).isEqualTo(5000);
        assertThat(metric(emf, "EmailsFailed")).isZero();
        // AND every subscriber's last delivered revision is the new one
        assertThat(mail.lastDelivered()).isEqualTo(Map.of(head + 1, 5000L));
        // AND in no second did SES take more than the account's rate (each sender's first send of a second aside)
        Map<Long, Long> perSecond = sent.stream().collect(Collectors.groupingBy(SesStore.Sent::at, Collectors.counting()));
        assertThat(perSecond.values().stream().mapToLong(Long::longValue).max().orElseThrow()).isLessThanOrEqualTo((long) rate + SENDERS);
        TIMINGS.put(String.format(Locale.ROOT, "5,000 subscribers (written %.1f s, pushed and planned %.1f s, sent %.1f s at %.0f emails/s)",
                written, planned - written, sendSeconds, 5000 / sendSeconds), seconds(begun));
    }

    /** Thrown by the mailer to stand for the invocation dying (a timeout, the runtime killed): nothing in the handler catches it. */
    private static final class Crash extends Error {
        private static final long serialVersionUID = 1L;

        Crash() {
            super("the invocation died");
        }
    }

    @Test
    void aSenderThatCrashesHalfWayThroughABatchMailsNobodyTwiceAndLosesNobody() throws Exception {
        long begun = System.nanoTime();
        // GIVEN r2 planned for 200 subscribers confirmed at r1 (4 jobs), on a send queue whose
        // messages come back 8 s after a receive nobody acknowledged
        Mail mail = new Mail(published, 8);
        Set<String> subscribers = mail.subscribers(200, 1);
        assertThat(mail.plan()).isEqualTo(4);
        // AND senders whose invocation dies at the 70th email (in the second job of a batch), just
        // after SES took it and before the ledger recorded it sent
        SesMailer ses = ses();
        AtomicInteger sends = new AtomicInteger();
        Mailer crashing = email -> {
            String id = ses.send(email);
            if (sends.incrementAndGet() == 70) {
                throw new Crash();
            }
            return id;
        };
        ByteArrayOutputStream emf = new ByteArrayOutputStream();

        // WHEN two senders drain the queue: the crashed invocation acknowledges nothing, so its whole batch comes back
        QueueSource.Drained drained = new QueueSource(published.sqs, mail.sendQueue, SENDERS, BATCH_SIZE)
                .drain(() -> mail.sender(crashing, 200, emf), Duration.ofSeconds(90));

        // THEN one invocation crashed and the jobs of its batch were delivered again
        assertThat(drained.crashes()).isEqualTo(1);
        assertThat(drained.deliveries()).isGreaterThan(4);
        // AND each subscriber was mailed exactly once: who the crashed batch had mailed was not mailed again, the rest of it was
        assertEachMailedOnce(mail.mailed(), subscribers);
        assertThat(sends.get()).isEqualTo(200);
        // AND all but one are at r2; the one whose send was cut off is still at r1 (reserved in the ledger,
        // never sent again): their next digest tells r2's changes again, never leaves them out
        assertThat(mail.lastDelivered()).isEqualTo(Map.of(1L, 1L, 2L, 199L));
        TIMINGS.put("crash half way through a batch", seconds(begun));
    }

    @Test
    void aJobDeliveredTwiceAtTheSameMomentAndOnceMoreLaterMailsEachOfItsSubscribersOnce() throws Exception {
        long begun = System.nanoTime();
        // GIVEN r2 planned for 100 subscribers confirmed at r1: 2 jobs, taken off the queue
        Mail mail = new Mail(published, 60);
        Set<String> subscribers = mail.subscribers(100, 1);
        assertThat(mail.plan()).isEqualTo(2);
        List<String> jobs = Queues.drain(published.sqs, mail.sendQueue);
        ByteArrayOutputStream emf = new ByteArrayOutputStream();
        List<DigestSenderFunction> senders = List.of(mail.sender(ses(), 200, emf), mail.sender(ses(), 200, emf));
        AtomicInteger next = new AtomicInteger();

        // WHEN SQS delivers each job twice, to two sender containers at the same moment (at-least-once delivery)
        for (String job : jobs) {
            List<SQSBatchResponse> responses = AtOnce.run(2, () -> senders.get(next.getAndIncrement() % 2)
                    .handleRequest(AwsEvents.sqsEvent(List.of(AwsEvents.sqsMessage(job))), null));
            assertThat(responses).allSatisfy(r -> assertThat(r.getBatchItemFailures()).isEmpty());
        }
        // AND once more, late, after everything was sent
        for (String job : jobs) {
            assertThat(senders.get(0).handleRequest(AwsEvents.sqsEvent(List.of(AwsEvents.sqsMessage(job))), null)
                    .getBatchItemFailures()).isEmpty();
        }

        // THEN each subscriber was mailed exactly once, and 100 emails were sent in all
        assertEachMailedOnce(mail.mailed(), subscribers);
        assertThat(metric(emf, "EmailsSent")).isEqualTo(100);
        assertThat(mail.lastDelivered()).isEqualTo(Map.of(2L, 100L));
        TIMINGS.put("a job delivered twice at once", seconds(begun));
    }

    @Test
    void sesThrottlingForAWhileIsBackedOffWithoutSkippingAnyoneOrMailingAnyoneTwice() throws Exception {
        long begun = System.nanoTime();
        // GIVEN r2 planned for 150 subscribers confirmed at r1 (3 jobs)
        Mail mail = new Mail(published, 60);
        Set<String> subscribers = mail.subscribers(150, 1);
        assertThat(mail.plan()).isEqualTo(3);
        // AND SES behind a loopback proxy that answers every SendEmail with 429 TooManyRequestsException
        // for 1.5 s from the first one, then passes them on
        try (ThrottlingProxy proxy = new ThrottlingProxy(Emulators.start().ses(), Duration.ofMillis(1500))) {
            SesMailer throttled = new SesMailer(SesV2Client.builder().httpClient(AwsClients.httpClient()).endpointOverride(proxy.uri())
                    .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry())).build(), null);
            ByteArrayOutputStream emf = new ByteArrayOutputStream();

            // WHEN two senders drain the queue
            QueueSource.Drained drained = new QueueSource(published.sqs, mail.sendQueue, SENDERS, BATCH_SIZE)
                    .drain(() -> mail.sender(throttled, 200, emf), Duration.ofSeconds(90));

            // THEN SES refused sends for a while, the senders backed off and sent them again (SendRetries), none failed
            assertThat(proxy.refused()).isPositive();
            assertThat(metric(emf, "SendRetries")).isEqualTo(proxy.refused());
            assertThat(metric(emf, "EmailsFailed")).isZero();
            assertThat(drained.deliveries()).isEqualTo(3);
            // AND each subscriber was mailed exactly once: nobody skipped, nobody twice
            assertEachMailedOnce(mail.mailed(), subscribers);
            assertThat(proxy.passed()).isEqualTo(150);
            assertThat(mail.lastDelivered()).isEqualTo(Map.of(2L, 150L));
        }
        TIMINGS.put("SES throttling for 1.5 s", seconds(begun));
    }

    // ---------------------------------------------------------------- helpers

    /**
     * SES on loopback behind a proxy: for a while from the first SendEmail it answers each one
     * with 429 and SES's {@code TooManyRequestsException}, as SES does above the account's send
     * rate; every other request it passes on to SES and returns SES's answer.
     */
    private static final class ThrottlingProxy implements AutoCloseable {
        private final HttpServer server;
        private final HttpClient http = HttpClient.newHttpClient();
        private final AtomicLong firstSend = new AtomicLong();
        private final AtomicLong refused = new AtomicLong();
        private final AtomicLong passed = new AtomicLong();

        ThrottlingProxy(URI ses, Duration window) throws IOException {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.setExecutor(Executors.newFixedThreadPool(4));
            server.createContext("/", exchange -> {
                byte[] request = exchange.getRequestBody().readAllBytes();
                boolean send = exchange.getRequestURI().getPath().equals("/v2/email/outbound-emails");
                long now = System.nanoTime();
                if (send) {
                    firstSend.compareAndSet(0, now);
                }
                if (send && now - firstSend.get() < window.toNanos()) {
                    refused.incrementAndGet();
                    byte[] body = "{\"message\":\"Maximum sending rate exceeded.\"}".getBytes(StandardCharsets.UTF_8);
                    exchange.getResponseHeaders().add("Content-Type", "application/json");
                    exchange.getResponseHeaders().add("x-amzn-ErrorType", "TooManyRequestsException");
                    exchange.sendResponseHeaders(429, body.length);
                    try (OutputStream out = exchange.getResponseBody()) {
                        out.write(body);
                    }
                    return;
                }
                HttpRequest.Builder forward = HttpRequest.newBuilder(ses.resolve(exchange.getRequestURI().toString()))
                        .method(exchange.getRequestMethod(), HttpRequest.BodyPublishers.ofByteArray(request));
                exchange.getRequestHeaders().forEach((name, values) -> {
                    if (!Set.of("host", "content-length", "connection", "expect", "upgrade", "transfer-encoding")
                            .contains(name.toLowerCase(Locale.ROOT))) {
                        values.forEach(v -> forward.header(name, v));
                    }
                });
                try {
                    HttpResponse<byte[]> answer = http.send(forward.build(), HttpResponse.BodyHandlers.ofByteArray());
                    if (send && answer.statusCode() / 100 == 2) {
                        passed.incrementAndGet();
                    }
                    answer.headers().firstValue("content-type").ifPresent(v -> exchange.getResponseHeaders().add("Content-Type", v));
                    exchange.sendResponseHeaders(answer.statusCode(), answer.body().length == 0 ? -1 : answer.body().length);
                    try (OutputStream out = exchange.getResponseBody()) {
                        out.write(answer.body());
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    exchange.sendResponseHeaders(502, -1);
                }
            });
            server.start();
        }

        URI uri() {
            return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
        }

        long refused() {
            return refused.get();
        }

        long passed() {
            return passed.get();
        }

        @Override
        public void close() {
            server.stop(0);
            ((ExecutorService) server.getExecutor()).shutdownNow();
        }
    }

    private static SesMailer ses() {
        return new SesMailer(SesClients.ses(), null);
    }

    /** How many of these emails went to each address. */
    private static Map<String, Integer> mailed(List<SesStore.Sent> sent) {
        Map<String, Integer> counts = new TreeMap<>();
        sent.forEach(s -> s.to().forEach(to -> counts.merge(to, 1, Integer::sum)));
        return counts;
    }

    /** Each address exactly once, and nobody else. */
    private static void assertEachMailedOnce(Map<String, Integer> mailed, Set<String> subscribers) {
        assertThat(mailed.keySet()).as("addresses mailed").isEqualTo(subscribers);
        assertThat(mailed.entrySet().stream().filter(e -> e.getValue() != 1).toList()).as("addresses mailed more than once").isEmpty();
    }

    /** The sum of one EMF metric over every line the senders printed. */
    private static long metric(ByteArrayOutputStream emf, String name) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"" + name + "\":(\\d+)").matcher(emf.toString(StandardCharsets.UTF_8));
        long sum = 0;
        while (m.find()) {
            sum += Long.parseLong(m.group(1));
        }
        return sum;
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }
}
