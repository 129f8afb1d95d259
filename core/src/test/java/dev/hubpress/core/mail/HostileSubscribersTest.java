package dev.hubpress.core.mail;

import dev.hubpress.core.testing.FixedClock;
import dev.hubpress.core.testing.InMemoryConfirmationBudget;
import dev.hubpress.core.testing.InMemorySubscriberDirectory;
import dev.hubpress.core.testing.InMemorySubscriptionRequests;
import dev.hubpress.core.testing.MailFixtures;
import dev.hubpress.core.testing.RecordingMailer;
import dev.hubpress.core.testing.SimpleMailComposer;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Issue 13, items 10 and 13: what someone using the subscribe form and the links against others
 * could do, each with the case that hid it. Budgets are the defaults unless a test says otherwise.
 */
class HostileSubscribersTest {

    private final InMemorySubscriberDirectory directory = new InMemorySubscriberDirectory();
    private final InMemoryConfirmationBudget budget = new InMemoryConfirmationBudget();
    private final RecordingMailer mailer = new RecordingMailer();
    private final AtomicInteger ids = new AtomicInteger();

    private Subscribe subscribe(Clock clock, ConfirmationLimits limits, Duration confirmValidity) {
        return new Subscribe(directory, budget, limits, mailer, new SimpleMailComposer(),
                new Tokens(MailFixtures.SECRET, confirmValidity, clock), clock, Subscribe.DEFAULT_RESEND_INTERVAL,
                () -> "id" + ids.incrementAndGet());
    }

    private Subscribe.Outcome subscribe(Clock clock, String address) {
        return subscribe(clock, ConfirmationLimits.DEFAULT, Tokens.DEFAULT_CONFIRM_VALIDITY)
                .subscribe(new SubscriptionRequest(EmailAddress.parse(address), Cadence.EVERY_UPDATE, clock.instant()));
    }

    private static Clock after(Duration duration) {
        return FixedClock.at(FixedClock.INSTANT.plus(duration));
    }

    @Test
    void aSuppressedMailboxIsNotMailedUnderAnotherSpelling() {
        // GIVEN bob@example.com and jane.doe@gmail.com bounced
        Suppress suppress = new Suppress(directory, FixedClock.standard(), () -> "sup" + ids.incrementAndGet());
        suppress.suppress("bob@example.com", Suppress.Reason.BOUNCE);
        suppress.suppress("jane.doe@gmail.com", Suppress.Reason.COMPLAINT);

        // WHEN their mailboxes subscribe under other spellings
        List<Subscribe.Outcome> outcomes = new ArrayList<>();
        for (String spelling : List.of("BOB@example.com", "Bob@Example.COM", "JaneDoe@gmail.com", "jane.doe+news@googlemail.com")) {
            outcomes.add(subscribe(FixedClock.standard(), spelling));
        }

        // THEN none is mailed, and no second subscriber appears
        assertThat(outcomes).containsOnly(Subscribe.Outcome.SUPPRESSED);
        assertThat(mailer.calls()).isZero();
        assertThat(directory.all()).hasSize(2).allSatisfy(s -> assertThat(s.status()).isEqualTo(SubscriberStatus.SUPPRESSED));
    }

    @Test
    void oneMailboxGetsThreeConfirmationsADayHoweverItIsSpeltAndHoweverOftenItIsAskedFor() {
        // GIVEN 214 requests for one mailbox, one a minute for 214 minutes, under five spellings
        List<String> spellings = List.of("victim@gmail.com", "Victim@gmail.com", "v.ictim@gmail.com", "victim+1@gmail.com",
                "VICTIM@googlemail.com");

        // WHEN each is handled
        Map<Subscribe.Outcome, Integer> outcomes = new LinkedHashMap<>();
        for (int i = 0; i < 214; i++) {
            outcomes.merge(subscribe(after(Duration.ofMinutes(i)), spellings.get(i % spellings.size())), 1, Integer::sum);
        }

        // THEN that mailbox got three confirmations (its daily budget), the rest were refused or not due
        assertThat(mailer.sent()).hasSize(3);
        assertThat(outcomes.get(Subscribe.Outcome.CONFIRMATION_SENT)).isEqualTo(3);
        assertThat(outcomes).containsKey(Subscribe.Outcome.OVER_ADDRESS_BUDGET);
        assertThat(directory.all()).hasSize(1);
        // AND the next day it may have one again
        assertThat(subscribe(after(Duration.ofDays(1)), "victim@gmail.com")).isEqualTo(Subscribe.Outcome.CONFIRMATION_SENT);
    }

    @Test
    void sprayingManyMailboxesOfADomainOrOfManyDomainsStopsAtTheDomainAndGlobalBudgets() {
        // GIVEN budgets of 2 per mailbox a day, 5 per domain an hour, 8 in all an hour
        ConfirmationLimits limits = new ConfirmationLimits(new ConfirmationLimits.Limit(2, Duration.ofDays(1)),
                new ConfirmationLimits.Limit(5, Duration.ofHours(1)), new ConfirmationLimits.Limit(8, Duration.ofHours(1)));
        Subscribe subscribe = subscribe(FixedClock.standard(), limits, Tokens.DEFAULT_CONFIRM_VALIDITY);

        // WHEN 10 mailboxes of one domain, then 10 of ten other domains, are asked for in one hour
        List<Subscribe.Outcome> oneDomain = new ArrayList<>();
        List<Subscribe.Outcome> manyDomains = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            oneDomain.add(subscribe.subscribe(request("user" + i + "@corp.example")));
        }
        for (int i = 0; i < 10; i++) {
            manyDomains.add(subscribe.subscribe(request("user@domain" + i + ".example")));
        }

        // THEN the domain gets 5, the others 3 more before the deployment's 8 are spent
        assertThat(oneDomain.stream().filter(o -> o == Subscribe.Outcome.CONFIRMATION_SENT)).hasSize(5);
        assertThat(oneDomain.subList(5, 10)).containsOnly(Subscribe.Outcome.OVER_DOMAIN_BUDGET);
        assertThat(manyDomains.subList(0, 3)).containsOnly(Subscribe.Outcome.CONFIRMATION_SENT);
        assertThat(manyDomains.subList(3, 10)).containsOnly(Subscribe.Outcome.OVER_GLOBAL_BUDGET);
        assertThat(mailer.sent()).hasSize(8);
        // AND a refused mailbox was not even recorded, and the counters name no address
        assertThat(directory.all()).hasSize(8);
        assertThat(budget.spent().keySet()).noneMatch(counter -> counter.contains("@") || counter.contains("example"));
    }

    private SubscriptionRequest request(String address) {
        return new SubscriptionRequest(EmailAddress.parse(address), Cadence.EVERY_UPDATE, FixedClock.INSTANT);
    }

    @Test
    void aConfirmLinkWorksOnceAndNeverBringsBackSomeoneWhoLeft() {
        // GIVEN Ann confirmed with her link
        Tokens tokens = MailFixtures.tokens();
        subscribe(FixedClock.standard(), "ann@example.com");
        String link = mailer.sent().get(0).text();
        Confirm confirm = new Confirm(directory, tokens, FixedClock.standard(), () -> 1);
        assertThat(confirm.confirm(link).outcome()).isEqualTo(Answer.Outcome.CONFIRMED);
        Subscriber confirmed = directory.all().get(0);

        // WHEN the same link is posted again THEN refused, nothing written
        assertThat(confirm.confirm(link)).isEqualTo(Answer.INVALID_LINK);
        assertThat(confirm.page(link)).isEqualTo(Answer.INVALID_LINK);
        assertThat(directory.all().get(0)).isEqualTo(confirmed);

        // WHEN she unsubscribes, subscribes again (a new link is sent), and the first link is posted
        new Unsubscribe(directory, tokens, FixedClock.standard())
                .oneClick(tokens.issue(Tokens.Purpose.UNSUBSCRIBE, confirmed.id()), Unsubscribe.ONE_CLICK_BODY);
        subscribe(after(Duration.ofHours(1)), "ann@example.com");
        Answer old = confirm.confirm(link);

        // THEN the old link stays refused and she stays pending; only the new link confirms
        assertThat(old).isEqualTo(Answer.INVALID_LINK);
        assertThat(directory.all().get(0).status()).isEqualTo(SubscriberStatus.PENDING);
        assertThat(confirm.confirm(mailer.sent().get(1).text()).outcome()).isEqualTo(Answer.Outcome.CONFIRMED);
    }

    @Test
    void anExpiredPendingSubscriberIsForgottenAndItsLinkFailsCleanly() {
        // GIVEN Ann pending, her link signed to work for 30 days (longer than she stays pending: 72 h)
        subscribe(FixedClock.standard(), ConfirmationLimits.DEFAULT, Tokens.DEFAULT_CONFIRM_VALIDITY)
                .subscribe(request("ann@example.com"));
        Subscriber pending = directory.all().get(0);
        assertThat(pending.expiresAt()).isEqualTo(FixedClock.INSTANT.plus(Tokens.DEFAULT_CONFIRM_VALIDITY).truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
        String longLived = new Tokens(MailFixtures.SECRET, Duration.ofDays(30), FixedClock.standard())
                .issueConfirm(pending.id(), pending.confirmationNonce());
        Clock later = after(Duration.ofHours(73));
        Confirm confirm = new Confirm(directory, new Tokens(MailFixtures.SECRET, Duration.ofDays(30), later), later, () -> 1);

        // WHEN her link is opened and posted after she expired
        Answer page = confirm.page(longLived);
        Answer posted = confirm.confirm(longLived);

        // THEN the one refusal, and nothing written
        assertThat(page).isEqualTo(Answer.INVALID_LINK);
        assertThat(posted).isEqualTo(Answer.INVALID_LINK);
        assertThat(directory.all()).containsExactly(pending);
        // AND subscribing again starts afresh: a new subscriber (a new id) replaces the forgotten one
        assertThat(subscribe(later, "ann@example.com")).isEqualTo(Subscribe.Outcome.CONFIRMATION_SENT);
        assertThat(directory.all()).singleElement().satisfies(s -> {
            assertThat(s.id()).isNotEqualTo(pending.id());
            assertThat(s.status()).isEqualTo(SubscriberStatus.PENDING);
        });
        assertThat(directory.get(pending.id())).isEmpty();
    }

    @Test
    void aGetOnAConfirmLinkChangesNothing() {
        // GIVEN Ann pending with her link
        subscribe(FixedClock.standard(), "ann@example.com");
        Subscriber before = directory.all().get(0);
        Confirm confirm = new Confirm(directory, MailFixtures.tokens(), FixedClock.standard(), () -> 1);

        // WHEN a link scanner opens it many times
        for (int i = 0; i < 5; i++) {
            assertThat(confirm.page(mailer.sent().get(0).text()).outcome()).isEqualTo(Answer.Outcome.CONFIRM_PAGE);
        }

        // THEN she is still pending, not even her version moved
        assertThat(directory.all()).containsExactly(before);
    }

    @Test
    void theSubscribeAnswerIsTheSameForEveryMailboxAndLooksNothingUp() {
        // GIVEN mailboxes in every state: pending, confirmed, unsubscribed, suppressed, over its budget
        subscribe(FixedClock.standard(), "pending@example.com");
        directory.create(MailFixtures.confirmed(1, 0));
        directory.create(Subscriber.create("u", EmailAddress.parse("gone@example.com"), SubscriberStatus.UNSUBSCRIBED,
                Cadence.EVERY_UPDATE, FixedClock.INSTANT, 0, null));
        new Suppress(directory, FixedClock.standard(), () -> "x").suppress("bounced@example.com", Suppress.Reason.BOUNCE);
        for (int i = 0; i < 3; i++) {
            subscribe(after(Duration.ofMinutes(10L * i)), "flooded@example.com");
        }
        int reads = directory.reads();
        int calls = mailer.calls();
        InMemorySubscriptionRequests requests = new InMemorySubscriptionRequests();
        RequestSubscription form = new RequestSubscription(requests, FixedClock.standard());

        // WHEN each, and a new one, is asked for on the form
        Map<String, Answer> answers = new LinkedHashMap<>();
        for (String address : List.of("new@example.com", "pending@example.com", "S1@example.com", "gone@example.com",
                "Bounced@example.com", "flooded@example.com")) {
            answers.put(address, form.request(address, Cadence.EVERY_UPDATE));
        }

        // THEN every answer is the same, the form read nothing and sent nothing: it only queued one request each
        assertThat(answers.values()).containsOnly(Answer.of(Answer.Outcome.CHECK_INBOX));
        assertThat(directory.reads()).isEqualTo(reads);
        assertThat(mailer.calls()).isEqualTo(calls);
        assertThat(requests.waiting()).extracting(r -> r.email().value()).containsExactlyElementsOf(answers.keySet());
        // AND only a malformed address is answered otherwise, and queues nothing
        assertThat(form.request("Ann <ann@example.com>", Cadence.EVERY_UPDATE).outcome()).isEqualTo(Answer.Outcome.INVALID_ADDRESS);
        assertThat(requests.waiting()).hasSize(6);
    }

    @Test
    void aConfirmationThatCouldNotBeSentIsDueAgainAtOnce() {
        // GIVEN the mailer fails the first send
        mailer.failAt(1, () -> new MailerException.Transient("down"));

        // WHEN Ann's request is handled, fails, and is handled again (the worker's retry)
        assertThatThrownBy(() -> subscribe(FixedClock.standard(), "ann@example.com")).isInstanceOf(MailerException.Transient.class);
        Subscribe.Outcome retried = subscribe(FixedClock.standard(), "ann@example.com");

        // THEN the retry sends it, within the resend interval, and that link confirms
        assertThat(retried).isEqualTo(Subscribe.Outcome.CONFIRMATION_SENT);
        assertThat(mailer.sent()).hasSize(1);
        assertThat(new Confirm(directory, MailFixtures.tokens(), FixedClock.standard(), () -> 1)
                .confirm(mailer.sent().get(0).text()).outcome()).isEqualTo(Answer.Outcome.CONFIRMED);
    }

    @Test
    void aSuppressionThatCannotBeWrittenNamesTheMailboxByItsFingerprintOnly() {
        // GIVEN a directory where every update loses to a concurrent writer, and a subscriber to suppress
        InMemorySubscriberDirectory busy = new InMemorySubscriberDirectory();
        busy.create(MailFixtures.confirmed(1, 0));
        dev.hubpress.core.port.SubscriberDirectory losing = new dev.hubpress.core.port.SubscriberDirectory() {
            @Override
            public java.util.Optional<Subscriber> get(String id) {
                return busy.get(id);
            }

            @Override
            public java.util.Optional<Subscriber> find(EmailAddress email) {
                return busy.find(email);
            }

            @Override
            public boolean create(Subscriber subscriber) {
                return false;
            }

            @Override
            public boolean update(Subscriber changed) {
                return false;
            }

            @Override
            public Page confirmed(Cadence cadence, String cursor, int limit) {
                return busy.confirmed(cadence, cursor, limit);
            }
        };

        // WHEN the bounce handler suppresses it and gives up
        assertThatThrownBy(() -> new Suppress(losing, FixedClock.standard()).suppress("S1@example.com", Suppress.Reason.BOUNCE))

                // THEN what it throws (and Lambda logs) names the mailbox by fingerprint, not by any part of the address
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(EmailAddress.parse("s1@example.com").fingerprint())
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("example.com").doesNotContain("s1").doesNotContain("S1"));
    }
}
