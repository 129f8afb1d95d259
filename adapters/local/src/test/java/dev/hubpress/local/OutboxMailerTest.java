package dev.hubpress.local;

import dev.hubpress.core.mail.EmailAddress;
import dev.hubpress.core.mail.MailerException;
import dev.hubpress.core.mail.OutgoingEmail;
import dev.hubpress.core.port.Mailer;
import dev.hubpress.core.port.MailerContract;
import jakarta.mail.Header;
import jakarta.mail.Multipart;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The outbox of .eml files: the port's contract (each file parsed back), and what is the outbox's own. */
class OutboxMailerTest extends MailerContract {

    /** Headers every MIME message has; the others are the ones the sender set. */
    private static final Set<String> MIME_HEADERS = Set.of("Date", "From", "To", "Message-ID", "Subject", "MIME-Version", "Content-Type");

    @TempDir
    Path tmp;

    @Override
    protected Mailer createMailer() {
        return new OutboxMailer(tmp.resolve("outbox"));
    }

    @Override
    protected List<Delivered> deliveredTo(EmailAddress address) throws Exception {
        List<Delivered> delivered = new ArrayList<>();
        List<Path> files;
        try (Stream<Path> list = Files.list(tmp.resolve("outbox"))) {
            files = list.filter(f -> f.toString().endsWith(".eml")).sorted().toList();
        }
        for (Path file : files) {
            MimeMessage message = MimeWriterTest.parse(Files.readAllBytes(file));
            String to = message.getRecipients(MimeMessage.RecipientType.TO)[0].toString();
            if (to.equals(address.value())) {
                delivered.add(delivered(message, to));
            }
        }
        return delivered;
    }

    private static Delivered delivered(MimeMessage message, String to) throws Exception {
        Multipart parts = (Multipart) message.getContent();
        Map<String, String> headers = new LinkedHashMap<>();
        for (Header header : Collections.list(message.getAllHeaders())) {
            if (!MIME_HEADERS.contains(header.getName())) {
                headers.put(header.getName(), header.getValue().replaceAll("\r\n\\s", " ").strip());
            }
        }
        return new Delivered(((InternetAddress) message.getFrom()[0]).getAddress(), to, message.getSubject(),
                text(parts, 0), text(parts, 1), headers);
    }

    private static String text(Multipart parts, int index) throws Exception {
        return ((String) parts.getBodyPart(index).getContent()).replace("\r\n", "\n");
    }

    @Test
    void theOutboxWritesOneParsableEmlPerIdempotencyKeyOnce() throws Exception {
        // GIVEN an outbox and a digest
        OutboxMailer outbox = (OutboxMailer) mailer;
        OutgoingEmail email = MimeWriterTest.email("Plain subject", "Hub", "text\n", "<p>html</p>\n");

        // WHEN it is sent
        String messageId = outbox.send(email);

        // THEN the message id is the email's, and <idempotency key>.eml holds the MIME message, both parts in
        assertThat(messageId).isEqualTo("hub.r1-r2.abc@example.com");
        Path eml = tmp.resolve("outbox/hub.r1-r2.abc.eml");
        byte[] written = Files.readAllBytes(eml);
        assertThat(written).isEqualTo(MimeWriter.write(email));
        MimeMessage message = MimeWriterTest.parse(written);
        assertThat(message.getMessageID()).isEqualTo("<hub.r1-r2.abc@example.com>");
        assertThat(((Multipart) message.getContent()).getCount()).isEqualTo(2);
        // AND the same key again is a duplicate the outbox has already: the file stays as it was
        assertThat(outbox.send(MimeWriterTest.email("Another subject", "Hub", "other\n", "<p>other</p>\n"))).isEqualTo("hub.r1-r2.abc@example.com");
        assertThat(Files.readAllBytes(eml)).isEqualTo(written);
    }

    @Test
    void anIdempotencyKeyThatCouldLeaveTheOutboxIsRefusedForGood() throws IOException {
        // GIVEN an email whose idempotency key is a path
        OutgoingEmail email = MimeWriterTest.email("Plain subject", "Hub", "text\n", "<p>html</p>\n");
        OutgoingEmail unsafe = new OutgoingEmail(email.from(), email.to(), email.subject(), email.html(), email.text(), email.headers(),
                email.date(), email.messageId(), "../escape");

        // WHEN / THEN it is refused as a permanent failure, and nothing is written
        assertThatThrownBy(() -> mailer.send(unsafe)).isInstanceOf(MailerException.Permanent.class);
        try (Stream<Path> files = Files.walk(tmp)) {
            assertThat(files.filter(Files::isRegularFile)).isEmpty();
        }
    }
}
