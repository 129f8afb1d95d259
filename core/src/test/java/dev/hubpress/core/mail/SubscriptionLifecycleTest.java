package dev.hubpress.core.mail;

import dev.hubpress.core.testing.FixedClock;
import dev.hubpress.core.testing.InMemoryConfirmationBudget;
import dev.hubpress.core.testing.InMemorySubscriberDirectory;
import dev.hubpress.core.testing.MailFixtures;
import dev.hubpress.core.testing.RecordingMailer;
import dev.hubpress.core.testing.SimpleMailComposer;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class SubscriptionLifecycleTest {

    private final InMemorySubscriberDirectory directory = new InMemorySubscriberDirectory();
    private final InMemoryConfirmationBudget budget = new InMemoryConfirmationBudget();
    private final RecordingMailer mailer = new RecordingMailer();
    private final AtomicInteger ids = new AtomicInteger();
    private final Tokens tokens = MailFixtures.tokens();

    /** The worker's use case at that time; generous budgets, so that only the lifecycle's rules are at work here. */
    private Subscribe subscribe(Clock clock) {
        return new Subscribe(directory, budget, MailFixtures.GENEROUS_LIMITS, mailer, new SimpleMailComposer(),
                new Tokens(MailFixtures.SECRET, Tokens.DEFAULT_CONFIRM_VALIDITY, clock), clock, Duration.ofMinutes(10),
                () -> "id" + ids.incrementAndGet());
    }

    /** A request for the address as typed, handled at that time. */
    private Subscribe.Outcome subscribe(Clock clock, String address, Cadence cadence) {
        return subscribe(clock).subscribe(new SubscriptionRequest(EmailAddress.parse(address), cadence, clock.instant()));
    }

    private Confirm confirm() {
        return new Confirm(directory, tokens, FixedClock.standard(), () -> 7);
    }

    private Unsubscribe unsubscribe() {
        return new Unsubscribe(directory, tokens, FixedClock.standard());
    }

    private Subscriber only() {
        return directory.all().get(0);
    }

    private static Clock after(Duration duration) {
        return FixedClock.at(FixedClock.INSTANT.plus(duration));
    }

    @Test
    void subscribeThenConfirmWithTheEmailedToken() {
        // GIVEN someone subscribes as they type their address
        Subscribe.Outcome outcome = subscribe(FixedClock.standard(), " Ann@Example.com ", Cadence.WEEKLY);
        // THEN they are PENDING and got one confirmation with a confirm token, at the address as typed
        assertThat(outcome).isEqualTo(Subscribe.Outcome.CONFIRMATION_SENT);
        assertThat(only().status()).isEqualTo(SubscriberStatus.PENDING);
        assertThat(only().email().value()).isEqualTo("Ann@example.com");
        assertThat(mailer.recipients()).containsExactly("Ann@example.com");
        String token = mailer.sent().get(0).text();
        // WHEN the link is opened (GET), then its button posted
        assertThat(confirm().page(token).outcome()).isEqualTo(Answer.Outcome.CONFIRM_PAGE);
        assertThat(only().status()).isEqualTo(SubscriberStatus.PENDING);
        assertThat(confirm().confirm(token).outcome()).isEqualTo(Answer.Outcome.CONFIRMED);
        // THEN confirmed, starting from the head revision, weekly as asked
        assertThat(only().status()).isEqualTo(SubscriberStatus.CONFIRMED);
        assertThat(only().lastDeliveredSeq()).isEqualTo(7);
        assertThat(only().cadence()).isEqualTo(Cadence.WEEKLY);
        assertThat(only().version()).isEqualTo(2);
    }

    @Test
    void subscribingAgainSendsAtMostOneConfirmationPerIntervalAndNoneToConfirmedOrSuppressedMailboxes() {
        // GIVEN Ann subscribes twice at once, Bob once
        assertThat(subscribe(FixedClock.standard(), "ann@example.com", Cadence.EVERY_UPDATE)).isEqualTo(Subscribe.Outcome.CONFIRMATION_SENT);
        assertThat(subscribe(FixedClock.standard(), "Ann@example.com", Cadence.EVERY_UPDATE)).isEqualTo(Subscribe.Outcome.NOT_DUE);
        subscribe(FixedClock.standard(), "bob@example.com", Cadence.EVERY_UPDATE);
        assertThat(mailer.recipients()).containsExactly("ann@example.com", "bob@example.com");
        // WHEN the interval has passed THEN one more confirmation, to the spelling asked for this time
        subscribe(after(Duration.ofMinutes(10)), "Ann@example.com", Cadence.EVERY_UPDATE);
        assertThat(mailer.recipients()).containsExactly("ann@example.com", "bob@example.com", "Ann@example.com");
        // WHEN Ann confirms with the newest link and Bob's address is suppressed (as bob@example.com)
        assertThat(confirm().confirm(mailer.sent().get(2).text()).outcome()).isEqualTo(Answer.Outcome.CONFIRMED);
        new Suppress(directory, FixedClock.standard(), () -> "sup").suppress("bob@example.com", Suppress.Reason.COMPLAINT);
        // THEN neither gets anything more, however the address is typed: the mailbox is the subscriber
        Clock later = after(Duration.ofDays(1));
        assertThat(subscribe(later, "ANN@example.com", Cadence.EVERY_UPDATE)).isEqualTo(Subscribe.Outcome.ALREADY_CONFIRMED);
        assertThat(subscribe(later, "BOB@example.COM", Cadence.EVERY_UPDATE)).isEqualTo(Subscribe.Outcome.SUPPRESSED);
        assertThat(subscribe(later, "Bob@Example.com", Cadence.WEEKLY)).isEqualTo(Subscribe.Outcome.SUPPRESSED);
        assertThat(mailer.sent()).hasSize(3);
        assertThat(directory.all()).hasSize(2);
    }

    @Test
    void forgedExpiredWrongPurposeOtherSubscriberAndUnknownTokensGetTheSameAnswer() {
        // GIVEN Ann pending with her confirm link, Bob pending, and Carol confirmed
        subscribe(FixedClock.standard(), "ann@example.com", Cadence.EVERY_UPDATE);
        subscribe(FixedClock.standard(), "bob@example.com", Cadence.EVERY_UPDATE);
        directory.create(MailFixtures.confirmed(3, 1));
        String ann = directory.find(EmailAddress.parse("ann@example.com")).orElseThrow().id();
        String bob = directory.find(EmailAddress.parse("bob@example.com")).orElseThrow().id();
        String carol = MailFixtures.confirmed(3, 1).id();
        String annConfirm = mailer.sent().get(0).text();
        String annUnsubscribe = tokens.issue(Tokens.Purpose.UNSUBSCRIBE, ann);
        String carolUnsubscribe = tokens.issue(Tokens.Purpose.UNSUBSCRIBE, carol);
        String carolManage = tokens.issue(Tokens.Purpose.MANAGE, carol);
        char last = annConfirm.charAt(annConfirm.length() - 2);
        String forged = annConfirm.substring(0, annConfirm.length() - 2) + (last == 'x' ? 'y' : 'x') + annConfirm.charAt(annConfirm.length() - 1);
        // (a confirm use case whose tokens are four days on, for subscribers who are not: only the link's expiry refuses it)
        Tokens later = new Tokens(MailFixtures.SECRET, Tokens.DEFAULT_CONFIRM_VALIDITY, after(Duration.ofDays(4)));
        Confirm lateConfirm = new Confirm(directory, later, FixedClock.standard(), () -> 1);
        String[] parts = annConfirm.split("\\.");
        String bobsIdUnderAnnsMac = parts[0] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(
                new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8).replace("|" + ann + "|", "|" + bob + "|")
                        .getBytes(StandardCharsets.UTF_8)) + "." + parts[2];
        String unknownSubscriber = tokens.issueConfirm("nobody", "n1");

        // WHEN each is used; every wrong-purpose token names a subscriber its use case would otherwise accept
        List<Answer> answers = List.of(
                confirm().confirm(forged),
                lateConfirm.confirm(annConfirm),
                confirm().confirm(annUnsubscribe),
                confirm().page(annUnsubscribe),
                confirm().confirm(bobsIdUnderAnnsMac),
                confirm().confirm(unknownSubscriber),
                confirm().confirm("garbage"),
                confirm().confirm(null),
                unsubscribe().page(annConfirm),
                unsubscribe().page(carolManage),
                unsubscribe().oneClick(carolManage, Unsubscribe.ONE_CLICK_BODY),
                unsubscribe().oneClick(tokens.issue(Tokens.Purpose.UNSUBSCRIBE, "nobody"), Unsubscribe.ONE_CLICK_BODY),
                new ManageSubscription(directory, tokens, FixedClock.standard()).page(carolUnsubscribe));

        // THEN all are the one refusal, and nobody changed
        assertThat(answers).containsOnly(Answer.INVALID_LINK);
        assertThat(Answer.INVALID_LINK.httpStatus()).isEqualTo(400);
        assertThat(directory.get(ann).orElseThrow().status()).isEqualTo(SubscriberStatus.PENDING);
        assertThat(directory.get(bob).orElseThrow().status()).isEqualTo(SubscriberStatus.PENDING);
        assertThat(directory.get(carol).orElseThrow().status()).isEqualTo(SubscriberStatus.CONFIRMED);
        assertThat(directory.all()).allSatisfy(s -> assertThat(s.version()).isEqualTo(1));
        // AND the same tokens, each for its own purpose, are accepted: the purpose is what refused them
        assertThat(new ManageSubscription(directory, tokens, FixedClock.standard()).page(carolManage).outcome())
                .isEqualTo(Answer.Outcome.MANAGE_PAGE);
        assertThat(unsubscribe().page(carolUnsubscribe).outcome()).isEqualTo(Answer.Outcome.UNSUBSCRIBE_PAGE);
        assertThat(confirm().page(annConfirm).outcome()).isEqualTo(Answer.Outcome.CONFIRM_PAGE);
    }

    @Test
    void getOnUnsubscribeChangesNothingAndOneClickPostIsIdempotent() {
        subscribe(FixedClock.standard(), "ann@example.com", Cadence.EVERY_UPDATE);
        confirm().confirm(mailer.sent().get(0).text());
        Subscriber before = only();
        String token = tokens.issue(Tokens.Purpose.UNSUBSCRIBE, before.id());
        // GIVEN a link scanner fetching the link many times
        for (int i = 0; i < 5; i++) {
            assertThat(unsubscribe().page(token).outcome()).isEqualTo(Answer.Outcome.UNSUBSCRIBE_PAGE);
        }
        // THEN nothing changed, not even the version
        assertThat(only()).isEqualTo(before);
        // a POST without the one-click body changes nothing either
        assertThat(unsubscribe().oneClick(token, "").outcome()).isEqualTo(Answer.Outcome.BAD_REQUEST);
        assertThat(only()).isEqualTo(before);
        // WHEN the mailbox provider posts List-Unsubscribe=One-Click, twice
        Answer first = unsubscribe().oneClick(token, "List-Unsubscribe=One-Click");
        Answer second = unsubscribe().oneClick(token, "List-Unsubscribe=One-Click\r\n");
        // THEN unsubscribed, 200 both times
        assertThat(first).isEqualTo(second);
        assertThat(first.outcome()).isEqualTo(Answer.Outcome.UNSUBSCRIBED);
        assertThat(first.httpStatus()).isEqualTo(200);
        assertThat(only().status()).isEqualTo(SubscriberStatus.UNSUBSCRIBED);
        // the old confirm link does not bring them back
        assertThat(confirm().confirm(mailer.sent().get(0).text())).isEqualTo(Answer.INVALID_LINK);
        // subscribing again starts over with a new double opt-in
        subscribe(after(Duration.ofHours(1)), "ann@example.com", Cadence.EVERY_UPDATE);
        assertThat(only().status()).isEqualTo(SubscriberStatus.PENDING);
        assertThat(mailer.sent()).hasSize(2);
    }

    @Test
    void suppressionIsForGoodAndCoversUnknownAddresses() {
        Suppress suppress = new Suppress(directory, FixedClock.standard(), () -> "s" + ids.incrementAndGet());
        assertThat(suppress.suppress("ghost@example.com", Suppress.Reason.BOUNCE)).isTrue();
        assertThat(suppress.suppress("Ghost@example.com", Suppress.Reason.BOUNCE)).isTrue();
        assertThat(suppress.suppress("not an address", Suppress.Reason.BOUNCE)).isFalse();
        assertThat(directory.all()).singleElement().satisfies(s -> assertThat(s.status()).isEqualTo(SubscriberStatus.SUPPRESSED));
        assertThat(subscribe(FixedClock.standard(), "GHOST@example.com", Cadence.EVERY_UPDATE)).isEqualTo(Subscribe.Outcome.SUPPRESSED);
        assertThat(mailer.sent()).isEmpty();
        String token = tokens.issue(Tokens.Purpose.UNSUBSCRIBE, only().id());
        assertThat(unsubscribe().oneClick(token, Unsubscribe.ONE_CLICK_BODY).outcome()).isEqualTo(Answer.Outcome.UNSUBSCRIBED);
        assertThat(only().status()).isEqualTo(SubscriberStatus.SUPPRESSED);
    }

    @Test
    void manageShowsAndChangesTheCadence() {
        subscribe(FixedClock.standard(), "ann@example.com", Cadence.EVERY_UPDATE);
        confirm().confirm(mailer.sent().get(0).text());
        String token = tokens.issue(Tokens.Purpose.MANAGE, only().id());
        ManageSubscription manage = new ManageSubscription(directory, tokens, FixedClock.standard());
        Subscriber before = only();
        assertThat(manage.page(token)).isEqualTo(new Answer(Answer.Outcome.MANAGE_PAGE, Cadence.EVERY_UPDATE));
        assertThat(only()).isEqualTo(before);
        assertThat(manage.changeCadence(token, Cadence.WEEKLY).outcome()).isEqualTo(Answer.Outcome.UPDATED);
        assertThat(only().cadence()).isEqualTo(Cadence.WEEKLY);
    }
}
