package dev.hubpress.local;

import dev.hubpress.core.mail.OutgoingEmail;
import dev.hubpress.core.port.Mailer;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * The embedded mailer: one {@code <idempotency key>.eml} per recipient in the outbox folder,
 * written atomically, in MIME ({@link MimeWriter}). Like a provider that deduplicates on the
 * idempotency key, an email whose file is already there is not written again. The emails are
 * their recipients' business: the folder is the owner's only (0700), each file too (0600).
 */
public final class OutboxMailer implements Mailer {

    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,199}");

    private final Path folder;

    public OutboxMailer(Path folder) {
        this.folder = folder.toAbsolutePath().normalize();
    }

    public Path folder() {
        return folder;
    }

    @Override
    public String send(OutgoingEmail email) {
        if (!SAFE.matcher(email.idempotencyKey()).matches() || email.idempotencyKey().contains("..")) {
            throw new dev.hubpress.core.mail.MailerException.Permanent("unsafe idempotency key: " + email.idempotencyKey());
        }
        Path file = folder.resolve(email.idempotencyKey() + ".eml");
        if (!Files.exists(file)) {
            AtomicFiles.writePrivate(file, MimeWriter.write(email));
        }
        return email.messageId();
    }
}
