package dev.hubpress.core.mail;

import dev.hubpress.core.port.SubscriberDirectory;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * Use case: confirm a subscription from the link in the confirmation email.
 * <ul>
 *   <li>{@link #page} (HTTP GET) only shows a page with a button and changes nothing: link scanners
 *       and mail previews fetch links without a person asking;</li>
 *   <li>{@link #confirm} (HTTP POST, the page's form) makes the PENDING subscriber CONFIRMED, with
 *       the last delivered revision set to the current head, so the first digest tells what changed
 *       after confirming (not the whole hub); then the {@link Welcome} email goes out (or is
 *       queued) with a catch-up of what they follow.</li>
 * </ul>
 * A link works once: it carries the nonce of the confirmation email it came in, which confirming
 * drops ({@link Subscriber#confirmationNonce()}). So a second POST, an older confirmation's link,
 * a link of a subscriber who unsubscribed or was suppressed since (or subscribed again, with a new
 * link), and a link of a pending subscriber who expired all get {@link Answer#INVALID_LINK} and
 * change nothing, like any refused token.
 */
public final class Confirm {

    private final SubscriberDirectory directory;
    private final Tokens tokens;
    private final Clock clock;
    private final LongSupplier headSeq;
    private final Consumer<Subscriber> onConfirmed;

    /** @param headSeq the sequence number of the hub's head accepted revision (0 for none) */
    public Confirm(SubscriberDirectory directory, Tokens tokens, Clock clock, LongSupplier headSeq) {
        this(directory, tokens, clock, headSeq, null);
    }

    /**
     * @param onConfirmed called once with each subscriber just confirmed: sends (or queues) the
     *                    {@link Welcome} email; null for nothing
     */
    public Confirm(SubscriberDirectory directory, Tokens tokens, Clock clock, LongSupplier headSeq, Consumer<Subscriber> onConfirmed) {
        this.directory = directory;
        this.tokens = tokens;
        this.clock = clock;
        this.headSeq = headSeq;
        this.onConfirmed = onConfirmed == null ? s -> { } : onConfirmed;
    }

    /** GET: the page with the confirm button (or the generic refusal); reads only. */
    public Answer page(String token) {
        return awaiting(token).isPresent() ? Answer.of(Answer.Outcome.CONFIRM_PAGE) : Answer.INVALID_LINK;
    }

    /** POST: confirms. */
    public Answer confirm(String token) {
        for (int attempt = 0; attempt < 5; attempt++) {
            Optional<Subscriber> found = awaiting(token);
            if (found.isEmpty()) {
                return Answer.INVALID_LINK;
            }
            Subscriber s = found.get();
            Instant now = clock.instant();
            long head = headSeq.getAsLong();
            Subscriber confirmed = s.withStatus(SubscriberStatus.CONFIRMED, now)
                    .withLastDelivered(Math.max(s.lastDeliveredSeq(), head), now);
            if (directory.update(confirmed)) {
                // once: the link that confirmed is spent, so no second POST gets here
                onConfirmed.accept(confirmed);
                return Answer.of(Answer.Outcome.CONFIRMED);
            }
        }
        throw new IllegalStateException("could not confirm: too many concurrent updates");
    }

    /** The PENDING, unexpired subscriber whose newest confirmation this token came in. */
    private Optional<Subscriber> awaiting(String token) {
        Instant now = clock.instant();
        return tokens.verifyConfirm(token).flatMap(link -> directory.get(link.subscriberId())
                .filter(s -> s.status() == SubscriberStatus.PENDING && !s.expired(now)
                        && link.nonce().equals(s.confirmationNonce())));
    }
}
