package dev.hubpress.cli;

import dev.hubpress.core.channel.Channels;
import dev.hubpress.core.mail.Answer;
import dev.hubpress.core.mail.Tokens;
import dev.hubpress.core.mail.Unsubscribe;
import dev.hubpress.core.testing.ContentFixtures;
import dev.hubpress.core.testing.HtmlDom;
import dev.hubpress.core.testing.SentenceEdit;
import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code ./hub publish}, {@code ./hub subscribers} and {@code ./hub digest} in-process on a copy
 * of the repository's content, every outbox message parsed back with Jakarta Mail.
 */
class DigestCommandTest {

    static final long EPOCH = 1_740_823_200L;
    static final String PAGE = "careers/first-backend-role.md";

    @TempDir
    Path tmp;
    Path content;
    Path out;
    Path outbox;
    final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    final ByteArrayOutputStream stderr = new ByteArrayOutputStream();
    long epoch = EPOCH;

    @BeforeEach
    void copyContent() throws IOException {
        content = ContentFixtures.copyRepositoryContent(tmp.resolve("content"));
        out = tmp.resolve("out");
        outbox = out.resolve("outbox");
    }

    /** Whether the runs get a deployment's mail routing (HUB_MAIL_FROM …), or the defaults of a bare ./hub. */
    boolean deployed = true;

    int hub(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.add("--out");
        all.add(out.toString());
        if (args[0].equals("publish")) {
            all.add("--content");
            all.add(content.toString());
        }
        HubCommand command = new HubCommand(new PrintStream(stdout, true, StandardCharsets.UTF_8),
                new PrintStream(stderr, true, StandardCharsets.UTF_8),
                deployed ? Map.of("SOURCE_DATE_EPOCH", Long.toString(epoch), LocalMail.SECRET_ENV, "a local test secret of 32+ characters!",
                        LocalMail.MAIL_FROM_ENV, "digest@hub.example.com", LocalMail.API_BASE_URL_ENV, "https://hub.example.com/api",
                        LocalMail.UNSUBSCRIBE_MAILTO_ENV, "unsubscribe@hub.example.com")
                        : Map.of("SOURCE_DATE_EPOCH", Long.toString(epoch), LocalMail.SECRET_ENV, "a local test secret of 32+ characters!"),
                Channels::discover);
        return command.run(all.toArray(String[]::new));
    }

    String printed() {
        return stdout.toString(StandardCharsets.UTF_8) + stderr.toString(StandardCharsets.UTF_8);
    }

    List<Path> outbox() throws IOException {
        if (!Files.isDirectory(outbox)) {
            return List.of();
        }
        try (Stream<Path> list = Files.list(outbox)) {
            return list.filter(p -> p.toString().endsWith(".eml")).sorted().toList();
        }
    }

    static MimeMessage parse(Path eml) throws Exception {
        try (InputStream in = Files.newInputStream(eml)) {
            return new MimeMessage(Session.getInstance(new Properties()), in);
        }
    }

    void editPage(String sentence) throws IOException {
        editPage(PAGE, "## What it pays", sentence);
    }

    /** Adds a sentence under a heading of a page, a day later. */
    void editPage(String path, String heading, String sentence) throws IOException {
        Path page = content.resolve(path);
        String before = Files.readString(page);
        String text = before.replace(heading + "\n", heading + "\n\n" + sentence + "\n");
        assertThat(text).as("an edit of " + path).isNotEqualTo(before);
        Files.writeString(page, text);
        epoch += 86_400;
    }

    /** The recipients of the outbox messages not seen before, in order. */
    List<String> newRecipients(List<Path> seen) throws Exception {
        List<String> recipients = new ArrayList<>();
        for (Path eml : outbox()) {
            if (!seen.contains(eml)) {
                seen.add(eml);
                recipients.add(parse(eml).getAllRecipients()[0].toString());
            }
        }
        return recipients;
    }

    String textPart(Path eml) throws Exception {
        return (String) ((Multipart) parse(eml).getContent()).getBodyPart(0).getContent();
    }

    @Test
    void sectionFollowersAndPageWatchersGetOnlyWhatTheyFollowUntilTheyChangeItOrLeave() throws Exception {
        // GIVEN a whole-hub subscriber, a careers follower and a faq watcher
        assertThat(hub("publish")).as(printed()).isZero();
        assertThat(hub("subscribers", "add", "all@example.com")).as(printed()).isZero();
        assertThat(hub("subscribers", "add", "careers@example.com", "--sections", "careers")).as(printed()).isZero();
        assertThat(hub("subscribers", "add", "faq@example.com", "--page", "faq")).as(printed()).isZero();
        assertThat(printed()).contains("Subscribed careers@example.com (a digest on every update, s=careers)");
        List<Path> seen = new ArrayList<>();

        // WHEN careers changes THEN the careers follower is mailed, the faq watcher is not
        editPage("Pay bands moved in 2026.");
        hub("publish");
        assertThat(hub("digest")).as(printed()).isZero();
        assertThat(newRecipients(seen)).containsExactlyInAnyOrder("all@example.com", "careers@example.com");

        // WHEN skills changes THEN only the whole-hub subscriber is mailed
        editPage("skills/api-design-and-microservices.md", "## Why it matters", "Contracts outlive code.");
        hub("publish");
        assertThat(hub("digest")).as(printed()).isZero();
        assertThat(newRecipients(seen)).containsExactly("all@example.com");

        // WHEN the faq changes THEN the watcher gets that page only
        editPage("faq.md", "## What does a backend engineer at a tech company actually do?", "They keep promises to other services.");
        hub("publish");
        hub("digest");
        List<String> recipients = newRecipients(seen);
        assertThat(recipients).containsExactlyInAnyOrder("all@example.com", "faq@example.com");
        Path faqMail = seen.stream().filter(p -> {
            try {
                return parse(p).getAllRecipients()[0].toString().equals("faq@example.com");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }).findFirst().orElseThrow();
        String faqText = textPart(faqMail);
        assertThat(faqText).contains("/faq.html").doesNotContain("/careers/").doesNotContain("/skills/");

        // WHEN the careers follower switches to skills on the preference page (the manage link of their email)
        Path careersMail = null;
        for (Path eml : seen) {
            if (parse(eml).getAllRecipients()[0].toString().equals("careers@example.com")) {
                careersMail = eml;
            }
        }
        Matcher manage = Pattern.compile("/manage\\?token=([A-Za-z0-9_.-]+)").matcher(textPart(careersMail));
        assertThat(manage.find()).isTrue();
        LocalMail mail = new LocalMail(out, "hub", Clock.fixed(Instant.ofEpochSecond(epoch), ZoneOffset.UTC),
                Map.of(LocalMail.SECRET_ENV, "a local test secret of 32+ characters!"), m -> { });
        assertThat(new dev.hubpress.core.mail.ManageSubscription(mail.directory, mail.tokens(), mail.clock).save(manage.group(1),
                new dev.hubpress.core.mail.ManageSubscription.Preferences(dev.hubpress.core.mail.Cadence.EVERY_UPDATE,
                        dev.hubpress.core.mail.Topics.of(List.of("skills"), List.of()), false)).outcome())
                .isEqualTo(Answer.Outcome.UPDATED);
        // THEN the next skills edit reaches them and a careers edit does not
        editPage("skills/api-design-and-microservices.md", "## Why it matters", "Versioning is a promise.");
        hub("publish");
        hub("digest");
        assertThat(newRecipients(seen)).containsExactlyInAnyOrder("all@example.com", "careers@example.com");
        editPage("Bands widened again.");
        hub("publish");
        hub("digest");
        assertThat(newRecipients(seen)).containsExactly("all@example.com");

        // WHEN the whole-hub subscriber unsubscribes with one click THEN nothing more reaches them
        Matcher token = Pattern.compile("token=([A-Za-z0-9_.-]+)>").matcher(
                parse(seen.get(seen.size() - 1)).getHeader("List-Unsubscribe", null).replaceAll("\r\n\\s", " "));
        assertThat(token.find()).isTrue();
        assertThat(new Unsubscribe(mail.directory, mail.tokens(), mail.clock).oneClick(token.group(1), Unsubscribe.ONE_CLICK_BODY)
                .outcome()).isEqualTo(Answer.Outcome.UNSUBSCRIBED);
        editPage("Bands narrowed.");
        hub("publish");
        hub("digest");
        assertThat(newRecipients(seen)).isEmpty();
    }

    @Test
    void anUnknownSectionOrPageIsAUsageErrorNamingIt() {
        assertThat(hub("publish")).as(printed()).isZero();
        assertThat(hub("subscribers", "add", "ann@example.com", "--sections", "careers,kareers")).isEqualTo(HubCommand.USAGE);
        assertThat(printed()).contains("--sections: unknown section 'kareers' (the hub's sections: home, careers, companies");
        assertThat(hub("subscribers", "add", "ann@example.com", "--page", "fqa")).isEqualTo(HubCommand.USAGE);
        assertThat(printed()).contains("--page: unknown page 'fqa'");
        assertThat(hub("subscribers", "list")).isZero();
        assertThat(printed()).contains("No subscribers.");
    }

    @Test
    void digestsGoToEachSubscriberOnceWithBothPartsAndOneClickHeaders() throws Exception {
        // GIVEN a published hub and three subscribers, one of them weekly
        assertThat(hub("publish")).as(printed()).isZero();
        assertThat(hub("subscribers", "add", "Ann@Example.com")).as(printed()).isZero();
        assertThat(hub("subscribers", "add", "bob@example.com", "--weekly")).isZero();
        assertThat(hub("subscribers", "add", "carol@example.com")).isZero();
        // WHEN the digest runs with nothing changed since they subscribed THEN no email
        assertThat(hub("digest")).as(printed()).isZero();
        assertThat(outbox()).isEmpty();
        assertThat(printed()).contains("0 sent");

        // WHEN a section changes and is published, and the digest runs twice
        editPage("Pay bands moved in 2026.");
        assertThat(hub("publish")).as(printed()).isZero();
        assertThat(hub("digest")).as(printed()).isZero();
        assertThat(hub("digest")).as(printed()).isZero();

        // THEN the two every-update subscribers got one message each
        List<Path> messages = outbox();
        assertThat(messages).hasSize(2);
        List<String> recipients = new ArrayList<>();
        for (Path eml : messages) {
            byte[] raw = Files.readAllBytes(eml);
            assertThat(new String(raw, StandardCharsets.US_ASCII).replace("\r\n", "")).doesNotContain("\n");
            MimeMessage message = parse(eml);
            recipients.add(message.getAllRecipients()[0].toString());
            assertThat(message.getSubject()).isEqualTo("Backend Engineer Hub: 1 page updated — Your first backend role"
                    .replace("Your first backend role", titleOf(PAGE)));
            assertThat(message.getSentDate().toInstant()).isEqualTo(Instant.ofEpochSecond(epoch));
            assertThat(message.getFrom()[0].toString()).isEqualTo("Backend Engineer Hub <digest@hub.example.com>");
            assertThat(message.getMessageID()).matches("<hub\\.r1-r2\\.[0-9a-f]{32}@hub\\.example\\.com>");
            assertThat(message.getHeader("List-Unsubscribe-Post", null)).isEqualTo("List-Unsubscribe=One-Click");
            String listUnsubscribe = message.getHeader("List-Unsubscribe", null).replaceAll("\r\n\\s", " ");
            assertThat(listUnsubscribe).matches("<https://hub\\.example\\.com/api/unsubscribe\\?token=[A-Za-z0-9_.-]+>, "
                    + "<mailto:unsubscribe@hub\\.example\\.com\\?subject=unsubscribe>");
            assertThat(message.getHeader("X-Hubpress-Idempotency-Key", null)).isNotBlank();
            assertThat(message.getContentType()).startsWith("multipart/alternative");
            Multipart parts = (Multipart) message.getContent();
            assertThat(parts.getCount()).isEqualTo(2);
            BodyPart text = parts.getBodyPart(0);
            BodyPart html = parts.getBodyPart(1);
            assertThat(text.getContentType()).isEqualToIgnoringCase("text/plain; charset=UTF-8");
            assertThat(html.getContentType()).isEqualToIgnoringCase("text/html; charset=UTF-8");
            String textBody = (String) text.getContent();
            String htmlBody = (String) html.getContent();
            String anchored = "https://hub.example.com/careers/first-backend-role.html#what-it-pays";
            assertThat(textBody).contains(anchored).contains("https://hub.example.com/guide/backend-engineer-hub.pdf");
            assertThat(htmlBody).contains("href=\"" + anchored + "\"").contains("<html lang=\"en\">");
            Matcher href = Pattern.compile("href=\"([^\"]+)\"").matcher(htmlBody);
            while (href.find()) {
                assertThat(href.group(1)).startsWith("https://");
            }
            Matcher url = Pattern.compile("(?m)(https?://\\S+)").matcher(textBody);
            while (url.find()) {
                assertThat(url.group(1)).startsWith("https://hub.example.com/");
            }
        }
        assertThat(recipients).containsExactlyInAnyOrder("Ann@example.com", "carol@example.com");

        // AND the weekly run serves the weekly subscriber, once
        assertThat(hub("digest", "--weekly")).as(printed()).isZero();
        assertThat(hub("digest", "--weekly")).as(printed()).isZero();
        assertThat(outbox()).hasSize(3);

        // AND an editor's preview of the digest sits in the site
        Path preview = out.resolve("site/digest/latest.html");
        assertThat(preview).exists();
        assertThat(Files.readString(preview)).contains("<meta name=\"robots\" content=\"noindex\">")
                .contains("careers/first-backend-role.html#what-it-pays");

        // AND the subscribers list shows everyone caught up to r2
        stdout.reset();
        assertThat(hub("subscribers", "list")).isZero();
        assertThat(stdout.toString(StandardCharsets.UTF_8)).contains("Ann@example.com").contains("weekly").contains("r2")
                .contains("3 subscribers, 3 confirmed.");
    }

    @Test
    void anEditedSentenceIsRedlinedOnTheSiteInTheFeedsAndInTheDigest() throws Exception {
        // GIVEN a published hub and a subscriber
        assertThat(hub("publish")).as(printed()).isZero();
        assertThat(hub("subscribers", "add", "ann@example.com")).as(printed()).isZero();
        // WHEN one sentence of one section is replaced, published and the digest runs
        Path page = content.resolve(SentenceEdit.PATH);
        Files.writeString(page, Files.readString(page).replace(SentenceEdit.BEFORE, SentenceEdit.AFTER));
        epoch += 86_400;
        assertThat(hub("publish")).as(printed()).isZero();
        assertThat(hub("digest")).as(printed()).isZero();

        // THEN the site's redline page of r2 shows exactly that sentence deleted and added
        String redline = Files.readString(out.resolve("site/changes/r2.html"));
        assertThat(HtmlDom.texts(redline, "del")).containsExactly(SentenceEdit.BEFORE);
        assertThat(HtmlDom.texts(redline, "ins")).containsExactly(SentenceEdit.AFTER);
        // AND the Atom feed's newest entry carries it (its HTML content, read back from the XML)
        javax.xml.parsers.DocumentBuilderFactory xml = javax.xml.parsers.DocumentBuilderFactory.newInstance();
        xml.setNamespaceAware(true);
        xml.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        String content = xml.newDocumentBuilder().parse(out.resolve("site/feeds/atom.xml").toFile())
                .getElementsByTagNameNS("http://www.w3.org/2005/Atom", "content").item(0).getTextContent();
        assertThat(HtmlDom.texts(content, "del")).containsExactly(SentenceEdit.BEFORE);
        assertThat(HtmlDom.texts(content, "ins")).containsExactly(SentenceEdit.AFTER);
        // AND the digest's .eml, parsed back: del/ins in the HTML part, - and + lines in the text part
        MimeMessage message = parse(outbox().get(0));
        Multipart parts = (Multipart) message.getContent();
        String text = (String) parts.getBodyPart(0).getContent();
        String html = (String) parts.getBodyPart(1).getContent();
        assertThat(HtmlDom.texts(html, "del")).containsExactly(SentenceEdit.BEFORE);
        assertThat(HtmlDom.texts(html, "ins")).containsExactly(SentenceEdit.AFTER);
        assertThat(text.lines().map(String::strip)).anyMatch(l -> l.startsWith("- ") && l.contains(SentenceEdit.BEFORE))
                .anyMatch(l -> l.startsWith("+ ") && l.contains(SentenceEdit.AFTER));
        assertThat(message.getSubject()).isEqualTo("Backend Engineer Hub: 1 page updated — Make senior backend engineer");
    }

    @Test
    void viewInBrowserOpensTheDigestsPublicPageWhichCarriesNothingPersonal() throws Exception {
        // GIVEN a published hub, a subscriber, and an edit published and mailed
        assertThat(hub("publish")).as(printed()).isZero();
        assertThat(hub("subscribers", "add", "ann@example.com")).as(printed()).isZero();
        editPage("Pay bands moved in 2026.");
        assertThat(hub("publish")).as(printed()).isZero();
        assertThat(hub("digest")).as(printed()).isZero();
        MimeMessage message = parse(outbox().get(0));
        Multipart parts = (Multipart) message.getContent();
        String text = (String) parts.getBodyPart(0).getContent();
        String html = (String) parts.getBodyPart(1).getContent();

        // WHEN the email's "View in browser" link is followed (both parts have it)
        Matcher view = Pattern.compile("href=\"([^\"]+)\"[^>]*>View in browser</a>").matcher(html);
        assertThat(view.find()).as(html).isTrue();
        String url = view.group(1);
        assertThat(url).isEqualTo("https://hub.example.com/digests/r2.html");
        assertThat(text.lines()).contains("View in browser: " + url);

        // THEN it is a page the publish wrote into the site, telling the same change
        Path page = out.resolve("site").resolve(url.substring("https://hub.example.com/".length()));
        assertThat(page).isRegularFile();
        String archived = Files.readString(page);
        assertThat(HtmlDom.texts(archived, "ins")).containsExactly("Pay bands moved in 2026.");
        assertThat(archived).contains("href=\"../careers/first-backend-role.html#what-it-pays\"");
        // AND nothing of the subscriber's: no address, no token, no unsubscribe or manage link
        Matcher token = Pattern.compile("token=([A-Za-z0-9_.-]+)").matcher(html);
        List<String> tokens = new ArrayList<>();
        while (token.find()) {
            tokens.add(token.group(1));
        }
        assertThat(tokens).hasSize(2);
        for (String file : List.of("digests/r2.html", "digests/index.html", "digests/feed.atom")) {
            String published = Files.readString(out.resolve("site").resolve(file));
            assertThat(published).as(file).doesNotContainIgnoringCase("ann@example.com").doesNotContain(tokens.get(0))
                    .doesNotContain(tokens.get(1)).doesNotContainIgnoringCase("unsubscribe").doesNotContain("/api/");
        }
        assertThat(Files.readString(out.resolve("site/digests/feed.atom"))).contains("<id>" + url + "</id>");
    }

    @Test
    void aDigestTheEmailGateRefusesIsNotSentNorRecordedAndTheRunSaysWhichRuleInOneLine() throws Exception {
        // GIVEN a hub published at a plain-http address, a subscriber, and an edit published
        Path config = content.resolve("hub.yaml");
        String https = Files.readString(config);
        Files.writeString(config, https.replace("baseUrl: https://hub.example.com", "baseUrl: http://hub.example.com"));
        assertThat(hub("publish")).as(printed()).isZero();
        editPage("Pay bands moved in 2026.");
        assertThat(hub("publish")).as(printed()).isZero();
        // (with nobody to mail, the editor's preview is refused the same way)
        stderr.reset();
        assertThat(hub("digest")).isEqualTo(HubCommand.FAILED);
        assertThat(stderr.toString(StandardCharsets.UTF_8)).startsWith("hub: email refused: digest hub.r1-r2: links: ")
                .endsWith("; no preview was written" + System.lineSeparator()).hasLineCount(1);
        assertThat(hub("subscribers", "add", "ann@example.com")).as(printed()).isZero();
        editPage("Bands moved again.");
        assertThat(hub("publish")).as(printed()).isZero();
        stdout.reset();
        stderr.reset();

        // WHEN the digest runs THEN it fails with one line naming the rule, and sends nothing
        assertThat(hub("digest")).isEqualTo(HubCommand.FAILED);
        assertThat(stderr.toString(StandardCharsets.UTF_8)).matches("hub: email refused: digest hub\\.r2-r3: links: "
                + "\"http://hub\\.example\\.com/digests/r3\\.html\" is not an absolute https link \\(nor are [0-9]+ more\\)"
                + "( \\(and [0-9]+ more\\))?; nothing was sent or recorded\\R");
        assertThat(outbox()).isEmpty();

        // WHEN the address is fixed and published THEN the next run mails the subscriber everything since r2
        Files.writeString(config, https);
        epoch += 86_400;
        assertThat(hub("publish")).as(printed()).isZero();
        assertThat(hub("digest")).as(printed()).isZero();
        assertThat(outbox()).hasSize(1);
        assertThat(parse(outbox().get(0)).getMessageID()).startsWith("<hub.r2-r4.");
    }

    @Test
    void theUnsubscribeLinkOfAnOutboxMessageWorksWithOneClickAndNotWithAGet() throws Exception {
        // GIVEN ./hub as a user runs it first: no mail routing configured
        deployed = false;
        hub("publish");
        hub("subscribers", "add", "ann@example.com");
        editPage("Another sentence.");
        hub("publish");
        hub("digest");
        MimeMessage message = parse(outbox().get(0));
        String header = message.getHeader("List-Unsubscribe", null).replaceAll("\r\n\\s", " ");
        Matcher token = Pattern.compile("token=([A-Za-z0-9_.-]+)>").matcher(header);
        assertThat(token.find()).isTrue();
        // the outbox says plainly that it links nowhere real: the .invalid defaults, not the hub's baseUrl
        assertThat(header).isEqualTo("<https://hub.invalid/api/unsubscribe?token=" + token.group(1) + ">");
        assertThat(message.getFrom()[0].toString()).isEqualTo("Backend Engineer Hub <digest@hub.invalid>");
        LocalMail mail = new LocalMail(out, "hub", Clock.fixed(Instant.ofEpochSecond(epoch), ZoneOffset.UTC),
                Map.of(LocalMail.SECRET_ENV, "a local test secret of 32+ characters!"), m -> { });
        Unsubscribe unsubscribe = new Unsubscribe(mail.directory, mail.tokens(), mail.clock);
        Path subscriberFile;
        try (Stream<Path> files = Files.list(out.resolve("state/subscribers"))) {
            subscriberFile = files.filter(p -> p.toString().endsWith(".json")).findFirst().orElseThrow();
        }
        byte[] before = Files.readAllBytes(subscriberFile);
        // GET (a link scanner) changes nothing
        assertThat(unsubscribe.page(token.group(1)).outcome()).isEqualTo(Answer.Outcome.UNSUBSCRIBE_PAGE);
        assertThat(Files.readAllBytes(subscriberFile)).isEqualTo(before);
        // the one-click POST unsubscribes, twice the same
        assertThat(unsubscribe.oneClick(token.group(1), Unsubscribe.ONE_CLICK_BODY).outcome()).isEqualTo(Answer.Outcome.UNSUBSCRIBED);
        assertThat(unsubscribe.oneClick(token.group(1), Unsubscribe.ONE_CLICK_BODY).outcome()).isEqualTo(Answer.Outcome.UNSUBSCRIBED);
        // a token for another purpose, of that very subscriber (whom an unsubscribe token still reaches), is refused like garbage
        String subscriberId = mail.directory.all().get(0).id();
        String manage = new Tokens("a local test secret of 32+ characters!".getBytes(StandardCharsets.UTF_8),
                Tokens.DEFAULT_CONFIRM_VALIDITY, mail.clock).issue(Tokens.Purpose.MANAGE, subscriberId);
        assertThat(unsubscribe.oneClick(manage, Unsubscribe.ONE_CLICK_BODY)).isEqualTo(Answer.INVALID_LINK);
        assertThat(unsubscribe.oneClick(mail.tokens().issue(Tokens.Purpose.UNSUBSCRIBE, subscriberId), Unsubscribe.ONE_CLICK_BODY)
                .outcome()).as("the same subscriber's unsubscribe token").isEqualTo(Answer.Outcome.UNSUBSCRIBED);
        // and the next digest mails nobody
        editPage("Yet another sentence.");
        hub("publish");
        stdout.reset();
        hub("digest");
        assertThat(outbox()).hasSize(1);
        assertThat(stdout.toString(StandardCharsets.UTF_8)).contains("0 confirmed subscribers");
    }

    @Test
    void subscribersCommandsCheckTheirArguments() {
        assertThat(hub("subscribers", "add", "Ann <ann@example.com>")).isEqualTo(HubCommand.USAGE);
        assertThat(hub("subscribers", "frobnicate")).isEqualTo(HubCommand.USAGE);
        assertThat(hub("subscribers", "list", "--weekly")).isEqualTo(HubCommand.USAGE);
        assertThat(hub("digest", "now")).isEqualTo(HubCommand.USAGE);
        assertThat(hub("digest")).isEqualTo(HubCommand.FAILED);
        assertThat(printed()).contains("run ./hub publish first");
        assertThat(hub("subscribers", "remove", "nobody@example.com")).isEqualTo(HubCommand.FAILED);
        assertThat(hub("subscribers", "add", "ann@example.com")).isZero();
        assertThat(hub("subscribers", "remove", "ann@example.com")).isZero();
        assertThat(hub("subscribers", "remove", "ann@example.com")).isZero();
        assertThat(printed()).contains("Unsubscribed ann@example.com.").contains("is not subscribed (unsubscribed)");
    }

    @Test
    void aRevisionWhoseSiteFailedIsAnnouncedOnlyOnceTheSiteIsRetriedAndPublished() throws Exception {
        // GIVEN r1 published and a subscriber
        assertThat(hub("publish")).as(printed()).isZero();
        assertThat(hub("subscribers", "add", "dan@example.com")).as(printed()).isZero();
        Path atom = out.resolve("site/feeds/atom.xml");
        // AND r2 adds the page Nest, whose site page cannot be written (a folder stands where it goes)
        Files.writeString(content.resolve("careers/nest.md"), "---\ntitle: Nest\nsummary: Where backend engineers nest.\n"
                + "section: careers\norder: 9\n---\n\n## Why nest\n\nA page the site fails to publish at first.\n");
        Path obstacle = out.resolve("site/careers/nest.html");
        Files.createDirectories(obstacle);
        Files.writeString(obstacle.resolve("keep"), "in the way");
        epoch += 86_400;
        assertThat(hub("publish")).as(printed()).isEqualTo(HubCommand.FAILED);
        assertThat(printed()).contains("Site failed");

        // WHEN the digest runs
        assertThat(hub("digest")).as(printed()).isZero();

        // THEN nothing about r2 is mailed (its site is not published), and the feeds do not announce Nest
        assertThat(outbox()).isEmpty();
        assertThat(printed()).contains("Digest of r1");
        assertThat(Files.readString(atom)).doesNotContain("Nest");

        // WHEN the obstacle is gone, ./hub publish retries the site (and the feeds, which read it), and the digest runs again
        Files.delete(obstacle.resolve("keep"));
        Files.delete(obstacle);
        stdout.reset();
        assertThat(hub("publish")).as(printed()).isZero();
        assertThat(printed()).contains("Retrying site, feeds");
        assertThat(hub("digest")).as(printed()).isZero();

        // THEN one digest announces Nest, linking the page that is now there, and the feeds announce it once
        List<Path> messages = outbox();
        assertThat(messages).hasSize(1);
        MimeMessage digest = parse(messages.get(0));
        assertThat(digest.getSubject()).contains("1 new page").contains("Nest");
        assertThat(out.resolve("site/careers/nest.html")).isRegularFile();
        assertThat(Files.readString(atom)).containsOnlyOnce("New: Nest").doesNotContain("Removed: Nest");
    }

    private String titleOf(String path) throws IOException {
        Matcher title = Pattern.compile("(?m)^title: (.+)$").matcher(Files.readString(content.resolve(path)));
        assertThat(title.find()).isTrue();
        return title.group(1).strip();
    }
}
