package dev.hubpress.local;

import dev.hubpress.core.mail.Cadence;
import dev.hubpress.core.mail.EmailAddress;
import dev.hubpress.core.mail.MailerException;
import dev.hubpress.core.mail.OutgoingEmail;
import dev.hubpress.core.mail.Subscriber;
import dev.hubpress.core.mail.SubscriberStatus;
import dev.hubpress.core.port.SendLedger;
import dev.hubpress.core.port.SubscriberDirectory;
import dev.hubpress.core.testing.MailFixtures;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FileMailStoresTest {

    @TempDir
    Path tmp;

    @Test
    void aReservationIsGrantedToExactlyOneOfManyThreads() throws Exception {
        FileSendLedger ledger = new FileSendLedger(tmp.resolve("ledger"));
        int threads = 8;
        CyclicBarrier start = new CyclicBarrier(threads);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                // a new ledger object each, as another process would have
                Callable<Boolean> reserve = () -> {
                    start.await();
                    return new FileSendLedger(tmp.resolve("ledger")).reserve("hub.r1-r2", "s1");
                };
                results.add(pool.submit(reserve));
            }
            int granted = 0;
            for (Future<Boolean> r : results) {
                granted += r.get() ? 1 : 0;
            }
            assertThat(granted).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
        assertThat(ledger.get("hub.r1-r2", "s1").orElseThrow().state()).isEqualTo(SendLedger.State.RESERVED);
        ledger.markSent("hub.r1-r2", "s1", "m1");
        assertThat(ledger.get("hub.r1-r2", "s1").orElseThrow()).isEqualTo(new SendLedger.Entry("hub.r1-r2", "s1", SendLedger.State.SENT, "m1"));
        assertThat(ledger.reserve("hub.r1-r2", "s1")).isFalse();
        // a reservation cut short by a crash (empty file) still counts as reserved
        Files.createDirectories(tmp.resolve("ledger/hub.r1-r3"));
        Files.createFile(tmp.resolve("ledger/hub.r1-r3/s1.json"));
        assertThat(ledger.reserve("hub.r1-r3", "s1")).isFalse();
        assertThat(ledger.get("hub.r1-r3", "s1").orElseThrow().state()).isEqualTo(SendLedger.State.RESERVED);
    }

    @Test
    void theOutboxWritesOneParsableEmlPerIdempotencyKeyOnce() throws Exception {
        OutboxMailer outbox = new OutboxMailer(tmp.resolve("outbox"));
        OutgoingEmail email = MimeWriterTest.email("Plain subject", "Hub", "text\n", "<p>html</p>\n");
        assertThat(outbox.send(email)).isEqualTo("hub.r1-r2.abc@example.com");
        Path eml = tmp.resolve("outbox/hub.r1-r2.abc.eml");
        byte[] written = Files.readAllBytes(eml);
        assertThat(written).isEqualTo(MimeWriter.write(email));
        MimeMessage message = MimeWriterTest.parse(written);
        assertThat(message.getMessageID()).isEqualTo("<hub.r1-r2.abc@example.com>");
        assertThat(((Multipart) message.getContent()).getCount()).isEqualTo(2);
        // the same key again is a duplicate the outbox has already: the file stays as it was
        assertThat(outbox.send(MimeWriterTest.email("Another subject", "Hub", "other\n", "<p>other</p>\n"))).isEqualTo("hub.r1-r2.abc@example.com");
        assertThat(Files.readAllBytes(eml)).isEqualTo(written);
        OutgoingEmail unsafe = new OutgoingEmail(email.from(), email.to(), email.subject(), email.html(), email.text(), email.headers(),
                email.date(), email.messageId(), "../escape");
        assertThatThrownBy(() -> outbox.send(unsafe)).isInstanceOf(MailerException.Permanent.class);
    }

    @Test
    void theDirectoryIsConditionalOnAddressAndVersionAndPages() {
        FileSubscriberDirectory directory = new FileSubscriberDirectory(tmp.resolve("subscribers"));
        for (int n = 1; n <= 7; n++) {
            assertThat(directory.create(MailFixtures.confirmed(n, 1))).isTrue();
        }
        // the same address under another id is refused
        assertThat(directory.create(Subscriber.create("other", EmailAddress.parse("s1@example.com"), SubscriberStatus.PENDING,
                Cadence.EVERY_UPDATE, MailFixtures.at(0), 0, null))).isFalse();
        Subscriber s1 = directory.find(EmailAddress.parse("s1@example.com")).orElseThrow();
        assertThat(directory.get("s000001")).contains(s1);
        // an update from a stale read loses
        assertThat(directory.update(s1.withLastDelivered(2, MailFixtures.at(1)))).isTrue();
        assertThat(directory.update(s1.withLastDelivered(3, MailFixtures.at(1)))).isFalse();
        assertThat(directory.get("s000001").orElseThrow().lastDeliveredSeq()).isEqualTo(2);
        assertThat(directory.get("s000001").orElseThrow().version()).isEqualTo(2);
        directory.update(directory.get("s000002").orElseThrow().withStatus(SubscriberStatus.UNSUBSCRIBED, MailFixtures.at(1)));
        // pages of 3 visit every confirmed subscriber once
        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            SubscriberDirectory.Page page = directory.confirmed(Cadence.EVERY_UPDATE, cursor, 3);
            page.items().forEach(s -> seen.add(s.id()));
            cursor = page.next();
            pages++;
        } while (cursor != null);
        assertThat(seen).hasSize(6).doesNotHaveDuplicates().doesNotContain("s000002");
        assertThat(pages).isGreaterThan(1);
        assertThat(directory.confirmed(Cadence.WEEKLY, null, 10).items()).isEmpty();
    }
}
