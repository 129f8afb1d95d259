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
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sesv2.model.MessageRejectedException;
import software.amazon.awssdk.services.sesv2.model.SendingPausedException;
import software.amazon.awssdk.services.sesv2.model.SesV2Exception;
import software.amazon.awssdk.services.sesv2.model.TooManyRequestsException;

import java.lang.reflect.Proxy;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

/**
 * SES v2 through the production client, on aws-ses-v2-local: the port's contract (what arrived is
 * read from the emulator's {@code GET /store}), and what is SES's own (the sender's encoded name,
 * the mapping of its errors onto the port's three kinds).
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

    @Test
    void sesErrorsMapOntoThrottledTransientAndPermanent() {
        // GIVEN an SES client that fails every send in one of SES's ways
        OutgoingEmail email = new OutgoingEmail(new OutgoingEmail.Mailbox(EmailAddress.parse("digest@hub.test"), "Hub"),
                EmailAddress.parse("x@example.com"), "s", "<p>h</p>", "t", Map.of(), Instant.parse("2026-03-14T09:26:53Z"),
                "m@hub.test", "k");
        Map<RuntimeException, Class<?>> cases = new LinkedHashMap<>();
        cases.put(TooManyRequestsException.builder().message("slow down").statusCode(429).build(), MailerException.Throttled.class);
        cases.put(MessageRejectedException.builder().message("rejected").statusCode(400).build(), MailerException.Permanent.class);
        cases.put(SendingPausedException.builder().message("paused").statusCode(400).build(), MailerException.Permanent.class);
        cases.put((RuntimeException) SesV2Exception.builder().message("oops").statusCode(503).build(), MailerException.Transient.class);
        cases.put(SdkClientException.create("connection reset"), MailerException.Transient.class);

        // WHEN / THEN each failure is the port's kind of it
        cases.forEach((thrown, expected) -> {
            SesV2Client failing = (SesV2Client) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {SesV2Client.class},
                    (proxy, method, args) -> {
                        if (method.getName().equals("sendEmail")) {
                            throw thrown;
                        }
                        throw new UnsupportedOperationException(method.getName());
                    });
            assertThatThrownBy(() -> new SesMailer(failing, "set").send(email)).as(thrown.toString()).isInstanceOf(expected);
        });
    }
}
