package dev.hubpress.core.mail;

import dev.hubpress.core.port.Mailer;
import dev.hubpress.core.port.SendLedger;
import dev.hubpress.core.port.SubscriberDirectory;

import java.time.Clock;

/**
 * One digest to one subscriber, the way both senders ({@link SendDigests} in one run,
 * {@link SendJobs} job by job) deliver it:
 * <ol>
 *   <li>reserve (digest, subscriber) in the {@link SendLedger}; someone else holds it: skip;</li>
 *   <li>send (after the pacer allows it); throttled or transient: back off with jitter and send the
 *       same message again, up to the backoff's attempts, then record FAILED_TRANSIENT; permanent:
 *       record FAILED_PERMANENT;</li>
 *   <li>mark it sent, then move the subscriber's last delivered revision to the digest's head with
 *       a conditional update.</li>
 * </ol>
 * The email is addressed before step 1, and a composer's quality gate may refuse it then
 * ({@link EmailRefused}): the delivery stops there with nothing reserved, sent or advanced.
 * A crash after 1 and before 3 leaves a reservation: that digest is never sent again, and as the
 * subscriber's last delivered revision did not move, their next digest (a new key) catches them up.
 */
final class Delivery {

    /** What became of one delivery. */
    enum Result { SENT, SKIPPED, FAILED_TRANSIENT, FAILED_PERMANENT }

    /** Waits until the next send may go (a pace); {@link #NONE} never waits. */
    @FunctionalInterface
    interface Pace {
        Pace NONE = () -> { };

        void await() throws InterruptedException;
    }

    private final SendLedger ledger;
    private final SubscriberDirectory directory;
    private final Mailer mailer;
    private final Tokens tokens;
    private final Backoff backoff;
    private final Pace pace;
    private final Clock clock;
    private int retries;

    Delivery(SendLedger ledger, SubscriberDirectory directory, Mailer mailer, Tokens tokens, Backoff backoff, Pace pace, Clock clock) {
        this.ledger = ledger;
        this.directory = directory;
        this.mailer = mailer;
        this.tokens = tokens;
        this.backoff = backoff;
        this.pace = pace;
        this.clock = clock;
    }

    /** Sends retried so far, after throttling or a transient error. */
    int retries() {
        return retries;
    }

    /** @throws EmailRefused when the composer's gate refuses the email: then nothing is reserved or sent */
    Result deliver(Subscriber subscriber, Digest digest, MailComposer.ComposedDigest rendered) {
        Recipient recipient = new Recipient(subscriber,
                tokens.issue(Tokens.Purpose.UNSUBSCRIBE, subscriber.id()),
                tokens.issue(Tokens.Purpose.MANAGE, subscriber.id()),
                SendLedger.idempotencyKey(digest.key(), subscriber.id()));
        // Addressed (and so checked by the gate) before the reservation: a refused email leaves no trace to clean up.
        OutgoingEmail email = rendered.to(recipient);
        if (!ledger.reserve(digest.key(), subscriber.id())) {
            return Result.SKIPPED;
        }
        Result result = send(digest, subscriber, email);
        if (result == Result.SENT) {
            advance(subscriber, digest.toSeq());
        }
        return result;
    }

    private Result send(Digest digest, Subscriber subscriber, OutgoingEmail email) {
        for (int attempt = 1; ; attempt++) {
            try {
                pace.await();
                String messageId = mailer.send(email);
                ledger.markSent(digest.key(), subscriber.id(), messageId);
                return Result.SENT;
            } catch (MailerException.Permanent e) {
                ledger.markFailed(digest.key(), subscriber.id(), SendLedger.Failure.PERMANENT, reason(e));
                return Result.FAILED_PERMANENT;
            } catch (MailerException.Throttled | MailerException.Transient e) {
                if (attempt >= backoff.maxAttempts()) {
                    ledger.markFailed(digest.key(), subscriber.id(), SendLedger.Failure.TRANSIENT,
                            reason(e) + " (after " + attempt + " attempts)");
                    return Result.FAILED_TRANSIENT;
                }
                retries++;
                try {
                    backoff.sleeper().sleep(backoff.delay(attempt));
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw interrupted(digest, subscriber, interrupted);
                }
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                throw interrupted(digest, subscriber, interrupted);
            }
        }
    }

    private IllegalStateException interrupted(Digest digest, Subscriber subscriber, InterruptedException e) {
        ledger.markFailed(digest.key(), subscriber.id(), SendLedger.Failure.TRANSIENT, "interrupted while waiting to send");
        return new IllegalStateException("interrupted while waiting to send", e);
    }

    private void advance(Subscriber read, long seq) {
        advance(directory, read, seq, clock);
    }

    /**
     * Moves the subscriber's last delivered revision forward (never back), retrying lost races:
     * after a send, or when a digest held nothing they follow (so a topic they add later does not
     * bring them old changes).
     */
    static void advance(SubscriberDirectory directory, Subscriber read, long seq, Clock clock) {
        Subscriber current = read;
        for (int attempt = 0; attempt < 10; attempt++) {
            if (attempt > 0) {
                current = directory.get(read.id()).orElse(null);
            }
            if (current == null || current.lastDeliveredSeq() >= seq) {
                return;
            }
            if (directory.update(current.withLastDelivered(seq, clock.instant()))) {
                return;
            }
        }
        throw new IllegalStateException("could not record the digest delivered to subscriber " + read.id()
                + ": too many concurrent updates");
    }

    private static String reason(Exception e) {
        return e.getClass().getSimpleName() + ": " + e.getMessage();
    }
}
