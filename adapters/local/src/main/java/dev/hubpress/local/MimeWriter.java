package dev.hubpress.local;

import dev.hubpress.core.content.Hashing;
import dev.hubpress.core.mail.OutgoingEmail;

import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * Writes an {@link OutgoingEmail} as an RFC 5322 / MIME message: {@code multipart/alternative}
 * with a UTF-8 plain-text part and a UTF-8 HTML part (quoted-printable), CRLF line endings, header
 * lines folded under 78 characters, RFC 2047 encoded-words for a non-ASCII subject or sender name,
 * and the Date header from the email (the revision's date), so the same email gives the same bytes.
 */
public final class MimeWriter {

    private static final String CRLF = "\r\n";
    private static final int HEADER_WIDTH = 78;
    private static final int QP_WIDTH = 76;
    private static final DateTimeFormatter RFC_5322 = DateTimeFormatter.RFC_1123_DATE_TIME.withZone(ZoneOffset.UTC);

    private MimeWriter() {
    }

    public static byte[] write(OutgoingEmail email) {
        // "=_" never occurs in quoted-printable text, so this boundary cannot collide with a body.
        String boundary = "=_hubpress_" + Hashing.sha256Hex((email.text() + email.html()).getBytes(StandardCharsets.UTF_8)).substring(0, 24);
        StringBuilder m = new StringBuilder(email.html().length() + email.text().length() + 2048);
        header(m, "Date", RFC_5322.format(email.date()));
        header(m, "From", mailbox(email.from().name(), email.from().address().value()));
        header(m, "To", email.to().value());
        header(m, "Subject", encodeUnstructured(email.subject()));
        header(m, "Message-ID", "<" + email.messageId() + ">");
        header(m, "MIME-Version", "1.0");
        for (Map.Entry<String, String> h : email.headers().entrySet()) {
            header(m, h.getKey(), h.getValue());
        }
        header(m, "Content-Type", "multipart/alternative; boundary=\"" + boundary + "\"");
        m.append(CRLF);
        m.append("This is a message in MIME format: a plain-text and an HTML version.").append(CRLF);
        part(m, boundary, "text/plain; charset=UTF-8", email.text());
        part(m, boundary, "text/html; charset=UTF-8", email.html());
        m.append("--").append(boundary).append("--").append(CRLF);
        return m.toString().getBytes(StandardCharsets.US_ASCII);
    }

    private static void part(StringBuilder m, String boundary, String contentType, String body) {
        m.append("--").append(boundary).append(CRLF);
        m.append("Content-Type: ").append(contentType).append(CRLF);
        m.append("Content-Transfer-Encoding: quoted-printable").append(CRLF).append(CRLF);
        m.append(quotedPrintable(body));
        m.append(CRLF);
    }

    /** A header, folded at spaces so that lines stay under 78 characters where it can. */
    static void header(StringBuilder m, String name, String value) {
        String line = name + ": " + value;
        String[] words = line.split(" ", -1);
        int width = 0;
        for (int i = 0; i < words.length; i++) {
            String word = words[i];
            if (i > 0) {
                if (width + 1 + word.length() > HEADER_WIDTH) {
                    m.append(CRLF).append(' ');
                    width = 1;
                } else {
                    m.append(' ');
                    width++;
                }
            }
            m.append(word);
            width += word.length();
        }
        m.append(CRLF);
    }

    /** "Name" &lt;address&gt;, the name as an atom sequence, a quoted string or encoded-words. */
    static String mailbox(String name, String address) {
        if (name == null || name.isBlank()) {
            return address;
        }
        String shown;
        if (!isAscii(name)) {
            shown = encodeWords(name);
        } else if (name.matches("[A-Za-z0-9!#$%&'*+/=?^_`{|}~ -]+")) {
            shown = name;
        } else {
            shown = "\"" + name.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
        }
        return shown + " <" + address + ">";
    }

    /** Plain text as is when ASCII, else RFC 2047 encoded-words. */
    static String encodeUnstructured(String text) {
        return isAscii(text) ? text : encodeWords(text);
    }

    /**
     * "=?UTF-8?B?…?=" words of at most 75 characters, separated by spaces (which decoders drop
     * between adjacent encoded-words), never splitting a character's UTF-8 bytes.
     */
    static String encodeWords(String text) {
        List<String> words = new ArrayList<>();
        StringBuilder chunk = new StringBuilder();
        int chunkBytes = 0;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            String ch = new String(Character.toChars(cp));
            int bytes = ch.getBytes(StandardCharsets.UTF_8).length;
            if (chunkBytes + bytes > 45) {
                words.add(word(chunk.toString()));
                chunk.setLength(0);
                chunkBytes = 0;
            }
            chunk.append(ch);
            chunkBytes += bytes;
            i += Character.charCount(cp);
        }
        if (chunk.length() > 0) {
            words.add(word(chunk.toString()));
        }
        return String.join(" ", words);
    }

    private static String word(String s) {
        return "=?UTF-8?B?" + Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8)) + "?=";
    }

    /** Quoted-printable (RFC 2045) of UTF-8 text, lines ending in CRLF, none longer than 76. */
    static String quotedPrintable(String text) {
        String normalised = text.replace("\r\n", "\n").replace('\r', '\n');
        StringBuilder out = new StringBuilder(normalised.length() + normalised.length() / 8);
        String[] lines = normalised.split("\n", -1);
        for (int l = 0; l < lines.length; l++) {
            byte[] bytes = lines[l].getBytes(StandardCharsets.UTF_8);
            int width = 0;
            for (int i = 0; i < bytes.length; i++) {
                int b = bytes[i] & 0xff;
                boolean last = i == bytes.length - 1;
                String encoded;
                if ((b >= 33 && b <= 126 && b != '=') || ((b == ' ' || b == '\t') && !last)) {
                    encoded = String.valueOf((char) b);
                } else {
                    encoded = String.format("=%02X", b);
                }
                // Keep room for a soft break ("=") unless this is the line's last character.
                int limit = last ? QP_WIDTH : QP_WIDTH - 1;
                if (width + encoded.length() > limit) {
                    out.append('=').append(CRLF);
                    width = 0;
                }
                out.append(encoded);
                width += encoded.length();
            }
            if (l < lines.length - 1) {
                out.append(CRLF);
            }
        }
        return out.toString();
    }

    private static boolean isAscii(String s) {
        return s.chars().allMatch(c -> c >= 0x20 && c < 0x7f);
    }
}
