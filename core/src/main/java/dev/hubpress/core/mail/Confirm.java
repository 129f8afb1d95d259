package dev.hubpress.core.mail;

import dev.hubpress.core.port.SubscriberDirectory;

import java.time.Clock;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * Use case: confirm a subscription from the link in the confirmation email. PENDING becomes
 * CONFIRMED, with the last delivered revision set to the current head, so the first digest tells
 * what changed after confirming (not the whole hub). Idempotent: confirming again answers
 * CONFIRMED and changes nothing. Any refused token, and a subscriber who unsubscribed or was
 * suppressed since, gets {@link Answer#INVALID_LINK}.
 */
public final class Confirm {

    private final SubscriberDirectory directory;
    private final Tokens tokens;
    private final Clock clock;
    private final LongSupplier headSeq;

    /** @param headSeq the sequence number of the hub's head accepted revision (0 for none) */
    public Confirm(SubscriberDirectory directory, Tokens tokens, Clock clock, LongSupplier headSeq) {
        this.directory = directory;
        this.tokens = tokens;
        this.clock = clock;
        this.headSeq = headSeq;
    }

    public Answer confirm(String token) {
        Optional<String> id = tokens.verify(Tokens.Purpose.CONFIRM, token);
        if (id.isEmpty()) {
            return Answer.INVALID_LINK;
        }
        for (int attempt = 0; attempt < 5; attempt++) {
            Optional<Subscriber> found = directory.get(id.get());
            if (found.isEmpty()) {
                return Answer.INVALID_LINK;
            }
            Subscriber s = found.get();
            switch (s.status()) {
                case CONFIRMED -> {
                    return Answer.of(Answer.Outcome.CONFIRMED);
                }
                case UNSUBSCRIBED, SUPPRESSED -> {
                    return Answer.INVALID_LINK;
                }
                default -> {
                    Subscriber confirmed = s.withStatus(SubscriberStatus.CONFIRMED, clock.instant())
                            .withLastDelivered(Math.max(s.lastDeliveredSeq(), headSeq.getAsLong()), clock.instant());
                    if (directory.update(confirmed)) {
                        return Answer.of(Answer.Outcome.CONFIRMED);
                    }
                }
            }
        }
        throw new IllegalStateException("could not confirm subscriber " + id.get() + ": too many concurrent updates");
    }
}
