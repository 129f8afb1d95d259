package dev.hubpress.core.mail;

import dev.hubpress.core.port.Mailer;
import dev.hubpress.core.port.RevisionLog;
import dev.hubpress.core.port.SendLedger;
import dev.hubpress.core.port.SubscriberDirectory;
import dev.hubpress.core.revision.Revision;

import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * Use case: the sender of the digest fan-out. Delivers one {@link SendJob} from the send queue,
 * recipient after recipient, at the pace it is given ({@link SendPacer}). Each recipient is read
 * again from the directory first: one who unsubscribed, changed cadence or was suppressed since
 * the plan gets nothing, and the digest is the one due from where they are now (so a job delivered
 * twice, late, or after a newer digest mails nobody the same changes twice); the delivery itself is
 * {@link Delivery}'s (ledger reservation before the send, backoff on throttling, advance after).
 *
 * <p>Before each recipient it asks {@code timeLeft}: when that says stop, it returns the job of the
 * recipients not yet tried as {@link Report#rest()}, for the caller to put back on the queue. So
 * an invocation never runs out of time half-way through a job without saying so.
 */
public final class SendJobs {

    private final PlanDigests planner;
    private final SubscriberDirectory directory;
    private final Delivery delivery;

    public SendJobs(String hub, RevisionLog log, SubscriberDirectory directory, SendLedger ledger, Mailer mailer, Tokens tokens,
                    Backoff backoff, SendPacer pacer, Clock clock) {
        this.planner = new PlanDigests(hub, log, directory, clock);
        this.directory = directory;
        this.delivery = new Delivery(ledger, directory, mailer, tokens, backoff, pacer::await, clock);
    }

    /**
     * @param gone     recipients no longer confirmed for the job's cadence (or no longer there)
     * @param upToDate recipients already at the head, or with nothing new since their last digest
     *                 (in what they follow)
     * @param skipped  recipients whose digest another run holds in the ledger (a duplicate job)
     * @param retries  sends retried after throttling or a transient error (in this call)
     * @param rest     the recipients not tried, when time ran short
     */
    public record Report(int sent, int skipped, int upToDate, int gone, int failedTransient, int failedPermanent, int retries,
                         Optional<SendJob> rest) {
    }

    /**
     * Delivers the job's digests of {@code head} (its accepted revision {@link SendJob#headSeq()}),
     * rendered with {@code composer}, as long as {@code timeLeft} allows.
     */
    public Report send(SendJob job, Revision head, MailComposer composer, BooleanSupplier timeLeft) {
        if (!head.accepted() || head.seq() != job.headSeq() || !head.hub().equals(job.hub())) {
            throw new IllegalArgumentException("job of " + job.hub() + " r" + job.headSeq() + " sent with " + head.hub() + " " + head.id());
        }
        int retriesBefore = delivery.retries();
        Map<Long, Optional<Revision>> revisions = new HashMap<>();
        Map<Long, Digest> digests = new HashMap<>();
        Map<String, MailComposer.ComposedDigest> composed = new HashMap<>();
        int[] counts = new int[Delivery.Result.values().length];
        int upToDate = 0;
        int gone = 0;
        for (int i = 0; i < job.recipients().size(); i++) {
            if (!timeLeft.getAsBoolean()) {
                return report(counts, upToDate, gone, delivery.retries() - retriesBefore, Optional.of(job.from(i)));
            }
            SendJob.To to = job.recipients().get(i);
            Optional<Subscriber> found = directory.find(EmailAddress.parse(to.email()))
                    .filter(s -> s.id().equals(to.subscriberId()) && s.confirmed() && s.cadence() == job.cadence());
            if (found.isEmpty()) {
                gone++;
                continue;
            }
            Subscriber subscriber = found.get();
            long from = subscriber.lastDeliveredSeq();
            Digest digest = from >= head.seq() ? null : digests.computeIfAbsent(from, f -> planner.digest(head, f, revisions));
            if (digest == null || digest.isEmpty()) {
                upToDate++;
                continue;
            }
            Digest followed = digest.only(subscriber.topics());
            if (followed.isEmpty()) {
                // what they follow did not change (they changed topics since the plan): move them on
                upToDate++;
                planner.skipped(subscriber, head.seq());
                continue;
            }
            MailComposer.ComposedDigest rendered = composed.computeIfAbsent(followed.contentKey(), k -> composer.digest(followed));
            counts[delivery.deliver(subscriber, followed, rendered).ordinal()]++;
        }
        return report(counts, upToDate, gone, delivery.retries() - retriesBefore, Optional.empty());
    }

    private static Report report(int[] counts, int upToDate, int gone, int retries, Optional<SendJob> rest) {
        return new Report(counts[Delivery.Result.SENT.ordinal()], counts[Delivery.Result.SKIPPED.ordinal()], upToDate, gone,
                counts[Delivery.Result.FAILED_TRANSIENT.ordinal()], counts[Delivery.Result.FAILED_PERMANENT.ordinal()], retries, rest);
    }
}
