package dev.hubpress.core.mail;

import dev.hubpress.core.port.SubscriberDirectory;

import java.time.Clock;
import java.util.Optional;

/**
 * Use case: leave, from the unsubscribe link of any email (RFC 8058).
 * <ul>
 *   <li>{@link #page} (HTTP GET) only shows a page with a button and changes nothing: link scanners
 *       and mail previews fetch links without a person asking;</li>
 *   <li>{@link #oneClick} (HTTP POST with the body {@code List-Unsubscribe=One-Click}, sent by the
 *       mailbox provider's unsubscribe button or by the page's form) unsubscribes, answers 200 with
 *       no redirect, and is idempotent.</li>
 * </ul>
 * A suppressed subscriber stays suppressed; unsubscribing them answers UNSUBSCRIBED all the same.
 */
public final class Unsubscribe {

    /** The form body RFC 8058 prescribes. */
    public static final String ONE_CLICK_BODY = "List-Unsubscribe=One-Click";

    private final SubscriberDirectory directory;
    private final Tokens tokens;
    private final Clock clock;

    public Unsubscribe(SubscriberDirectory directory, Tokens tokens, Clock clock) {
        this.directory = directory;
        this.tokens = tokens;
        this.clock = clock;
    }

    /** GET: the confirmation page (or the generic refusal); reads only. */
    public Answer page(String token) {
        return subscriber(token).isPresent() ? Answer.of(Answer.Outcome.UNSUBSCRIBE_PAGE) : Answer.INVALID_LINK;
    }

    /** POST: unsubscribes when the body is the one-click form body. */
    public Answer oneClick(String token, String body) {
        Optional<Subscriber> found = subscriber(token);
        if (found.isEmpty()) {
            return Answer.INVALID_LINK;
        }
        if (!isOneClick(body)) {
            return Answer.of(Answer.Outcome.BAD_REQUEST);
        }
        return leave(found.get());
    }

    /** Unsubscribes this subscriber from everything (read before; re-read on a lost race). */
    Answer leave(Subscriber read) {
        Optional<Subscriber> found = Optional.of(read);
        for (int attempt = 0; attempt < 5; attempt++) {
            Subscriber s = found.get();
            if (s.status() == SubscriberStatus.UNSUBSCRIBED || s.status() == SubscriberStatus.SUPPRESSED) {
                return Answer.of(Answer.Outcome.UNSUBSCRIBED);
            }
            if (directory.update(s.withStatus(SubscriberStatus.UNSUBSCRIBED, clock.instant()))) {
                return Answer.of(Answer.Outcome.UNSUBSCRIBED);
            }
            found = directory.get(s.id());
            if (found.isEmpty()) {
                return Answer.INVALID_LINK;
            }
        }
        throw new IllegalStateException("could not unsubscribe: too many concurrent updates");
    }

    /** Whether a form-encoded body carries {@code List-Unsubscribe=One-Click}. */
    static boolean isOneClick(String body) {
        if (body == null) {
            return false;
        }
        for (String pair : body.strip().split("&")) {
            if (pair.equals(ONE_CLICK_BODY)) {
                return true;
            }
        }
        return false;
    }

    private Optional<Subscriber> subscriber(String token) {
        return tokens.verify(Tokens.Purpose.UNSUBSCRIBE, token).flatMap(directory::get);
    }
}
