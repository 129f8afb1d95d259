package dev.hubpress.local;

import dev.hubpress.core.content.Hashing;
import dev.hubpress.core.mail.OutgoingEmail;
import jakarta.mail.BodyPart;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MailDateFormat;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.internet.MimeUtility;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.Properties;
import java.util.TimeZone;

/**
 * Writes an {@link OutgoingEmail} as an RFC 5322 / MIME message with Jakarta Mail (Angus Mail):
 * {@code multipart/alternative} with a UTF-8 plain-text part first and a UTF-8 HTML part, both
 * quoted-printable; Jakarta Mail encodes a non-ASCII subject or sender name as RFC 2047 words,
 * folds the header lines and ends every line in CRLF.
 *
 * <p>The same email gives the same bytes: the Date header is the email's (the revision's date, in
 * UTC), the Message-ID is the email's, and the boundary is a hash of the bodies, so none of
 * Jakarta Mail's wall-clock date, made-up Message-ID or random boundary gets in.
 */
public final class MimeWriter {

    private static final String UTF_8 = "UTF-8";
    private static final Session SESSION = Session.getInstance(new Properties());
    private static final String PREAMBLE = "This is a message in MIME format: a plain-text and an HTML version.\r\n";
    /** The longest header line Jakarta Mail's folding aims at. */
    private static final int FOLD_WIDTH = 76;

    private MimeWriter() {
    }

    public static byte[] write(OutgoingEmail email) {
        try {
            MimeMessage message = new FixedIdMessage(email.messageId());
            message.setHeader("Date", rfc5322(email.date()));
            String name = email.from().name();
            message.setFrom(new InternetAddress(email.from().address().value(), name.isEmpty() ? null : name, UTF_8));
            message.setRecipient(Message.RecipientType.TO, new InternetAddress(email.to().value(), null, UTF_8));
            message.setSubject(email.subject(), UTF_8);
            for (Map.Entry<String, String> h : email.headers().entrySet()) {
                message.setHeader(h.getKey(), folded(h.getKey(), h.getValue()));
            }
            // "=_" never occurs in quoted-printable text, so this boundary cannot collide with a body.
            String boundary = "=_hubpress_" + Hashing.sha256Hex(email.text() + email.html()).substring(0, 24);
            MimeMultipart alternative = new Alternative(boundary, part(email.text(), "plain"), part(email.html(), "html"));
            alternative.setPreamble(PREAMBLE);
            message.setContent(alternative);
            message.saveChanges();
            ByteArrayOutputStream out = new ByteArrayOutputStream(email.html().length() + email.text().length() + 4096);
            message.writeTo(out);
            return out.toByteArray();
        } catch (MessagingException | IOException e) {
            throw new IllegalStateException("Jakarta Mail could not write the email " + email.idempotencyKey(), e);
        }
    }

    /** A text part; quoted-printable whatever the text, which also turns its line ends into CRLF. */
    private static MimeBodyPart part(String text, String subtype) throws MessagingException {
        MimeBodyPart part = new MimeBodyPart();
        part.setText(text, UTF_8, subtype);
        part.setHeader("Content-Transfer-Encoding", "quoted-printable");
        return part;
    }

    private static String rfc5322(Instant date) {
        MailDateFormat format = new MailDateFormat();
        format.setTimeZone(TimeZone.getTimeZone("UTC"));
        return format.format(Date.from(date));
    }

    /**
     * A header value folded by Jakarta Mail, which also keeps any CR or LF in it from starting a
     * new header. When the first word does not fit on the name's line it starts on the next one,
     * as {@link InternetAddress#toString(jakarta.mail.Address[], int)} does for addresses.
     */
    static String folded(String name, String value) {
        int used = name.length() + 2;
        int space = value.indexOf(' ');
        int firstWord = space < 0 ? value.length() : space;
        return used + firstWord > FOLD_WIDTH ? "\r\n " + MimeUtility.fold(1, value) : MimeUtility.fold(used, value);
    }

    /** A message whose Message-ID is the email's own, where {@code saveChanges} would make one up. */
    private static final class FixedIdMessage extends MimeMessage {
        private final String messageId;

        FixedIdMessage(String messageId) {
            super(SESSION);
            this.messageId = messageId;
        }

        @Override
        protected void updateMessageID() throws MessagingException {
            setHeader("Message-ID", "<" + messageId + ">");
        }
    }

    /** {@code multipart/alternative} under the given boundary instead of a random one. */
    private static final class Alternative extends MimeMultipart {
        Alternative(String boundary, BodyPart... parts) throws MessagingException {
            super("alternative", parts);
            ContentType type = new ContentType(contentType);
            type.setParameter("boundary", boundary);
            contentType = type.toString();
        }
    }
}
