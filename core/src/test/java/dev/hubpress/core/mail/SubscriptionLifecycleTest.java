package dev.hubpress.core.mail;

import dev.hubpress.core.testing.FixedClock;
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
    private final RecordingMailer mailer = new RecordingMailer();
    private final AtomicInteger ids = new AtomicInteger();
    private final Tokens tokens = MailFixtures.tokens();

    private Subscribe subscribe(Clock clock) {
        return new Subscribe(directory, mailer, new SimpleMailComposer(), new Tokens(MailFixtures.SECRET,
                Tokens.DEFAULT_CONFIRM_VALIDITY, clock), clock, Duration.ofMinutes(10), () -> "id" + ids.incrementAndGet());
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

    @Test
    void subscribeThenConfirmWithTheEmailedToken() {
        // GIVEN someone subscribes
        Answer answer = subscribe(FixedClock.standard()).subscribe(" Ann@Example.com ", Cadence.WEEKLY);
        // THEN they are PENDING and got one confirmation with a confirm token
        assertThat(answer.outcome()).isEqualTo(Answer.Outcome.CHECK_INBOX);
        assertThat(only().status()).isEqualTo(SubscriberStatus.PENDING);
        assertThat(only().email().value()).isEqualTo("Ann@example.com");
        assertThat(mailer.sent()).hasSize(1);
        String token = mailer.sent().get(0).text();
        // WHEN they confirm, twice
        assertThat(confirm().confirm(token).outcome()).isEqualTo(Answer.Outcome.CONFIRMED);
        assertThat(confirm().confirm(token).outcome()).isEqualTo(Answer.Outcome.CONFIRMED);
        // THEN confirmed, starting from the head revision, weekly as asked
        assertThat(only().status()).isEqualTo(SubscriberStatus.CONFIRMED);
        assertThat(only().lastDeliveredSeq()).isEqualTo(7);
        assertThat(only().cadence()).isEqualTo(Cadence.WEEKLY);
        assertThat(only().version()).isEqualTo(2);
    }

    @Test
    void subscribingAgainRevealsNothingAndSendsAtMostOneConfirmationPerInterval() {
        Subscribe now = subscribe(FixedClock.standard());
        Answer first = now.subscribe("ann@example.com", Cadence.EVERY_UPDATE);
        Answer again = now.subscribe("ann@example.com", Cadence.EVERY_UPDATE);
        Answer stranger = now.subscribe("bob@example.com", Cadence.EVERY_UPDATE);
        assertThat(List.of(first, again, stranger)).containsOnly(Answer.of(Answer.Outcome.CHECK_INBOX));
        assertThat(mailer.recipients()).containsExactly("ann@example.com", "bob@example.com");
        // after the interval, one more confirmation
        subscribe(FixedClock.at(FixedClock.INSTANT.plus(Duration.ofMinutes(10)))).subscribe("ann@example.com", Cadence.EVERY_UPDATE);
        assertThat(mailer.recipients()).containsExactly("ann@example.com", "bob@example.com", "ann@example.com");
        // confirmed and suppressed addresses get the same answer and no email
        confirm().confirm(mailer.sent().get(0).text());
        new Suppress(directory, FixedClock.standard(), () -> "sup").suppress("bob@example.com", Suppress.Reason.COMPLAINT);
        Clock later = FixedClock.at(FixedClock.INSTANT.plus(Duration.ofDays(1)));
        assertThat(subscribe(later).subscribe("ann@example.com", Cadence.EVERY_UPDATE)).isEqualTo(first);
        assertThat(subscribe(later).subscribe("BOB@example.COM".replace("BOB", "bob"), Cadence.EVERY_UPDATE)).isEqualTo(first);
        assertThat(mailer.sent()).hasSize(3);
        assertThat(subscribe(later).subscribe("Ann <ann@example.com>", Cadence.EVERY_UPDATE).outcome())
                .isEqualTo(Answer.Outcome.INVALID_ADDRESS);
    }

    @Test
    void forgedExpiredWrongPurposeOtherSubscriberAndUnknownTokensGetTheSameAnswer() {
        subscribe(FixedClock.standard()).subscribe("ann@example.com", Cadence.EVERY_UPDATE);
        subscribe(FixedClock.standard()).subscribe("bob@example.com", Cadence.EVERY_UPDATE);
        String annConfirm = mailer.sent().get(0).text();
        String annUnsubscribe = tokens.issue(Tokens.Purpose.UNSUBSCRIBE, "id1");
        char last = annConfirm.charAt(annConfirm.length() - 2);
        String forged = annConfirm.substring(0, annConfirm.length() - 2) + (last == 'x' ? 'y' : 'x') + annConfirm.charAt(annConfirm.length() - 1);
        Tokens later = new Tokens(MailFixtures.SECRET, Tokens.DEFAULT_CONFIRM_VALIDITY, FixedClock.at(FixedClock.INSTANT.plus(Duration.ofDays(4))));
        Confirm lateConfirm = new Confirm(directory, later, FixedClock.standard(), () -> 1);
        String mac = annConfirm.substring(annConfirm.indexOf('.') + 1);
        String bobsId = Base64.getUrlEncoder().withoutPadding().encodeToString(
                new String(Base64.getUrlDecoder().decode(annConfirm.substring(0, annConfirm.indexOf('.'))), StandardCharsets.UTF_8)
                        .replace("id1", "id2").getBytes(StandardCharsets.UTF_8));
        String unknownSubscriber = tokens.issue(Tokens.Purpose.CONFIRM, "nobody");

        List<Answer> answers = List.of(
                confirm().confirm(forged),
                lateConfirm.confirm(annConfirm),
                confirm().confirm(annUnsubscribe),
                confirm().confirm(bobsId + "." + mac),
                confirm().confirm(unknownSubscriber),
                confirm().confirm("garbage"),
                confirm().confirm(null),
                unsubscribe().page(annConfirm),
                unsubscribe().oneClick(annConfirm, Unsubscribe.ONE_CLICK_BODY),
                unsubscribe().oneClick(tokens.issue(Tokens.Purpose.UNSUBSCRIBE, "nobody"), Unsubscribe.ONE_CLICK_BODY),
                new ManageSubscription(directory, tokens, FixedClock.standard()).page(annUnsubscribe));
        assertThat(answers).containsOnly(Answer.INVALID_LINK);
        assertThat(Answer.INVALID_LINK.httpStatus()).isEqualTo(400);
        assertThat(directory.all()).allSatisfy(s -> assertThat(s.status()).isEqualTo(SubscriberStatus.PENDING));
    }

    @Test
    void getOnUnsubscribeChangesNothingAndOneClickPostIsIdempotent() {
        subscribe(FixedClock.standard()).subscribe("ann@example.com", Cadence.EVERY_UPDATE);
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
        subscribe(FixedClock.at(FixedClock.INSTANT.plus(Duration.ofHours(1)))).subscribe("ann@example.com", Cadence.EVERY_UPDATE);
        assertThat(only().status()).isEqualTo(SubscriberStatus.PENDING);
        assertThat(mailer.sent()).hasSize(2);
    }

    @Test
    void suppressionIsForGoodAndCoversUnknownAddresses() {
        Suppress suppress = new Suppress(directory, FixedClock.standard(), () -> "s" + ids.incrementAndGet());
        assertThat(suppress.suppress("ghost@example.com", Suppress.Reason.BOUNCE)).isTrue();
        assertThat(suppress.suppress("ghost@example.com", Suppress.Reason.BOUNCE)).isTrue();
        assertThat(suppress.suppress("not an address", Suppress.Reason.BOUNCE)).isFalse();
        assertThat(directory.all()).singleElement().satisfies(s -> assertThat(s.status()).isEqualTo(SubscriberStatus.SUPPRESSED));
        subscribe(FixedClock.standard()).subscribe("ghost@example.com", Cadence.EVERY_UPDATE);
        assertThat(mailer.sent()).isEmpty();
        String token = tokens.issue(Tokens.Purpose.UNSUBSCRIBE, only().id());
        assertThat(unsubscribe().oneClick(token, Unsubscribe.ONE_CLICK_BODY).outcome()).isEqualTo(Answer.Outcome.UNSUBSCRIBED);
        assertThat(only().status()).isEqualTo(SubscriberStatus.SUPPRESSED);
    }

    @Test
    void manageShowsAndChangesTheCadence() {
        subscribe(FixedClock.standard()).subscribe("ann@example.com", Cadence.EVERY_UPDATE);
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
