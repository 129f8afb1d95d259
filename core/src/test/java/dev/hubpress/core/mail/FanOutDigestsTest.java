package dev.hubpress.core.mail;

import dev.hubpress.core.port.MessageQueue;
import dev.hubpress.core.revision.Revision;
import dev.hubpress.core.testing.FixedClock;
import dev.hubpress.core.testing.InMemoryMessageQueue;
import dev.hubpress.core.testing.InMemoryRevisionLog;
import dev.hubpress.core.testing.InMemorySendLedger;
import dev.hubpress.core.testing.InMemorySubscriberDirectory;
import dev.hubpress.core.testing.MailFixtures;
import dev.hubpress.core.testing.RecordingMailer;
import dev.hubpress.core.testing.SimpleMailComposer;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static dev.hubpress.core.testing.MailFixtures.added;
import static dev.hubpress.core.testing.MailFixtures.changed;
import static dev.hubpress.core.testing.MailFixtures.confirmed;
import static dev.hubpress.core.testing.MailFixtures.revision;
import static org.assertj.core.api.Assertions.assertThat;

/** The fan-out on the ports' fakes: planner to queue, queue to sender, each subscriber once. */
class FanOutDigestsTest {

    private final InMemoryRevisionLog log = new InMemoryRevisionLog();
    private final InMemorySubscriberDirectory directory = new InMemorySubscriberDirectory(1000);
    private final InMemorySendLedger ledger = new InMemorySendLedger();
    private final InMemoryMessageQueue queue = new InMemoryMessageQueue(false);
    private final SimpleMailComposer composer = new SimpleMailComposer();
    private final MailFixtures.RecordingSleeper sleeper = new MailFixtures.RecordingSleeper();

    private Revision publish(Revision revision) {
        log.claim(revision);
        return revision;
    }

    private SendJobs sender(RecordingMailer mailer) {
        return new SendJobs("hub", log, directory, ledger, mailer, MailFixtures.tokens(), sleeper.backoff(5),
                new SendPacer(1000, () -> 0, d -> { }), FixedClock.standard());
    }

    private List<SendJob> jobs() {
        return queue.take().stream().map(m -> SendJob.decode(m.body())).toList();
    }

    @Test
    void aPlanCutShortByTimeContinuesFromItsCursorAndPutsEverySubscriberInExactlyOneJob() {
        // GIVEN r2 and 230 every-update subscribers behind it, 20 up to date, 10 weekly ones
        publish(revision(1, added("a")));
        Revision head = publish(revision(2, changed("a", "pay")));
        for (int n = 1; n <= 260; n++) {
            directory.create(confirmed(n, n <= 230 ? 1 : 2, n > 250 ? Cadence.WEEKLY : Cadence.EVERY_UPDATE));
        }
        FanOutDigests planner = new FanOutDigests("hub", log, directory, queue, 20, 60);

        // WHEN the planner has time for one page per call, and is called again from its cursor until it finishes
        List<FanOutDigests.Summary> calls = new ArrayList<>();
        String cursor = null;
        do {
            FanOutDigests.Summary summary = planner.plan(head, Cadence.EVERY_UPDATE, cursor, () -> false);
            calls.add(summary);
            cursor = summary.next();
        } while (cursor != null);

        // THEN it took 5 calls (250 subscribers in pages of 60) and the 230 due ones are each in one job of at most 20
        assertThat(calls).hasSize(5);
        assertThat(calls.stream().mapToInt(FanOutDigests.Summary::upToDate).sum()).isEqualTo(20);
        List<SendJob> jobs = jobs();
        assertThat(jobs).allSatisfy(j -> assertThat(j.recipients()).hasSizeBetween(1, 20));
        List<String> ids = jobs.stream().flatMap(j -> j.recipients().stream()).map(SendJob.To::subscriberId).toList();
        assertThat(ids).hasSize(230).doesNotHaveDuplicates();
        assertThat(calls.stream().mapToInt(FanOutDigests.Summary::jobs).sum()).isEqualTo(jobs.size());
    }

    @Test
    void aJobDeliveredTwiceMailsEachRecipientOnceAndASenderShortOfTimeHandsBackTheRest() {
        // GIVEN r2 planned for 30 subscribers in one job
        publish(revision(1, added("a")));
        Revision head = publish(revision(2, changed("a", "pay")));
        for (int n = 1; n <= 30; n++) {
            directory.create(confirmed(n, 1));
        }
        new FanOutDigests("hub", log, directory, queue, 50, 500).plan(head, Cadence.EVERY_UPDATE, null, () -> true);
        SendJob job = jobs().get(0);
        RecordingMailer mailer = new RecordingMailer();

        // WHEN a sender with time for 12 recipients takes it, then the rest it hands back, then the whole job again (a duplicate)
        AtomicInteger budget = new AtomicInteger(12);
        SendJobs.Report first = sender(mailer).send(job, head, composer, () -> budget.getAndDecrement() > 0);
        SendJobs.Report rest = sender(mailer).send(first.rest().orElseThrow(), head, composer, () -> true);
        SendJobs.Report duplicate = sender(mailer).send(job, head, composer, () -> true);

        // THEN 12 were sent, then the other 18, and the duplicate sent nothing: each subscriber mailed once
        assertThat(first.sent()).isEqualTo(12);
        assertThat(first.rest().orElseThrow().recipients()).hasSize(18);
        assertThat(rest.sent()).isEqualTo(18);
        assertThat(rest.rest()).isEmpty();
        assertThat(duplicate.sent()).isZero();
        assertThat(duplicate.upToDate()).isEqualTo(30);
        assertThat(mailer.recipients()).hasSize(30).doesNotHaveDuplicates();
    }

    @Test
    void whoUnsubscribedAfterThePlanGetsNothingAndThrottlingIsBackedOffWithoutSkippingAnyone() {
        // GIVEN r2 planned for 5 subscribers, then s3 unsubscribes, and the mailer is throttled at its 2nd and 3rd calls
        publish(revision(1, added("a")));
        Revision head = publish(revision(2, changed("a", "pay")));
        for (int n = 1; n <= 5; n++) {
            directory.create(confirmed(n, 1));
        }
        new FanOutDigests("hub", log, directory, queue).plan(head, Cadence.EVERY_UPDATE, null, () -> true);
        Subscriber s3 = directory.get("s000003").orElseThrow();
        directory.update(s3.withStatus(SubscriberStatus.UNSUBSCRIBED, FixedClock.INSTANT));
        RecordingMailer mailer = new RecordingMailer()
                .failAt(2, () -> new MailerException.Throttled("slow down"))
                .failAt(3, () -> new MailerException.Throttled("slow down"));

        // WHEN the job is sent
        SendJobs.Report report = sender(mailer).send(jobs().get(0), head, composer, () -> true);

        // THEN the four still subscribed got one email each, after two backed-off retries
        assertThat(report.sent()).isEqualTo(4);
        assertThat(report.gone()).isEqualTo(1);
        assertThat(report.retries()).isEqualTo(2);
        assertThat(mailer.recipients()).containsExactly("s1@example.com", "s2@example.com", "s4@example.com", "s5@example.com");
        assertThat(sleeper.waits()).hasSize(2);
    }

    @Test
    void thePacerSpacesSendsAtItsRate() throws InterruptedException {
        // GIVEN a pacer of 4 sends a second on a clock that moves only when it sleeps
        AtomicLong now = new AtomicLong();
        List<Duration> waits = new ArrayList<>();
        SendPacer pacer = new SendPacer(4, now::get, d -> {
            waits.add(d);
            now.addAndGet(d.toNanos());
        });

        // WHEN five sends go, then the clock jumps a second ahead and one more goes
        for (int i = 0; i < 5; i++) {
            pacer.await();
        }
        now.addAndGet(1_000_000_000L);
        pacer.await();

        // THEN the first went at once and each of the next four 250 ms after the one before; after the pause, no burst and no wait
        assertThat(waits).containsExactly(Duration.ofMillis(250), Duration.ofMillis(250), Duration.ofMillis(250), Duration.ofMillis(250));
    }

    @Test
    void aSendJobReadsBackAsItWasWritten() {
        SendJob job = new SendJob("hub", 7, Cadence.WEEKLY, List.of(new SendJob.To("id-1", "a@example.com"), new SendJob.To("id-2", "b+x@example.org")));
        assertThat(SendJob.decode(job.encode())).isEqualTo(job);
        assertThat(job.encode().getBytes(java.nio.charset.StandardCharsets.UTF_8).length * 25L).isLessThan(MessageQueue.MAX_BODY_BYTES);
    }
}
