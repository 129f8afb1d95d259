package dev.hubpress.digest;

import dev.hubpress.core.testing.Gates;
import dev.hubpress.core.testing.NuHtmlChecker;
import dev.hubpress.core.content.ContentTree;
import dev.hubpress.core.gate.GateLimits;
import dev.hubpress.core.gate.PublishGate;
import dev.hubpress.core.mail.Cadence;
import dev.hubpress.core.mail.Digest;
import dev.hubpress.core.mail.EmailAddress;
import dev.hubpress.core.mail.OutgoingEmail;
import dev.hubpress.core.mail.Recipient;
import dev.hubpress.core.mail.Subscriber;
import dev.hubpress.core.mail.SubscriberStatus;
import dev.hubpress.core.markdown.MarkdownEngine;
import dev.hubpress.core.model.Hub;
import dev.hubpress.core.revision.ChangeKind;
import dev.hubpress.core.revision.PageChange;
import dev.hubpress.core.revision.SectionChange;
import dev.hubpress.core.testing.ContentFixtures;
import dev.hubpress.core.testing.MailFixtures;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

class DigestEmailsTest {

    static final Instant DATE = Instant.parse("2026-03-14T09:00:00Z");
    static Hub hub;
    static final NuHtmlChecker CHECKER = new NuHtmlChecker();

    @BeforeAll
    static void loadTheRepositoryHub() {
        ContentTree tree = ContentFixtures.repositoryTree();
        hub = Gates.gate().inspect(tree).hub().orElseThrow();
    }

    static Digest digest() {
        var first = hub.pages().get(1);
        var second = hub.pages().get(2);
        var third = hub.pages().get(3);
        String anchor = first.headings().get(0).id();
        return new Digest("hub", 4, 6, DATE, List.of(
                new PageChange(first.slug(), first.title(), ChangeKind.CHANGED, false, List.of(
                        new SectionChange(anchor, first.headings().get(0).text(), ChangeKind.CHANGED),
                        new SectionChange("gone", "Old section", ChangeKind.REMOVED))),
                new PageChange(second.slug(), second.title(), ChangeKind.ADDED, false, List.of()),
                new PageChange(third.slug(), "An <old> & removed page", ChangeKind.REMOVED, false, List.of())),
                List.of("data/compensation.yaml"));
    }

    static Recipient recipient() {
        Subscriber s = Subscriber.create("abc123", EmailAddress.parse("o'neil+hub@example.com"), SubscriberStatus.CONFIRMED,
                Cadence.WEEKLY, DATE, 4, null);
        return new Recipient(s, "UNSUB.tok", "MANAGE.tok", "hub.r4-r6.abc123");
    }

    @Test
    void theDigestLinksEveryChangedPageAtItsSectionWithAbsoluteUrls() {
        DigestEmails emails = new DigestEmails(hub, MailFixtures.ROUTING);
        OutgoingEmail email = emails.digest(digest()).to(recipient());
        var first = hub.pages().get(1);
        String anchored = "https://hub.example.com/" + first.slug() + ".html#" + first.headings().get(0).id();
        assertThat(email.html()).contains("href=\"" + anchored + "\"");
        assertThat(email.text()).contains(anchored);
        assertThat(email.html()).contains("https://hub.example.com/guide/backend-engineer-hub.pdf");
        assertThat(email.html()).contains("/unsubscribe?token=UNSUB.tok").contains("/manage?token=MANAGE.tok");
        assertThat(email.text()).contains("/unsubscribe?token=UNSUB.tok").contains("/manage?token=MANAGE.tok");
        // every link in both parts is absolute
        Matcher href = Pattern.compile("href=\"([^\"]*)\"").matcher(email.html());
        int links = 0;
        while (href.find()) {
            links++;
            assertThat(href.group(1)).startsWith("https://");
        }
        assertThat(links).isGreaterThan(5);
        // hostile titles are escaped, the address too
        assertThat(email.html()).contains("An &lt;old&gt; &amp; removed page").contains("o&#39;neil+hub@example.com");
        assertThat(email.text()).contains("An <old> & removed page").contains("o'neil+hub@example.com").contains("a weekly digest");
        assertThat(email.html()).doesNotContain("\0");
        assertThat(email.text()).doesNotContain("\0");
    }

    @Test
    void headersCarryOneClickUnsubscribeAndAStableKey() {
        OutgoingEmail email = new DigestEmails(hub, MailFixtures.ROUTING).digest(digest()).to(recipient());
        assertThat(email.headers().get("List-Unsubscribe"))
                .isEqualTo("<https://hub.example.com/api/unsubscribe?token=UNSUB.tok>, <mailto:unsubscribe@hub.example.com?subject=unsubscribe>");
        assertThat(email.headers().get("List-Unsubscribe-Post")).isEqualTo("List-Unsubscribe=One-Click");
        assertThat(email.messageId()).isEqualTo("hub.r4-r6.abc123@hub.example.com");
        assertThat(email.date()).isEqualTo(DATE);
        assertThat(email.from().name()).isEqualTo("Backend Engineer Hub");
        // rendering again gives the same bytes
        assertThat(new DigestEmails(hub, MailFixtures.ROUTING).digest(digest()).to(recipient())).isEqualTo(email);
    }

    @Test
    void theSubjectSummarisesAndStaysShort() {
        DigestEmails emails = new DigestEmails(hub, MailFixtures.ROUTING);
        String subject = emails.subject(digest());
        // the counts are the body's, word for word
        assertThat(subject).startsWith("Backend Engineer Hub: 1 page updated, 1 new page, 1 page removed — " + hub.pages().get(1).title());
        assertThat(emails.digest(digest()).to(recipient()).text()).contains("1 page updated, 1 new page, 1 page removed since your last digest");
        assertThat(subject.length()).isLessThanOrEqualTo(DigestEmails.MAX_SUBJECT);
        List<PageChange> many = hub.pages().stream().map(p -> new PageChange(p.slug(), p.title(), ChangeKind.CHANGED, true, List.of())).toList();
        String long_ = emails.subject(new Digest("hub", 1, 2, DATE, many, List.of()));
        assertThat(long_).hasSizeLessThanOrEqualTo(DigestEmails.MAX_SUBJECT).endsWith("…")
                .startsWith("Backend Engineer Hub: " + many.size() + " pages updated — ");
        String one = emails.subject(new Digest("hub", 1, 2, DATE, many.subList(0, 1), List.of()));
        assertThat(one).isEqualTo("Backend Engineer Hub: 1 page updated — " + many.get(0).title());
    }

    @Test
    void theHtmlIsAnAccessibleSingleColumnThatSurvivesDarkMode() {
        OutgoingEmail email = new DigestEmails(hub, MailFixtures.ROUTING).digest(digest()).to(recipient());
        assertThat(email.html()).contains("<html lang=\"en\">")
                .contains("<meta name=\"color-scheme\" content=\"light dark\">")
                .contains("<meta name=\"supported-color-schemes\" content=\"light dark\">")
                .contains("max-width:600px").contains("role=\"presentation\"")
                .contains("@media (prefers-color-scheme: dark)")
                .doesNotContain("<img").doesNotContain("#ffffff;color:#000000").doesNotContain("<script");
        assertThat(CHECKER.errors(email.html())).isEmpty();
    }

    @Test
    void theConfirmationEmailCarriesTheConfirmLink() {
        Subscriber s = recipient().subscriber();
        OutgoingEmail email = new DigestEmails(hub, MailFixtures.ROUTING).confirmation(s, "CONFIRM.tok", DATE);
        assertThat(email.subject()).isEqualTo("Confirm your subscription to Backend Engineer Hub");
        assertThat(email.html()).contains("href=\"https://hub.example.com/api/confirm?token=CONFIRM.tok\"").contains("3 days");
        assertThat(email.text()).contains("https://hub.example.com/api/confirm?token=CONFIRM.tok");
        assertThat(email.headers()).doesNotContainKey("List-Unsubscribe");
        assertThat(CHECKER.errors(email.html())).isEmpty();
    }
}
