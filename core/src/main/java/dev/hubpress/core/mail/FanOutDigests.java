package dev.hubpress.core.mail;

import dev.hubpress.core.port.MessageQueue;
import dev.hubpress.core.port.RevisionLog;
import dev.hubpress.core.port.SubscriberDirectory;
import dev.hubpress.core.revision.Revision;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * Use case: the planner of the digest fan-out. Pages through the confirmed subscribers of one
 * cadence and puts the ones due a digest of the head revision on the send queue, in
 * {@linkplain SendJob jobs} of at most {@code jobSize}, for senders to deliver ({@link SendJobs}).
 * Who is due is {@link PlanDigests}' rule (behind the head, and their cohort's digest not empty),
 * each cohort's digest worked out once. A subscriber whose part of it ({@link Digest#only}) is empty
 * is moved to the head here and put in no job; the others are grouped in jobs by cohort and topics.
 *
 * <p>A plan never runs past its time: after each page it asks {@code timeLeft}, and when that says
 * no it stops with the cursor of the next page, for the caller to continue from (another
 * invocation). Jobs never span pages, so a plan continued from a cursor sends each subscriber in
 * exactly one job; a page planned twice (a redelivered plan message) makes duplicate jobs, which
 * the send ledger turns into one email.
 */
public final class FanOutDigests {

    /** Recipients per job: a few seconds of sending at SES rates, and a few KB of message. */
    public static final int JOB_SIZE = 50;
    /** Subscribers read per page of the directory. */
    public static final int PAGE_SIZE = 500;

    private final PlanDigests planner;
    private final SubscriberDirectory directory;
    private final MessageQueue sendQueue;
    private final int jobSize;
    private final int pageSize;

    public FanOutDigests(String hub, RevisionLog log, SubscriberDirectory directory, MessageQueue sendQueue) {
        this(hub, log, directory, sendQueue, JOB_SIZE, PAGE_SIZE, Clock.systemUTC());
    }

    public FanOutDigests(String hub, RevisionLog log, SubscriberDirectory directory, MessageQueue sendQueue, int jobSize, int pageSize) {
        this(hub, log, directory, sendQueue, jobSize, pageSize, Clock.systemUTC());
    }

    public FanOutDigests(String hub, RevisionLog log, SubscriberDirectory directory, MessageQueue sendQueue, int jobSize, int pageSize,
                         Clock clock) {
        if (jobSize < 1 || pageSize < 1) {
            throw new IllegalArgumentException("jobs and pages hold at least one subscriber");
        }
        this.planner = new PlanDigests(hub, log, directory, clock);
        this.directory = directory;
        this.sendQueue = sendQueue;
        this.jobSize = jobSize;
        this.pageSize = pageSize;
    }

    /**
     * @param subscribers confirmed subscribers of the cadence read
     * @param upToDate    of those, already at the head (or ahead of it)
     * @param nothingNew  of those, behind the head but with nothing to tell them
     * @param recipients  of those, put in a job
     * @param jobs        jobs sent to the queue
     * @param next        the cursor to continue from; null when every page was planned
     */
    public record Summary(int subscribers, int upToDate, int nothingNew, int recipients, int jobs, String next) {
        public boolean finished() {
            return next == null;
        }
    }

    /**
     * Plans the digests of the head revision for the cadence, from a cursor (null for the first
     * page), until every page is planned or {@code timeLeft} says stop.
     */
    public Summary plan(Revision head, Cadence cadence, String cursor, BooleanSupplier timeLeft) {
        if (!head.accepted()) {
            throw new IllegalArgumentException("digests are planned for an accepted revision: " + head.id());
        }
        Map<Long, Digest> cohorts = new HashMap<>();
        Map<Long, Optional<Revision>> revisions = new HashMap<>();
        int subscribers = 0;
        int upToDate = 0;
        int nothingNew = 0;
        int recipients = 0;
        int jobs = 0;
        String next = cursor;
        do {
            SubscriberDirectory.Page page = directory.confirmed(cadence, next, pageSize);
            List<Subscriber> due = new ArrayList<>();
            for (Subscriber subscriber : page.items()) {
                subscribers++;
                long from = subscriber.lastDeliveredSeq();
                if (from >= head.seq()) {
                    upToDate++;
                } else {
                    Digest digest = cohorts.computeIfAbsent(from, f -> planner.digest(head, f, revisions));
                    if (digest.isEmpty()) {
                        nothingNew++;
                    } else if (digest.only(subscriber.topics()).isEmpty()) {
                        nothingNew++;
                        planner.skipped(subscriber, head.seq());
                    } else {
                        due.add(subscriber);
                    }
                }
            }
            // Jobs of one cohort and topic set: a sender renders each distinct part once per job.
            due.sort(Comparator.comparingLong(Subscriber::lastDeliveredSeq).thenComparing(s -> s.topics().encode()));
            List<MessageQueue.Message> messages = new ArrayList<>();
            for (int i = 0; i < due.size(); i += jobSize) {
                SendJob job = new SendJob(head.hub(), head.seq(), cadence, due.subList(i, Math.min(due.size(), i + jobSize)).stream()
                        .map(s -> new SendJob.To(s.id(), s.email().value())).toList());
                messages.add(MessageQueue.Message.of(job.encode()));
            }
            if (!messages.isEmpty()) {
                sendQueue.send(messages);
            }
            recipients += due.size();
            jobs += messages.size();
            next = page.next();
        } while (next != null && timeLeft.getAsBoolean());
        return new Summary(subscribers, upToDate, nothingNew, recipients, jobs, next);
    }
}
