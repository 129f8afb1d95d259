package dev.hubpress.functions;

import dev.hubpress.core.mail.Backoff;
import dev.hubpress.core.mail.Cadence;
import dev.hubpress.core.mail.FanOutDigests;
import dev.hubpress.core.mail.MailComposer;
import dev.hubpress.core.mail.MailRouting;
import dev.hubpress.core.mail.SendJob;
import dev.hubpress.core.mail.SendJobs;
import dev.hubpress.core.mail.SendPacer;
import dev.hubpress.core.mail.Tokens;
import dev.hubpress.core.port.BlobStore;
import dev.hubpress.core.port.Mailer;
import dev.hubpress.core.port.MessageQueue;
import dev.hubpress.core.port.RenderCache;
import dev.hubpress.core.port.RevisionLog;
import dev.hubpress.core.port.SendLedger;
import dev.hubpress.core.port.SubscriberDirectory;
import dev.hubpress.core.publish.PublishRevision;
import dev.hubpress.core.revision.Announcements;
import dev.hubpress.core.revision.Revision;
import dev.hubpress.digest.DigestEmails;
import dev.hubpress.lambda.AcceptedHubs;
import dev.hubpress.lambda.JsonLog;
import dev.hubpress.lambda.Metric;
import dev.hubpress.lambda.Metrics;
import dev.hubpress.lambda.RenderCacheFailures;

import java.time.Clock;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * What the digest functions do, on ports: plan a revision's digests onto the send queue
 * ({@link FanOutDigests}; the planner and the weekly schedule) and deliver send jobs
 * ({@link SendJobs}; the senders), logging and emitting metrics. A digest is planned only for a
 * revision whose site is published ({@link Announcements}); a plan cut short by time continues
 * through the planner's own queue, a job cut short goes back on the send queue.
 */
public final class DigestRunner {

    /** Metrics of the planner and the weekly function. */
    public static final java.util.Set<Metric> PLANNER_METRICS = java.util.Set.of(Metric.SEND_JOBS, Metric.DIGEST_FAILURES,
            Metric.DIGEST_MILLIS);
    /** Metrics of the sender. */
    public static final java.util.Set<Metric> SENDER_METRICS = java.util.Set.of(Metric.EMAILS_SENT, Metric.EMAILS_FAILED,
            Metric.EMAILS_SKIPPED, Metric.SEND_RETRIES, Metric.DIGEST_FAILURES, Metric.DIGEST_MILLIS, Metric.RENDER_CACHE_FAILURES);

    private final AcceptedHubs editions;
    private final SubscriberDirectory directory;
    private final MessageQueue sendQueue;
    private final MessageQueue planQueue;
    private final SendJobs sendJobs;
    private final MailRouting routing;
    private final JsonLog log;
    private final Metrics metrics;
    private final RenderCacheFailures cacheFailures;
    private final Map<Long, MailComposer> composers = new HashMap<>();

    /**
     * @param sendJobs  the sender's use case; null in a function that only plans
     * @param routing   where the sender's mail comes from and its links lead (the deployment's); null in a function that only plans
     * @param planQueue the planner's own queue, for the rest of a plan
     */
    public DigestRunner(String hub, RevisionLog revisions, BlobStore blobs, SubscriberDirectory directory, MessageQueue sendQueue,
                        MessageQueue planQueue, SendJobs sendJobs, MailRouting routing, JsonLog log, Metrics metrics) {
        this(hub, revisions, blobs, RenderCache.NONE, directory, sendQueue, planQueue, sendJobs, routing, log, metrics);
    }

    /** As above, loading revisions' hubs with the page outlines kept in this render cache. */
    public DigestRunner(String hub, RevisionLog revisions, BlobStore blobs, RenderCache cache, SubscriberDirectory directory,
                        MessageQueue sendQueue, MessageQueue planQueue, SendJobs sendJobs, MailRouting routing, JsonLog log,
                        Metrics metrics) {
        this.editions = new AcceptedHubs(hub, revisions, blobs, cache);
        this.directory = directory;
        this.sendQueue = sendQueue;
        this.planQueue = planQueue;
        this.sendJobs = sendJobs;
        this.routing = routing;
        this.log = log;
        this.metrics = metrics;
        this.cacheFailures = new RenderCacheFailures(cache, log);
    }

    /** The sender's use case on these ports, pacing to {@code pacer}. */
    public static SendJobs sender(String hub, RevisionLog revisions, SubscriberDirectory directory, SendLedger ledger, Mailer mailer,
                                  Tokens tokens, Backoff backoff, SendPacer pacer, Clock clock) {
        return new SendJobs(hub, revisions, directory, ledger, mailer, tokens, backoff, pacer, clock);
    }

    public JsonLog log() {
        return log;
    }

    public Metrics metrics() {
        return metrics;
    }

    /** The failures of the render cache the sender loads a revision's pages through (the planners load none). */
    public RenderCacheFailures cacheFailures() {
        return cacheFailures;
    }

    /** Plans the newest revision whose site is published, for a cadence (the weekly run); empty when there is none. */
    public Optional<FanOutDigests.Summary> planLatest(Cadence cadence, BooleanSupplier timeLeft) {
        Optional<Revision> head = Announcements.newestPublished(editions.log().recent(editions.hubId(), PublishRevision.HISTORY).accepted());
        if (head.isEmpty()) {
            log.info("no revision's site is published yet: no digest", Map.of("hub", editions.hubId()));
            return Optional.empty();
        }
        return plan(new PlanMessage(editions.hubId(), head.get().seq(), cadence, null), timeLeft);
    }

    /** Plans what the message asks, if its revision is accepted and its site published; the rest of the plan goes on the plan queue. */
    Optional<FanOutDigests.Summary> plan(PlanMessage message, BooleanSupplier timeLeft) {
        long started = System.nanoTime();
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("hub", message.hub());
        fields.put("revision", "r" + message.seq());
        fields.put("cadence", message.cadence().name());
        Optional<Revision> revision = editions.log().get(message.hub(), message.seq()).filter(Revision::accepted);
        if (revision.isEmpty()) {
            log.warn("no accepted revision r" + message.seq() + ": no digest", fields);
            return Optional.empty();
        }
        if (!Announcements.sitePublished(revision.get())) {
            log.info("the site of r" + message.seq() + " is not published: no digest until it is", fields);
            return Optional.empty();
        }
        FanOutDigests.Summary summary = new FanOutDigests(message.hub(), editions.log(), directory, sendQueue)
                .plan(revision.get(), message.cadence(), message.cursor(), timeLeft);
        if (!summary.finished()) {
            planQueue.send(List.of(new PlanMessage(message.hub(), message.seq(), message.cadence(), summary.next()).toMessage()));
        }
        long millis = (System.nanoTime() - started) / 1_000_000;
        fields.put("subscribers", summary.subscribers());
        fields.put("upToDate", summary.upToDate());
        fields.put("nothingNew", summary.nothingNew());
        fields.put("recipients", summary.recipients());
        fields.put("jobs", summary.jobs());
        fields.put("finished", summary.finished());
        fields.put("millis", millis);
        log.info("planned digests of r" + message.seq() + ": " + summary.jobs() + " jobs for " + summary.recipients() + " subscribers",
                fields);
        metrics.emit(Map.of(Metric.SEND_JOBS, summary.jobs(), Metric.DIGEST_FAILURES, 0, Metric.DIGEST_MILLIS, millis),
                Map.of("revision", "r" + message.seq(), "hub", message.hub(), "cadence", message.cadence().name()));
        return Optional.of(summary);
    }

    /** Delivers a job; the recipients it had no time for go back on the send queue as a new job. Empty when its revision is gone. */
    public Optional<SendJobs.Report> send(SendJob job, BooleanSupplier timeLeft) {
        long started = System.nanoTime();
        long cacheMark = cacheFailures.mark();
        Optional<Revision> head = editions.log().get(job.hub(), job.headSeq()).filter(Revision::accepted);
        if (head.isEmpty()) {
            log.warn("no accepted revision r" + job.headSeq() + ": job dropped", Map.of("hub", job.hub(), "revision", "r" + job.headSeq()));
            return Optional.empty();
        }
        MailComposer composer;
        synchronized (composers) {
            composer = composers.computeIfAbsent(job.headSeq(), s -> new DigestEmails(editions.of(head.get()).hub(), routing));
        }
        SendJobs.Report report = sendJobs.send(job, head.get(), composer, timeLeft);
        report.rest().ifPresent(rest -> sendQueue.send(List.of(MessageQueue.Message.of(rest.encode()))));
        long millis = (System.nanoTime() - started) / 1_000_000;
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("hub", job.hub());
        fields.put("revision", "r" + job.headSeq());
        fields.put("cadence", job.cadence().name());
        fields.put("recipients", job.recipients().size());
        fields.put("sent", report.sent());
        fields.put("skipped", report.skipped());
        fields.put("upToDate", report.upToDate());
        fields.put("gone", report.gone());
        fields.put("failedTransient", report.failedTransient());
        fields.put("failedPermanent", report.failedPermanent());
        fields.put("retries", report.retries());
        fields.put("handedBack", report.rest().map(r -> r.recipients().size()).orElse(0));
        fields.put("millis", millis);
        log.info("sent a job of r" + job.headSeq() + ": " + report.sent() + " sent", fields);
        long cacheFailed = cacheFailures.since(cacheMark, "a digest job of r" + job.headSeq(),
                Map.of("hub", job.hub(), "revision", "r" + job.headSeq()));
        metrics.emit(Map.of(
                        Metric.EMAILS_SENT, report.sent(),
                        Metric.EMAILS_FAILED, report.failedTransient() + report.failedPermanent(),
                        Metric.EMAILS_SKIPPED, report.skipped(),
                        Metric.SEND_RETRIES, report.retries(),
                        Metric.DIGEST_FAILURES, 0,
                        Metric.DIGEST_MILLIS, millis,
                        Metric.RENDER_CACHE_FAILURES, cacheFailed),
                Map.of("revision", "r" + job.headSeq(), "hub", job.hub(), "cadence", job.cadence().name()));
        return Optional.of(report);
    }
}
