package dev.hubpress.core.mail;

import dev.hubpress.core.port.Mailer;
import dev.hubpress.core.port.SendLedger;
import dev.hubpress.core.port.SubscriberDirectory;
import dev.hubpress.core.revision.Revision;

import java.time.Clock;
import java.util.HashMap;
import java.util.Map;

/**
 * Use case: send the digests due for a head revision ({@link PlanDigests}) in one run, one
 * subscriber after another (./hub digest): each delivered as {@link Delivery} says (reserve in the
 * {@link SendLedger}, send with backoff, mark, advance), a failure recorded and the run going on
 * with the next subscriber. A crash between reserving and advancing leaves a reservation: that
 * digest is never sent again, and the subscriber's next digest catches them up. Two runs at once
 * each reserve before sending, so nobody gets a digest twice. On AWS the same deliveries are
 * spread over a queue of jobs ({@link FanOutDigests}, {@link SendJobs}).
 */
public final class SendDigests {

    private final PlanDigests planner;
    private final SendLedger ledger;
    private final SubscriberDirectory directory;
    private final Mailer mailer;
    private final MailComposer composer;
    private final Tokens tokens;
    private final Backoff backoff;
    private final Clock clock;

    public SendDigests(PlanDigests planner, SendLedger ledger, SubscriberDirectory directory, Mailer mailer,
                       MailComposer composer, Tokens tokens, Backoff backoff, Clock clock) {
        this.planner = planner;
        this.ledger = ledger;
        this.directory = directory;
        this.mailer = mailer;
        this.composer = composer;
        this.tokens = tokens;
        this.backoff = backoff;
        this.clock = clock;
    }

    /**
     * @param skipped     already reserved by another run (or a crashed one)
     * @param retries     sends retried after throttling or a transient error
     */
    public record Report(PlanDigests.Summary plan, int sent, int skipped, int failedTransient, int failedPermanent,
                         int retries) {
    }

    public Report run(Revision head, Cadence cadence) {
        Map<String, MailComposer.ComposedDigest> composed = new HashMap<>();
        Delivery delivery = new Delivery(ledger, directory, mailer, tokens, backoff, Delivery.Pace.NONE, clock);
        int[] counts = new int[4];
        PlanDigests.Summary plan = planner.plan(head, cadence, job -> {
            Digest digest = job.digest();
            MailComposer.ComposedDigest rendered = composed.computeIfAbsent(digest.contentKey(), k -> composer.digest(digest));
            counts[delivery.deliver(job.subscriber(), digest, rendered).ordinal()]++;
        });
        return new Report(plan, counts[Delivery.Result.SENT.ordinal()], counts[Delivery.Result.SKIPPED.ordinal()],
                counts[Delivery.Result.FAILED_TRANSIENT.ordinal()], counts[Delivery.Result.FAILED_PERMANENT.ordinal()],
                delivery.retries());
    }
}
