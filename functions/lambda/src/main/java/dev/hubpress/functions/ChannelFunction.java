package dev.hubpress.functions;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.hubpress.aws.AwsClients;
import dev.hubpress.aws.CloudFrontEdgeCache;
import dev.hubpress.aws.DynamoRevisionLog;
import dev.hubpress.aws.S3ArtifactStore;
import dev.hubpress.aws.S3BlobStore;
import dev.hubpress.core.channel.Channel;
import dev.hubpress.core.channel.Channels;
import dev.hubpress.core.load.ContentReader;
import dev.hubpress.core.load.HubLoader;
import dev.hubpress.core.markdown.MarkdownEngine;
import dev.hubpress.core.port.ArtifactStore;
import dev.hubpress.core.port.BlobStore;
import dev.hubpress.core.port.EdgeCache;
import dev.hubpress.core.port.RenderCache;
import dev.hubpress.core.port.RevisionLog;
import dev.hubpress.core.publish.InvalidateEdge;
import dev.hubpress.core.publish.PublishRevision;
import dev.hubpress.core.publish.Snapshots;
import dev.hubpress.core.revision.Revision;
import dev.hubpress.lambda.Env;
import dev.hubpress.lambda.JsonLog;
import dev.hubpress.lambda.Metric;
import dev.hubpress.lambda.Metrics;
import dev.hubpress.lambda.QueueBatch;
import dev.hubpress.lambda.RenderCacheFailures;
import dev.hubpress.lambda.RevisionMessage;
import dev.hubpress.lambda.RevisionRecords;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The Lambda handler of every channel function (site, feeds, guide): template.yaml names the
 * channel in {@code CHANNEL}, and each function's jar holds that channel. Messages of its FIFO
 * queue in, each naming a revision the dispatcher decided this channel must publish
 * ({@link RevisionMessage}, by {@link RevisionRecords}' rule); that channel of the revision
 * published, its status recorded, and the CDN told to drop what it changed ({@link InvalidateEdge}:
 * a refusal is a warning and a metric, never a failed publish).
 *
 * <p>Messages come in the queue's order (a hub's revisions in stream order); at the first failure
 * the handler stops and reports that message and every one after it ({@code ReportBatchItemFailures},
 * as a FIFO queue needs), so SQS delivers them again in order and a later revision is never
 * published before an earlier one. An unreadable message, or one for another consumer, is logged
 * and dropped: retrying it could never succeed.
 */
public final class ChannelFunction implements RequestHandler<SQSEvent, SQSBatchResponse> {

    /** The metrics a channel function emits, its channel id ({@code CHANNEL}) their Function dimension. */
    public static final Set<Metric> METRICS = Set.of(Metric.OBJECTS_RENDERED, Metric.OBJECTS_WRITTEN, Metric.BYTES_RENDERED,
            Metric.RENDER_MILLIS, Metric.CHANNEL_FAILURES, Metric.PATHS_INVALIDATED, Metric.INVALIDATION_FAILURES,
            Metric.RENDER_CACHE_FAILURES);

    private final Channel channel;
    private final PublishRevision publish;
    private final InvalidateEdge invalidate;
    private final RenderCacheFailures cacheFailures;
    private final JsonLog log;
    private final Metrics metrics;

    /**
     * The Lambda runtime's constructor: clients, resource names and the channel from the
     * environment, built once per container; the render cache in the state bucket, so a cold
     * container reuses what the last one parsed and rendered.
     */
    public ChannelFunction() {
        this(new S3BlobStore(AwsClients.s3(), Env.required(Env.STATE_BUCKET), Env.BLOBS_PREFIX));
    }

    private ChannelFunction(S3BlobStore blobs) {
        this(Channels.discover(), Env.required(Env.CHANNEL), blobs,
                new DynamoRevisionLog(AwsClients.dynamo(), Env.required(Env.REVISIONS_TABLE), blobs),
                new S3ArtifactStore(AwsClients.s3(), Env.required(Env.SITE_BUCKET), ""),
                CloudFrontEdgeCache.onFirstUse(Env.required(Env.DISTRIBUTION_ID)), Env.renderCache(),
                JsonLog.stdout(Env.required(Env.CHANNEL)), Metrics.stdout(Env.required(Env.CHANNEL)));
    }

    /** On any ports, with no CDN in front of the store (tests, other hosts). */
    public ChannelFunction(Channels channels, String channelId, BlobStore blobs, RevisionLog revisions, ArtifactStore store,
                           JsonLog log, Metrics metrics) {
        this(channels, channelId, blobs, revisions, store, EdgeCache.NONE, log, metrics);
    }

    /**
     * On any ports (tests, other hosts), keeping nothing between containers.
     *
     * @param channelId the channel to publish, one of {@code channels} that publishes site objects
     * @param edge      the CDN in front of the store, told after each publish what it changed
     */
    public ChannelFunction(Channels channels, String channelId, BlobStore blobs, RevisionLog revisions, ArtifactStore store,
                           EdgeCache edge, JsonLog log, Metrics metrics) {
        this(channels, channelId, blobs, revisions, store, edge, RenderCache.NONE, log, metrics);
    }

    /**
     * On any ports (tests, other hosts), keeping what the reader parses and the channel renders in
     * a render cache for the next container.
     *
     * @param channelId the channel to publish, one of {@code channels} that publishes site objects
     * @param edge      the CDN in front of the store, told after each publish what it changed
     * @param cache     where parsed pages and rendered bodies are kept between containers
     */
    public ChannelFunction(Channels channels, String channelId, BlobStore blobs, RevisionLog revisions, ArtifactStore store,
                           EdgeCache edge, RenderCache cache, JsonLog log, Metrics metrics) {
        this.channel = channels.publishing().stream().filter(c -> c.id().equals(channelId)).findFirst().orElseThrow(() ->
                new IllegalStateException(Env.CHANNEL + " names '" + channelId + "', but this function publishes only "
                        + channels.publishing().stream().map(Channel::id).toList()));
        this.publish = new PublishRevision(channels.caching(cache), new HubLoader(new ContentReader(MarkdownEngine.standard(), cache)),
                new Snapshots(blobs), revisions, store);
        this.invalidate = new InvalidateEdge(edge);
        this.cacheFailures = new RenderCacheFailures(cache, log);
        this.log = log;
        this.metrics = metrics;
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        log.requestId(context == null ? "" : context.getAwsRequestId());
        return QueueBatch.handle(event, QueueBatch.Order.FIFO, log, body -> {
            RevisionMessage revision = RevisionMessage.parse(body);
            if (!revision.consumer().equals(channel.id())) {
                throw new IllegalArgumentException("a message for " + revision.consumer() + ", not " + channel.id());
            }
            return revision;
        }, revision -> published(revision.revision()));
    }

    /** Publishes the channel of that revision; whether it did. A failure is logged in one line and counted. */
    private boolean published(RevisionRecords.RevisionRef revision) {
        Map<String, String> dimensions = Map.of("revision", revision.id(), "hub", revision.hub(), "channel", channel.id());
        PublishRevision.Report report;
        String work = channel.id() + " of " + revision.id();
        long cacheMark = cacheFailures.mark();
        try {
            report = publish.publish(revision.hub(), revision.seq(), List.of(channel.id()));
        } catch (RuntimeException e) {
            // The revision could not be read or loaded, or its status not recorded: nothing was published.
            failed(revision, PublishRevision.oneLine(e), e, cacheFailures.since(cacheMark, work, dimensions), dimensions);
            return false;
        }
        long cacheFailed = cacheFailures.since(cacheMark, work, dimensions);
        if (report.superseded().contains(channel.id())) {
            // A late message (one replayed from the DLQ): publishing it would put older pages back over newer ones.
            Map<String, Object> fields = new LinkedHashMap<>(dimensions);
            fields.put("newer", PublishRevision.publishedAfter(report.history(), revision.seq(), channel.id())
                    .map(Revision::id).orElse(""));
            log.warn("skipped " + channel.id() + " of " + revision.id() + ": a newer revision's " + channel.id()
                    + " is already published", fields);
            return true;
        }
        PublishRevision.Outcome outcome = report.outcomes().get(0);
        if (outcome.failed()) {
            failed(revision, outcome.status().error(), outcome.failure().orElse(null), cacheFailed, dimensions);
            return false;
        }
        Map<String, Object> fields = new LinkedHashMap<>(dimensions);
        fields.put("objects", outcome.status().objects());
        fields.put("written", outcome.written());
        fields.put("unchanged", outcome.unchanged());
        fields.put("deleted", outcome.deleted());
        fields.put("bytes", outcome.status().bytes());
        fields.put("millis", outcome.status().millis());
        InvalidateEdge.Result edge = invalidate.after(report.revision(), outcome);
        fields.put("invalidated", edge.failed() ? 0 : edge.paths().size());
        log.info("published " + channel.id() + " of " + revision.id(), fields);
        if (edge.failed()) {
            // The objects are published; the CDN's copies expire by their Cache-Control instead.
            Map<String, Object> warning = new LinkedHashMap<>(dimensions);
            warning.put("paths", edge.paths());
            warning.put("error", edge.failure().orElseThrow());
            log.warn("could not invalidate " + edge.paths().size() + " CDN paths after " + channel.id() + " of "
                    + revision.id() + "; they expire by their Cache-Control", warning);
        }
        metrics.emit(Map.of(
                        Metric.OBJECTS_RENDERED, outcome.status().objects(),
                        Metric.OBJECTS_WRITTEN, outcome.written(),
                        Metric.BYTES_RENDERED, outcome.status().bytes(),
                        Metric.RENDER_MILLIS, outcome.status().millis(),
                        Metric.CHANNEL_FAILURES, 0,
                        Metric.PATHS_INVALIDATED, edge.failed() ? 0 : edge.paths().size(),
                        Metric.INVALIDATION_FAILURES, edge.failed() ? 1 : 0,
                        Metric.RENDER_CACHE_FAILURES, cacheFailed),
                dimensions);
        return true;
    }

    private void failed(RevisionRecords.RevisionRef revision, String error, Throwable cause, long cacheFailed,
                        Map<String, String> dimensions) {
        Map<String, Object> fields = new LinkedHashMap<>(dimensions);
        fields.put("error", error);
        fields.put("exception", cause == null ? "" : cause.getClass().getName());
        log.error(channel.id() + " failed for " + revision.id() + "; SQS delivers it again", fields);
        metrics.emit(Map.of(Metric.CHANNEL_FAILURES, 1, Metric.RENDER_CACHE_FAILURES, cacheFailed), dimensions);
    }
}
