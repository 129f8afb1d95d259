package dev.hubpress.digest;

import dev.hubpress.core.channel.Edition;
import dev.hubpress.core.mail.Cadence;
import dev.hubpress.core.mail.Digest;
import dev.hubpress.core.mail.EmailAddress;
import dev.hubpress.core.mail.OutgoingEmail;
import dev.hubpress.core.mail.Recipient;
import dev.hubpress.core.mail.Subscriber;
import dev.hubpress.core.mail.SubscriberStatus;
import dev.hubpress.core.revision.ChangeSet;
import dev.hubpress.core.testing.HtmlDom;
import dev.hubpress.core.testing.MailFixtures;
import dev.hubpress.core.testing.NuHtmlChecker;
import dev.hubpress.core.testing.SentenceEdit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 16's redline in the digest: one sentence edited in one section of the real hub; the digest
 * of that revision shows it removed and added, in HTML ({@code <del>}/{@code <ins>}, labelled) and
 * as "-"/"+" lines in the plain-text part.
 */
class DigestRedlineTest {

    private static OutgoingEmail email;
    private static DigestEmails.Rendered rendered;

    @BeforeAll
    static void digestTheEdit() {
        Edition second = SentenceEdit.secondEdition();
        ChangeSet changes = second.revision().changes();
        Digest digest = new Digest("hub", 1, 2, second.revision().createdAt(), changes.pages(), changes.files());
        rendered = new DigestEmails(second.hub(), MailFixtures.ROUTING).digest(digest);
        Subscriber s = Subscriber.create("abc123", EmailAddress.parse("ann@example.com"), SubscriberStatus.CONFIRMED,
                Cadence.EVERY_UPDATE, second.revision().createdAt(), 1, null);
        email = rendered.to(new Recipient(s, "UNSUB.tok", "MANAGE.tok", "hub.r1-r2.abc123"));
    }

    @Test
    void theHtmlPartShowsExactlyThatSentenceDeletedAndAddedUnderItsSection() {
        assertThat(HtmlDom.texts(email.html(), "del")).containsExactly(SentenceEdit.BEFORE);
        assertThat(HtmlDom.texts(email.html(), "ins")).containsExactly(SentenceEdit.AFTER);
        List<String> items = HtmlDom.texts(email.html(), "li");
        assertThat(items).singleElement().satisfies(li -> assertThat(li)
                .startsWith(SentenceEdit.SECTION_TITLE + " (updated)")
                .contains("Before: ").contains("After: "));
    }

    @Test
    void thePlainTextPartHasAMinusAndAPlusLine() {
        List<String> lines = Arrays.stream(email.text().split("\n")).map(String::strip).toList();
        assertThat(lines).filteredOn(l -> l.startsWith("- ") && l.contains(SentenceEdit.BEFORE)).hasSize(1);
        assertThat(lines).filteredOn(l -> l.startsWith("+ ") && l.contains(SentenceEdit.AFTER)).hasSize(1);
        // and the "+" line follows the "-" line, right under the section's own line
        int section = indexOf(lines, "- " + SentenceEdit.SECTION_TITLE + " (updated)");
        assertThat(lines.get(section + 1)).startsWith("- ").contains(SentenceEdit.BEFORE);
        assertThat(lines.get(section + 2)).startsWith("+ ").contains(SentenceEdit.AFTER);
    }

    @Test
    void theDigestKeepsItsGuarantees() {
        // valid HTML, the subject's count is the body's, and no blank is left unfilled
        assertThat(new NuHtmlChecker().errors(email.html())).isEmpty();
        assertThat(rendered.subject()).isEqualTo("Backend Engineer Hub: 1 page updated — Make senior backend engineer");
        assertThat(email.text()).contains("1 page updated").doesNotContain("\0");
        assertThat(email.html()).contains("1 page updated").doesNotContain("\0");
    }

    private static int indexOf(List<String> lines, String prefix) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith(prefix)) {
                return i;
            }
        }
        throw new AssertionError("no line starts with " + prefix + " in " + lines);
    }
}
