package dev.hubpress.core.mail;

import dev.hubpress.core.port.SubscriberDirectory;

import java.time.Clock;
import java.util.Optional;
import java.util.function.LongSupplier;
import java.util.function.UnaryOperator;

/**
 * Use case: the preference page, the "manage" link of every email (a signed token, no account):
 * see and change what the subscriber follows ({@link Topics}), the cadence (every update or
 * weekly), pause and resume, and stop following one topic. Like unsubscribing, showing the page
 * changes nothing; only a POST changes anything. Only confirmed or paused subscribers can manage;
 * anything else is {@link Answer#INVALID_LINK}. Leaving altogether is {@link Unsubscribe}'s, from
 * here too ({@link #unsubscribe}).
 * <p>
 * Resuming moves the subscriber's last delivered revision to the head: what changed while they
 * paused is not mailed to them afterwards (they asked not to hear about it).
 */
public final class ManageSubscription {

    private final SubscriberDirectory directory;
    private final Tokens tokens;
    private final Clock clock;
    private final LongSupplier headSeq;

    /** @param headSeq the hub's head accepted revision (0 for none): where a resumed subscriber starts */
    public ManageSubscription(SubscriberDirectory directory, Tokens tokens, Clock clock, LongSupplier headSeq) {
        this.directory = directory;
        this.tokens = tokens;
        this.clock = clock;
        this.headSeq = headSeq;
    }

    /** Without a head: a resumed subscriber's next digest catches up from where they paused. */
    public ManageSubscription(SubscriberDirectory directory, Tokens tokens, Clock clock) {
        this(directory, tokens, clock, () -> 0);
    }

    /** What the preference form posts: all of the settings at once; {@code topics} null keeps those followed. */
    public record Preferences(Cadence cadence, Topics topics, boolean paused) {
    }

    public Answer page(String token) {
        return subscriber(token).map(s -> Answer.preferences(Answer.Outcome.MANAGE_PAGE, s)).orElse(Answer.INVALID_LINK);
    }

    public Answer changeCadence(String token, Cadence cadence) {
        return change(token, s -> s.withCadence(cadence, clock.instant()));
    }

    /** Saves the whole form: cadence, topics, paused or not. */
    public Answer save(String token, Preferences preferences) {
        return change(token, s -> {
            Subscriber changed = s.withCadence(preferences.cadence(), clock.instant())
                    .withTopics(preferences.topics() == null ? s.topics() : preferences.topics(), clock.instant());
            return paused(changed, preferences.paused());
        });
    }

    /**
     * Stops following one section or page; unfollowing the last one leaves nothing to follow, so it
     * unsubscribes (a subscriber of nothing would never get an email and could not tell why).
     */
    public Answer unfollow(String token, String section, String page) {
        Optional<Subscriber> found = subscriber(token);
        if (found.isPresent() && found.get().topics().without(section, page).isEmpty()) {
            return new Unsubscribe(directory, tokens, clock).leave(found.get());
        }
        return change(token, s -> s.withTopics(s.topics().without(section, page).orElse(s.topics()), clock.instant()));
    }

    /** "Unsubscribe from everything" on the preference page: as a one-click unsubscribe does. */
    public Answer unsubscribe(String token) {
        return subscriber(token).map(s -> new Unsubscribe(directory, tokens, clock).leave(s)).orElse(Answer.INVALID_LINK);
    }

    private Subscriber paused(Subscriber s, boolean pause) {
        if (pause == (s.status() == SubscriberStatus.PAUSED)) {
            return s;
        }
        if (pause) {
            return s.withStatus(SubscriberStatus.PAUSED, clock.instant());
        }
        return s.withStatus(SubscriberStatus.CONFIRMED, clock.instant())
                .withLastDelivered(Math.max(s.lastDeliveredSeq(), headSeq.getAsLong()), clock.instant());
    }

    private Answer change(String token, UnaryOperator<Subscriber> edit) {
        for (int attempt = 0; attempt < 5; attempt++) {
            Optional<Subscriber> found = subscriber(token);
            if (found.isEmpty()) {
                return Answer.INVALID_LINK;
            }
            Subscriber s = found.get();
            Subscriber changed = edit.apply(s);
            if (sameSettings(s, changed) || directory.update(changed)) {
                return Answer.preferences(Answer.Outcome.UPDATED, changed);
            }
        }
        throw new IllegalStateException("could not change the settings: too many concurrent updates");
    }

    private static boolean sameSettings(Subscriber a, Subscriber b) {
        return a.cadence() == b.cadence() && a.topics().equals(b.topics()) && a.status() == b.status();
    }

    private Optional<Subscriber> subscriber(String token) {
        return tokens.verify(Tokens.Purpose.MANAGE, token).flatMap(directory::get)
                .filter(s -> s.confirmed() || s.status() == SubscriberStatus.PAUSED);
    }
}
