package dev.hubpress.digest;

import dev.hubpress.core.mail.Digest;
import dev.hubpress.core.mail.OutgoingEmail;
import dev.hubpress.core.mail.Recipient;
import dev.hubpress.core.mail.Topics;
import dev.hubpress.core.revision.ChangeKind;
import dev.hubpress.core.revision.PageChange;
import dev.hubpress.core.testing.MailFixtures;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.hubpress.digest.DigestEmailsTest.CHECKER;
import static dev.hubpress.digest.DigestEmailsTest.DATE;
import static org.assertj.core.api.Assertions.assertThat;

/** The emails of subscribers who chose what they follow: the welcome with its catch-up, and the preference link. */
class WelcomeEmailsTest {

    @BeforeAll
    static void loadTheRepositoryHub() {
        DigestEmailsTest.loadTheRepositoryHub();
    }

    private static Recipient follower(Topics topics) {
        Recipient r = DigestEmailsTest.recipient();
        return new Recipient(r.subscriber().withTopics(topics, DATE), r.unsubscribeToken(), r.manageToken(), "welcome.abc123");
    }

    private static DigestEmails emails() {
        return new DigestEmails(DigestEmailsTest.hub, MailFixtures.ROUTING);
    }

    @Test
    void aWelcomeTellsWhatIsFollowedAndItsLatestChangeWithTheUsualLinks() {
        PageChange change = new PageChange("careers/mid-to-senior", "Make senior backend engineer", ChangeKind.CHANGED, false, List.of(),
                "careers");
        Digest latest = new Digest("hub", 4, 5, DATE, List.of(change), List.of());
        OutgoingEmail email = emails().welcome(follower(Topics.of(List.of("careers"), List.of("faq"))), latest, DATE);
        assertThat(email.subject()).isEqualTo("Welcome to Backend Engineer Hub");
        assertThat(email.text()).contains("Welcome! You follow Career levels and the page \u201cFrequently asked questions\u201d.")
                .contains("The latest change in it: 1 page updated, published 14 March 2026 (r5).")
                .contains("https://hub.example.com/careers/mid-to-senior.html")
                .contains("https://hub.example.com/api/manage?token=MANAGE.tok");
        assertThat(email.headers()).containsEntry("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        assertThat(email.date()).isEqualTo(DATE);
        assertThat(CHECKER.errors(email.html())).isEmpty();
    }

    @Test
    void aWelcomeWithNothingRecentListsThePagesFollowedAsTheyAreNow() {
        OutgoingEmail email = emails().welcome(follower(Topics.of(List.of(), List.of("faq"))), null, DATE);
        assertThat(email.text()).contains("Nothing in it changed lately; these are its pages as they are now.")
                .contains("PAGE: Frequently asked questions").contains("https://hub.example.com/faq.html")
                .doesNotContain("/careers/");
        assertThat(CHECKER.errors(email.html())).isEmpty();
    }

    @Test
    void thePreferenceLinkEmailCarriesTheManageLinkOnly() {
        OutgoingEmail email = emails().preferenceLink(DigestEmailsTest.recipient().subscriber(), "MANAGE.tok", DATE);
        assertThat(email.subject()).isEqualTo("Your email settings for Backend Engineer Hub");
        assertThat(email.html()).contains("href=\"https://hub.example.com/api/manage?token=MANAGE.tok\"").contains("Open my email settings");
        assertThat(email.text()).contains("https://hub.example.com/api/manage?token=MANAGE.tok");
        assertThat(email.headers()).doesNotContainKey("List-Unsubscribe");
        assertThat(CHECKER.errors(email.html())).isEmpty();
    }
}
