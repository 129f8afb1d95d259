package dev.hubpress.core.testing;

import dev.hubpress.core.mail.Digest;
import dev.hubpress.core.mail.EmailAddress;
import dev.hubpress.core.mail.MailComposer;
import dev.hubpress.core.mail.OutgoingEmail;
import dev.hubpress.core.mail.Recipient;
import dev.hubpress.core.mail.Subscriber;
import dev.hubpress.core.revision.PageChange;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/**
 * A plain {@link MailComposer} for core tests (the real one is the digest channel's): the text
 * lists the changed pages, the headers carry the unsubscribe link. Counts digests rendered.
 */
public final class SimpleMailComposer implements MailComposer {

    public static final OutgoingEmail.Mailbox FROM = new OutgoingEmail.Mailbox(EmailAddress.parse("hub@hub.test"), "Test Hub");

    private final AtomicInteger rendered = new AtomicInteger();

    @Override
    public ComposedDigest digest(Digest digest) {
        rendered.incrementAndGet();
        String text = digest.pages().stream().map(p -> p.kind() + " " + p.slug() + sections(p)).collect(Collectors.joining("\n"));
        String subject = "Test Hub: " + digest.pages().size() + " pages updated";
        return new ComposedDigest() {
            @Override
            public String subject() {
                return subject;
            }

            @Override
            public OutgoingEmail to(Recipient r) {
                return new OutgoingEmail(FROM, r.subscriber().email(), subject, "<p>" + text + "</p>", text,
                        Map.of("List-Unsubscribe", "<https://api.hub.test/unsubscribe?token=" + r.unsubscribeToken() + ">",
                                "List-Unsubscribe-Post", "List-Unsubscribe=One-Click"),
                        digest.date(), r.idempotencyKey() + "@hub.test", r.idempotencyKey());
            }
        };
    }

    @Override
    public OutgoingEmail confirmation(Subscriber subscriber, String confirmToken, Instant date) {
        return new OutgoingEmail(FROM, subscriber.email(), "Confirm", "<p>" + confirmToken + "</p>", confirmToken, Map.of(),
                date, "confirm." + subscriber.id() + "@hub.test", "confirm." + subscriber.id());
    }

    @Override
    public OutgoingEmail preferenceLink(Subscriber subscriber, String manageToken, Instant date) {
        return new OutgoingEmail(FROM, subscriber.email(), "Your settings", "<p>" + manageToken + "</p>", manageToken, Map.of(),
                date, "settings." + subscriber.id() + "." + date.getEpochSecond() + "@hub.test", "settings." + subscriber.id());
    }

    /** The text is "welcome", then the catch-up's page changes (or "nothing yet"). */
    @Override
    public OutgoingEmail welcome(Recipient r, Digest latest, Instant date) {
        String text = "welcome\n" + (latest == null ? "nothing yet"
                : latest.pages().stream().map(p -> p.kind() + " " + p.slug()).collect(Collectors.joining("\n")));
        return new OutgoingEmail(FROM, r.subscriber().email(), "Welcome", "<p>" + text + "</p>", text, Map.of(),
                date, r.idempotencyKey() + "@hub.test", r.idempotencyKey());
    }

    public int digestsRendered() {
        return rendered.get();
    }

    private static String sections(PageChange p) {
        return p.sections().isEmpty() ? "" : " " + p.sections().stream().map(s -> s.anchor() + ":" + s.kind()).toList();
    }
}
