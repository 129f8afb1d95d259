package dev.hubpress.functions;

import dev.hubpress.core.content.ContentTree;
import dev.hubpress.core.content.GateError;
import dev.hubpress.core.publish.IngestResult;
import dev.hubpress.core.revision.Revision;
import dev.hubpress.lambda.JsonLog;
import dev.hubpress.lambda.Metric;
import dev.hubpress.lambda.Metrics;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;

/** What one ingest did, as operators see it: one JSON log line and one set of metrics. */
final class IngestReport {

    /** Gate errors written into the log line of a rejection. */
    static final int LOGGED_ERRORS = 20;

    private final JsonLog log;
    private final Metrics metrics;

    IngestReport(JsonLog log, Metrics metrics) {
        this.log = log;
        this.metrics = metrics;
    }

    /** The revision an ingest made, or the head it found the tree identical to. */
    static Revision revision(IngestResult result) {
        return result instanceof IngestResult.Accepted a ? a.revision()
                : result instanceof IngestResult.Rejected r ? r.revision()
                : ((IngestResult.Unchanged) result).head();
    }

    /**
     * The outcome of an ingest of the tree as read, after its push settled.
     *
     * @param cacheFailed the render cache's reads and writes that failed during it
     */
    void ingested(IngestResult result, ContentTree tree, IngestBatch batch, PushSettle.Result settled, long started, long cacheFailed) {
        Revision revision = revision(result);
        String outcome = result instanceof IngestResult.Accepted ? "accepted"
                : result instanceof IngestResult.Rejected ? "rejected" : "unchanged";
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("hub", revision.hub());
        fields.put("revision", revision.id());
        fields.put("outcome", outcome);
        fields.put("treeHash", revision.treeHash());
        fields.put("files", tree.files().size());
        fields.put("bytes", tree.totalBytes());
        fields.put("messages", batch.asking().size());
        fields.put("changedKeys", batch.keys().size());
        fields.put("settle", settled.outcome().name().toLowerCase(java.util.Locale.ROOT));
        fields.put("settleMillis", settled.waitedMillis());
        if (result instanceof IngestResult.Accepted) {
            fields.put("changes", revision.changes().summary());
            log.info(revision.id() + " accepted: " + revision.changes().summary(), fields);
        } else if (result instanceof IngestResult.Rejected) {
            // The count and the first few: a rejection can hold thousands of errors, and one log
            // event holds 256 KB at most. The revision keeps them all.
            fields.put("errorCount", revision.errors().size());
            fields.put("errors", revision.errors().stream().limit(LOGGED_ERRORS).map(GateError::toString).toList());
            log.warn(revision.id() + " rejected: " + revision.errors().size() + " gate errors; nothing published changes", fields);
        } else {
            log.info("no changes since " + revision.id() + ": nothing ingested", fields);
        }
        Map<Metric, Number> figures = common(batch, false, started);
        figures.put(Metric.REVISIONS_ACCEPTED, result instanceof IngestResult.Accepted ? 1 : 0);
        figures.put(Metric.REVISIONS_REJECTED, result instanceof IngestResult.Rejected ? 1 : 0);
        figures.put(Metric.CONTENT_FILES, tree.files().size());
        figures.put(Metric.CONTENT_BYTES, tree.totalBytes());
        figures.put(Metric.RENDER_CACHE_FAILURES, cacheFailed);
        metrics.emit(figures, Map.of("revision", revision.id(), "hub", revision.hub(), "outcome", outcome));
    }

    /** A batch whose push went on after it: acknowledged, the batch of the later change ingests. */
    void superseded(IngestBatch batch, PushSettle.Result settled, long started) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("outcome", "superseded");
        fields.put("messages", batch.asking().size());
        fields.put("changedKeys", batch.keys().size());
        fields.put("settle", settled.outcome().name().toLowerCase(java.util.Locale.ROOT));
        fields.put("settleMillis", settled.waitedMillis());
        fields.put("listings", settled.listings());
        log.info("the push went on after this batch: the batch of its later change ingests it", fields);
        metrics.emit(common(batch, false, started), Map.of());
    }

    /** An ingest that failed (meeting {@code cacheFailed} failures of the render cache): its messages go back to the queue. */
    void failed(RuntimeException e, IngestBatch batch, long started, long cacheFailed) {
        log.error("ingest failed; the " + batch.asking().size() + " messages that asked for it go back to the queue",
                Map.of("error", String.valueOf(e.getMessage()), "exception", e.getClass().getName(), "messages", batch.asking()));
        Map<Metric, Number> figures = common(batch, true, started);
        figures.put(Metric.INGEST_FAILURES, 1);
        figures.put(Metric.RENDER_CACHE_FAILURES, cacheFailed);
        metrics.emit(figures, Map.of());
    }

    /** A batch that asked for no ingest (a test event, only malformed messages). */
    void nothingAsked(IngestBatch batch, long started) {
        metrics.emit(common(batch, false, started), Map.of());
    }

    private static Map<Metric, Number> common(IngestBatch batch, boolean ingestFailed, long started) {
        Map<Metric, Number> figures = new EnumMap<>(Metric.class);
        figures.put(Metric.MESSAGES_FAILED, batch.malformed().size() + (ingestFailed ? batch.asking().size() : 0));
        figures.put(Metric.INGEST_MILLIS, (System.nanoTime() - started) / 1_000_000);
        return figures;
    }
}
