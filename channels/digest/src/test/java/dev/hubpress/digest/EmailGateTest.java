package dev.hubpress.digest;

import dev.hubpress.core.channel.Edition;
import dev.hubpress.core.mail.Cadence;
import dev.hubpress.core.mail.Digest;
import dev.hubpress.core.mail.EmailAddress;
import dev.hubpress.core.mail.EmailRefused;
import dev.hubpress.core.mail.MailRouting;
import dev.hubpress.core.mail.OutgoingEmail;
import dev.hubpress.core.mail.Recipient;
import dev.hubpress.core.mail.Subscriber;
import dev.hubpress.core.mail.SubscriberStatus;
import dev.hubpress.core.revision.ChangeKind;
import dev.hubpress.core.revision.ChangeSet;
import dev.hubpress.core.revision.PageChange;
import dev.hubpress.core.revision.SectionChange;
import dev.hubpress.core.testing.ContentFixtures;
import dev.hubpress.core.testing.Editions;
import dev.hubpress.core.testing.MailFixtures;
import dev.hubpress.core.testing.NuHtmlChecker;
import dev.hubpress.core.testing.SentenceEdit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The email quality gate on real digests of the repository's hub: the digest of a one-sentence
 * edit passes every rule; the same email with one defect planted is refused for that defect, and
 * only that one; a digest of a huge revision is cut under the size limit and passes.
 */
class EmailGateTest {

    private static Edition second;
    private static DigestEmails emails;
    private static OutgoingEmail email;
    private static EmailGate gate;

    @BeforeAll
    static void digestTheEdit() {
        second = SentenceEdit.secondEdition();
        ChangeSet changes = second.revision().changes();
        emails = new DigestEmails(second.hub(), MailFixtures.ROUTING);
        email = emails.digest(new Digest("hub", 1, 2, second.revision().createdAt(), changes.pages(), changes.files()))
                .to(recipient());
        gate = emails.gate();
    }

    static Recipient recipient() {
        Subscriber s = Subscriber.create("abc123", EmailAddress.parse("ann@example.com"), SubscriberStatus.CONFIRMED,
                Cadence.EVERY_UPDATE, Editions.FIRST, 1, null);
        return new Recipient(s, "UNSUB.tok", "MANAGE.tok", "hub.r1-r2.abc123");
    }

    @Test
    void theRealHubsDigestsPassEveryRule() {
        assertThat(gate.violations(email)).isEmpty();
        assertThat(gate.check("digest hub.r1-r2", email)).isSameAs(email);
        // the first publication's digest too: every page of the hub new
        Edition first = Editions.firstEdition(ContentFixtures.repositoryTree());
        ChangeSet all = first.revision().changes();
        OutgoingEmail everything = new DigestEmails(first.hub(), MailFixtures.ROUTING)
                .digest(new Digest("hub", 0, 1, first.revision().createdAt(), all.pages(), all.files())).to(recipient());
        assertThat(all.pages()).hasSizeGreaterThan(10);
        assertThat(gate.violations(everything)).isEmpty();
    }

    @Test
    void aDigestOverTheSizeIsRefused() {
        String filler = "<p style=\"margin:0;\">" + "Padding words that make the part long. ".repeat(2700) + "</p>\n";
        OutgoingEmail big = html(email.html().replace("</h1>", "</h1>\n" + filler));
        assertThat(EmailGate.encodedBytes(big.html())).isGreaterThan(EmailGate.MAX_HTML_BYTES);
        assertRefusedFor(big, EmailGate.SIZE);
        // the check a digest's later recipients get measures it too
        assertThatThrownBy(() -> gate.checkSize("digest hub.r1-r2", big)).isInstanceOf(EmailRefused.class)
                .hasMessageStartingWith("email refused: digest hub.r1-r2: size: the HTML part is ");
        assertThat(gate.checkSize("digest hub.r1-r2", email)).isSameAs(email);
    }

    @Test
    void aMissingPreheaderIsRefused() {
        String preheader = "<div style=\"display:none;max-height:0;overflow:hidden;\">";
        int start = email.html().indexOf(preheader);
        int end = email.html().indexOf("</div>", start) + "</div>".length();
        assertThat(start).isPositive();
        assertRefusedFor(html(email.html().substring(0, start) + email.html().substring(end)), EmailGate.PREHEADER);
    }

    @Test
    void aPreheaderRepeatedInTheBodyIsRefused() {
        String intro = "1 page updated since your last digest";
        assertThat(email.html()).contains(intro);
        assertRefusedFor(html(email.html().replaceFirst("In this digest: [^<]*", intro)), EmailGate.PREHEADER);
    }

    @Test
    void anImageWithoutAltIsRefused() {
        String pixel = "<img src=\"data:image/gif;base64,R0lGODlhAQABAAAAACw=\" width=\"1\" height=\"1\">";
        assertRefusedFor(html(email.html().replace("</h1>", "</h1>" + pixel)), EmailGate.ALT);
    }

    @Test
    void aRelativeLinkIsRefused() {
        String guide = emails.guideUrl();
        assertThat(email.html()).contains("href=\"" + guide + "\"");
        OutgoingEmail relative = new OutgoingEmail(email.from(), email.to(), email.subject(),
                email.html().replace("href=\"" + guide + "\"", "href=\"guide/backend-engineer-hub.pdf\""),
                email.text().replace(guide, "guide/backend-engineer-hub.pdf"), email.headers(), email.date(), email.messageId(),
                email.idempotencyKey());
        // the text part cannot carry a relative link as a link: it lacks it, and the HTML's link is not absolute
        assertThat(new EmailGate("https://hub.example.com", MailFixtures.ROUTING).violations(relative))
                .extracting(EmailGate.Violation::rule).containsExactly(EmailGate.LINKS);
        assertThatThrownBy(() -> gate.check("digest hub.r1-r2", relative)).isInstanceOf(EmailRefused.class)
                .hasMessage("email refused: digest hub.r1-r2: links: \"guide/backend-engineer-hub.pdf\" is not an absolute https link");
    }

    @Test
    void plainHttpLinksPassOnlyToTheLoopbackWhereThePreviewServerAnswers() {
        // GIVEN the digest with its subscription links on ./hub preview's loopback API, and on a host of the web
        String api = "https://hub.example.com/api";
        assertThat(email.html()).contains(api);
        OutgoingEmail loopback = links(api, "http://127.0.0.1:8000/api");
        OutgoingEmail web = links(api, "http://hub.example.com/api");

        // THEN a gate routed to the loopback passes the first; one routed to the web refuses the second for its links
        assertThat(new EmailGate(second.hub().config().baseUrl(), MailRouting.of("digest@hub.example.com",
                "http://127.0.0.1:8000/api", null)).violations(loopback)).isEmpty();
        assertThat(new EmailGate(second.hub().config().baseUrl(), MailRouting.of("digest@hub.example.com",
                "http://hub.example.com/api", null)).violations(web)).extracting(EmailGate.Violation::rule).contains(EmailGate.LINKS);
    }

    private static OutgoingEmail links(String from, String to) {
        return new OutgoingEmail(email.from(), email.to(), email.subject(), email.html().replace(from, to),
                email.text().replace(from, to), email.headers(), email.date(), email.messageId(), email.idempotencyKey());
    }

    @Test
    void aTextPartWithoutALinkTheHtmlHasIsRefused() {
        String guide = emails.guideUrl();
        assertThat(email.text()).contains(guide);
        OutgoingEmail lacking = text(email.text().replace(guide, "(the guide)"));
        assertRefusedFor(lacking, EmailGate.TEXT);
        assertThat(gate.violations(lacking)).singleElement().extracting(EmailGate.Violation::detail)
                .isEqualTo("the text part lacks the HTML's link " + guide);
        // and a link only the text part has
        assertRefusedFor(text(email.text() + "\nMore: https://hub.example.com/faq.html\n"), EmailGate.TEXT);
    }

    @Test
    void aLowContrastColourPairIsRefused() {
        // the intro's grey on the card's cream: 1.7:1
        OutgoingEmail faint = html(email.html().replaceFirst("(<p class=\"text\" style=\"[^\"]*)color:#23272e;", "$1color:#b8b2a6;"));
        assertThat(faint.html()).isNotEqualTo(email.html());
        assertRefusedFor(faint, EmailGate.CONTRAST);
        assertThat(gate.violations(faint).get(0).detail()).startsWith("#b8b2a6 on #fffcf5 in <p> is 2.0").contains("light");
    }

    @Test
    void aColourThatOnlyFailsInTheDarkSchemeIsRefused() {
        // the dark scheme's muted grey made as dark as its card
        OutgoingEmail dark = html(email.html().replace(".muted { color: #b9b3a8 !important; }", ".muted { color: #3a414b !important; }"));
        assertThat(dark.html()).isNotEqualTo(email.html());
        assertRefusedFor(dark, EmailGate.CONTRAST);
        assertThat(gate.violations(dark).get(0).detail()).contains(" dark,");
    }

    @Test
    void aColourThatOnlyFailsWhenAClientInvertsItIsRefused() {
        // black on mid grey reads in light (4.6:1); inverted it is white on mid grey (3.5:1)
        String badge = "background-color:#f6e7c8;color:#6b4200;";
        assertThat(email.html()).contains(badge);
        OutgoingEmail inverted = html(email.html().replace(badge, "background-color:#767676;color:#000000;"));
        List<EmailGate.Violation> violations = gate.violations(inverted);
        assertThat(violations).extracting(EmailGate.Violation::rule).containsExactly(EmailGate.CONTRAST);
        assertThat(violations.get(0).detail()).contains("inverted").doesNotContain(" light,");
    }

    @Test
    void aRemoteImageIsRefused() {
        String pixel = "<img src=\"https://pixel.example.net/open.gif?u=abc123\" alt=\"\" width=\"1\" height=\"1\">";
        assertRefusedFor(html(email.html().replace("</h1>", "</h1>" + pixel)), EmailGate.TRACKING);
    }

    @Test
    void aRedirectOrThirdPartyLinkIsRefused() {
        String guide = emails.guideUrl();
        String redirect = "https://hub.example.com/r?u=abc123&to=" + guide;
        assertRefusedFor(both(guide, redirect), EmailGate.TRACKING);
        assertRefusedFor(both(guide, "https://click.example.net/guide.pdf"), EmailGate.TRACKING);
        assertRefusedFor(both(guide, guide + "?utm_source=digest"), EmailGate.TRACKING);
    }

    @Test
    void aLayoutTableWithoutPresentationOrAPageWithoutLangIsRefused() {
        assertRefusedFor(html(email.html().replaceFirst("<table role=\"presentation\"", "<table")), EmailGate.LAYOUT);
        assertRefusedFor(html(email.html().replace("<html lang=\"en\">", "<html>")), EmailGate.LANG);
    }

    @Test
    void textHiddenBesidesThePreheaderIsRefused() {
        assertRefusedFor(html(email.html().replace("</h1>", "</h1><span style=\"display:none\">only in the HTML</span>")),
                EmailGate.HIDDEN);
    }

    @Test
    void aHugeRevisionsDigestIsCutUnderTheLimitAndPasses() {
        List<PageChange> pages = new ArrayList<>();
        second.hub().pages().forEach(p -> {
            for (int i = 0; i < 60; i++) {
                List<SectionChange> sections = p.headings().stream()
                        .map(h -> new SectionChange(h.id(), h.text(), ChangeKind.CHANGED)).toList();
                pages.add(new PageChange(p.slug(), p.title() + " (part " + i + ")", ChangeKind.CHANGED, true, sections));
            }
        });
        Digest huge = new Digest("hub", 1, 2, second.revision().createdAt(), pages, List.of());
        DigestEmails.Rendered rendered = emails.digest(huge);
        OutgoingEmail cut = rendered.to(recipient());
        assertThat(gate.violations(cut)).isEmpty();
        assertThat(EmailGate.encodedBytes(cut.html())).isLessThanOrEqualTo(EmailGate.MAX_HTML_BYTES)
                .isGreaterThan(EmailGate.MAX_HTML_BYTES * 8 / 10);
        String archive = "https://hub.example.com/digests/r2.html";
        assertThat(cut.html()).containsPattern("…and [0-9]+ more changes, not shown here")
                .contains("href=\"" + archive + "\" style=\"color:#1b4d8f;\">See them all in the digest archive</a>");
        assertThat(cut.text()).containsPattern("…and [0-9]+ more changes, not shown here. See them all in the digest archive: "
                + archive.replace(".", "\\."));
        // the unsubscribe link is still there, at the end
        assertThat(cut.html()).contains("/unsubscribe?token=UNSUB.tok");
        assertThat(new NuHtmlChecker().errors(cut.html())).isEmpty();
        // a small digest is not cut
        assertThat(email.html()).doesNotContain("more changes, not shown here");
    }

    private static void assertRefusedFor(OutgoingEmail planted, String rule) {
        assertThat(gate.violations(planted)).extracting(EmailGate.Violation::rule).containsExactly(rule);
        assertThatThrownBy(() -> gate.check("digest hub.r1-r2", planted)).isInstanceOf(EmailRefused.class)
                .hasMessageStartingWith("email refused: digest hub.r1-r2: " + rule + ": ")
                .satisfies(e -> assertThat(((EmailRefused) e).rule()).isEqualTo(rule))
                .hasMessageNotContaining("\n").hasMessageNotContaining("ann@example.com");
    }

    private static OutgoingEmail both(String link, String replacement) {
        return new OutgoingEmail(email.from(), email.to(), email.subject(), email.html().replace(link, replacement),
                email.text().replace(link, replacement), email.headers(), email.date(), email.messageId(), email.idempotencyKey());
    }

    private static OutgoingEmail html(String html) {
        return new OutgoingEmail(email.from(), email.to(), email.subject(), html, email.text(), email.headers(), email.date(),
                email.messageId(), email.idempotencyKey());
    }

    private static OutgoingEmail text(String text) {
        return new OutgoingEmail(email.from(), email.to(), email.subject(), email.html(), text, email.headers(), email.date(),
                email.messageId(), email.idempotencyKey());
    }
}
