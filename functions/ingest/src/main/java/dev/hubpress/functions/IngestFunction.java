package dev.hubpress.functions;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.hubpress.aws.AwsClients;
import dev.hubpress.aws.DynamoRevisionLog;
import dev.hubpress.lambda.Env;
import dev.hubpress.aws.Json;
import dev.hubpress.aws.S3BlobStore;
import dev.hubpress.aws.S3ContentSource;
import dev.hubpress.lambda.JsonLog;
import dev.hubpress.lambda.Metric;
import dev.hubpress.lambda.Metrics;
import dev.hubpress.lambda.RenderCacheFailures;
import dev.hubpress.core.content.ContentFile;
import dev.hubpress.core.content.ContentTree;
import dev.hubpress.core.channel.Channels;
import dev.hubpress.core.gate.GateLimits;
import dev.hubpress.core.load.ContentReader;
import dev.hubpress.core.load.HubLoader;
import dev.hubpress.core.gate.PublishGate;
import dev.hubpress.core.markdown.MarkdownEngine;
import dev.hubpress.core.port.BlobStore;
import dev.hubpress.core.port.ContentSource;
import dev.hubpress.core.port.RenderCache;
import dev.hubpress.core.port.RevisionLog;
import dev.hubpress.core.publish.IngestResult;
import dev.hubpress.core.publish.IngestRevision;
import dev.hubpress.core.publish.Snapshots;
import dev.hubpress.core.revision.ChangeSet;
import dev.hubpress.core.revision.Revision;
import dev.hubpress.core.work.Startup;

import software.amazon.awssdk.services.s3.S3Client;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Lambda handler of the ingest queue: each SQS message carries an S3 event notification for the
 * content bucket's {@code content/} prefix. A batch first waits for the push to settle
 * ({@link PushSettle}: one push, one revision, however many batches it arrives in); a batch that a
 * later change supersedes is acknowledged and leaves the ingest to that change's batch. Otherwise
 * the batch reads the content tree once and ingests it once: snapshot, gate, change set, revision
 * claimed in DynamoDB. A duplicated or repeated notification finds the tree unchanged and creates
 * nothing. A message that is not an S3 notification is reported alone in
 * {@code batchItemFailures} (it goes back to the queue and, after its retries, to the DLQ); if the
 * ingest itself fails, the messages that asked for it are reported, never the whole batch by a throw.
 */
public final class IngestFunction implements RequestHandler<SQSEvent, SQSBatchResponse> {

    /** The function's name in its logs and the Function dimension of its metrics. */
    public static final String FUNCTION = "ingest";

    /** The metrics the function emits (through {@link IngestReport}). */
    public static final Set<Metric> METRICS = Set.of(Metric.REVISIONS_ACCEPTED, Metric.REVISIONS_REJECTED, Metric.CONTENT_FILES,
            Metric.CONTENT_BYTES, Metric.MESSAGES_FAILED, Metric.INGEST_FAILURES, Metric.INGEST_MILLIS, Metric.RENDER_CACHE_FAILURES);

    /** How long the content prefix must be quiet before a batch ingests it, deployed. */
    public static final Duration SETTLE_QUIET = PushSettle.QUIET;
    /** How often a waiting batch lists the prefix again, deployed. */
    public static final Duration SETTLE_POLL = PushSettle.POLL;

    private final String contentBucket;
    private final ContentSource source;
    private final PushSettle settle;
    private final IngestRevision ingest;
    private final JsonLog log;
    private final RenderCacheFailures cacheFailures;
    private final IngestReport report;

    /**
     * The Lambda runtime's constructor: clients and resource names from the environment, built once
     * per container. The S3 and DynamoDB clients are built and their first request primed on other
     * threads while this one loads the Markdown engine and the gate: a cold start pays for the
     * slowest of them, not for their sum.
     */
    public IngestFunction() {
        this(Wiring.fromEnvironment());
    }

    private IngestFunction(Wiring wiring) {
        this(wiring.hub(), wiring.contentBucket(), wiring.source(), wiring.blobs(), wiring.revisions(), Clock.systemUTC(),
                JsonLog.stdout(FUNCTION), Metrics.stdout(FUNCTION), wiring.reader(), wiring.cache(),
                PushSettle.of(wiring.source()::list, Env.CONTENT_PREFIX));
    }

    /** On any ports (unit tests, other hosts): a source that is no bucket, so every batch ingests at once. */
    public IngestFunction(String hub, String contentBucket, ContentSource source, BlobStore blobs, RevisionLog revisions,
                          Clock clock, JsonLog log, Metrics metrics) {
        this(hub, contentBucket, source, blobs, revisions, clock, log, metrics, new ContentReader(MarkdownEngine.standard()),
                RenderCache.NONE, PushSettle.none());
    }

    /**
     * On a content bucket (integration tests, benchmarks): batches wait for their push to settle as
     * deployed, with these periods (the deployed ones are {@link #SETTLE_QUIET} and {@link #SETTLE_POLL}).
     */
    public IngestFunction(String hub, String contentBucket, S3ContentSource source, BlobStore blobs, RevisionLog revisions,
                          Clock clock, JsonLog log, Metrics metrics, Duration quiet, Duration poll) {
        this(hub, contentBucket, source, blobs, revisions, clock, log, metrics, new ContentReader(MarkdownEngine.standard()),
                RenderCache.NONE, PushSettle.of(source::list, Env.CONTENT_PREFIX, quiet, poll));
    }

    /**
     * With a wait of the caller's (unit tests).
     *
     * @param cache the render cache {@code reader} keeps parsed pages in, whose failures each ingest reports
     */
    IngestFunction(String hub, String contentBucket, ContentSource source, BlobStore blobs, RevisionLog revisions,
                   Clock clock, JsonLog log, Metrics metrics, ContentReader reader, RenderCache cache, PushSettle settle) {
        this.contentBucket = contentBucket;
        this.source = source;
        this.settle = settle;
        // The gate knows every channel's declaration (this jar carries them, not their renderers).
        this.ingest = new IngestRevision(hub, new PublishGate(reader, GateLimits.DEFAULT, Channels.discover()),
                new HubLoader(reader), Snapshots.packed(blobs), revisions, clock);
        this.log = log;
        this.cacheFailures = new RenderCacheFailures(cache, log);
        this.report = new IngestReport(log, metrics);
    }

    /** The production ports, built in parallel. */
    private record Wiring(String hub, String contentBucket, S3ContentSource source, S3BlobStore blobs,
                          DynamoRevisionLog revisions, ContentReader reader, RenderCache cache) {

        static Wiring fromEnvironment() {
            String hub = Env.required(Env.HUB_ID);
            String contentBucket = Env.required(Env.CONTENT_BUCKET);
            String stateBucket = Env.required(Env.STATE_BUCKET);
            String table = Env.required(Env.REVISIONS_TABLE);
            Startup<S3Client> s3 = Startup.begin("s3", () -> {
                S3Client client = AwsClients.s3();
                Startup.prime(() -> client.headBucket(b -> b.bucket(contentBucket)));
                return client;
            });
            Startup<DynamoRevisionLog> revisions = Startup.begin("dynamodb", () -> {
                DynamoRevisionLog log = new DynamoRevisionLog(AwsClients.dynamo(), table,
                        new S3BlobStore(AwsClients.s3(), stateBucket, Env.BLOBS_PREFIX));
                Startup.prime(() -> log.recent(hub, 1));
                Startup.prime(() -> Json.write(ChangeSet.NONE));
                return log;
            });
            MarkdownEngine markdown = MarkdownEngine.standard();
            // Loads the gate's parsing path (front matter, Markdown, links) on a tiny tree, with a
            // reader of its own: through the cached one, the tiny tree's outlines would replace the
            // hub's in the render cache.
            Startup.prime(() -> new PublishGate(new ContentReader(markdown), GateLimits.DEFAULT, Channels.of(List.of())).inspect(
                    new ContentTree(List.of(
                            new ContentFile("hub.yaml", "title: T\n".getBytes(StandardCharsets.UTF_8)),
                            new ContentFile("index.md", "---\ntitle: T\n---\n## A\n\n[b](#a) *c*\n".getBytes(StandardCharsets.UTF_8))))));
            S3Client client = s3.await();
            // The outlines this ingest parses are the channel functions' next read: they share the cache.
            RenderCache cache = Env.renderCache();
            return new Wiring(hub, contentBucket,
                    new S3ContentSource(client, contentBucket, Env.CONTENT_PREFIX, stateBucket, Env.CONTENT_INDEX_KEY),
                    new S3BlobStore(client, stateBucket, Env.BLOBS_PREFIX), revisions.await(),
                    new ContentReader(markdown, cache), cache);
        }
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        long started = System.nanoTime();
        log.requestId(context == null ? "" : context.getAwsRequestId());
        IngestBatch batch = IngestBatch.of(event, contentBucket, Env.CONTENT_PREFIX, log);
        if (batch.asking().isEmpty()) {
            report.nothingAsked(batch, started);
            return batch.response(false);
        }
        try {
            PushSettle.Result settled = settle.await(batch.newestEvent(), settleDeadline(context));
            if (!settled.outcome().ingests()) {
                report.superseded(batch, settled, started);
                return batch.response(false);
            }
            // The tree is read inside the ingest, after the head, and again if another ingest
            // claims the next number first: an older read never lands on top of a newer one.
            AtomicReference<ContentTree> read = new AtomicReference<>();
            long cacheMark = cacheFailures.mark();
            IngestResult result;
            try {
                result = ingest.ingest(() -> {
                    ContentTree tree = source.read();
                    read.set(tree);
                    return tree;
                }, batch.trigger());
            } catch (RuntimeException e) {
                report.failed(e, batch, started, cacheFailures.since(cacheMark, "a failed ingest", Map.of()));
                return batch.response(true);
            }
            Revision revision = IngestReport.revision(result);
            long cacheFailed = cacheFailures.since(cacheMark, "the ingest of " + revision.id(),
                    Map.of("hub", revision.hub(), "revision", revision.id()));
            report.ingested(result, read.get(), batch, settled, started, cacheFailed);
            return batch.response(false);
        } catch (RuntimeException e) {
            report.failed(e, batch, started, 0);
            return batch.response(true);
        }
    }

    /**
     * When a batch stops waiting for its push at the latest: after {@link PushSettle#BUDGET}, and
     * never later than half the time the invocation has left, so that the ingest itself keeps the
     * other half.
     */
    static Instant settleDeadline(Context context) {
        Duration budget = PushSettle.BUDGET;
        if (context != null && context.getRemainingTimeInMillis() > 0) {
            Duration half = Duration.ofMillis(context.getRemainingTimeInMillis() / 2);
            budget = half.compareTo(budget) < 0 ? half : budget;
        }
        return Instant.now().plus(budget);
    }
}
