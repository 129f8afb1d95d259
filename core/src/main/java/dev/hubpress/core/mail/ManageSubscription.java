package dev.hubpress.core.mail;

import dev.hubpress.core.port.SubscriberDirectory;

import java.time.Clock;
import java.util.Optional;

/**
 * Use case: the "manage" link of every digest: see and change the cadence (every update or
 * weekly). Like unsubscribing, showing the page changes nothing; only a POST changes the cadence.
 * Only confirmed subscribers can manage; anything else is {@link Answer#INVALID_LINK}.
 */
public final class ManageSubscription {

    private final SubscriberDirectory directory;
    private final Tokens tokens;
    private final Clock clock;

    public ManageSubscription(SubscriberDirectory directory, Tokens tokens, Clock clock) {
        this.directory = directory;
        this.tokens = tokens;
        this.clock = clock;
    }

    public Answer page(String token) {
        return subscriber(token).map(s -> new Answer(Answer.Outcome.MANAGE_PAGE, s.cadence())).orElse(Answer.INVALID_LINK);
    }

    public Answer changeCadence(String token, Cadence cadence) {
        for (int attempt = 0; attempt < 5; attempt++) {
            Optional<Subscriber> found = subscriber(token);
            if (found.isEmpty()) {
                return Answer.INVALID_LINK;
            }
            Subscriber s = found.get();
            if (s.cadence() == cadence || directory.update(s.withCadence(cadence, clock.instant()))) {
                return new Answer(Answer.Outcome.UPDATED, cadence);
            }
        }
        throw new IllegalStateException("could not change the cadence: too many concurrent updates");
    }

    private Optional<Subscriber> subscriber(String token) {
        return tokens.verify(Tokens.Purpose.MANAGE, token).flatMap(directory::get).filter(Subscriber::confirmed);
    }
}
