package dev.hubpress.core.mail;

import dev.hubpress.core.port.SubscriberDirectory;

import java.time.Clock;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Use case: stop mailing an address that bounced permanently or complained (SES notifications).
 * The subscriber becomes SUPPRESSED whatever its status, for good: subscribing again sends nothing.
 * An address the directory does not know is recorded as SUPPRESSED, so a later subscription cannot
 * mail it either. Idempotent.
 */
public final class Suppress {

    /** Why an address is suppressed. */
    public enum Reason {
        BOUNCE,
        COMPLAINT
    }

    private final SubscriberDirectory directory;
    private final Clock clock;
    private final Supplier<String> ids;

    public Suppress(SubscriberDirectory directory, Clock clock, Supplier<String> ids) {
        this.directory = directory;
        this.clock = clock;
        this.ids = ids;
    }

    public Suppress(SubscriberDirectory directory, Clock clock) {
        this(directory, clock, Subscribe::randomId);
    }

    /** @return false when the address is not a valid address (nothing to suppress) */
    public boolean suppress(String address, Reason reason) {
        if (!EmailAddress.isValid(address)) {
            return false;
        }
        EmailAddress email = EmailAddress.parse(address);
        for (int attempt = 0; attempt < 5; attempt++) {
            Optional<Subscriber> found = directory.find(email);
            if (found.isEmpty()) {
                if (directory.create(Subscriber.create(ids.get(), email, SubscriberStatus.SUPPRESSED, Cadence.EVERY_UPDATE,
                        clock.instant(), 0, null))) {
                    return true;
                }
                continue;
            }
            Subscriber s = found.get();
            if (s.status() == SubscriberStatus.SUPPRESSED
                    || directory.update(s.withStatus(SubscriberStatus.SUPPRESSED, clock.instant()))) {
                return true;
            }
        }
        throw new IllegalStateException("could not suppress " + email.fingerprint() + " (" + reason + "): too many concurrent updates");
    }
}
