package dev.hubpress.local;

import dev.hubpress.core.mail.EmailAddress;
import dev.hubpress.core.mail.OutgoingEmail;
import jakarta.mail.Multipart;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

class MimeWriterTest {

    static MimeMessage parse(byte[] bytes) throws Exception {
        return new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(bytes));
    }

    static OutgoingEmail email(String subject, String fromName, String text, String html) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("List-Unsubscribe", "<https://api.example.com/unsubscribe?token=" + "x".repeat(120) + ">, <mailto:u@example.com?subject=unsubscribe>");
        headers.put("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        return new OutgoingEmail(new OutgoingEmail.Mailbox(EmailAddress.parse("digest@example.com"), fromName),
                EmailAddress.parse("ann@example.com"), subject, html, text, headers, Instant.parse("2026-03-14T09:26:53Z"),
                "hub.r1-r2.abc@example.com", "hub.r1-r2.abc");
    }

    @Test
    void nonAsciiSubjectsAndNamesRoundTripThroughEncodedWords() throws Exception {
        String subject = "Backend Engineer Hub: 3 pages updated — Gehälter für Senior-Rollen, 给工程师的指南, émigré ✓ and a long tail of words";
        byte[] bytes = MimeWriter.write(email(subject, "Hub — Ünïcode", "Grüße\n", "<p>Grüße</p>"));
        MimeMessage message = parse(bytes);
        assertThat(message.getSubject()).isEqualTo(subject);
        assertThat(((InternetAddress) message.getFrom()[0]).getPersonal()).isEqualTo("Hub — Ünïcode");
        assertThat(message.getSentDate().toInstant()).isEqualTo(Instant.parse("2026-03-14T09:26:53Z"));
        assertThat(message.getMessageID()).isEqualTo("<hub.r1-r2.abc@example.com>");
    }

    @Test
    void linesEndInCrlfAndStayShortAndTheBodiesRoundTrip() throws Exception {
        String text = "A line with trailing space \nCafé = 100% — " + "long ".repeat(40) + "\n.\nFrom here\n";
        String html = "<p style=\"color:#23272e\">" + "x".repeat(300) + " Grüße</p>\n";
        byte[] bytes = MimeWriter.write(email("Plain subject", "Hub, \"the\" editors", text, html));
        String raw = new String(bytes, StandardCharsets.US_ASCII);
        assertThat(raw.replace("\r\n", "")).doesNotContain("\r").doesNotContain("\n");
        String headerBlock = raw.substring(0, raw.indexOf("\r\n\r\n"));
        for (String line : headerBlock.split("\r\n")) {
            // folded under 78 wherever there is a space to fold at; only one unbreakable word is longer
            assertThat(line.length() <= 78 || !line.strip().contains(" ")).as(line).isTrue();
        }
        for (String line : raw.split("\r\n")) {
            assertThat(line.length()).isLessThanOrEqualTo(998);
        }
        MimeMessage message = parse(bytes);
        assertThat(message.getContentType()).startsWith("multipart/alternative");
        Multipart parts = (Multipart) message.getContent();
        assertThat(parts.getCount()).isEqualTo(2);
        assertThat(parts.getBodyPart(0).getContentType()).isEqualToIgnoringCase("text/plain; charset=UTF-8");
        assertThat(parts.getBodyPart(1).getContentType()).isEqualToIgnoringCase("text/html; charset=UTF-8");
        assertThat(((String) parts.getBodyPart(0).getContent()).replace("\r\n", "\n")).isEqualTo(text);
        assertThat(((String) parts.getBodyPart(1).getContent()).replace("\r\n", "\n")).isEqualTo(html);
        assertThat(((InternetAddress) message.getFrom()[0]).getPersonal()).isEqualTo("Hub, \"the\" editors");
        assertThat(message.getHeader("List-Unsubscribe", null).replaceAll("\r\n\\s", " "))
                .isEqualTo("<https://api.example.com/unsubscribe?token=" + "x".repeat(120) + ">, <mailto:u@example.com?subject=unsubscribe>");
        assertThat(message.getHeader("List-Unsubscribe-Post", null)).isEqualTo("List-Unsubscribe=One-Click");
        // the same email gives the same bytes
        assertThat(MimeWriter.write(email("Plain subject", "Hub, \"the\" editors", text, html))).isEqualTo(bytes);
    }
}
