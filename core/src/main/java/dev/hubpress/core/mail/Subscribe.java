package dev.hubpress.core.mail;

import dev.hubpress.core.port.ConfirmationBudget;
import dev.hubpress.core.port.Mailer;
import dev.hubpress.core.port.SubscriberDirectory;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Use case: handle a {@link SubscriptionRequest} (double opt-in), off the request path: the
 * subscribe endpoint answered before this runs ({@link RequestSubscription}). The subscriber is
 * looked up by {@linkplain EmailAddress#canonical() mailbox}, so another spelling of a suppressed,
 * confirmed or flooded mailbox is that mailbox. A new (or forgotten) mailbox becomes PENDING, an
 * unsubscribed one PENDING again, and gets a confirmation email to the address as typed, with a
 * link that works once ({@link Subscriber#confirmationNonce()}) and for as long as the subscriber
 * stays PENDING: {@link Tokens#confirmValidity()}, after which it is forgotten. At most one
 * confirmation per mailbox per resend interval, and only within the {@link ConfirmationLimits}.
 * Confirmed and suppressed mailboxes are never mailed a confirmation from here. A request for a
 * preference link mails a confirmed (or paused) subscriber a link to their preference page, within
 * the same limits, and nobody else anything.
 */
public final class Subscribe {

    /** How soon another request for a pending mailbox sends another confirmation. */
    public static final Duration DEFAULT_RESEND_INTERVAL = Duration.ofMinutes(10);

    private static final SecureRandom RANDOM = new SecureRandom();

    /** What became of a request: for the worker's log and metrics, never for whoever asked. */
    public enum Outcome {
        CONFIRMATION_SENT,
        ALREADY_CONFIRMED,
        SUPPRESSED,
        /** Pending, and the last confirmation went out less than a resend interval ago. */
        NOT_DUE,
        OVER_ADDRESS_BUDGET,
        OVER_DOMAIN_BUDGET,
        OVER_GLOBAL_BUDGET,
        /** A preference link went to a confirmed or paused subscriber. */
        PREFERENCE_LINK_SENT,
        /** A preference link or a welcome was asked for a mailbox with no confirmed (or paused) subscriber: nothing sent. */
        NOT_SUBSCRIBED,
        WELCOME_SENT,
        /**
         * The mailer refused the welcome email for good: it is not retried (confirming worked all
         * the same). One it could not send for now is thrown instead, for the queue to retry.
         */
        WELCOME_FAILED;

        /** Whether a confirmation budget refused it. */
        public boolean overBudget() {
            return this == OVER_ADDRESS_BUDGET || this == OVER_DOMAIN_BUDGET || this == OVER_GLOBAL_BUDGET;
        }
    }

    private final SubscriberDirectory directory;
    private final ConfirmationBudget budget;
    private final ConfirmationLimits limits;
    private final Mailer mailer;
    private final MailComposer composer;
    private final Tokens tokens;
    private final Clock clock;
    private final Duration resendInterval;
    private final Supplier<String> randomIds;
    private Welcome welcome;

    /** @param randomIds new subscriber ids and confirmation nonces ({@link #randomId()} outside tests) */
    public Subscribe(SubscriberDirectory directory, ConfirmationBudget budget, ConfirmationLimits limits, Mailer mailer,
                     MailComposer composer, Tokens tokens, Clock clock, Duration resendInterval, Supplier<String> randomIds) {
        this.directory = directory;
        this.budget = budget;
        this.limits = limits;
        this.mailer = mailer;
        this.composer = composer;
        this.tokens = tokens;
        this.clock = clock;
        this.resendInterval = resendInterval;
        this.randomIds = randomIds;
    }

    public Subscribe(SubscriberDirectory directory, ConfirmationBudget budget, ConfirmationLimits limits, Mailer mailer,
                     MailComposer composer, Tokens tokens, Clock clock) {
        this(directory, budget, limits, mailer, composer, tokens, clock, DEFAULT_RESEND_INTERVAL, Subscribe::randomId);
    }

    /** This use case, also sending the welcome emails asked for ({@link SubscriptionRequest.Kind#WELCOME}). */
    public Subscribe welcoming(Welcome sender) {
        this.welcome = sender;
        return this;
    }

    /** 128 random bits as 32 hex digits. */
    public static String randomId() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    /**
     * @throws MailerException when the confirmation could not be sent: the subscriber is left due
     *                         for one, so a retry of the request sends it (its budget stays spent);
     *                         or a welcome could not be sent for now (throttled, transient), which a
     *                         retry of the request sends
     */
    public Outcome subscribe(SubscriptionRequest request) {
        if (request.kind() == SubscriptionRequest.Kind.PREFERENCE_LINK) {
            return preferenceLink(request.email());
        }
        if (request.kind() == SubscriptionRequest.Kind.WELCOME) {
            return welcome(request.email());
        }
        EmailAddress email = request.email();
        Instant now = clock.instant();
        boolean budgeted = false;
        for (int attempt = 0; attempt < 5; attempt++) {
            Optional<Subscriber> existing = directory.find(email).filter(s -> !s.expired(now));
            if (existing.isPresent()) {
                Subscriber s = existing.get();
                if (s.status() == SubscriberStatus.CONFIRMED || s.status() == SubscriberStatus.PAUSED) {
                    return Outcome.ALREADY_CONFIRMED;
                }
                if (s.status() == SubscriberStatus.SUPPRESSED) {
                    return Outcome.SUPPRESSED;
                }
                if (s.status() == SubscriberStatus.PENDING && s.lastConfirmationSentAt() != null
                        && now.isBefore(s.lastConfirmationSentAt().plus(resendInterval))) {
                    return Outcome.NOT_DUE;
                }
            }
            if (!budgeted) {
                Optional<Outcome> refused = overBudget(email, now);
                if (refused.isPresent()) {
                    return refused.get();
                }
                budgeted = true;
            }
            // New, or a pending subscriber that expired: a new subscriber (a new id), replacing it.
            String newId = existing.isEmpty() ? randomIds.get() : null;
            String nonce = randomIds.get();
            Instant expires = now.plus(tokens.confirmValidity());
            Subscriber pending;
            long storedVersion;
            if (newId != null) {
                pending = Subscriber.create(newId, email, SubscriberStatus.PENDING, request.cadence(), now, 0, now)
                        .awaitingConfirmation(email, request.cadence(), request.topics(), nonce, now, expires);
                storedVersion = pending.version();
                if (!directory.create(pending)) {
                    continue;
                }
            } else {
                pending = existing.get().awaitingConfirmation(email, request.cadence(), request.topics(), nonce, now, expires);
                storedVersion = pending.version() + 1;
                if (!directory.update(pending)) {
                    continue;
                }
            }
            send(pending.withVersion(storedVersion), nonce, now);
            return Outcome.CONFIRMATION_SENT;
        }
        // Others keep writing this subscriber; one of them sends the confirmation.
        return Outcome.NOT_DUE;
    }

    /**
     * A link to the preference page, for an address typed into the "email me a link" form: only to
     * a confirmed or paused subscriber, within the same budgets as confirmations (so the form can
     * neither flood a mailbox nor tell anyone whether an address is subscribed: it answered before this ran).
     */
    private Outcome preferenceLink(EmailAddress email) {
        Instant now = clock.instant();
        Optional<Subscriber> found = directory.find(email)
                .filter(s -> s.status() == SubscriberStatus.CONFIRMED || s.status() == SubscriberStatus.PAUSED);
        if (found.isEmpty()) {
            return Outcome.NOT_SUBSCRIBED;
        }
        Optional<Outcome> refused = overBudget(email, now);
        if (refused.isPresent()) {
            return refused.get();
        }
        Subscriber s = found.get();
        mailer.send(composer.preferenceLink(s, tokens.issue(Tokens.Purpose.MANAGE, s.id()), now));
        return Outcome.PREFERENCE_LINK_SENT;
    }

    private Outcome welcome(EmailAddress email) {
        Optional<Subscriber> found = directory.find(email).filter(Subscriber::confirmed);
        if (found.isEmpty() || welcome == null) {
            return Outcome.NOT_SUBSCRIBED;
        }
        // A failure for now is thrown: the request's queue retries it (Welcome#sendOrRetry).
        return welcome.sendOrRetry(found.get()) ? Outcome.WELCOME_SENT : Outcome.WELCOME_FAILED;
    }

    private Optional<Outcome> overBudget(EmailAddress email, Instant now) {
        return limits.spend(email, now, budget).map(scope -> switch (scope) {
            case ADDRESS -> Outcome.OVER_ADDRESS_BUDGET;
            case DOMAIN -> Outcome.OVER_DOMAIN_BUDGET;
            case GLOBAL -> Outcome.OVER_GLOBAL_BUDGET;
        });
    }

    private void send(Subscriber pending, String nonce, Instant now) {
        try {
            mailer.send(composer.confirmation(pending, tokens.issueConfirm(pending.id(), nonce), now));
        } catch (MailerException e) {
            // Best effort: if someone wrote in between, their write decides what happens next.
            directory.update(pending.withConfirmationNotSent(now));
            throw e;
        }
    }
}
