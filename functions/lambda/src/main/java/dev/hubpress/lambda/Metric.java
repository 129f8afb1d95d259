package dev.hubpress.lambda;

import java.util.Arrays;
import java.util.Optional;

/**
 * Every metric the functions emit, under the name CloudWatch shows in the namespace
 * {@value Metrics#NAMESPACE}, with its unit. {@link Metrics} writes nothing else, and the alarms
 * of template.yaml may name nothing else (AlarmsTest holds them to this list).
 */
public enum Metric {

    /** Revisions an ingest recorded as accepted: 1 or 0 per ingest. */
    REVISIONS_ACCEPTED("RevisionsAccepted", Unit.COUNT),
    /** Revisions an ingest recorded as rejected by the gate: 1 or 0 per ingest. */
    REVISIONS_REJECTED("RevisionsRejected", Unit.COUNT),
    /** Files in the content tree an ingest read. */
    CONTENT_FILES("ContentFiles", Unit.COUNT),
    /** Size of the content tree an ingest read. */
    CONTENT_BYTES("ContentBytes", Unit.BYTES),
    /** Ingest queue messages reported failed: not S3 notifications, or asking for an ingest that failed. */
    MESSAGES_FAILED("MessagesFailed", Unit.COUNT),
    /** Ingests that failed (their messages go back to the queue): 1 per failed ingest. */
    INGEST_FAILURES("IngestFailures", Unit.COUNT),
    /** Time one ingest batch took. */
    INGEST_MILLIS("IngestMillis", Unit.MILLISECONDS),

    /** Objects a channel rendered for a revision. */
    OBJECTS_RENDERED("ObjectsRendered", Unit.COUNT),
    /** Rendered objects a channel wrote to the site bucket (the others were unchanged). */
    OBJECTS_WRITTEN("ObjectsWritten", Unit.COUNT),
    /** Size of what a channel rendered for a revision. */
    BYTES_RENDERED("BytesRendered", Unit.BYTES),
    /** Time a channel took to render a revision. */
    RENDER_MILLIS("RenderMillis", Unit.MILLISECONDS),
    /** Revisions a channel failed to publish: 1 per failure, 0 per publication (so the alarm always has data). */
    CHANNEL_FAILURES("ChannelFailures", Unit.COUNT),
    /** CDN paths a channel's publish invalidated (a wildcard counts one, as CloudFront bills it); 0 when it changed nothing. */
    PATHS_INVALIDATED("PathsInvalidated", Unit.COUNT),
    /** Invalidations the CDN refused or did not answer (the publish stands; the objects expire by their Cache-Control): 1 or 0 per publish. */
    INVALIDATION_FAILURES("InvalidationFailures", Unit.COUNT),
    /** Render-cache reads and writes the state bucket refused or did not answer during a publish (the values are computed again); 0 when none. */
    RENDER_CACHE_FAILURES("RenderCacheFailures", Unit.COUNT),

    /** Messages the dispatcher put on consumers' queues (one per record and consumer it wakes). */
    MESSAGES_DISPATCHED("MessagesDispatched", Unit.COUNT),
    /** Stream records the dispatcher could not hand on (the record is retried, then goes to its failure queue): 1 per failure, 0 per batch. */
    DISPATCH_FAILURES("DispatchFailures", Unit.COUNT),

    /** Send jobs the digest planner put on the send queue. */
    SEND_JOBS("SendJobs", Unit.COUNT),
    /** Digest plans or send jobs that failed (their message is retried, then goes to the DLQ): 1 per failure. */
    DIGEST_FAILURES("DigestFailures", Unit.COUNT),

    /** Digest emails a digest run sent. */
    EMAILS_SENT("EmailsSent", Unit.COUNT),
    /** Digest emails a digest run failed to send, transient and permanent failures together. */
    EMAILS_FAILED("EmailsFailed", Unit.COUNT),
    /** Digest emails a digest run left alone: already reserved in the send ledger by another (or a crashed) run. */
    EMAILS_SKIPPED("EmailsSkipped", Unit.COUNT),
    /** SES sends a digest run retried after throttling or a transient error. */
    SEND_RETRIES("SendRetries", Unit.COUNT),
    /** Time one digest run took. */
    DIGEST_MILLIS("DigestMillis", Unit.MILLISECONDS),

    /** Addresses suppressed after a permanent bounce or a complaint. */
    EMAILS_SUPPRESSED("EmailsSuppressed", Unit.COUNT),

    /** Confirmation emails sent for subscription requests: 1 or 0 per request. */
    CONFIRMATIONS_SENT("ConfirmationsSent", Unit.COUNT),
    /** Subscription requests a confirmation budget refused (a mailbox, a domain or the deployment spent out): 1 or 0 per request. */
    CONFIRMATIONS_REFUSED("ConfirmationsRefused", Unit.COUNT),
    /** Subscription requests that failed (SES or the directory; the stream retries them): 1 or 0 per request. */
    CONFIRMATIONS_FAILED("ConfirmationsFailed", Unit.COUNT);

    /** The CloudWatch units the functions use. */
    public enum Unit {
        COUNT("Count"), BYTES("Bytes"), MILLISECONDS("Milliseconds");

        private final String cloudWatchName;

        Unit(String cloudWatchName) {
            this.cloudWatchName = cloudWatchName;
        }

        /** The unit as an EMF directive names it. */
        public String cloudWatchName() {
            return cloudWatchName;
        }
    }

    private final String cloudWatchName;
    private final Unit unit;

    Metric(String cloudWatchName, Unit unit) {
        this.cloudWatchName = cloudWatchName;
        this.unit = unit;
    }

    /** The metric's name in CloudWatch (and in the EMF line). */
    public String cloudWatchName() {
        return cloudWatchName;
    }

    public Unit unit() {
        return unit;
    }

    /** The metric CloudWatch knows by that name, if the functions emit one. */
    public static Optional<Metric> named(String cloudWatchName) {
        return Arrays.stream(values()).filter(m -> m.cloudWatchName.equals(cloudWatchName)).findFirst();
    }
}
