package dev.hubpress.core.mail;

import dev.hubpress.core.port.Mailer;
import dev.hubpress.core.port.RevisionLog;
import dev.hubpress.core.port.SendLedger;
import dev.hubpress.core.port.SubscriberDirectory;
import dev.hubpress.core.revision.Revision;

import java.time.Clock;
import java.util.Optional;

/**
 * Use case: the welcome email a subscriber gets once, on confirming, so nobody waits for the next
 * edit (or a week) to see what the emails are like. It catches up with the newest accepted revision
 * (of the last {@value #LOOK_BACK}) that changed something they follow, as its digest would have
 * told them; when none did, it lists the pages they follow. A failed send never undoes the
 * confirmation, and the subscriber's position is not moved (digests go on from the head they
 * confirmed at). Sent from a queue ({@link #sendOrRetry}), a send the provider did not accept for
 * now (throttled, transient) is thrown for the queue to retry; one it refused for good is reported.
 */
public final class Welcome {

    /** How many accepted revisions back the catch-up looks for one that changed what is followed. */
    static final int LOOK_BACK = 20;

    private final String hub;
    private final RevisionLog log;
    private final PlanDigests planner;
    private final Mailer mailer;
    private final MailComposer composer;
    private final Tokens tokens;
    private final Clock clock;

    public Welcome(String hub, RevisionLog log, SubscriberDirectory directory, Mailer mailer, MailComposer composer, Tokens tokens,
                   Clock clock) {
        this.hub = hub;
        this.log = log;
        this.planner = new PlanDigests(hub, log, directory, clock);
        this.mailer = mailer;
        this.composer = composer;
        this.tokens = tokens;
        this.clock = clock;
    }

    /**
     * Sends the welcome email to a subscriber who just confirmed (their last delivered revision is
     * the head they confirmed at).
     *
     * @return false when the mailer refused it (the caller logs it)
     */
    public boolean send(Subscriber confirmed) {
        try {
            return sendOrRetry(confirmed);
        } catch (MailerException e) {
            return false;
        }
    }

    /**
     * The same, for a caller that retries what failed for now (the subscription worker, whose
     * stream delivers the request again): a retry cannot mail anyone twice, since a throttled or
     * transient failure means the provider did not accept the message.
     *
     * @return false when the provider refused the email for good (the caller reports it)
     * @throws MailerException.Throttled  or {@link MailerException.Transient}: retry later
     */
    public boolean sendOrRetry(Subscriber confirmed) {
        Digest latest = latest(confirmed.topics(), confirmed.lastDeliveredSeq()).orElse(null);
        String key = "welcome." + confirmed.id();
        Recipient recipient = new Recipient(confirmed, tokens.issue(Tokens.Purpose.UNSUBSCRIBE, confirmed.id()),
                tokens.issue(Tokens.Purpose.MANAGE, confirmed.id()), SendLedger.idempotencyKey(key, confirmed.id()));
        try {
            mailer.send(composer.welcome(recipient, latest, clock.instant()));
            return true;
        } catch (MailerException.Permanent e) {
            return false;
        }
    }

    /** The newest revision's changes within {@code topics}, looking back at most {@link #LOOK_BACK} revisions. */
    Optional<Digest> latest(Topics topics, long headSeq) {
        int looked = 0;
        for (long seq = headSeq; seq > 0 && looked < LOOK_BACK; seq--) {
            Optional<Revision> revision = log.get(hub, seq).filter(r -> r.accepted() && !r.isRollback());
            if (revision.isEmpty()) {
                continue;
            }
            looked++;
            Revision r = revision.get();
            Digest part = planner.digest(r, r.parent()).only(topics);
            if (!part.isEmpty()) {
                return Optional.of(part);
            }
        }
        return Optional.empty();
    }
}
