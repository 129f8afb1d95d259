package dev.hubpress.core.mail;

import dev.hubpress.core.port.Mailer;
import dev.hubpress.core.port.SendLedger;
import dev.hubpress.core.port.SubscriberDirectory;
import dev.hubpress.core.revision.Revision;

import java.time.Clock;
import java.util.HashMap;
import java.util.Map;

/**
 * Use case: send the digests due for a head revision ({@link PlanDigests}). For each subscriber:
 * <ol>
 *   <li>reserve (digest, subscriber) in the {@link SendLedger}; someone else holds it: skip;</li>
 *   <li>send; throttled or transient: back off with jitter and send the same message again, up to
 *       the backoff's attempts, then record FAILED_TRANSIENT; permanent: record FAILED_PERMANENT;
 *       either way go on with the next subscriber;</li>
 *   <li>mark it sent, then move the subscriber's last delivered revision to the head with a
 *       conditional update.</li>
 * </ol>
 * A crash after 1 and before 3 leaves a reservation: that digest is never sent again, and as the
 * subscriber's last delivered revision did not move, the next digest (a new key) catches them up.
 * Two runs at once each reserve before sending, so nobody gets a digest twice.
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
        int[] counts = new int[5];
        PlanDigests.Summary plan = planner.plan(head, cadence, job -> {
            Digest digest = job.digest();
            Subscriber subscriber = job.subscriber();
            if (!ledger.reserve(digest.key(), subscriber.id())) {
                counts[1]++;
                return;
            }
            MailComposer.ComposedDigest rendered = composed.computeIfAbsent(digest.key(), k -> composer.digest(digest));
            Recipient recipient = new Recipient(subscriber,
                    tokens.issue(Tokens.Purpose.UNSUBSCRIBE, subscriber.id()),
                    tokens.issue(Tokens.Purpose.MANAGE, subscriber.id()),
                    SendLedger.idempotencyKey(digest.key(), subscriber.id()));
            OutgoingEmail email = rendered.to(recipient);
            switch (deliver(digest, subscriber, email, counts)) {
                case SENT -> {
                    counts[0]++;
                    advance(subscriber.id(), digest.toSeq());
                }
                case FAILED_TRANSIENT -> counts[2]++;
                case FAILED_PERMANENT -> counts[3]++;
                default -> throw new IllegalStateException();
            }
        });
        return new Report(plan, counts[0], counts[1], counts[2], counts[3], counts[4]);
    }

    private SendLedger.State deliver(Digest digest, Subscriber subscriber, OutgoingEmail email, int[] counts) {
        for (int attempt = 1; ; attempt++) {
            try {
                String messageId = mailer.send(email);
                ledger.markSent(digest.key(), subscriber.id(), messageId);
                return SendLedger.State.SENT;
            } catch (MailerException.Permanent e) {
                ledger.markFailed(digest.key(), subscriber.id(), SendLedger.Failure.PERMANENT, reason(e));
                return SendLedger.State.FAILED_PERMANENT;
            } catch (MailerException.Throttled | MailerException.Transient e) {
                if (attempt >= backoff.maxAttempts()) {
                    ledger.markFailed(digest.key(), subscriber.id(), SendLedger.Failure.TRANSIENT,
                            reason(e) + " (after " + attempt + " attempts)");
                    return SendLedger.State.FAILED_TRANSIENT;
                }
                counts[4]++;
                try {
                    backoff.sleeper().sleep(backoff.delay(attempt));
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    ledger.markFailed(digest.key(), subscriber.id(), SendLedger.Failure.TRANSIENT, "interrupted while backing off");
                    throw new IllegalStateException("interrupted while backing off", interrupted);
                }
            }
        }
    }

    /** Moves the subscriber's last delivered revision forward (never back), retrying lost races. */
    private void advance(String subscriberId, long seq) {
        for (int attempt = 0; attempt < 10; attempt++) {
            Subscriber current = directory.get(subscriberId).orElse(null);
            if (current == null || current.lastDeliveredSeq() >= seq) {
                return;
            }
            if (directory.update(current.withLastDelivered(seq, clock.instant()))) {
                return;
            }
        }
        throw new IllegalStateException("could not record the digest delivered to subscriber " + subscriberId
                + ": too many concurrent updates");
    }

    private static String reason(Exception e) {
        return e.getClass().getSimpleName() + ": " + e.getMessage();
    }
}
