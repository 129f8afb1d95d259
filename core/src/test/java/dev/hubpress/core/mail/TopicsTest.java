package dev.hubpress.core.mail;

import dev.hubpress.core.revision.ChangeKind;
import dev.hubpress.core.revision.PageChange;
import dev.hubpress.core.revision.Revision;
import dev.hubpress.core.testing.FixedClock;
import dev.hubpress.core.testing.InMemoryConfirmationBudget;
import dev.hubpress.core.testing.InMemoryMessageQueue;
import dev.hubpress.core.testing.InMemoryRevisionLog;
import dev.hubpress.core.testing.InMemorySendLedger;
import dev.hubpress.core.testing.InMemorySubscriberDirectory;
import dev.hubpress.core.testing.InMemorySubscriptionRequests;
import dev.hubpress.core.testing.MailFixtures;
import dev.hubpress.core.testing.RecordingMailer;
import dev.hubpress.core.testing.SimpleMailComposer;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static dev.hubpress.core.testing.MailFixtures.confirmed;
import static dev.hubpress.core.testing.MailFixtures.revision;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Subscribers who follow sections or pages: what their digests hold, and how they change what they follow. */
class TopicsTest {

    private final InMemoryRevisionLog log = new InMemoryRevisionLog();
    private final InMemorySubscriberDirectory directory = new InMemorySubscriberDirectory(100);
    private final InMemorySendLedger ledger = new InMemorySendLedger();
    private final SimpleMailComposer composer = new SimpleMailComposer();
    private final Tokens tokens = MailFixtures.tokens();

    private static PageChange edit(String slug, String section) {
        return new PageChange(slug, "Page " + slug, ChangeKind.CHANGED, false, List.of(), section);
    }

    private Revision publish(Revision revision) {
        log.claim(revision);
        return revision;
    }

    private Subscriber follower(int n, long at, Topics topics) {
        Subscriber s = confirmed(n, at).withTopics(topics, FixedClock.INSTANT);
        directory.create(s);
        return s;
    }

    private SendDigests.Report send(Revision head, RecordingMailer mailer) {
        return new SendDigests(new PlanDigests("hub", log, directory, FixedClock.standard()), ledger, directory, mailer, composer,
                tokens, new MailFixtures.RecordingSleeper().backoff(3), FixedClock.standard()).run(head, Cadence.EVERY_UPDATE);
    }

    private long at(int n) {
        return directory.get(String.format("s%06d", n)).orElseThrow().lastDeliveredSeq();
    }

    @Test
    void topicsEncodeCanonicallyAndRefuseWhatIsNotAName() {
        Topics topics = Topics.of(List.of("skills", "careers"), List.of("faq"));
        assertThat(topics.encode()).isEqualTo("s=careers,skills;p=faq");
        assertThat(Topics.decode(topics.encode())).isEqualTo(topics);
        assertThat(Topics.decode(null)).isEqualTo(Topics.WHOLE_HUB);
        assertThat(Topics.WHOLE_HUB.encode()).isEmpty();
        assertThatThrownBy(() -> Topics.decode("x=1")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Topics.of(List.of("a b"), List.of())).hasMessageContaining("not a section id");
        assertThatThrownBy(() -> Topics.of(List.of(), List.of("../x"))).hasMessageContaining("not a page slug");
    }

    @Test
    void aChangeRecordedWithoutItsSectionIsFollowedByItsFolder() {
        Topics careers = Topics.of(List.of("careers"), List.of());
        assertThat(careers.follows(new PageChange("careers/staff", "t", ChangeKind.CHANGED, false, List.of()))).isTrue();
        assertThat(careers.follows(new PageChange("faq", "t", ChangeKind.CHANGED, false, List.of()))).isFalse();
        assertThat(careers.follows(edit("skills/x", "careers"))).isTrue();
    }

    @Test
    void aSectionFollowerIsMailedOnlyItsSectionAndMovesOnWhenNothingOfItChanged() {
        // GIVEN a whole-hub subscriber, a careers follower and a faq page watcher, all at r1
        publish(revision(1, edit("index", "home")));
        follower(1, 1, Topics.WHOLE_HUB);
        follower(2, 1, Topics.of(List.of("careers"), List.of()));
        follower(3, 1, Topics.of(List.of(), List.of("faq")));
        RecordingMailer mailer = new RecordingMailer();

        // WHEN r2 edits careers and faq
        Revision r2 = publish(revision(2, edit("careers/staff", "careers"), edit("faq", "faq")));
        send(r2, mailer);
        // THEN each gets their part, and parts that differ are rendered apart
        assertThat(mailer.sent()).extracting(e -> e.to().value() + ": " + e.text()).containsExactlyInAnyOrder(
                "s1@example.com: CHANGED careers/staff\nCHANGED faq",
                "s2@example.com: CHANGED careers/staff",
                "s3@example.com: CHANGED faq");
        assertThat(composer.digestsRendered()).isEqualTo(3);

        // WHEN r3 edits skills only
        Revision r3 = publish(revision(3, edit("skills/apis", "skills")));
        SendDigests.Report report = send(r3, mailer);
        // THEN only the whole-hub subscriber is mailed; the others move to r3 all the same, without a ledger entry
        assertThat(mailer.sent()).hasSize(4);
        assertThat(mailer.sent().get(3).to().value()).isEqualTo("s1@example.com");
        assertThat(report.plan().nothingNew()).isEqualTo(2);
        assertThat(at(2)).isEqualTo(3);
        assertThat(at(3)).isEqualTo(3);
        assertThat(ledger.entries()).hasSize(4);

        // WHEN the careers follower adds skills, and r4 edits careers
        directory.update(directory.get("s000002").orElseThrow().withTopics(Topics.of(List.of("careers", "skills"), List.of()),
                FixedClock.INSTANT));
        Revision r4 = publish(revision(4, edit("careers/staff", "careers")));
        send(r4, mailer);
        // THEN their digest holds r4's careers edit only, not r3's skills edit they were moved past
        assertThat(mailer.sent().stream().filter(e -> e.to().value().equals("s2@example.com")).map(OutgoingEmail::text).toList())
                .containsExactly("CHANGED careers/staff", "CHANGED careers/staff");
    }

    @Test
    void subscribersWithEqualPartsShareOneRenderedEmail() {
        publish(revision(1, edit("index", "home")));
        follower(1, 1, Topics.of(List.of("careers"), List.of()));
        follower(2, 1, Topics.of(List.of("careers", "skills"), List.of()));
        follower(3, 1, Topics.of(List.of(), List.of("careers/staff")));
        send(publish(revision(2, edit("careers/staff", "careers"))), new RecordingMailer());
        assertThat(composer.digestsRendered()).isEqualTo(1);
    }

    @Test
    void theFanOutQueuesOnlyFollowersOfWhatChangedGroupedByTopicsAndSendsEachTheirPart() {
        InMemoryMessageQueue queue = new InMemoryMessageQueue(false);
        publish(revision(1, edit("index", "home")));
        for (int n = 1; n <= 6; n++) {
            follower(n, 1, n % 3 == 0 ? Topics.of(List.of("skills"), List.of())
                    : n % 3 == 1 ? Topics.of(List.of("careers"), List.of()) : Topics.WHOLE_HUB);
        }
        Revision head = publish(revision(2, edit("careers/staff", "careers")));
        FanOutDigests.Summary summary = new FanOutDigests("hub", log, directory, queue, 2, 100, FixedClock.standard())
                .plan(head, Cadence.EVERY_UPDATE, null, () -> true);
        // the skills followers (3 and 6) are in no job, and already at r2
        assertThat(summary.recipients()).isEqualTo(4);
        assertThat(summary.nothingNew()).isEqualTo(2);
        assertThat(at(3)).isEqualTo(2);
        List<SendJob> jobs = queue.take().stream().map(m -> SendJob.decode(m.body())).toList();
        // jobs of two hold one topic set each
        assertThat(jobs).extracting(j -> j.recipients().stream().map(r -> directory.get(r.subscriberId()).orElseThrow().topics())
                .distinct().count()).containsOnly(1L);
        RecordingMailer mailer = new RecordingMailer();
        SendJobs sender = new SendJobs("hub", log, directory, ledger, mailer, tokens, new MailFixtures.RecordingSleeper().backoff(3),
                new SendPacer(1000, () -> 0, d -> { }), FixedClock.standard());
        // a careers follower who switched to skills since the plan gets nothing and moves on
        directory.update(directory.get("s000001").orElseThrow().withTopics(Topics.of(List.of("skills"), List.of()), FixedClock.INSTANT));
        jobs.forEach(j -> sender.send(j, head, composer, () -> true));
        assertThat(mailer.recipients()).containsExactlyInAnyOrder("s2@example.com", "s4@example.com", "s5@example.com");
        assertThat(at(1)).isEqualTo(2);
    }

    @Test
    void thePreferencePageChangesTopicsCadencePausesResumesAndUnfollows() {
        publish(revision(1, edit("index", "home")));
        follower(1, 1, Topics.of(List.of("careers"), List.of("faq")));
        String token = tokens.issue(Tokens.Purpose.MANAGE, "s000001");
        ManageSubscription manage = new ManageSubscription(directory, tokens, FixedClock.standard(), () -> 9);

        Answer page = manage.page(token);
        assertThat(page.topics()).isEqualTo(Topics.of(List.of("careers"), List.of("faq")));
        assertThat(page.paused()).isFalse();

        Answer saved = manage.save(token, new ManageSubscription.Preferences(Cadence.WEEKLY, Topics.of(List.of("skills"), List.of()), true));
        assertThat(saved.outcome()).isEqualTo(Answer.Outcome.UPDATED);
        Subscriber paused = directory.get("s000001").orElseThrow();
        assertThat(paused.status()).isEqualTo(SubscriberStatus.PAUSED);
        assertThat(paused.cadence()).isEqualTo(Cadence.WEEKLY);
        assertThat(paused.topics().sections()).containsExactly("skills");
        // a paused subscriber is planned for no digest
        assertThat(directory.confirmed(Cadence.WEEKLY, null, 10).items()).isEmpty();

        // resuming starts from the head: what changed during the pause is not mailed later
        manage.save(token, new ManageSubscription.Preferences(Cadence.WEEKLY, Topics.of(List.of("skills"), List.of("faq")), false));
        Subscriber resumed = directory.get("s000001").orElseThrow();
        assertThat(resumed.status()).isEqualTo(SubscriberStatus.CONFIRMED);
        assertThat(resumed.lastDeliveredSeq()).isEqualTo(9);

        // unfollowing one topic keeps the others; unfollowing the last one unsubscribes
        assertThat(manage.unfollow(token, "skills", null).topics().pages()).containsExactly("faq");
        assertThat(manage.unfollow(token, null, "faq").outcome()).isEqualTo(Answer.Outcome.UNSUBSCRIBED);
        assertThat(directory.get("s000001").orElseThrow().status()).isEqualTo(SubscriberStatus.UNSUBSCRIBED);
        assertThat(manage.page(token)).isEqualTo(Answer.INVALID_LINK);
    }

    @Test
    void oneClickUnsubscribeRemovesAPausedTopicFollowerFromEverything() {
        follower(1, 1, Topics.of(List.of("careers"), List.of()));
        directory.update(directory.get("s000001").orElseThrow().withStatus(SubscriberStatus.PAUSED, FixedClock.INSTANT));
        Answer answer = new Unsubscribe(directory, tokens, FixedClock.standard())
                .oneClick(tokens.issue(Tokens.Purpose.UNSUBSCRIBE, "s000001"), Unsubscribe.ONE_CLICK_BODY);
        assertThat(answer.outcome()).isEqualTo(Answer.Outcome.UNSUBSCRIBED);
        assertThat(directory.get("s000001").orElseThrow().status()).isEqualTo(SubscriberStatus.UNSUBSCRIBED);
    }

    @Test
    void aPreferenceLinkIsAnsweredAlikeForAnyAddressAndMailedOnlyToASubscriberWithinBudget() {
        follower(1, 1, Topics.WHOLE_HUB);
        InMemorySubscriptionRequests requests = new InMemorySubscriptionRequests();
        RequestSubscription form = new RequestSubscription(requests, FixedClock.standard());
        assertThat(form.requestPreferenceLink("s1@example.com")).isEqualTo(form.requestPreferenceLink("nobody@example.com"));
        assertThat(form.requestPreferenceLink("s1@example.com").outcome()).isEqualTo(Answer.Outcome.LINK_ON_ITS_WAY);
        RecordingMailer mailer = new RecordingMailer();
        Subscribe worker = new Subscribe(directory, new InMemoryConfirmationBudget(), ConfirmationLimits.DEFAULT, mailer, composer, tokens,
                FixedClock.standard());
        List<Subscribe.Outcome> outcomes = requests.take().stream().map(worker::subscribe).toList();
        assertThat(outcomes).containsExactly(Subscribe.Outcome.PREFERENCE_LINK_SENT, Subscribe.Outcome.NOT_SUBSCRIBED,
                Subscribe.Outcome.PREFERENCE_LINK_SENT);
        assertThat(mailer.recipients()).containsExactly("s1@example.com", "s1@example.com");
        // the link opens the preference page
        assertThat(new ManageSubscription(directory, tokens, FixedClock.standard()).page(mailer.sent().get(0).text()).outcome())
                .isEqualTo(Answer.Outcome.MANAGE_PAGE);
        // three a day per mailbox, as for confirmations
        form.requestPreferenceLink("s1@example.com");
        form.requestPreferenceLink("s1@example.com");
        assertThat(requests.take().stream().map(worker::subscribe).toList())
                .containsExactly(Subscribe.Outcome.PREFERENCE_LINK_SENT, Subscribe.Outcome.OVER_ADDRESS_BUDGET);
    }

    @Test
    void aSubscriptionRequestCarriesItsTopicsToThePendingSubscriberAndConfirmingSendsAWelcomeWithTheCatchUp() {
        // GIVEN r1..r3, the newest careers edit in r2
        publish(revision(1, edit("index", "home")));
        publish(revision(2, edit("careers/staff", "careers"), edit("faq", "faq")));
        Revision head = publish(revision(3, edit("skills/apis", "skills")));
        InMemorySubscriptionRequests requests = new InMemorySubscriptionRequests();
        new RequestSubscription(requests, FixedClock.standard()).request("new@example.com", Cadence.EVERY_UPDATE,
                Topics.of(List.of("careers"), List.of()));
        RecordingMailer mailer = new RecordingMailer();
        new Subscribe(directory, new InMemoryConfirmationBudget(), ConfirmationLimits.DEFAULT, mailer, composer, tokens,
                FixedClock.standard(), Subscribe.DEFAULT_RESEND_INTERVAL, () -> "n" + mailer.calls()).subscribe(requests.take().get(0));
        Subscriber pending = directory.find(EmailAddress.parse("new@example.com")).orElseThrow();
        assertThat(pending.topics().sections()).isEqualTo(Set.of("careers"));
        // WHEN they confirm
        Welcome welcome = new Welcome("hub", log, directory, mailer, composer, tokens, FixedClock.standard());
        Confirm confirm = new Confirm(directory, tokens, FixedClock.standard(), head::seq, welcome::send);
        assertThat(confirm.confirm(mailer.sent().get(0).text()).outcome()).isEqualTo(Answer.Outcome.CONFIRMED);
        // THEN one welcome email tells them r2's careers change (not faq's, not r3's skills), and digests go on from r3
        assertThat(mailer.sent()).hasSize(2);
        assertThat(mailer.sent().get(1).text()).isEqualTo("welcome\nCHANGED careers/staff");
        assertThat(directory.get(pending.id()).orElseThrow().lastDeliveredSeq()).isEqualTo(3);
        // a second POST of the spent link sends nothing
        confirm.confirm(mailer.sent().get(0).text());
        assertThat(mailer.sent()).hasSize(2);
    }

    @Test
    void confirmingCanQueueTheWelcomeForTheRequestWorkerToSend() {
        publish(revision(1, edit("faq", "faq")));
        InMemorySubscriptionRequests requests = new InMemorySubscriptionRequests();
        RecordingMailer mailer = new RecordingMailer();
        Subscribe worker = new Subscribe(directory, new InMemoryConfirmationBudget(), ConfirmationLimits.DEFAULT, mailer, composer, tokens,
                FixedClock.standard()).welcoming(new Welcome("hub", log, directory, mailer, composer, tokens, FixedClock.standard()));
        new RequestSubscription(requests, FixedClock.standard()).request("w@example.com", Cadence.WEEKLY, Topics.of(List.of("faq"), List.of()));
        worker.subscribe(requests.take().get(0));
        new Confirm(directory, tokens, FixedClock.standard(), () -> 1,
                s -> requests.submit(SubscriptionRequest.welcome(s, FixedClock.INSTANT))).confirm(mailer.sent().get(0).text());
        assertThat(mailer.sent()).hasSize(1);
        assertThat(requests.take().stream().map(worker::subscribe).toList()).containsExactly(Subscribe.Outcome.WELCOME_SENT);
        assertThat(mailer.sent().get(1).text()).isEqualTo("welcome\nCHANGED faq");
    }

    @Test
    void aWelcomeWithNothingRecentToTellSaysSo() {
        publish(revision(1, edit("index", "home")));
        RecordingMailer mailer = new RecordingMailer();
        Subscriber s = follower(1, 1, Topics.of(List.of(), List.of("faq")));
        assertThat(new Welcome("hub", log, directory, mailer, composer, tokens, FixedClock.standard()).send(s)).isTrue();
        assertThat(mailer.sent().get(0).text()).isEqualTo("welcome\nnothing yet");
    }
}
