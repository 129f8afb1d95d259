package dev.hubpress.core.mail;

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
 * Use case: subscribe an address (double opt-in). The address is validated and normalised; a new
 * one becomes PENDING and gets a confirmation email with an expiring token. The answer is the
 * same whether the address is new, pending, confirmed, unsubscribed or suppressed, and at most one
 * confirmation is sent per resend interval, so the form can neither probe for subscribers nor be
 * used to flood an inbox. Confirmed and suppressed addresses are never mailed from here; an
 * unsubscribed one starts over as PENDING.
 */
public final class Subscribe {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final SubscriberDirectory directory;
    private final Mailer mailer;
    private final MailComposer composer;
    private final Tokens tokens;
    private final Clock clock;
    private final Duration resendInterval;
    private final Supplier<String> ids;

    public Subscribe(SubscriberDirectory directory, Mailer mailer, MailComposer composer, Tokens tokens, Clock clock,
                     Duration resendInterval, Supplier<String> ids) {
        this.directory = directory;
        this.mailer = mailer;
        this.composer = composer;
        this.tokens = tokens;
        this.clock = clock;
        this.resendInterval = resendInterval;
        this.ids = ids;
    }

    public Subscribe(SubscriberDirectory directory, Mailer mailer, MailComposer composer, Tokens tokens, Clock clock,
                     Duration resendInterval) {
        this(directory, mailer, composer, tokens, clock, resendInterval, Subscribe::randomId);
    }

    /** 128 random bits as 32 hex digits. */
    public static String randomId() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    /**
     * @throws MailerException when the confirmation could not be sent (the caller answers "try
     *                         again later"; the resend interval then applies from this attempt)
     */
    public Answer subscribe(String address, Cadence cadence) {
        EmailAddress email;
        try {
            email = EmailAddress.parse(address);
        } catch (IllegalArgumentException e) {
            return Answer.of(Answer.Outcome.INVALID_ADDRESS);
        }
        Instant now = clock.instant();
        for (int attempt = 0; attempt < 5; attempt++) {
            Optional<Subscriber> existing = directory.find(email);
            Subscriber toConfirm;
            if (existing.isEmpty()) {
                toConfirm = Subscriber.create(ids.get(), email, SubscriberStatus.PENDING, cadence, now, 0, now);
                if (!directory.create(toConfirm)) {
                    continue;
                }
            } else {
                Subscriber s = existing.get();
                boolean mayConfirm = s.status() == SubscriberStatus.PENDING || s.status() == SubscriberStatus.UNSUBSCRIBED;
                boolean due = s.lastConfirmationSentAt() == null || !now.isBefore(s.lastConfirmationSentAt().plus(resendInterval));
                if (!mayConfirm || !due) {
                    return Answer.of(Answer.Outcome.CHECK_INBOX);
                }
                toConfirm = s.withStatus(SubscriberStatus.PENDING, now).withCadence(cadence, now).withConfirmationSentAt(now);
                if (!directory.update(toConfirm)) {
                    continue;
                }
            }
            mailer.send(composer.confirmation(toConfirm, tokens.issue(Tokens.Purpose.CONFIRM, toConfirm.id()), now));
            return Answer.of(Answer.Outcome.CHECK_INBOX);
        }
        // Others keep writing this subscriber; one of them sends the confirmation.
        return Answer.of(Answer.Outcome.CHECK_INBOX);
    }
}
