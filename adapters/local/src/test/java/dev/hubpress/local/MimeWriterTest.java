package dev.hubpress.local;

import dev.hubpress.core.mail.EmailAddress;
import dev.hubpress.core.mail.OutgoingEmail;
import jakarta.mail.Multipart;
import jakarta.mail.Session;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MimeWriterTest {

    static MimeMessage parse(byte[] bytes) throws Exception {
        return new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(bytes));
    }

    static final String LIST_UNSUBSCRIBE =
            "<https://api.example.com/unsubscribe?token=" + "x".repeat(120) + ">, <mailto:u@example.com?subject=unsubscribe>";

    static OutgoingEmail email(String subject, String fromName, String text, String html) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("List-Unsubscribe", LIST_UNSUBSCRIBE);
        headers.put("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        return email(subject, fromName, text, html, headers);
    }

    static OutgoingEmail email(String subject, String fromName, String text, String html, Map<String, String> headers) {
        return new OutgoingEmail(new OutgoingEmail.Mailbox(EmailAddress.parse("digest@example.com"), fromName),
                EmailAddress.parse("ann@example.com"), subject, html, text, headers, Instant.parse("2026-03-14T09:26:53Z"),
                "hub.r1-r2.abc@example.com", "hub.r1-r2.abc");
    }

    /** The names of the message's own header lines (not the parts'), in order. */
    static List<String> headerNames(byte[] bytes) {
        String raw = new String(bytes, StandardCharsets.US_ASCII);
        return Arrays.stream(raw.substring(0, raw.indexOf("\r\n\r\n")).split("\r\n"))
                .filter(line -> !line.startsWith(" ") && !line.startsWith("\t"))
                .map(line -> line.substring(0, line.indexOf(':')))
                .toList();
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
        assertThat(message.getHeader("List-Unsubscribe", null).replaceAll("\r\n\\s", " ")).isEqualTo(LIST_UNSUBSCRIBE);
        assertThat(message.getHeader("List-Unsubscribe-Post", null)).isEqualTo("List-Unsubscribe=One-Click");
        // the same email gives the same bytes
        assertThat(MimeWriter.write(email("Plain subject", "Hub, \"the\" editors", text, html))).isEqualTo(bytes);
    }

    @Test
    void jakartaMailAddsNoDateMessageIdOrBoundaryOfItsOwn() throws Exception {
        OutgoingEmail email = email("Plain subject", "Hub", "text\n", "<p>html</p>\n");
        byte[] bytes = MimeWriter.write(email);
        // only the email's headers: no second Date, Message-ID or anything else Jakarta Mail would make up
        assertThat(headerNames(bytes)).containsExactly("Date", "From", "To", "Message-ID", "Subject", "MIME-Version",
                "Content-Type", "List-Unsubscribe", "List-Unsubscribe-Post");
        MimeMessage message = parse(bytes);
        assertThat(message.getHeader("Date")).containsExactly("Sat, 14 Mar 2026 09:26:53 +0000 (UTC)");
        assertThat(message.getHeader("Message-ID")).containsExactly("<hub.r1-r2.abc@example.com>");
        assertThat(((InternetAddress) message.getFrom()[0]).getPersonal()).isEqualTo("Hub");
        // the boundary comes from the bodies: the same bodies, the same boundary; other bodies, another
        String boundary = new ContentType(message.getContentType()).getParameter("boundary");
        assertThat(boundary).startsWith("=_hubpress_");
        assertThat(new ContentType(parse(MimeWriter.write(email("Other subject", "Hub", "text\n", "<p>html</p>\n"))).getContentType())
                .getParameter("boundary")).isEqualTo(boundary);
        assertThat(new ContentType(parse(MimeWriter.write(email("Plain subject", "Hub", "text 2\n", "<p>html</p>\n"))).getContentType())
                .getParameter("boundary")).isNotEqualTo(boundary);
        // a sender without a name is the bare address
        assertThat(new String(MimeWriter.write(email("Plain subject", "", "t", "h")), StandardCharsets.US_ASCII))
                .contains("\r\nFrom: digest@example.com\r\n");
    }

    @Test
    void nonAsciiNamesAndSubjectsAreEncodedWordsOfPlainAscii() throws Exception {
        String name = "Équipe “Hub” — 工程师, 😀 " + "Ünïcode ".repeat(8).strip();
        String subject = "😀 ".repeat(30) + "Gehälter";
        byte[] bytes = MimeWriter.write(email(subject, name, "Grüße 😀\n", "<p>Grüße 😀</p>"));
        for (byte b : bytes) {
            assertThat(b & 0xff).isBetween(1, 0x7e);
        }
        String raw = new String(bytes, StandardCharsets.US_ASCII);
        assertThat(raw.replace("\r\n", "")).doesNotContain("\r").doesNotContain("\n");
        for (String line : raw.split("\r\n")) {
            assertThat(line.length()).isLessThanOrEqualTo(998);
        }
        MimeMessage message = parse(bytes);
        assertThat(((InternetAddress) message.getFrom()[0]).getPersonal()).isEqualTo(name);
        assertThat(message.getSubject()).isEqualTo(subject);
        Multipart parts = (Multipart) message.getContent();
        assertThat(((String) parts.getBodyPart(0).getContent()).replace("\r\n", "\n")).isEqualTo("Grüße 😀\n");
        assertThat(parts.getBodyPart(1).getContent()).isEqualTo("<p>Grüße 😀</p>");
        assertThat(MimeWriter.write(email(subject, name, "Grüße 😀\n", "<p>Grüße 😀</p>"))).isEqualTo(bytes);
    }

    @Test
    void crOrLfInANameSubjectOrHeaderValueNeverStartsAHeader() throws Exception {
        // a display name's line breaks become spaces: one From, no Bcc, one recipient
        byte[] bytes = MimeWriter.write(email("Plain subject", "Hub\r\nBcc: x@y\nBcc: z@y — Grüße", "t", "h"));
        assertThat(headerNames(bytes)).doesNotContain("Bcc").containsOnlyOnce("From");
        MimeMessage message = parse(bytes);
        assertThat(message.getHeader("Bcc")).isNull();
        assertThat(message.getAllRecipients()).extracting(Object::toString).containsExactly("ann@example.com");
        assertThat(((InternetAddress) message.getFrom()[0]).getPersonal()).isEqualTo("Hub  Bcc: x@y Bcc: z@y — Grüße");
        // a subject or an extra header with a line break, or a non-ASCII header value, is refused before any writing
        assertThatThrownBy(() -> email("Plain\r\nBcc: x@y", "Hub", "t", "h")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> email("Plain subject", "Hub", "t", "h", Map.of("List-Unsubscribe", "<https://a.example>\r\nBcc: x@y")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> email("Plain subject", "Hub", "t", "h", Map.of("X-Note", "Grüße")))
                .isInstanceOf(IllegalArgumentException.class);
        // and the writer's own folding keeps a line break inside the value, should one get that far
        String folded = MimeWriter.folded("X-Note", "a\r\nBcc: x@y\nBcc: z@y\rBcc: w@y " + "long-word".repeat(12));
        assertThat(folded).contains("Bcc: x@y").doesNotContainPattern("[\r\n][^\r\n \t]");
    }
}
