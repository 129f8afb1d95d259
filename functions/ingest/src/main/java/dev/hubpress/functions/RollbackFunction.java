package dev.hubpress.functions;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import dev.hubpress.aws.AwsClients;
import dev.hubpress.aws.DynamoRevisionLog;
import dev.hubpress.aws.S3BlobStore;
import dev.hubpress.core.channel.Channels;
import dev.hubpress.core.gate.GateLimits;
import dev.hubpress.core.gate.PublishGate;
import dev.hubpress.core.load.ContentReader;
import dev.hubpress.core.load.HubLoader;
import dev.hubpress.core.markdown.MarkdownEngine;
import dev.hubpress.core.port.BlobStore;
import dev.hubpress.core.port.RenderCache;
import dev.hubpress.core.port.RevisionLog;
import dev.hubpress.core.publish.IngestRevision;
import dev.hubpress.core.publish.RollbackResult;
import dev.hubpress.core.publish.Snapshots;
import dev.hubpress.core.revision.Revision;
import dev.hubpress.lambda.Env;
import dev.hubpress.lambda.JsonLog;
import dev.hubpress.lambda.RenderCacheFailures;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Lambda handler of a rollback, invoked directly ({@code aws lambda invoke --payload '{"revision": 1}'}):
 * records a new revision whose tree is that revision's snapshot in the state bucket
 * ({@link IngestRevision#restore}); the revisions table's stream then publishes it as any revision
 * (guide, site, feeds), and the digest planner mails nothing for it. The answer says what happened:
 * {@code {"outcome": "restored", "revision": "r3", "restores": "r1", ...}}, or {@code "refused"}
 * with the reason and a one-line message (no such revision, a rejected one, the content already
 * there, an event naming no revision). A refusal is the operator's to read, not a function error:
 * only a failure to reach the table or the bucket throws (and counts in Lambda's Errors).
 */
public final class RollbackFunction implements RequestHandler<Map<String, Object>, Map<String, Object>> {

    /** The function's name in its logs. */
    public static final String FUNCTION = "rollback";

    private final IngestRevision ingest;
    private final JsonLog log;
    private final RenderCacheFailures cacheFailures;

    /**
     * The Lambda runtime's constructor: the state bucket and revisions table from the environment,
     * and the render cache there (the restored tree's outlines are the channel functions' next read).
     */
    public RollbackFunction() {
        this(Env.required(Env.HUB_ID), new S3BlobStore(AwsClients.s3(), Env.required(Env.STATE_BUCKET), Env.BLOBS_PREFIX),
                Env.required(Env.REVISIONS_TABLE), JsonLog.stdout(FUNCTION));
    }

    private RollbackFunction(String hub, S3BlobStore blobs, String table, JsonLog log) {
        this(hub, blobs, new DynamoRevisionLog(AwsClients.dynamo(), table, blobs), Env.renderCache(), Clock.systemUTC(), log);
    }

    /** On any ports (tests), keeping nothing between containers. */
    public RollbackFunction(String hub, BlobStore blobs, RevisionLog revisions, Clock clock, JsonLog log) {
        this(hub, blobs, revisions, RenderCache.NONE, clock, log);
    }

    /** On any ports (tests), keeping parsed pages in this render cache. */
    public RollbackFunction(String hub, BlobStore blobs, RevisionLog revisions, RenderCache cache, Clock clock, JsonLog log) {
        ContentReader reader = new ContentReader(MarkdownEngine.standard(), cache);
        // Restoring gates nothing (the tree passed once), but the use case is the ingest's, which holds a gate.
        this.ingest = new IngestRevision(hub, new PublishGate(reader, GateLimits.DEFAULT, Channels.discover()),
                new HubLoader(reader), Snapshots.packed(blobs), revisions, clock);
        this.log = log;
        this.cacheFailures = new RenderCacheFailures(cache, log);
    }

    @Override
    public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
        if (context != null) {
            log.requestId(context.getAwsRequestId());
        }
        Optional<Long> seq = revision(event);
        if (seq.isEmpty()) {
            return refused("usage", "the event names no revision: invoke with {\"revision\": N} or {\"revision\": \"rN\"}, N from 1");
        }
        // An operator's invocation emits no metric: a cache that failed is one warning in the log.
        long cacheMark = cacheFailures.mark();
        RollbackResult result = ingest.restore(seq.get(), "rollback to r" + seq.get() + " (lambda invoke)");
        cacheFailures.since(cacheMark, "the rollback to r" + seq.get(), Map.of("revision", "r" + seq.get()));
        if (result instanceof RollbackResult.Refused refused) {
            return refused(refused.reason().name().toLowerCase(Locale.ROOT), refused.message());
        }
        if (result instanceof RollbackResult.Current current) {
            Revision head = current.head();
            return refused("current", (head.seq() == current.target().seq() ? head.id() + " is the current revision"
                    : head.id() + " already has " + current.target().id() + "'s content") + ": nothing to roll back");
        }
        Revision revision = ((RollbackResult.Restored) result).revision();
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("outcome", "restored");
        answer.put("hub", revision.hub());
        answer.put("revision", revision.id());
        answer.put("restores", "r" + revision.restores());
        answer.put("changes", revision.changes().summary());
        log.info(revision.id() + " recorded, restoring r" + revision.restores() + ": the stream publishes it; no digest is sent for it",
                answer);
        return answer;
    }

    /** The revision an event names: {@code {"revision": 1}} or {@code {"revision": "r1"}}. */
    static Optional<Long> revision(Map<String, Object> event) {
        Object value = event == null ? null : event.get("revision");
        if (value == null) {
            return Optional.empty();
        }
        java.util.OptionalLong seq = Revision.seqOf(String.valueOf(value));
        return seq.isPresent() ? Optional.of(seq.getAsLong()) : Optional.empty();
    }

    private Map<String, Object> refused(String reason, String message) {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("outcome", "refused");
        answer.put("reason", reason);
        answer.put("message", message);
        log.warn("rollback refused: " + message, Map.of("outcome", "refused", "reason", reason));
        return answer;
    }
}
