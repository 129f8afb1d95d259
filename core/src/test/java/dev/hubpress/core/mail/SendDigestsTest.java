package dev.hubpress.core.mail;

import dev.hubpress.core.port.SendLedger;
import dev.hubpress.core.revision.Revision;
import dev.hubpress.core.testing.FixedClock;
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
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import static dev.hubpress.core.testing.MailFixtures.added;
import static dev.hubpress.core.testing.MailFixtures.changed;
import static dev.hubpress.core.testing.MailFixtures.confirmed;
import static dev.hubpress.core.testing.MailFixtures.revision;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SendDigestsTest {

    private final InMemoryRevisionLog log = new InMemoryRevisionLog();
    private final InMemorySubscriberDirectory directory = new InMemorySubscriberDirectory(3);
    private final InMemorySendLedger ledger = new InMemorySendLedger();
    private final SimpleMailComposer composer = new SimpleMailComposer();
    private final MailFixtures.RecordingSleeper sleeper = new MailFixtures.RecordingSleeper();

    private SendDigests sender(RecordingMailer mailer) {
        return new SendDigests(new PlanDigests("hub", log, directory), ledger, directory, mailer, composer,
                MailFixtures.tokens(), sleeper.backoff(5), FixedClock.standard());
    }

    private Revision publish(Revision revision) {
        log.claim(revision);
        return revision;
    }

    private long lastDelivered(int n) {
        return directory.get(String.format("s%06d", n)).orElseThrow().lastDeliveredSeq();
    }

    @Test
    void cohortsGetTheirOwnMergedDigestRenderedOncePerCohort() {
        // GIVEN three revisions and subscribers last served at r1 (three of them), r2 and r3
        publish(revision(1, added("a")));
        publish(revision(2, changed("b", "pay")));
        Revision head = publish(revision(3, changed("b", "scope"), added("c")));
        for (int n = 1; n <= 3; n++) {
            directory.create(confirmed(n, 1));
        }
        directory.create(confirmed(4, 2));
        directory.create(confirmed(5, 3));
        RecordingMailer mailer = new RecordingMailer();
        // WHEN the digests of r3 are sent
        SendDigests.Report report = sender(mailer).run(head, Cadence.EVERY_UPDATE);
        // THEN the r1 cohort gets r2+r3 merged, the r2 cohort r3 only, the up-to-date one nothing
        assertThat(report.sent()).isEqualTo(4);
        assertThat(report.plan().upToDate()).isEqualTo(1);
        assertThat(report.plan().digests()).isEqualTo(2);
        assertThat(composer.digestsRendered()).isEqualTo(2);
        Map<String, String> texts = mailer.sent().stream().collect(Collectors.toMap(e -> e.to().value(), OutgoingEmail::text));
        assertThat(texts.get("s1@example.com")).isEqualTo("CHANGED b [pay:CHANGED, scope:CHANGED]\nADDED c");
        assertThat(texts.get("s4@example.com")).isEqualTo("CHANGED b [scope:CHANGED]\nADDED c");
        assertThat(mailer.recipients()).doesNotContain("s5@example.com");
        for (int n = 1; n <= 5; n++) {
            assertThat(lastDelivered(n)).isEqualTo(3);
        }
        // and planning paged through the directory (pages of 3) rather than loading it whole
        assertThat(directory.pagesServed()).isGreaterThan(1);
        assertThat(mailer.sent()).allSatisfy(e -> assertThat(e.headers()).containsKey("List-Unsubscribe"));
    }

    @Test
    void runningTheSameDigestAgainMailsNobodyTwice() {
        publish(revision(1, added("a")));
        Revision head = publish(revision(2, changed("a", "x")));
        directory.create(confirmed(1, 1));
        directory.create(confirmed(2, 1));
        RecordingMailer mailer = new RecordingMailer();
        sender(mailer).run(head, Cadence.EVERY_UPDATE);
        SendDigests.Report again = sender(mailer).run(head, Cadence.EVERY_UPDATE);
        assertThat(mailer.sent()).hasSize(2);
        assertThat(again.sent()).isZero();
        assertThat(again.plan().upToDate()).isEqualTo(2);
    }

    @Test
    void noEmailWhenNothingChangedForAReader() {
        // GIVEN a head whose only change since the subscriber's last digest is a settings file, and a rejected revision
        publish(revision(1, added("a")));
        log.claim(MailFixtures.rejected(2));
        Revision head = publish(MailFixtures.revision("hub", 3, new dev.hubpress.core.revision.ChangeSet(List.of(), List.of("hub.yaml"))));
        directory.create(confirmed(1, 1));
        RecordingMailer mailer = new RecordingMailer();
        SendDigests.Report report = sender(mailer).run(head, Cadence.EVERY_UPDATE);
        assertThat(mailer.calls()).isZero();
        assertThat(report.plan().nothingNew()).isEqualTo(1);
        assertThat(ledger.entries()).isEmpty();
    }

    @Test
    void aCrashBetweenReserveAndSendMailsNobodyTwiceAndTheNextDigestCatchesUp() {
        publish(revision(1, added("a")));
        Revision r2 = publish(revision(2, changed("a", "pay")));
        for (int n = 1; n <= 4; n++) {
            directory.create(confirmed(n, 1));
        }
        // GIVEN a run that dies on the third send, after that subscriber's ledger reservation
        RecordingMailer mailer = new RecordingMailer().failAt(3, () -> new RecordingMailer.Crash("killed"));
        assertThatThrownBy(() -> sender(mailer).run(r2, Cadence.EVERY_UPDATE)).isInstanceOf(RecordingMailer.Crash.class);
        assertThat(mailer.recipients()).containsExactly("s1@example.com", "s2@example.com");
        // WHEN the same digest runs again (a retry of the event)
        sender(mailer).run(r2, Cadence.EVERY_UPDATE);
        // THEN the uncertain one is not mailed again, the rest are served
        assertThat(mailer.recipients()).containsExactly("s1@example.com", "s2@example.com", "s4@example.com");
        assertThat(ledger.get("hub.r1-r2", "s000003").orElseThrow().state()).isEqualTo(SendLedger.State.RESERVED);
        assertThat(lastDelivered(3)).isEqualTo(1);
        // WHEN the next revision comes
        Revision r3 = publish(revision(3, changed("a", "scope")));
        sender(mailer).run(r3, Cadence.EVERY_UPDATE);
        // THEN subscriber 3 catches up with r2 and r3 merged, the others get r3 only, each once
        Map<String, List<String>> texts = new java.util.HashMap<>();
        mailer.sent().forEach(e -> texts.computeIfAbsent(e.to().value(), k -> new ArrayList<>()).add(e.text()));
        assertThat(texts.get("s3@example.com")).containsExactly("CHANGED a [pay:CHANGED, scope:CHANGED]");
        assertThat(texts.get("s1@example.com")).containsExactly("CHANGED a [pay:CHANGED]", "CHANGED a [scope:CHANGED]");
        assertThat(mailer.sent().stream().map(OutgoingEmail::idempotencyKey).distinct().count()).isEqualTo(mailer.sent().size());
        for (int n = 1; n <= 4; n++) {
            assertThat(lastDelivered(n)).isEqualTo(3);
        }
    }

    @Test
    void throttlingAtTheKthSendBacksOffAndResumesAtK() {
        publish(revision(1, added("a")));
        Revision head = publish(revision(2, changed("a", "x")));
        for (int n = 1; n <= 6; n++) {
            directory.create(confirmed(n, 1));
        }
        // GIVEN the provider throttles the 4th call twice, then a transient error once
        RecordingMailer mailer = new RecordingMailer()
                .failAt(4, () -> new MailerException.Throttled("slow down"))
                .failAt(5, () -> new MailerException.Throttled("slow down"))
                .failAt(6, () -> new MailerException.Transient("503"));
        SendDigests.Report report = sender(mailer).run(head, Cadence.EVERY_UPDATE);
        // THEN it waited with growing jittered delays, then resumed with subscriber 4: nobody skipped or doubled
        assertThat(sleeper.waits()).containsExactly(Duration.ofMillis(75), Duration.ofMillis(150), Duration.ofMillis(300));
        assertThat(mailer.recipients()).containsExactly("s1@example.com", "s2@example.com", "s3@example.com",
                "s4@example.com", "s5@example.com", "s6@example.com");
        assertThat(report.sent()).isEqualTo(6);
        assertThat(report.retries()).isEqualTo(3);
        assertThat(ledger.entries()).allSatisfy(e -> assertThat(e.state()).isEqualTo(SendLedger.State.SENT));
    }

    @Test
    void permanentFailuresAreRecordedAndTheRunGoesOn() {
        publish(revision(1, added("a")));
        Revision head = publish(revision(2, changed("a", "x")));
        for (int n = 1; n <= 3; n++) {
            directory.create(confirmed(n, 1));
        }
        RecordingMailer mailer = new RecordingMailer().failAt(2, () -> new MailerException.Permanent("address rejected"));
        SendDigests.Report report = sender(mailer).run(head, Cadence.EVERY_UPDATE);
        assertThat(report.sent()).isEqualTo(2);
        assertThat(report.failedPermanent()).isEqualTo(1);
        assertThat(ledger.get("hub.r1-r2", "s000002").orElseThrow())
                .satisfies(e -> assertThat(e.state()).isEqualTo(SendLedger.State.FAILED_PERMANENT))
                .satisfies(e -> assertThat(e.detail()).contains("address rejected"));
        assertThat(lastDelivered(2)).isEqualTo(1);
        assertThat(sleeper.waits()).isEmpty();
    }

    @Test
    void transientErrorsGiveUpAfterTheLastAttempt() {
        publish(revision(1, added("a")));
        Revision head = publish(revision(2, changed("a", "x")));
        directory.create(confirmed(1, 1));
        RecordingMailer mailer = new RecordingMailer();
        for (int call = 1; call <= 5; call++) {
            mailer.failAt(call, () -> new MailerException.Transient("timeout"));
        }
        SendDigests.Report report = sender(mailer).run(head, Cadence.EVERY_UPDATE);
        assertThat(report.failedTransient()).isEqualTo(1);
        assertThat(sleeper.waits()).hasSize(4);
        assertThat(ledger.get("hub.r1-r2", "s000001").orElseThrow().state()).isEqualTo(SendLedger.State.FAILED_TRANSIENT);
    }

    @Test
    void weeklySubscribersOnlyOnTheWeeklyRunWithEverythingSinceTheirLast() {
        publish(revision(1, added("a")));
        publish(revision(2, changed("a", "one")));
        Revision head = publish(revision(3, changed("a", "two")));
        directory.create(confirmed(1, 1, Cadence.WEEKLY));
        directory.create(confirmed(2, 2, Cadence.EVERY_UPDATE));
        RecordingMailer mailer = new RecordingMailer();
        sender(mailer).run(head, Cadence.EVERY_UPDATE);
        assertThat(mailer.recipients()).containsExactly("s2@example.com");
        sender(mailer).run(head, Cadence.WEEKLY);
        assertThat(mailer.recipients()).containsExactly("s2@example.com", "s1@example.com");
        assertThat(mailer.sent().get(1).text()).isEqualTo("CHANGED a [one:CHANGED, two:CHANGED]");
    }

    @Test
    void onlyConfirmedSubscribersArePlanned() {
        publish(revision(1, added("a")));
        Revision head = publish(revision(2, changed("a", "x")));
        directory.create(confirmed(1, 1));
        Function<SubscriberStatus, Subscriber> other = status -> Subscriber.create("x" + status.ordinal(),
                EmailAddress.parse(status.name().toLowerCase() + "@example.com"), status, Cadence.EVERY_UPDATE,
                FixedClock.INSTANT, 1, null);
        directory.create(other.apply(SubscriberStatus.PENDING));
        directory.create(other.apply(SubscriberStatus.UNSUBSCRIBED));
        directory.create(other.apply(SubscriberStatus.SUPPRESSED));
        RecordingMailer mailer = new RecordingMailer();
        sender(mailer).run(head, Cadence.EVERY_UPDATE);
        assertThat(mailer.recipients()).containsExactly("s1@example.com");
    }

    @Test
    void backoffGrowsAndIsCapped() {
        Backoff backoff = new Backoff(10, Duration.ofMillis(100), Duration.ofSeconds(1), d -> { }, () -> 1.0);
        assertThat(List.of(1, 2, 3, 4, 5, 40).stream().map(backoff::delay).toList()).containsExactly(Duration.ofMillis(100),
                Duration.ofMillis(200), Duration.ofMillis(400), Duration.ofMillis(800), Duration.ofMillis(1000), Duration.ofMillis(1000));
        Backoff low = new Backoff(10, Duration.ofMillis(100), Duration.ofSeconds(1), d -> { }, () -> 0.0);
        assertThat(low.delay(3)).isEqualTo(Duration.ofMillis(200));
    }

    @Test
    void aRollbackIsNeverMailedNorWhatItUndid() {
        // GIVEN r1, r2 (mailed to s1, not to s2, who was at r1), then r3 restoring r1
        publish(revision(1, added("a")));
        publish(revision(2, changed("a", "x"), added("b")));
        directory.create(confirmed(1, 2));
        directory.create(confirmed(2, 1));
        Revision r3 = publish(MailFixtures.revision("hub", 3, new dev.hubpress.core.revision.ChangeSet(
                List.of(changed("a", "x"), new dev.hubpress.core.revision.PageChange("b", "Page b",
                        dev.hubpress.core.revision.ChangeKind.REMOVED, false, List.of())), List.of(), 1)));
        // WHEN the digest of r3 runs
        RecordingMailer mailer = new RecordingMailer();
        SendDigests.Report report = sender(mailer).run(r3, Cadence.EVERY_UPDATE);
        // THEN nobody is mailed: not the rollback, and not r2's changes it undid
        assertThat(mailer.calls()).isZero();
        assertThat(report.plan().nothingNew()).isEqualTo(2);
        // AND a revision after the rollback tells only its own changes, to both
        Revision r4 = publish(revision(4, changed("a", "y")));
        SendDigests.Report next = sender(mailer).run(r4, Cadence.EVERY_UPDATE);
        assertThat(next.sent()).isEqualTo(2);
        assertThat(new PlanDigests("hub", log, directory).digest(r4, 1).pages()).extracting(p -> p.slug() + " " + p.kind())
                .containsExactly("a CHANGED");
        assertThat(new PlanDigests("hub", log, directory).digest(r4, 1).pages().get(0).sections())
                .extracting(dev.hubpress.core.revision.SectionChange::anchor).containsExactly("y");
    }
}
