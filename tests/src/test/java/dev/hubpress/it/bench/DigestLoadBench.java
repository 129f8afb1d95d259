package dev.hubpress.it.bench;

import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.fasterxml.jackson.databind.JsonNode;
import dev.hubpress.aws.AwsClients;
import dev.hubpress.aws.DynamoRevisionLog;
import dev.hubpress.aws.DynamoSendLedger;
import dev.hubpress.aws.DynamoSubscriberDirectory;
import dev.hubpress.lambda.Env;
import dev.hubpress.aws.Json;
import dev.hubpress.aws.S3BlobStore;
import dev.hubpress.aws.S3ContentSource;
import dev.hubpress.aws.SesClients;
import dev.hubpress.aws.SesMailer;
import dev.hubpress.lambda.JsonLog;
import dev.hubpress.lambda.Metrics;
import dev.hubpress.aws.testing.AwsFixtures;
import dev.hubpress.aws.testing.Emulators;
import dev.hubpress.core.mail.Backoff;
import dev.hubpress.core.mail.Cadence;
import dev.hubpress.core.mail.OutgoingEmail;
import dev.hubpress.core.mail.FanOutDigests;
import dev.hubpress.core.mail.SendPacer;
import dev.hubpress.core.mail.Subscriber;
import dev.hubpress.core.mail.SubscriberStatus;
import dev.hubpress.core.mail.EmailAddress;
import dev.hubpress.aws.SubscriberBatches;
import dev.hubpress.core.mail.Tokens;
import dev.hubpress.core.port.Mailer;
import dev.hubpress.core.testing.ContentFixtures;
import dev.hubpress.core.testing.MailFixtures;
import dev.hubpress.functions.DigestRunner;
import dev.hubpress.functions.DigestSenderFunction;
import dev.hubpress.aws.SqsClients;
import dev.hubpress.aws.SqsMessageQueue;
import dev.hubpress.aws.testing.Queues;
import dev.hubpress.core.revision.Announcements;
import dev.hubpress.core.revision.ChannelStatus;
import dev.hubpress.it.QueueSource;
import software.amazon.awssdk.services.sqs.SqsClient;
import dev.hubpress.functions.IngestFunction;
import dev.hubpress.it.AwsEvents;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;
import software.amazon.awssdk.services.s3.S3Client;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * Load harness for scenario 15 (not a test): N confirmed subscribers (plus N/100 that are not
 * confirmed and must get nothing) in dynalite, one published change, and the real digest fan-out —
 * the planner ({@link DigestRunner#planLatest}, {@link FanOutDigests}) puts send jobs on an SQS
 * send queue (ElasticMQ), and SENDERS {@link DigestSenderFunction}s drain it as Lambda's event
 * source would ({@link QueueSource}), with {@link DynamoSubscriberDirectory},
 * {@link DynamoSendLedger} and {@link SesMailer} against aws-ses-v2-local — each sender paced to
 * RATE / SENDERS ({@link SendPacer}), behind a token bucket of RATE around the shared mailer that
 * checks the pace. Verifies every confirmed subscriber got exactly one email and nobody else got
 * any, from the SES emulator's store (drained every {@value #DRAIN_EVERY} sends, while no send is
 * under way, so neither it nor this JVM holds 100,000 emails) and from the ledger; samples the
 * heap used after a GC every 2 s. Run with {@code bench/digest-load [N] [RATE] [SENDERS]}.
 */
public final class DigestLoadBench {

    private static final String HUB = "hub";
    private static final String DOMAIN = "@load.example.com";
    private static final int DRAIN_EVERY = 2000;
    /** template.yaml: the send queue's event source batch size. */
    private static final int BATCH_SIZE = 4;

    private DigestLoadBench() {
    }

    /** What the digest run did: emails sent, subscribers planned, jobs planned, jobs delivered to senders, crashed invocations. */
    record Report(int sent, int subscribers, int jobs, int deliveries, int crashes) {
    }

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        double rate = args.length > 1 ? Double.parseDouble(args[1]) : 200;
        int senders = args.length > 2 ? Integer.parseInt(args[2]) : 2;
        int writers = 8;
        Emulators.Running emulators = Emulators.start();
        if (emulators.external()) {
            throw new IllegalStateException("needs the local emulators (reads the SES emulator's store); unset AWS_ENDPOINT_URL");
        }
        URI ses = emulators.ses();
        HeapSampler heap = HeapSampler.start();
        long t0 = System.nanoTime();

        S3Client s3 = AwsClients.s3();
        DynamoDbClient dynamo = AwsClients.dynamo();
        String contentBucket = AwsFixtures.bucket(s3, "load-content");
        String state = AwsFixtures.bucket(s3, "load-state");
        String revisionsTable = AwsFixtures.revisionsTable(dynamo, "load-revisions");
        String subscribersTable = AwsFixtures.subscribersTable(dynamo, "load-subscribers");
        String ledgerTable = AwsFixtures.revisionsTable(dynamo, "load-ledger");
        Clock clock = Clock.systemUTC();
        PrintStream quiet = new PrintStream(new ByteArrayOutputStream() {
            @Override
            public synchronized void write(byte[] b, int off, int len) {
                // the functions' logs are not kept: one line per run is printed below
            }
        }, true, StandardCharsets.UTF_8);
        S3BlobStore blobs = new S3BlobStore(s3, state, Env.BLOBS_PREFIX);
        DynamoRevisionLog revisions = new DynamoRevisionLog(dynamo, revisionsTable, blobs);
        IngestFunction ingest = new IngestFunction(HUB, contentBucket, new S3ContentSource(s3, contentBucket, Env.CONTENT_PREFIX),
                blobs, revisions, clock, new JsonLog("ingest", quiet, clock), new Metrics("ingest", "test", quiet, clock));

        // r1: the hub published; everyone has had it.
        Path content = ContentFixtures.repositoryContent();
        try (Stream<Path> walk = Files.walk(content)) {
            for (Path file : walk.filter(Files::isRegularFile).toList()) {
                String path = content.relativize(file).toString().replace('\\', '/');
                s3.putObject(b -> b.bucket(contentBucket).key(Env.CONTENT_PREFIX + path), RequestBody.fromFile(file));
            }
        }
        push(s3, ingest, contentBucket, "index.md", Files.readAllBytes(content.resolve("index.md")));
        long r1 = revisions.recent(HUB, 0).latest().orElseThrow().seq();

        // N confirmed subscribers at r1, and N/100 pending, unsubscribed or suppressed ones.
        long writeStart = System.nanoTime();
        int others = n / 100;
        int total = n + others;
        Instant now = clock.instant();
        List<Subscriber> everyone = new ArrayList<>(total);
        for (int i = 0; i < total; i++) {
            SubscriberStatus status = i < n ? SubscriberStatus.CONFIRMED
                    : List.of(SubscriberStatus.PENDING, SubscriberStatus.UNSUBSCRIBED, SubscriberStatus.SUPPRESSED).get(i % 3);
            everyone.add(Subscriber.create(String.format(Locale.ROOT, "s%06d", i), EmailAddress.parse(address(i)), status,
                    Cadence.EVERY_UPDATE, now, r1, null));
        }
        long unprocessedRetries = SubscriberBatches.write(dynamo, subscribersTable, everyone, writers);
        everyone = null;
        double writeSeconds = (System.nanoTime() - writeStart) / 1e9;
        System.err.printf(Locale.ROOT, "wrote %d subscribers (%d confirmed) in %.1f s: %.0f items/s, %d batches re-sent unprocessed items%n",
                total, n, writeSeconds, total / writeSeconds, unprocessedRetries);

        // r2: one page changed.
        byte[] index = Files.readAllBytes(content.resolve("index.md"));
        push(s3, ingest, contentBucket, "index.md",
                (new String(index, StandardCharsets.UTF_8) + "\n\nA change for the load run.\n").getBytes(StandardCharsets.UTF_8));
        long r2 = revisions.recent(HUB, 0).latest().orElseThrow().seq();
        if (r2 <= r1) {
            throw new IllegalStateException("the change was not published: head r" + r2);
        }

        // The digest: the real runner, the SES v2 mailer behind a token bucket, the store checked as it fills.
        post(ses, "/clear-store");
        StoreCheck check = new StoreCheck(ses, n);
        Mailer mailer = new CheckingMailer(new RateLimitedMailer(new SesMailer(SesClients.ses(), null), rate), check, DRAIN_EVERY);
        Tokens tokens = new Tokens("an HMAC key of at least thirty-two bytes".getBytes(StandardCharsets.UTF_8),
                Tokens.DEFAULT_CONFIRM_VALIDITY, clock);
        // The queue path: r2's site published, the planner puts send jobs (50 subscribers each) on an
        // SQS send queue (ElasticMQ), and SENDERS digest senders drain it as Lambda's event source
        // runs them, each with a container of its own paced to its share of RATE.
        SqsClient sqs = SqsClients.sqs();
        String sendQueue = Queues.create(sqs, "send", false, 600);
        String planQueue = Queues.create(sqs, "plan", true, 600);
        DynamoSubscriberDirectory directory = new DynamoSubscriberDirectory(dynamo, subscribersTable);
        DynamoSendLedger ledger = new DynamoSendLedger(dynamo, ledgerTable, clock);
        SqsMessageQueue sends = new SqsMessageQueue(sqs, sendQueue);
        revisions.recordChannel(HUB, r2, Announcements.SITE, ChannelStatus.done(1, 1, 1, "bench"));
        DigestRunner planner = new DigestRunner(HUB, revisions, blobs, directory, sends, new SqsMessageQueue(sqs, planQueue), null, null,
                new JsonLog("digest-planner", quiet, clock), new Metrics("digest-planner", "bench", quiet, clock));
        Supplier<DigestSenderFunction> containers = () -> new DigestSenderFunction(new DigestRunner(HUB, revisions, blobs, directory,
                sends, null, DigestRunner.sender(HUB, revisions, directory, ledger, mailer, tokens, Backoff.standard(),
                        SendPacer.of(rate / senders), clock),
                MailFixtures.ROUTING, new JsonLog("digest-sender", quiet, clock), new Metrics("digest-sender", "bench", quiet, clock)));
        long sendStart = System.nanoTime();
        Thread progress = new Thread(() -> {
            long last = 0;
            while (!Thread.currentThread().isInterrupted()) {
                try {
                    Thread.sleep(30_000);
                } catch (InterruptedException e) {
                    return;
                }
                long sent = RateLimitedMailer.SENT.get();
                System.err.printf(Locale.ROOT, "  %6.0f s: %d sent (%.0f/s over the last 30 s), heap after GC %s%n",
                        (System.nanoTime() - sendStart) / 1e9, sent, (sent - last) / 30.0, heap.last());
                last = sent;
            }
        }, "progress");
        progress.setDaemon(true);
        progress.start();
        FanOutDigests.Summary plan = planner.planLatest(Cadence.EVERY_UPDATE, () -> true).orElseThrow();
        double planSeconds = (System.nanoTime() - sendStart) / 1e9;
        QueueSource.Drained drained = new QueueSource(sqs, sendQueue, senders, BATCH_SIZE).drain(containers::get, Duration.ofHours(2));
        Report report = new Report((int) RateLimitedMailer.SENT.get(), plan.subscribers(), plan.jobs(), drained.deliveries(), drained.crashes());
        double sendSeconds = (System.nanoTime() - sendStart) / 1e9;
        progress.interrupt();
        check.drain();

        // The ledger: one SENT entry per confirmed subscriber, nothing else.
        Map<String, Integer> ledgerStates = new TreeMap<>();
        BitSet ledgerSeen = new BitSet(n);
        int ledgerDuplicates = 0;
        Map<String, AttributeValue> startKey = null;
        do {
            Map<String, AttributeValue> from = startKey;
            ScanResponse page = dynamo.scan(b -> b.tableName(ledgerTable).exclusiveStartKey(from));
            for (Map<String, AttributeValue> item : page.items()) {
                ledgerStates.merge(item.get("state").s(), 1, Integer::sum);
                int i = Integer.parseInt(item.get("subscriberId").s().substring(1));
                if (ledgerSeen.get(i)) {
                    ledgerDuplicates++;
                }
                ledgerSeen.set(i);
            }
            startKey = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (startKey != null);
        heap.stop();

        boolean ok = report.sent() == n && report.subscribers() == n && report.deliveries() == report.jobs() && report.crashes() == 0
                && check.distinct() == n && check.duplicates() == 0
                && check.strangers() == 0 && ledgerStates.equals(Map.of("SENT", n)) && ledgerDuplicates == 0
                && ledgerSeen.cardinality() == n && ledgerSeen.nextSetBit(n) < 0;
        System.out.println();
        System.out.printf(Locale.ROOT, "digest-load N=%d (+%d not confirmed), send rate limit %.0f/s, %s %s, -Xmx%d MB%n", n, others, rate,
                System.getProperty("java.vm.name"), System.getProperty("java.version"), Runtime.getRuntime().maxMemory() >> 20);
        System.out.printf(Locale.ROOT, "subscribers written: %.1f s (%.0f items/s, BatchWriteItem x %d threads)%n",
                writeSeconds, total / writeSeconds, writers);
        System.out.printf(Locale.ROOT, "digest run (plan %.1f s, then %d senders): %.1f s, %.1f emails/s; report %s%n", planSeconds, senders,
                sendSeconds, report.sent() / sendSeconds, report);
        System.out.printf(Locale.ROOT, "SES store: %d emails, %d distinct confirmed recipients, %d duplicates, %d to anyone else%n",
                check.emails(), check.distinct(), check.duplicates(), check.strangers());
        System.out.printf(Locale.ROOT, "ledger: %s, %d distinct subscribers, %d duplicates%n", ledgerStates, ledgerSeen.cardinality(), ledgerDuplicates);
        System.out.printf(Locale.ROOT, "heap used after GC, sampled every 2 s (%d samples): min %.1f MB, max %.1f MB; during the digest run: min %.1f MB, max %.1f MB%n",
                heap.samples(), heap.min() / 1048576.0, heap.max() / 1048576.0, heap.minSince(sendStart) / 1048576.0,
                heap.maxSince(sendStart) / 1048576.0);
        System.out.printf(Locale.ROOT, "total %.1f s: %s%n", (System.nanoTime() - t0) / 1e9, ok ? "PASS" : "FAIL");
        System.exit(ok ? 0 : 1);
    }

    static String address(int i) {
        return String.format(Locale.ROOT, "reader-%06d%s", i, DOMAIN);
    }

    private static void push(S3Client s3, IngestFunction ingest, String bucket, String path, byte[] bytes) {
        String key = Env.CONTENT_PREFIX + path;
        s3.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromBytes(bytes));
        SQSEvent event = AwsEvents.sqsEvent(List.of(AwsEvents.sqsMessage(AwsEvents.s3Notification("ObjectCreated:Put", bucket, key, bytes.length))));
        if (!ingest.handleRequest(event, null).getBatchItemFailures().isEmpty()) {
            throw new IllegalStateException("ingest failed for " + key);
        }
    }

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static String get(URI base, String path) {
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(base.resolve(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("GET " + path + ": " + response.statusCode());
            }
            return response.body();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void post(URI base, String path) {
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(base.resolve(path)).POST(HttpRequest.BodyPublishers.noBody()).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 != 2) {
                throw new IllegalStateException("POST " + path + ": " + response.statusCode());
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A token bucket of {@code rate} sends per second (burst of one second's worth) in front of a mailer. */
    static final class RateLimitedMailer implements Mailer {
        static final AtomicLong SENT = new AtomicLong();
        private final Mailer delegate;
        private final double rate;
        private final double burst;
        private double tokens;
        private long refilled = System.nanoTime();

        RateLimitedMailer(Mailer delegate, double rate) {
            this.delegate = delegate;
            this.rate = rate;
            this.burst = Math.max(1, rate);
            this.tokens = 1;
        }

        @Override
        public String send(OutgoingEmail email) {
            synchronized (this) {
                while (true) {
                    long t = System.nanoTime();
                    tokens = Math.min(burst, tokens + (t - refilled) / 1e9 * rate);
                    refilled = t;
                    if (tokens >= 1) {
                        tokens -= 1;
                        break;
                    }
                    long wait = (long) Math.ceil((1 - tokens) / rate * 1e9);
                    try {
                        TimeUnit.NANOSECONDS.sleep(wait);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new dev.hubpress.core.mail.MailerException.Transient("interrupted waiting for the send rate", e);
                    }
                }
            }
            String id = delegate.send(email);
            SENT.incrementAndGet();
            return id;
        }
    }

    /**
     * Drains the SES emulator's store into a {@link StoreCheck} every {@code every} sends, while no
     * send is under way (senders send at once; a drain waits for them and holds them back).
     */
    static final class CheckingMailer implements Mailer {
        private final Mailer delegate;
        private final StoreCheck check;
        private final int every;
        private final java.util.concurrent.locks.ReentrantReadWriteLock lock = new java.util.concurrent.locks.ReentrantReadWriteLock();
        private final AtomicLong count = new AtomicLong();

        CheckingMailer(Mailer delegate, StoreCheck check, int every) {
            this.delegate = delegate;
            this.check = check;
            this.every = every;
        }

        @Override
        public String send(OutgoingEmail email) {
            String id;
            lock.readLock().lock();
            try {
                id = delegate.send(email);
            } finally {
                lock.readLock().unlock();
            }
            if (count.incrementAndGet() % every == 0) {
                lock.writeLock().lock();
                try {
                    check.drain();
                } finally {
                    lock.writeLock().unlock();
                }
            }
            return id;
        }
    }

    /** Reads the SES emulator's store, records each recipient once, then clears the store. */
    static final class StoreCheck {
        private final URI ses;
        private final BitSet seen;
        private final int n;
        private long emails;
        private long duplicates;
        private long strangers;

        StoreCheck(URI ses, int n) {
            this.ses = ses;
            this.n = n;
            this.seen = new BitSet(n);
        }

        synchronized void drain() {
            try {
                JsonNode store = Json.MAPPER.readTree(get(ses, "/store"));
                post(ses, "/clear-store");
                for (JsonNode email : store.path("emails")) {
                    emails++;
                    JsonNode to = email.path("destination").path("to");
                    String address = to.size() == 1 ? to.get(0).asText() : "";
                    int i = address.startsWith("reader-") && address.endsWith(DOMAIN)
                            ? Integer.parseInt(address.substring(7, address.length() - DOMAIN.length())) : -1;
                    if (i < 0 || i >= n) {
                        strangers++;
                    } else if (seen.get(i)) {
                        duplicates++;
                    } else {
                        seen.set(i);
                    }
                }
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }

        synchronized long emails() {
            return emails;
        }

        synchronized int distinct() {
            return seen.cardinality();
        }

        synchronized long duplicates() {
            return duplicates;
        }

        synchronized long strangers() {
            return strangers;
        }
    }

    /** Heap used right after a full GC, every 2 s. */
    static final class HeapSampler {
        private final List<long[]> samples = new ArrayList<>();
        private final Thread thread;

        private HeapSampler() {
            MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
            thread = new Thread(() -> {
                while (!Thread.currentThread().isInterrupted()) {
                    System.gc();
                    long used = memory.getHeapMemoryUsage().getUsed();
                    synchronized (samples) {
                        samples.add(new long[] {System.nanoTime(), used});
                    }
                    try {
                        Thread.sleep(2000);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "heap-sampler");
            thread.setDaemon(true);
        }

        static HeapSampler start() {
            HeapSampler sampler = new HeapSampler();
            sampler.thread.start();
            return sampler;
        }

        void stop() throws InterruptedException {
            thread.interrupt();
            thread.join();
        }

        int samples() {
            synchronized (samples) {
                return samples.size();
            }
        }

        String last() {
            synchronized (samples) {
                return samples.isEmpty() ? "-" : String.format(Locale.ROOT, "%.1f MB", samples.get(samples.size() - 1)[1] / 1048576.0);
            }
        }

        long min() {
            return minSince(Long.MIN_VALUE);
        }

        long max() {
            return maxSince(Long.MIN_VALUE);
        }

        long minSince(long t) {
            synchronized (samples) {
                return samples.stream().filter(s -> s[0] >= t).mapToLong(s -> s[1]).min().orElse(0);
            }
        }

        long maxSince(long t) {
            synchronized (samples) {
                return samples.stream().filter(s -> s[0] >= t).mapToLong(s -> s[1]).max().orElse(0);
            }
        }
    }
}
