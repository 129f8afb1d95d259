package dev.hubpress.core.port;

import dev.hubpress.core.mail.EmailAddress;
import dev.hubpress.core.mail.OutgoingEmail;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What every {@link Mailer} promises (its Javadoc), run against each implementation: the recording
 * fake, the outbox folder and SES (on its emulator). A subclass supplies a mailer for each test and
 * says what was delivered to an address: the fake's list, the outbox's .eml files parsed back, the
 * SES emulator's store. Recipients are new addresses in every test, as a provider's store may be
 * shared by every test of the JVM.
 */
public abstract class MailerContract {

    /**
     * One email as its recipient gets it.
     *
     * @param from    the sender's address
     * @param text    the plain-text body, line ends as LF
     * @param html    the HTML body, line ends as LF
     * @param headers the headers the sender set, unfolded, by name as sent
     */
    public record Delivered(String from, String to, String subject, String text, String html, Map<String, String> headers) {
    }

    protected static final String LIST_UNSUBSCRIBE = "<https://api.hub.test/unsubscribe?token=" + "t0k3n".repeat(24)
            + ">, <mailto:unsubscribe@hub.test?subject=unsubscribe>";

    /** The mailer under test. */
    protected Mailer mailer;

    private final String run = UUID.randomUUID().toString().substring(0, 8);

    protected abstract Mailer createMailer();

    /** What was delivered to the address so far, oldest first. */
    protected abstract List<Delivered> deliveredTo(EmailAddress address) throws Exception;

    @BeforeEach
    void freshMailer() {
        mailer = createMailer();
    }

    /** An address no other test uses. */
    protected EmailAddress reader(String name) {
        return EmailAddress.parse(name + "-" + run + "@example.com");
    }

    /** A digest as the email channel makes one: both bodies, the RFC 8058 headers, a Message-ID and idempotency key of its own. */
    protected static OutgoingEmail digest(EmailAddress to, String subject, String key) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("List-Unsubscribe", LIST_UNSUBSCRIBE);
        headers.put("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        return new OutgoingEmail(new OutgoingEmail.Mailbox(EmailAddress.parse("digest@hub.test"), "Test Hub"), to, subject,
                "<p>Three pages changed.</p>\n<p>Grüße</p>\n", "Three pages changed.\nGrüße\n", headers,
                Instant.parse("2026-03-14T09:26:53Z"), key + "@hub.test", key);
    }

    @Test
    void aSentEmailArrivesWithItsSubjectBodiesAndListUnsubscribeHeaders() throws Exception {
        // GIVEN a digest to a reader, with a non-ASCII subject and the one-click unsubscribe headers
        EmailAddress ann = reader("ann");
        OutgoingEmail email = digest(ann, "Test Hub: 3 pages updated — Gehälter", "hub.r1-r2." + run + "-ann");

        // WHEN it is sent
        String messageId = mailer.send(email);

        // THEN the provider gives its message id, and the reader gets one email as sent: sender,
        // subject, both bodies, and the List-Unsubscribe headers verbatim
        assertThat(messageId).isNotBlank();
        List<Delivered> delivered = deliveredTo(ann);
        assertThat(delivered).hasSize(1);
        Delivered got = delivered.get(0);
        assertThat(got.from()).isEqualTo("digest@hub.test");
        assertThat(got.to()).isEqualTo(ann.value());
        assertThat(got.subject()).isEqualTo("Test Hub: 3 pages updated — Gehälter");
        assertThat(got.text()).isEqualTo(email.text());
        assertThat(got.html()).isEqualTo(email.html());
        assertThat(got.headers()).containsEntry("List-Unsubscribe", LIST_UNSUBSCRIBE)
                .containsEntry("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
    }

    @Test
    void eachSendIsOneEmailToItsOneRecipient() throws Exception {
        // GIVEN the same digest for two readers, each with their own idempotency key
        EmailAddress ann = reader("ann");
        EmailAddress bob = reader("bob");

        // WHEN both are sent
        String toAnn = mailer.send(digest(ann, "Test Hub: 1 page updated", "hub.r2-r3." + run + "-ann"));
        String toBob = mailer.send(digest(bob, "Test Hub: 1 page updated", "hub.r2-r3." + run + "-bob"));

        // THEN each reader got exactly one email, addressed to them alone, under a message id of its own
        assertThat(deliveredTo(ann)).singleElement().satisfies(d -> assertThat(d.to()).isEqualTo(ann.value()));
        assertThat(deliveredTo(bob)).singleElement().satisfies(d -> assertThat(d.to()).isEqualTo(bob.value()));
        assertThat(toAnn).isNotBlank().isNotEqualTo(toBob);
    }
}
