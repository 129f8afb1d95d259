package dev.hubpress.aws;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hubpress.aws.testing.Emulators;
import dev.hubpress.aws.testing.SesStore;
import dev.hubpress.core.mail.EmailAddress;
import dev.hubpress.core.mail.MailerException;
import dev.hubpress.core.mail.OutgoingEmail;
import dev.hubpress.core.port.Mailer;
import dev.hubpress.core.port.MailerContract;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

/**
 * SES v2 through the production client, on aws-ses-v2-local: the port's contract (what arrived is
 * read from the emulator's {@code GET /store}), and what is SES's own (the sender's encoded name,
 * what becomes of the errors the emulator really gives: {@link SesRetriesIT} serves the ones it cannot).
 */
@ExtendWith(Emulators.class)
class SesMailerIT extends MailerContract {

    @Override
    protected Mailer createMailer() {
        return new SesMailer(SesClients.ses(), null);
    }

    @Override
    protected List<Delivered> deliveredTo(EmailAddress address) throws Exception {
        assumeFalse(Emulators.start().external(), "the SES store is aws-ses-v2-local's");
        List<Delivered> delivered = new ArrayList<>();
        for (JsonNode email : SesStore.emailsTo(address.value())) {
            Map<String, String> headers = new LinkedHashMap<>();
            email.path("headers").forEach(h -> headers.put(h.path("name").asText(), h.path("value").asText()));
            String from = email.path("from").asText();
            delivered.add(new Delivered(from.substring(from.lastIndexOf('<') + 1).replace(">", ""), address.value(),
                    email.path("subject").asText(), email.path("body").path("text").asText(),
                    email.path("body").path("html").asText(), headers));
        }
        return delivered;
    }

    @Test
    void theAccountsSendRateIsWhatGetAccountSays() {
        // GIVEN aws-ses-v2-local answering GetAccount with the account the emulators start it with (MaxSendRate 100)
        assumeFalse(Emulators.start().external(), "the account is aws-ses-v2-local's");

        // WHEN the mailer asks for the send rate
        double rate = new SesMailer(SesClients.ses(), null).maxSendRate();

        // THEN it is the account's MaxSendRate
        org.assertj.core.api.Assertions.assertThat(rate).isEqualTo(100.0);
    }

    @Test
    void mailboxesWithNonAsciiNamesAreEncodedWords() {
        assertThat(SesMailer.mailbox(new OutgoingEmail.Mailbox(EmailAddress.parse("a@hub.test"), "Hub"))).isEqualTo("Hub <a@hub.test>");
        assertThat(SesMailer.mailbox(new OutgoingEmail.Mailbox(EmailAddress.parse("a@hub.test"), "Hub — Digest")))
                .startsWith("=?UTF-8?B?").endsWith("?= <a@hub.test>");
        assertThat(SesMailer.mailbox(new OutgoingEmail.Mailbox(EmailAddress.parse("a@hub.test"), ""))).isEqualTo("a@hub.test");
    }

    private static OutgoingEmail email(String to, String subject) {
        return new OutgoingEmail(new OutgoingEmail.Mailbox(EmailAddress.parse("digest@hub.test"), "Hub"),
                EmailAddress.parse(to), subject, "<p>h</p>", "t", Map.of(), Instant.parse("2026-03-14T09:26:53Z"),
                "m@hub.test", "k");
    }

    @Test
    void whatTheEmulatorRefusesIsPermanentAndUnreachableSesIsTransientAndNeitherSaysWhatSesSaid() throws Exception {
        assumeFalse(Emulators.start().external(), "the refusals are aws-ses-v2-local's");
        // GIVEN the production client on aws-ses-v2-local, and one on a loopback port nobody listens on.
        // (The emulator has no quotas, suppression list or account states: it cannot answer 429, MessageRejected,
        // SendingPaused or a 5xx. Those answers, in SES's own error protocol, come from the loopback server of
        // SesRetriesIT; here is what the emulator really does: a 400 for a request SES would refuse.)
        SesMailer emulated = new SesMailer(SesClients.ses(), null);
        SesMailer unreachable = new SesMailer(SesClients.sesBuilder().endpointOverride(Emulators.deadEndpoint()).build(), null);

        // WHEN an email without a subject goes to the emulator, and any email to nowhere
        String recipient = "refused-" + System.nanoTime() + "@example.com";
        MailerException refused = catchThrowableOfType(MailerException.class, () -> emulated.send(email(recipient, "")));
        MailerException notReached = catchThrowableOfType(MailerException.class,
                () -> unreachable.send(email("nowhere@example.com", "s")));

        // THEN the emulator's 400 is permanent, the refused connection transient
        assertThat(refused).isInstanceOf(MailerException.Permanent.class);
        assertThat(refused.getMessage()).startsWith("SES ").contains("HTTP 400").containsPattern("text sha256:[0-9a-f]{16}");
        assertThat(notReached).isInstanceOf(MailerException.Transient.class);
        // AND neither carries the provider's text, the recipient or the SDK's exception (whose message holds the text)
        for (MailerException e : List.of(refused, notReached)) {
            StringWriter trace = new StringWriter();
            e.printStackTrace(new PrintWriter(trace));
            assertThat(trace.toString()).doesNotContain("Bad Request").doesNotContain("aws-ses-v2-local")
                    .doesNotContain("@example.com").doesNotContain("Connection refused");
            assertThat(e.getCause()).isNull();
        }
        // AND nothing reached the store for the refused email
        assertThat(SesStore.emailsTo(recipient)).isEmpty();
    }
}
