package dev.hubpress.core.mail;

import dev.hubpress.core.content.Hashing;
import dev.hubpress.core.port.ConfirmationBudget;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * How many confirmation emails may go out: per mailbox ({@link EmailAddress#canonical()}, however
 * spelt), per domain (its canonical domain: gmail.com for googlemail.com too) and for the whole
 * deployment, each counted in fixed windows ({@code floor(epoch seconds / window)}). A window's
 * counter is named after a hash of the mailbox or domain, never the address. At a window's edge a
 * burst may get up to twice a limit, over two windows; that is the price of one write per counter.
 *
 * @param perAddress per mailbox: a person retrying, not a script
 * @param perDomain  per domain: spraying the addresses of one provider or company
 * @param global     the deployment's: spraying many domains; keeps SES quota for the digests
 */
public record ConfirmationLimits(Limit perAddress, Limit perDomain, Limit global) {

    /**
     * 3 a day per mailbox (the 10-minute resend interval alone would allow 144), 50 an hour per
     * domain, 200 an hour in all (4,800 a day: well within an SES production quota, above any
     * hub's sign-up rate we expect; raise it for a bigger one).
     */
    public static final ConfirmationLimits DEFAULT = new ConfirmationLimits(
            new Limit(3, Duration.ofDays(1)), new Limit(50, Duration.ofHours(1)), new Limit(200, Duration.ofHours(1)));

    /** At most {@code count} emails in each window of that length. */
    public record Limit(int count, Duration window) {
        public Limit {
            if (count < 0 || window.toSeconds() < 1) {
                throw new IllegalArgumentException("a limit is a count >= 0 per window of at least a second");
            }
        }
    }

    /** Which budget refused an email. */
    public enum Scope {
        ADDRESS,
        DOMAIN,
        GLOBAL
    }

    /**
     * Spends one unit of each budget the email falls under, mailbox first, then domain, then the
     * deployment's; stops at the first that is spent out, so a flood of one mailbox uses up that
     * mailbox's budget only.
     *
     * @return the budget that refused, or empty when the email may go
     */
    public Optional<Scope> spend(EmailAddress email, Instant now, ConfirmationBudget budget) {
        if (!spend(budget, "address:" + hash(email.canonical()), perAddress, now)) {
            return Optional.of(Scope.ADDRESS);
        }
        if (!spend(budget, "domain:" + hash(email.canonicalDomain()), perDomain, now)) {
            return Optional.of(Scope.DOMAIN);
        }
        if (!spend(budget, "global", global, now)) {
            return Optional.of(Scope.GLOBAL);
        }
        return Optional.empty();
    }

    private static boolean spend(ConfirmationBudget budget, String what, Limit limit, Instant now) {
        long seconds = limit.window().toSeconds();
        long window = Math.floorDiv(now.getEpochSecond(), seconds);
        return budget.spend(what + ":" + seconds + ":" + window, limit.count(), Instant.ofEpochSecond((window + 1) * seconds));
    }

    private static String hash(String text) {
        return Hashing.sha256Hex(text).substring(0, 32);
    }
}
