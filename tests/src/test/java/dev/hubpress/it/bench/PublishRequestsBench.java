package dev.hubpress.it.bench;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.hubpress.aws.AwsClients;
import dev.hubpress.aws.DynamoRevisionLog;
import dev.hubpress.aws.S3ArtifactStore;
import dev.hubpress.aws.S3BlobStore;
import dev.hubpress.aws.S3ContentSource;
import dev.hubpress.aws.testing.AwsFixtures;
import dev.hubpress.aws.testing.Emulators;
import dev.hubpress.aws.testing.RequestCounter;
import dev.hubpress.core.channel.Channels;
import dev.hubpress.core.port.RevisionLog;
import dev.hubpress.core.revision.Revision;
import dev.hubpress.functions.ChannelFunction;
import dev.hubpress.functions.IngestFunction;
import dev.hubpress.it.AwsEvents;
import dev.hubpress.lambda.Env;
import dev.hubpress.lambda.JsonLog;
import dev.hubpress.lambda.Metrics;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Requests and seconds per function of a publish through the AWS adapters (not a test; issue 12,
 * item 11): a content folder (a generated hub, {@code bench/run synthetic}) pushed to s3proxy, then
 * the real {@link IngestFunction} and the site, feeds and guide {@link ChannelFunction}s, their S3
 * and DynamoDB clients counting every request and holding each back by a fixed latency (an SDK
 * interceptor, {@link RequestCounter}). Three publishes: r1 (the whole hub) and r2 (one page edited)
 * by the same function instances (a warm container each), then r3 (another page edited) by new
 * instances (cold containers: nothing remembered). Every push ends with the marker, so the ingest's
 * wait for the push to settle is one listing. Run with {@code bench/publish-requests}.
 *
 * <p>Arguments: the content folder, the latency in ms (10), and optionally "noguide" to leave the guide
 * out. The revision log is {@link DynamoRevisionLog} on dynalite, as deployed: a revision's large
 * parts (a 10,000-page first change set) go to the state bucket, and their requests are counted.
 */
public final class PublishRequestsBench {

    private static final String HUB = "hub";

    private PublishRequestsBench() {
    }

    /** The functions of one set of containers, on the counting clients. */
    private record Functions(IngestFunction ingest, ChannelFunction guide, ChannelFunction feeds, ChannelFunction site) {
    }

    /** One function's handling of one event. */
    private record Measured(String run, String function, double seconds, Map<String, Long> requests, String outcome) {
        long total(String service) {
            return requests.entrySet().stream().filter(e -> e.getKey().toLowerCase(Locale.ROOT).startsWith(service.toLowerCase(Locale.ROOT) + " "))
                    .mapToLong(Map.Entry::getValue).sum();
        }
    }

    public static void main(String[] args) throws Exception {
        Path content = Path.of(args[0]).toAbsolutePath();
        long latency = args.length > 1 ? Long.parseLong(args[1]) : 10;
        java.util.Set<String> flags = java.util.Set.of(java.util.Arrays.copyOfRange(args, Math.min(2, args.length), args.length));
        boolean guide = !flags.contains("noguide");
        Emulators.start();
        S3Client plain = AwsClients.s3();
        DynamoDbClient plainDynamo = AwsClients.dynamo();
        RequestCounter counter = new RequestCounter(Duration.ofMillis(latency));
        S3Client s3 = AwsClients.s3Builder().overrideConfiguration(o -> o.addExecutionInterceptor(counter)).build();
        DynamoDbClient dynamo = AwsClients.dynamoBuilder().overrideConfiguration(o -> o.addExecutionInterceptor(counter)).build();
        String contentBucket = AwsFixtures.bucket(plain, "bench-content");
        String state = AwsFixtures.bucket(plain, "bench-state");
        String site = AwsFixtures.bucket(plain, "bench-site");
        String table = AwsFixtures.revisionsTable(plainDynamo, "bench-revisions");
        List<Path> files;
        try (Stream<Path> walk = Files.walk(content)) {
            files = walk.filter(Files::isRegularFile).sorted().toList();
        }
        long pages = files.stream().filter(f -> f.toString().endsWith(".md")).count();
        System.err.printf(Locale.ROOT, "pushing %d files (%d pages) …%n", files.size(), pages);
        SQSEvent.SQSMessage pushed = push(plain, contentBucket, content, files);

        List<Measured> results = new ArrayList<>();
        S3BlobStore blobs = new S3BlobStore(s3, state, Env.BLOBS_PREFIX);
        RevisionLog log = new DynamoRevisionLog(dynamo, table, blobs);
        Functions warm = functions(s3, blobs, log, contentBucket, state, site);
        publish("r1: whole hub", 1, pushed, warm, counter, guide, results);

        List<Path> md = files.stream().filter(f -> f.toString().endsWith(".md") && !f.getFileName().toString().equals("index.md")).toList();
        SQSEvent.SQSMessage edited = edit(plain, contentBucket, content, md.get(md.size() / 2), "r2");
        publish("r2: one page edited (warm)", 2, edited, warm, counter, guide, results);

        // Cold containers: new function instances, and the warm ones gone (one JVM holds them all, and s3proxy's objects).
        warm = null;
        System.gc();
        edited = edit(plain, contentBucket, content, md.get(md.size() / 3), "r3");
        publish("r3: one page edited (cold)", 3, edited, functions(s3, blobs, log, contentBucket, state, site), counter, guide, results);

        Revision r3 = log.get(HUB, 3).orElseThrow();
        System.out.println();
        System.out.printf(Locale.ROOT, "%d pages, %d ms added to every request; r3: %s%n%n", pages, latency, r3.changes().summary());
        System.out.println("| publish | function | seconds | S3 requests | DynamoDB requests | by operation |");
        System.out.println("|---|---|---|---|---|---|");
        for (Measured m : results) {
            String ops = m.requests().entrySet().stream().map(e -> e.getKey().substring(e.getKey().indexOf(' ') + 1) + " " + e.getValue())
                    .collect(Collectors.joining(", "));
            System.out.printf(Locale.ROOT, "| %s | %s | %.2f | **%d** | %d | %s |%n", m.run(), m.function(), m.seconds(),
                    m.total("S3"), m.total("DynamoDB"), ops);
        }
        System.exit(0);
    }

    private static Functions functions(S3Client s3, S3BlobStore blobs, RevisionLog revisions, String contentBucket, String state,
                                       String site) {
        PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        Clock clock = Clock.systemUTC();
        S3ArtifactStore store = new S3ArtifactStore(s3, site, "");
        IngestFunction ingest = new IngestFunction(HUB, contentBucket,
                new S3ContentSource(s3, contentBucket, Env.CONTENT_PREFIX, state, Env.CONTENT_INDEX_KEY),
                blobs, revisions, clock, new JsonLog("ingest", System.err, clock), new Metrics("ingest", "bench", quiet, clock),
                IngestFunction.SETTLE_QUIET, IngestFunction.SETTLE_POLL);
        Channels channels = Channels.discover();
        return new Functions(ingest,
                new ChannelFunction(channels, "guide", blobs, revisions, store, new JsonLog("guide", System.err, clock), new Metrics("guide", "bench", quiet, clock)),
                new ChannelFunction(channels, "feeds", blobs, revisions, store, new JsonLog("feeds", System.err, clock), new Metrics("feeds", "bench", quiet, clock)),
                new ChannelFunction(channels, "site", blobs, revisions, store, new JsonLog("site", System.err, clock), new Metrics("site", "bench", quiet, clock)));
    }

    /** Ingests the push (its marker's notification), then publishes the revision as the dispatcher's queues would: guide, site, feeds. */
    private static void publish(String run, long seq, SQSEvent.SQSMessage marker, Functions fns, RequestCounter counter, boolean guide,
                                List<Measured> results) {
        SQSEvent event = AwsEvents.sqsEvent(List.of(marker));
        results.add(measure(run, "ingest", counter, () -> {
            SQSBatchResponse response = fns.ingest().handleRequest(event, null);
            return response.getBatchItemFailures().isEmpty() ? "r" + seq + " recorded" : "FAILED " + response.getBatchItemFailures();
        }));
        if (guide) {
            results.add(measure(run, "guide", counter, () -> outcome(fns.guide().handleRequest(
                    InitRunner.revisionMessage(HUB, Long.toString(seq), "guide", false), null))));
        }
        results.add(measure(run, "site", counter, () -> outcome(fns.site().handleRequest(
                InitRunner.revisionMessage(HUB, Long.toString(seq), "site", true), null))));
        results.add(measure(run, "feeds", counter, () -> outcome(fns.feeds().handleRequest(
                InitRunner.revisionMessage(HUB, Long.toString(seq), "feeds", true), null))));
    }

    private static String outcome(SQSBatchResponse response) {
        return response.getBatchItemFailures().isEmpty() ? "published" : "FAILED";
    }

    private static Measured measure(String run, String function, RequestCounter counter, java.util.function.Supplier<String> work) {
        System.gc();
        counter.reset();
        long started = System.nanoTime();
        String outcome = work.get();
        double seconds = (System.nanoTime() - started) / 1e9;
        Measured m = new Measured(run, function, seconds, counter.counts(), outcome);
        System.err.printf(Locale.ROOT, "%-28s %-6s %7.2f s  S3 %5d  DynamoDB %3d  %s%n", run, function, seconds, m.total("S3"),
                m.total("DynamoDB"), outcome);
        if (outcome.startsWith("FAILED")) {
            throw new IllegalStateException(function + " failed in " + run);
        }
        return m;
    }

    /** Pushes the folder as `aws s3 sync` would (eight at a time), then the marker; the marker's notification. */
    private static SQSEvent.SQSMessage push(S3Client s3, String bucket, Path content, List<Path> files) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> puts = new ArrayList<>();
            for (Path file : files) {
                String key = Env.CONTENT_PREFIX + content.relativize(file).toString().replace('\\', '/');
                puts.add(pool.submit(() -> s3.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromFile(file))));
            }
            for (Future<?> put : puts) {
                put.get();
            }
        } finally {
            pool.shutdownNow();
        }
        return marker(s3, bucket);
    }

    /** Writes the marker; its notification as S3 sends it right after the write (the event time is the write's). */
    private static SQSEvent.SQSMessage marker(S3Client s3, String bucket) {
        String key = Env.CONTENT_PREFIX + ".publish";
        s3.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromString(java.time.Instant.now().toString()));
        return AwsEvents.sqsMessage(AwsEvents.s3Notification("ObjectCreated:Put", bucket, key, 20));
    }

    /** One page edited (a paragraph added at its end) and pushed, then the marker; the marker's notification. */
    private static SQSEvent.SQSMessage edit(S3Client s3, String bucket, Path content, Path page, String why) throws Exception {
        String text = Files.readString(page) + "\nA paragraph added for " + why + " by the request benchmark.\n";
        String key = Env.CONTENT_PREFIX + content.relativize(page).toString().replace('\\', '/');
        s3.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromString(text));
        System.err.println("edited " + key);
        return marker(s3, bucket);
    }
}
