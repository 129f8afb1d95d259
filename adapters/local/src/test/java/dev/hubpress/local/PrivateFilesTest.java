package dev.hubpress.local;

import dev.hubpress.core.mail.EmailAddress;
import dev.hubpress.core.mail.OutgoingEmail;
import dev.hubpress.core.testing.FixedClock;
import dev.hubpress.core.testing.MailFixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Issue 13, item 13: what holds subscribers' addresses on disk is the owner's only, not world-readable. */
class PrivateFilesTest {

    @TempDir
    Path tmp;

    @Test
    void subscriberFilesBudgetsAndTheOutboxAreTheOwnersOnly() throws IOException {
        assumeTrue(Files.getFileStore(tmp).supportsFileAttributeView("posix"), "POSIX permissions");
        // GIVEN a subscriber stored, a confirmation budget spent and an email in the outbox
        new FileSubscriberDirectory(tmp.resolve("subscribers")).create(MailFixtures.confirmed(1, 0));
        new FileConfirmationBudget(tmp.resolve("budgets"), FixedClock.standard()).spend("global:3600:1", 5, Instant.MAX);
        new OutboxMailer(tmp.resolve("outbox")).send(new OutgoingEmail(new OutgoingEmail.Mailbox(EmailAddress.parse("d@hub.test"), "Hub"),
                EmailAddress.parse("s1@example.com"), "s", "<p>h</p>", "t", Map.of(), Instant.EPOCH, "m@hub.test", "k"));

        // WHEN the permissions of the folders and of the files in them are read
        Map<String, String> permissions = new LinkedHashMap<>();
        for (String folder : List.of("subscribers", "budgets", "outbox")) {
            permissions.put(folder, permissions(tmp.resolve(folder)));
            try (Stream<Path> files = Files.list(tmp.resolve(folder))) {
                for (Path file : files.filter(f -> !f.getFileName().toString().startsWith(".")).toList()) {
                    permissions.put(folder + "/" + file.getFileName(), permissions(file));
                }
            }
        }

        // THEN each folder is rwx------ and each file rw-------, whatever the umask
        assertThat(permissions).hasSizeGreaterThanOrEqualTo(6).allSatisfy((path, mode) ->
                assertThat(mode).as(path).isEqualTo(path.contains("/") ? "rw-------" : "rwx------"));
    }

    @Test
    void aFolderLeftReadableByAnEarlierVersionIsMadePrivateOnTheNextWrite() throws IOException {
        assumeTrue(Files.getFileStore(tmp).supportsFileAttributeView("posix"), "POSIX permissions");
        // GIVEN a subscribers folder readable by all, as earlier versions made it
        Files.createDirectories(tmp.resolve("subscribers"), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));

        // WHEN a subscriber is written to it
        new FileSubscriberDirectory(tmp.resolve("subscribers")).create(MailFixtures.confirmed(1, 0));

        // THEN the folder is the owner's only
        assertThat(permissions(tmp.resolve("subscribers"))).isEqualTo("rwx------");
    }

    private static String permissions(Path path) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }
}
