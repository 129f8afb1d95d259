package dev.hubpress.core.mail;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One email ready to hand to a {@link dev.hubpress.core.port.Mailer}: both bodies, the headers the
 * mailer must pass through verbatim, and the keys that make a retried send recognisable.
 *
 * @param headers        extra headers in order, e.g. {@code List-Unsubscribe} and
 *                       {@code List-Unsubscribe-Post}; values are ASCII
 * @param date           the Date header: the revision's date for digests, never the wall clock
 * @param messageId      the Message-ID without angle brackets, stable per (digest, subscriber)
 * @param idempotencyKey stable per (digest, subscriber): a mailer that can deduplicate uses it
 */
public record OutgoingEmail(
        Mailbox from,
        EmailAddress to,
        String subject,
        String html,
        String text,
        Map<String, String> headers,
        Instant date,
        String messageId,
        String idempotencyKey) {

    public OutgoingEmail {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(html, "html");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(date, "date");
        Objects.requireNonNull(messageId, "messageId");
        Objects.requireNonNull(idempotencyKey, "idempotencyKey");
        for (Map.Entry<String, String> h : headers.entrySet()) {
            if (!h.getKey().matches("[A-Za-z0-9-]+") || h.getValue().chars().anyMatch(c -> c < 0x20 || c > 0x7e)) {
                throw new IllegalArgumentException("unsafe header " + h.getKey());
            }
        }
        if (subject.chars().anyMatch(c -> c == '\r' || c == '\n')) {
            throw new IllegalArgumentException("a subject is one line");
        }
        headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
    }

    /** A sender: address and display name. */
    public record Mailbox(EmailAddress address, String name) {
        public Mailbox {
            Objects.requireNonNull(address, "address");
            name = name == null ? "" : name.replaceAll("[\\r\\n]", " ").strip();
        }
    }
}
