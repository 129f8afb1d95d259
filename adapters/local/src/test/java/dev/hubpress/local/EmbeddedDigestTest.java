package dev.hubpress.local;

import dev.hubpress.core.mail.Cadence;
import dev.hubpress.core.mail.OutgoingEmail;
import dev.hubpress.core.mail.PlanDigests;
import dev.hubpress.core.mail.SendDigests;
import dev.hubpress.core.port.Mailer;
import dev.hubpress.core.revision.Revision;
import dev.hubpress.core.testing.FixedClock;
import dev.hubpress.core.testing.InMemoryRevisionLog;
import dev.hubpress.core.testing.MailFixtures;
import dev.hubpress.core.testing.RecordingMailer;
import dev.hubpress.core.testing.SimpleMailComposer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import static dev.hubpress.core.testing.MailFixtures.added;
import static dev.hubpress.core.testing.MailFixtures.changed;
import static dev.hubpress.core.testing.MailFixtures.revision;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The send use case on the embedded stores: concurrent runs and a crash between ledger and send. */
class EmbeddedDigestTest {

    @TempDir
    Path tmp;

    private final InMemoryRevisionLog log = new InMemoryRevisionLog();

    /** Counts every send per recipient, then writes to the outbox. */
    static final class CountingMailer implements Mailer {
        final Map<String, AtomicInteger> sends = new ConcurrentHashMap<>();
        final Mailer next;

        CountingMailer(Mailer next) {
            this.next = next;
        }

        @Override
        public String send(OutgoingEmail email) {
            sends.computeIfAbsent(email.to().value(), k -> new AtomicInteger()).incrementAndGet();
            Thread.yield();
            return next.send(email);
        }
    }

    /** Holds each thread's first send until the other run is sending too: proof that the runs overlapped. */
    static final class MeetingMailer implements Mailer {
        final CyclicBarrier bothSending = new CyclicBarrier(2);
        final ThreadLocal<Boolean> met = ThreadLocal.withInitial(() -> false);
        final Mailer next;

        MeetingMailer(Mailer next) {
            this.next = next;
        }

        @Override
        public String send(OutgoingEmail email) {
            if (!met.get()) {
                met.set(true);
                try {
                    // Runs that took turns (one planned and sent everything before the other began) never meet here.
                    bothSending.await(20, TimeUnit.SECONDS);
                } catch (Exception e) {
                    throw new IllegalStateException("the two runs never sent at the same time", e);
                }
            }
            return next.send(email);
        }
    }

    private SendDigests sender(Mailer mailer) {
        // a store object per run, as two processes would each have
        FileSubscriberDirectory directory = new FileSubscriberDirectory(tmp.resolve("subscribers"));
        return new SendDigests(new PlanDigests("hub", log, directory), new FileSendLedger(tmp.resolve("ledger")), directory,
                mailer, new SimpleMailComposer(), MailFixtures.tokens(), new MailFixtures.RecordingSleeper().backoff(3),
                FixedClock.standard());
    }

    private long outboxCount() throws IOException {
        try (Stream<Path> list = Files.list(tmp.resolve("outbox"))) {
            return list.filter(p -> p.toString().endsWith(".eml")).count();
        }
    }

    @Test
    void twoRunsAtOnceMailEachSubscriberOnce() throws Exception {
        log.claim(revision(1, added("a")));
        Revision head = revision(2, changed("a", "pay"));
        log.claim(head);
        FileSubscriberDirectory directory = new FileSubscriberDirectory(tmp.resolve("subscribers"));
        int subscribers = 40;
        for (int n = 1; n <= subscribers; n++) {
            directory.create(MailFixtures.confirmed(n, 1));
        }
        CountingMailer mailer = new CountingMailer(new OutboxMailer(tmp.resolve("outbox")));
        MeetingMailer meeting = new MeetingMailer(mailer);
        CyclicBarrier start = new CyclicBarrier(2);
        SendDigests.Report[] reports = new SendDigests.Report[2];
        Throwable[] failures = new Throwable[2];
        Thread[] threads = new Thread[2];
        for (int t = 0; t < 2; t++) {
            int i = t;
            threads[t] = new Thread(() -> {
                try {
                    start.await();
                    reports[i] = sender(meeting).run(head, Cadence.EVERY_UPDATE);
                } catch (Throwable e) {
                    failures[i] = e;
                }
            });
            threads[t].start();
        }
        for (Thread thread : threads) {
            thread.join();
        }
        assertThat(failures).containsOnlyNulls();
        assertThat(mailer.sends).hasSize(subscribers);
        assertThat(mailer.sends.values()).allSatisfy(count -> assertThat(count.get()).isEqualTo(1));
        assertThat(reports[0].sent() + reports[1].sent()).isEqualTo(subscribers);
        // AND they overlapped: each run was inside a send while the other was (MeetingMailer), each sent some
        assertThat(meeting.bothSending.isBroken()).isFalse();
        assertThat(reports[0].sent()).isPositive();
        assertThat(reports[1].sent()).isPositive();
        assertThat(outboxCount()).isEqualTo(subscribers);
        assertThat(directory.all()).allSatisfy(s -> assertThat(s.lastDeliveredSeq()).isEqualTo(2));
    }

    @Test
    void aCrashBetweenLedgerAndSendMailsNobodyTwiceAndTheNextDigestCatchesUp() throws Exception {
        log.claim(revision(1, added("a")));
        Revision r2 = revision(2, changed("a", "pay"));
        log.claim(r2);
        FileSubscriberDirectory directory = new FileSubscriberDirectory(tmp.resolve("subscribers"));
        for (int n = 1; n <= 5; n++) {
            directory.create(MailFixtures.confirmed(n, 1));
        }
        OutboxMailer outbox = new OutboxMailer(tmp.resolve("outbox"));
        RecordingMailer crashing = new RecordingMailer().failAt(2, () -> new RecordingMailer.Crash("power cut"));
        CountingMailer counting = new CountingMailer(email -> {
            crashing.send(email);
            return outbox.send(email);
        });
        assertThatThrownBy(() -> sender(counting).run(r2, Cadence.EVERY_UPDATE)).isInstanceOf(RecordingMailer.Crash.class);
        // the retried run skips the one whose send is uncertain
        sender(counting).run(r2, Cadence.EVERY_UPDATE);
        assertThat(outboxCount()).isEqualTo(4);
        String uncertain = directory.all().stream().filter(s -> s.lastDeliveredSeq() == 1).findFirst().orElseThrow().email().value();
        assertThat(counting.sends.get(uncertain).get()).isEqualTo(1);
        // the next revision's digest catches them up with both revisions
        Revision r3 = revision(3, changed("a", "scope"));
        log.claim(r3);
        sender(counting).run(r3, Cadence.EVERY_UPDATE);
        assertThat(outboxCount()).isEqualTo(4 + 5);
        try (Stream<Path> list = Files.list(tmp.resolve("outbox"))) {
            List<Path> caughtUp = list.filter(p -> p.getFileName().toString().startsWith("hub.r1-r3.")).toList();
            assertThat(caughtUp).hasSize(1);
            assertThat(Files.readString(caughtUp.get(0))).contains("To: " + uncertain).contains("pay:CHANGED, scope:CHANGED");
        }
        assertThat(directory.all()).allSatisfy(s -> assertThat(s.lastDeliveredSeq()).isEqualTo(3));
    }
}
