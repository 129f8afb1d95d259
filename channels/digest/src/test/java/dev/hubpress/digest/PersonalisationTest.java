package dev.hubpress.digest;

import dev.hubpress.core.channel.Channels;
import dev.hubpress.core.content.GateError;
import dev.hubpress.core.gate.GateLimits;
import dev.hubpress.core.gate.PublishGate;
import dev.hubpress.core.load.ContentReader;
import dev.hubpress.core.markdown.MarkdownEngine;
import dev.hubpress.core.gate.GateResult;
import dev.hubpress.core.mail.Cadence;
import dev.hubpress.core.mail.Digest;
import dev.hubpress.core.mail.EmailAddress;
import dev.hubpress.core.mail.MailRouting;
import dev.hubpress.core.mail.OutgoingEmail;
import dev.hubpress.core.mail.Recipient;
import dev.hubpress.core.mail.Subscriber;
import dev.hubpress.core.mail.SubscriberStatus;
import dev.hubpress.core.model.Hub;
import dev.hubpress.core.revision.ChangeKind;
import dev.hubpress.core.revision.PageChange;
import dev.hubpress.core.testing.ContentFixtures;
import dev.hubpress.core.testing.Gates;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Issue 13, item 11: a content editor must not be able to route a reader's tokens or address
 * anywhere. Content once could, by writing the personalisation placeholders into hub.yaml's
 * baseUrl or a title: every page link then carried each reader's live unsubscribe token.
 */
class PersonalisationTest {

    private static final Instant DATE = Instant.parse("2026-03-14T09:00:00Z");
    private static final MailRouting ROUTING = MailRouting.of("digest@mail.example.org", "https://hub.example.org/api", null);
    // The placeholders of the string-replacing personalisation, and what a mark looks like without its NULs.
    private static final String BAIT = "HUBPRESS_UNSUBSCRIBE_TOKEN_7f3a HUBPRESS_MANAGE_TOKEN_7f3a {{unsubscribe}} $token 0 1 2 3";

    @Test
    void aReadersTokensAndAddressGoOnlyWhereTheTemplatePutsThem() {
        // GIVEN a hub whose baseUrl, title and page title carry every placeholder the digest ever used
        String yaml = ContentFixtures.HUB_YAML
                .replace("title: Test Hub", "title: Hub HUBPRESS_RECIPIENT_7f3a HUBPRESS_CADENCE_7f3a")
                .replace("baseUrl: https://hub.test", "baseUrl: https://evil.example/HUBPRESS_UNSUBSCRIBE_TOKEN_7f3a/HUBPRESS_MANAGE_TOKEN_7f3a");
        GateResult result = Gates.gate().inspect(ContentFixtures.tree("hub.yaml", yaml,
                "guides/bait.md", ContentFixtures.page(BAIT, "guides", 1, "## A\n\nText.\n")));
        assertThat(result.errors()).isEmpty();
        Hub hub = result.hub().orElseThrow();

        // WHEN its digest is addressed to a reader
        OutgoingEmail email = new DigestEmails(hub, ROUTING).digest(new Digest("hub", 1, 2, DATE,
                List.of(new PageChange("guides/bait", BAIT, ChangeKind.ADDED, false, List.of())), List.of()))
                .to(reader());

        // THEN each token is in its own link only, under the deployment's API, and the address once per part
        for (String part : List.of(email.text(), email.html())) {
            assertThat(count(part, "UNSUB-tok")).as("unsubscribe token").isEqualTo(1);
            assertThat(count(part, "MANAGE-tok")).as("manage token").isEqualTo(1);
            assertThat(count(part, "reader@example.net")).as("address").isEqualTo(1);
            assertThat(part).contains("https://hub.example.org/api/unsubscribe?token=UNSUB-tok")
                    .contains("https://hub.example.org/api/manage?token=MANAGE-tok");
            // AND what content wrote is printed as written, placeholders and all
            assertThat(part).contains("https://evil.example/HUBPRESS_UNSUBSCRIBE_TOKEN_7f3a/HUBPRESS_MANAGE_TOKEN_7f3a/guides/bait.html")
                    .contains("Hub HUBPRESS_RECIPIENT_7f3a HUBPRESS_CADENCE_7f3a");
            assertThat(part).contains(BAIT);
        }
        assertThat(email.headers().get("List-Unsubscribe")).isEqualTo("<https://hub.example.org/api/unsubscribe?token=UNSUB-tok>");
        assertThat(email.from().address().value()).isEqualTo("digest@mail.example.org");
    }

    @Test
    void aTitleCarryingABlanksMarkIsRefusedNotFilled() {
        // GIVEN a digest whose page title holds a blank's mark (content cannot: the gate refuses NUL)
        Hub hub = Gates.gate().inspect(ContentFixtures.tree()).hub().orElseThrow();
        Digest forged = new Digest("hub", 1, 2, DATE,
                List.of(new PageChange("index", "Home \0" + FormLetter.Blank.UNSUBSCRIBE_TOKEN.ordinal() + "\0", ChangeKind.CHANGED,
                        false, List.of())), List.of());

        // WHEN it is rendered THEN it is refused: the marks are not the template's blanks
        assertThatThrownBy(() -> new DigestEmails(hub, ROUTING).digest(forged))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("blanks");
    }

    @Test
    void theGateRefusesMailRoutingInHubYamlAndSaysWhereItBelongs() {
        // GIVEN hub.yaml setting what earlier versions read from it
        String yaml = ContentFixtures.HUB_YAML + """
                channels:
                  email:
                    fromName: The Hub
                    fromAddress: ceo@bank.example
                    apiBaseUrl: https://evil.example/collect
                    unsubscribeMailto: me@evil.example
                """;

        // WHEN the gate reads it
        List<GateError> errors = new PublishGate(new ContentReader(MarkdownEngine.standard()), GateLimits.DEFAULT,
                Channels.of(List.of(new EmailChannel()))).inspect(ContentFixtures.tree("hub.yaml", yaml)).errors();

        // THEN each is refused at its line, naming where the deployment sets it; the display name is content's
        assertThat(errors).extracting(GateError::line).containsExactly(13, 14, 15);
        assertThat(errors.get(0).message()).isEqualTo("channels.email.fromAddress is not read from content: it is set where"
                + " the hub is deployed (the stack's SenderAddress / SenderDomain; HUB_MAIL_FROM for ./hub), not in hub.yaml");
        assertThat(errors.get(1).message()).contains("channels.email.apiBaseUrl is not read from content").contains("HUB_API_BASE_URL");
        assertThat(errors.get(2).message()).contains("channels.email.unsubscribeMailto is not read from content");
    }

    @Test
    void plainTextLinksAreAsciiWhateverTheScript() {
        assertThat(DigestEmails.ascii("https://hub.example.com/guides/café.html#niveaux-supérieurs"))
                .isEqualTo("https://hub.example.com/guides/caf%C3%A9.html#niveaux-sup%C3%A9rieurs");
        assertThat(DigestEmails.ascii("https://hub.example.com/a.html#日本")).isEqualTo("https://hub.example.com/a.html#%E6%97%A5%E6%9C%AC");
        assertThat(DigestEmails.ascii("https://hub.example.com/a.html#x%20y")).isEqualTo("https://hub.example.com/a.html#x%20y");
    }

    private static Recipient reader() {
        Subscriber s = Subscriber.create("r1", EmailAddress.parse("reader@example.net"), SubscriberStatus.CONFIRMED,
                Cadence.EVERY_UPDATE, DATE, 1, null);
        return new Recipient(s, "UNSUB-tok", "MANAGE-tok", "hub.r1-r2.r1");
    }

    private static int count(String text, String what) {
        int n = 0;
        for (int i = text.indexOf(what); i >= 0; i = text.indexOf(what, i + what.length())) {
            n++;
        }
        return n;
    }
}
