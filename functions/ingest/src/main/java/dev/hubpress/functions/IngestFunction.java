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
import dev.hubpress.lambda.Metrics;
import dev.hubpress.lambda.S3Notifications;
import dev.hubpress.lambda.Startup;
import dev.hubpress.core.content.ContentFile;
import dev.hubpress.core.content.ContentTree;
import dev.hubpress.core.gate.GateError;
import dev.hubpress.core.gate.GateLimits;
import dev.hubpress.core.gate.PublishGate;
import dev.hubpress.core.markdown.MarkdownEngine;
import dev.hubpress.core.port.BlobStore;
import dev.hubpress.core.port.ContentSource;
import dev.hubpress.core.port.RevisionLog;
import dev.hubpress.core.publish.IngestResult;
import dev.hubpress.core.publish.IngestRevision;
import dev.hubpress.core.publish.Snapshots;
import dev.hubpress.core.revision.ChangeSet;
import dev.hubpress.core.revision.Revision;

import software.amazon.awssdk.services.s3.S3Client;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Lambda handler of the ingest queue: each SQS message carries an S3 event notification for the
 * content bucket's {@code content/} prefix. One batch (the queue's batching window gathers one
 * multi-file push) reads the content tree once and ingests it once: snapshot, gate, change set,
 * revision claimed in DynamoDB. A duplicated or repeated notification finds the tree unchanged and
 * creates nothing. A message that is not an S3 notification is reported alone in
 * {@code batchItemFailures} (it goes back to the queue and, after its retries, to the DLQ); if the
 * ingest itself fails, the messages that asked for it are reported, never the whole batch by a throw.
 */
public final class IngestFunction implements RequestHandler<SQSEvent, SQSBatchResponse> {

    private final String contentBucket;
    private final String contentPrefix;
    private final ContentSource source;
    private final IngestRevision ingest;
    private final JsonLog log;
    private final Metrics metrics;

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
                JsonLog.stdout("ingest"), Metrics.stdout("ingest"), wiring.gate());
    }

    /** On any ports (tests, other hosts). */
    public IngestFunction(String hub, String contentBucket, ContentSource source, BlobStore blobs, RevisionLog revisions,
                          Clock clock, JsonLog log, Metrics metrics) {
        this(hub, contentBucket, source, blobs, revisions, clock, log, metrics,
                new PublishGate(new MarkdownEngine(), GateLimits.DEFAULT));
    }

    private IngestFunction(String hub, String contentBucket, ContentSource source, BlobStore blobs, RevisionLog revisions,
                           Clock clock, JsonLog log, Metrics metrics, PublishGate gate) {
        this.contentBucket = contentBucket;
        this.contentPrefix = Env.CONTENT_PREFIX;
        this.source = source;
        this.ingest = new IngestRevision(hub, gate, new Snapshots(blobs), revisions, clock);
        this.log = log;
        this.metrics = metrics;
    }

    /** The production ports, built in parallel. */
    private record Wiring(String hub, String contentBucket, S3ContentSource source, S3BlobStore blobs,
                          DynamoRevisionLog revisions, PublishGate gate) {

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
                DynamoRevisionLog log = new DynamoRevisionLog(AwsClients.dynamo(), table);
                Startup.prime(() -> log.latest(hub));
                Startup.prime(() -> Json.write(ChangeSet.NONE));
                return log;
            });
            MarkdownEngine markdown = new MarkdownEngine();
            PublishGate gate = new PublishGate(markdown, GateLimits.DEFAULT);
            // Loads the gate's parsing path (front matter, Markdown, links) on a tiny tree.
            Startup.prime(() -> gate.inspect(new ContentTree(List.of(
                    new ContentFile("hub.yaml", "title: T\n".getBytes(StandardCharsets.UTF_8)),
                    new ContentFile("index.md", "---\ntitle: T\n---\n## A\n\n[b](#a) *c*\n".getBytes(StandardCharsets.UTF_8))))));
            S3Client client = s3.await();
            return new Wiring(hub, contentBucket, new S3ContentSource(client, contentBucket, Env.CONTENT_PREFIX),
                    new S3BlobStore(client, stateBucket, Env.BLOBS_PREFIX), revisions.await(), gate);
        }
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        long started = System.nanoTime();
        log.requestId(context == null ? "" : context.getAwsRequestId());
        List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
        List<String> asking = new ArrayList<>();
        TreeSet<String> keys = new TreeSet<>();
        TreeSet<String> events = new TreeSet<>();
        String sequencer = "";
        List<SQSEvent.SQSMessage> messages = event.getRecords() == null ? List.of() : event.getRecords();
        for (SQSEvent.SQSMessage message : messages) {
            List<S3Notifications.Change> changes;
            try {
                changes = S3Notifications.parse(message.getBody());
            } catch (S3Notifications.MalformedNotification e) {
                log.error("not an S3 notification: reported as failed", Map.of("messageId", message.getMessageId(),
                        "error", e.getMessage()));
                failures.add(new SQSBatchResponse.BatchItemFailure(message.getMessageId()));
                continue;
            }
            boolean relevant = false;
            for (S3Notifications.Change change : changes) {
                if (!change.bucket().equals(contentBucket) || !change.key().startsWith(contentPrefix)) {
                    log.warn("ignoring a change outside s3://" + contentBucket + "/" + contentPrefix,
                            Map.of("messageId", message.getMessageId(), "bucket", change.bucket(), "key", change.key()));
                    continue;
                }
                relevant = true;
                keys.add(change.key());
                events.add(change.eventName());
                if (later(change.sequencer(), sequencer)) {
                    sequencer = change.sequencer();
                }
            }
            if (relevant) {
                asking.add(message.getMessageId());
            } else if (changes.isEmpty()) {
                log.info("s3:TestEvent: nothing to ingest", Map.of("messageId", message.getMessageId()));
            }
        }
        Map<String, Metrics.Value> figures = new LinkedHashMap<>();
        figures.put("MessagesFailed", Metrics.Value.count(failures.size()));
        Map<String, String> properties = new LinkedHashMap<>();
        if (!asking.isEmpty()) {
            try {
                // The tree is read inside the ingest, after the head, and again if another ingest
                // claims the next number first: an older read never lands on top of a newer one.
                AtomicReference<ContentTree> read = new AtomicReference<>();
                IngestResult result = ingest.ingest(() -> {
                    ContentTree tree = source.read();
                    read.set(tree);
                    return tree;
                }, trigger(events, keys, sequencer));
                report(result, read.get(), figures, properties, asking.size(), keys.size());
            } catch (RuntimeException e) {
                log.error("ingest failed; the " + asking.size() + " messages that asked for it go back to the queue",
                        Map.of("error", String.valueOf(e.getMessage()), "exception", e.getClass().getName(),
                                "messages", asking));
                asking.forEach(id -> failures.add(new SQSBatchResponse.BatchItemFailure(id)));
                figures.put("MessagesFailed", Metrics.Value.count(failures.size()));
                figures.put("IngestFailures", Metrics.Value.count(1));
            }
        }
        figures.put("IngestMillis", Metrics.Value.millis((System.nanoTime() - started) / 1_000_000));
        metrics.emit(figures, properties);
        return new SQSBatchResponse(failures);
    }

    private void report(IngestResult result, ContentTree tree, Map<String, Metrics.Value> figures,
                        Map<String, String> properties, int messages, int changedKeys) {
        Revision revision = result instanceof IngestResult.Accepted a ? a.revision()
                : result instanceof IngestResult.Rejected r ? r.revision()
                : ((IngestResult.Unchanged) result).head();
        String outcome = result instanceof IngestResult.Accepted ? "accepted"
                : result instanceof IngestResult.Rejected ? "rejected" : "unchanged";
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("hub", revision.hub());
        fields.put("revision", revision.id());
        fields.put("outcome", outcome);
        fields.put("treeHash", revision.treeHash());
        fields.put("files", tree.files().size());
        fields.put("bytes", tree.totalBytes());
        fields.put("messages", messages);
        fields.put("changedKeys", changedKeys);
        if (result instanceof IngestResult.Accepted) {
            fields.put("changes", revision.changes().summary());
            log.info(revision.id() + " accepted: " + revision.changes().summary(), fields);
        } else if (result instanceof IngestResult.Rejected) {
            fields.put("errors", revision.errors().stream().map(GateError::toString).toList());
            log.warn(revision.id() + " rejected: " + revision.errors().size() + " gate errors; nothing published changes", fields);
        } else {
            log.info("no changes since " + revision.id() + ": nothing ingested", fields);
        }
        figures.put("RevisionsAccepted", Metrics.Value.count(result instanceof IngestResult.Accepted ? 1 : 0));
        figures.put("RevisionsRejected", Metrics.Value.count(result instanceof IngestResult.Rejected ? 1 : 0));
        figures.put("ContentFiles", Metrics.Value.count(tree.files().size()));
        figures.put("ContentBytes", Metrics.Value.bytes(tree.totalBytes()));
        properties.put("revision", revision.id());
        properties.put("hub", revision.hub());
        properties.put("outcome", outcome);
    }

    /** Whether an S3 sequencer is later than another: hexadecimal values, the shorter padded with leading zeros. */
    static boolean later(String sequencer, String than) {
        int width = Math.max(sequencer.length(), than.length());
        return "0".repeat(width - sequencer.length()).concat(sequencer).compareToIgnoreCase(
                "0".repeat(width - than.length()).concat(than)) > 0;
    }

    /** What caused the revision, for operators: the events, the keys (a few), the newest S3 sequencer. */
    static String trigger(TreeSet<String> events, TreeSet<String> keys, String sequencer) {
        StringBuilder text = new StringBuilder("s3 ").append(String.join(",", events)).append(' ');
        int shown = 0;
        for (String key : keys) {
            if (shown == 5) {
                text.append(" (+").append(keys.size() - shown).append(" more)");
                break;
            }
            text.append(shown == 0 ? "" : ", ").append(key);
            shown++;
        }
        if (!sequencer.isEmpty()) {
            text.append("; sequencer ").append(sequencer);
        }
        return text.toString();
    }
}
