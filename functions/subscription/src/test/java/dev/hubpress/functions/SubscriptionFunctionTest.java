package dev.hubpress.functions;

import dev.hubpress.core.testing.Gates;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import dev.hubpress.lambda.EmfLines;
import dev.hubpress.lambda.JsonLog;
import dev.hubpress.lambda.Metrics;
import dev.hubpress.aws.testing.HttpClients;
import dev.hubpress.core.gate.GateLimits;
import dev.hubpress.core.gate.PublishGate;
import dev.hubpress.core.mail.Answer;
import dev.hubpress.core.mail.EmailAddress;
import dev.hubpress.core.mail.SubscriberStatus;
import dev.hubpress.core.markdown.MarkdownEngine;
import dev.hubpress.core.publish.IngestRevision;
import dev.hubpress.core.publish.Snapshots;
import dev.hubpress.core.testing.ContentFixtures;
import dev.hubpress.core.testing.FixedClock;
import dev.hubpress.core.testing.InMemoryBlobStore;
import dev.hubpress.core.testing.InMemoryRevisionLog;
import dev.hubpress.core.testing.InMemorySubscriberDirectory;
import dev.hubpress.core.testing.MailFixtures;
import dev.hubpress.core.testing.RecordingMailer;
import dev.hubpress.digest.SubscriptionPages;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

class SubscriptionFunctionTest {

    private final InMemoryBlobStore blobs = new InMemoryBlobStore();
    private final InMemoryRevisionLog revisions = new InMemoryRevisionLog();
    private final InMemorySubscriberDirectory directory = new InMemorySubscriberDirectory();
    private final RecordingMailer mailer = new RecordingMailer();
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8);
    private final SubscriptionFunction function = new SubscriptionFunction("hub", revisions, blobs, directory, mailer,
            MailFixtures.tokens(), FixedClock.standard(), new JsonLog("subscription", print, FixedClock.standard()));

    private void ingest() {
        new IngestRevision("hub", Gates.gate(), Gates.loader(), new Snapshots(blobs), revisions,
                FixedClock.standard()).ingest(ContentFixtures.repositoryTree(), "test");
    }

    static APIGatewayV2HTTPEvent request(String method, String path, String token, String body) {
        APIGatewayV2HTTPEvent event = EventLoader.loadApiGatewayHttpEvent("events/subscribe-http.json");
        event.getRequestContext().getHttp().setMethod(method);
        event.getRequestContext().getHttp().setPath(path);
        event.setRawPath(path);
        event.setRouteKey(method + " " + path);
        event.setQueryStringParameters(token == null ? null : Map.of("token", token));
        event.setBody(body);
        return event;
    }

    static String token(String text, String path) {
        Matcher m = Pattern.compile(Pattern.quote(path) + "\\?token=([A-Za-z0-9_.~%-]+)").matcher(text);
        assertThat(m.find()).as(path + " link in " + text).isTrue();
        return java.net.URLDecoder.decode(m.group(1), StandardCharsets.UTF_8);
    }

    @Test
    void subscribeConfirmAndOneClickUnsubscribeThroughHttpApiEvents() {
        // GIVEN a published hub
        ingest();

        // WHEN the sample subscribe request arrives
        APIGatewayV2HTTPResponse subscribed = function.handleRequest(EventLoader.loadApiGatewayHttpEvent("events/subscribe-http.json"), null);

        // THEN 202, a PENDING subscriber and one confirmation email
        assertThat(subscribed.getStatusCode()).isEqualTo(202);
        assertThat(subscribed.getHeaders()).containsEntry("Content-Type", "text/html; charset=utf-8");
        assertThat(directory.find(EmailAddress.parse("reader@example.com")).orElseThrow().status()).isEqualTo(SubscriberStatus.PENDING);
        assertThat(mailer.recipients()).containsExactly("reader@example.com");

        // WHEN the link in it is followed
        String confirm = token(mailer.sent().get(0).text(), "/confirm");
        APIGatewayV2HTTPResponse confirmed = function.handleRequest(request("GET", "/confirm", confirm, null), null);

        // THEN confirmed, up to the head
        assertThat(confirmed.getStatusCode()).isEqualTo(200);
        assertThat(directory.find(EmailAddress.parse("reader@example.com")).orElseThrow().status()).isEqualTo(SubscriberStatus.CONFIRMED);

        // AND a one-click unsubscribe (RFC 8058) with a token for that subscriber unsubscribes; GET only shows the page
        String id = directory.find(EmailAddress.parse("reader@example.com")).orElseThrow().id();
        String unsubscribe = MailFixtures.tokens().issue(dev.hubpress.core.mail.Tokens.Purpose.UNSUBSCRIBE, id);
        APIGatewayV2HTTPResponse page = function.handleRequest(request("GET", "/unsubscribe", unsubscribe, null), null);
        assertThat(page.getStatusCode()).isEqualTo(200);
        assertThat(page.getBody()).contains("<form method=\"post\"");
        assertThat(directory.find(EmailAddress.parse("reader@example.com")).orElseThrow().confirmed()).isTrue();
        APIGatewayV2HTTPResponse left = function.handleRequest(request("POST", "/unsubscribe", unsubscribe, "List-Unsubscribe=One-Click"), null);
        assertThat(left.getStatusCode()).isEqualTo(200);
        assertThat(directory.find(EmailAddress.parse("reader@example.com")).orElseThrow().status()).isEqualTo(SubscriberStatus.UNSUBSCRIBED);
    }

    @Test
    void aReaderWhoConfirmsWhileTheNewestSiteHasFailedStartsBeforeThatRevision() {
        // GIVEN r1 whose site is published, and r2 whose site failed (readers cannot see it yet)
        ingest();
        revisions.recordChannel("hub", 1, "site", dev.hubpress.core.revision.ChannelStatus.done(1, 1, 1, "test"));
        new IngestRevision("hub", Gates.gate(), Gates.loader(), new Snapshots(blobs), revisions, FixedClock.standard())
                .ingest(ContentFixtures.with(ContentFixtures.repositoryTree(), "faq.md",
                        (new String(ContentFixtures.repositoryTree().file("faq.md").orElseThrow().bytes(), StandardCharsets.UTF_8)
                                + "\nA paragraph of r2.\n").getBytes(StandardCharsets.UTF_8)), "test");
        revisions.recordChannel("hub", 2, "site", dev.hubpress.core.revision.ChannelStatus.failed(1, "disk full"));
        assertThat(revisions.recent("hub", 5).lastAccepted().orElseThrow().seq()).isEqualTo(2);

        // WHEN a reader subscribes and confirms
        function.handleRequest(EventLoader.loadApiGatewayHttpEvent("events/subscribe-http.json"), null);
        String confirm = token(mailer.sent().get(0).text(), "/confirm");
        assertThat(function.handleRequest(request("GET", "/confirm", confirm, null), null).getStatusCode()).isEqualTo(200);

        // THEN their digests start after r1, the newest revision whose site they can have read, so r2's changes reach them once its site is published
        assertThat(directory.find(EmailAddress.parse("reader@example.com")).orElseThrow().lastDeliveredSeq()).isEqualTo(1);
    }

    @Test
    void theManageLinkShowsAndChangesTheCadence() {
        ingest();
        directory.create(MailFixtures.confirmed(1, 1));
        String manage = MailFixtures.tokens().issue(dev.hubpress.core.mail.Tokens.Purpose.MANAGE, "s000001");
        APIGatewayV2HTTPResponse page = function.handleRequest(request("GET", "/manage", manage, null), null);
        assertThat(page.getStatusCode()).isEqualTo(200);
        assertThat(page.getBody()).contains("value=\"every_update\" checked").contains("value=\"weekly\">");
        APIGatewayV2HTTPResponse saved = function.handleRequest(request("POST", "/manage", manage, "cadence=weekly"), null);
        assertThat(saved.getStatusCode()).isEqualTo(200);
        assertThat(directory.get("s000001").orElseThrow().cadence()).isEqualTo(dev.hubpress.core.mail.Cadence.WEEKLY);
        assertThat(function.handleRequest(request("POST", "/manage", manage, "cadence=daily"), null).getStatusCode()).isEqualTo(400);
    }

    @Test
    void badRequestsAreRefusedWithoutSayingWhoIsSubscribed() {
        ingest();
        assertThat(function.handleRequest(request("POST", "/subscribe", null, "email=not-an-address"), null).getStatusCode()).isEqualTo(400);
        assertThat(function.handleRequest(request("GET", "/confirm", "forged", null), null).getStatusCode()).isEqualTo(400);
        assertThat(function.handleRequest(request("GET", "/nowhere", null, null), null).getStatusCode()).isEqualTo(404);
        assertThat(mailer.calls()).isZero();
    }

    @Test
    void everyAnswerIsTheEmailChannelsPageForIt() {
        // GIVEN a published hub
        ingest();

        // WHEN a forged link, an unknown path and a subscription arrive
        APIGatewayV2HTTPResponse forged = function.handleRequest(request("GET", "/manage", "forged", null), null);
        APIGatewayV2HTTPResponse nowhere = function.handleRequest(request("GET", "/nowhere", null, null), null);
        APIGatewayV2HTTPResponse subscribed = function.handleRequest(EventLoader.loadApiGatewayHttpEvent("events/subscribe-http.json"), null);

        // THEN each body is the page SubscriptionPages renders for its answer, served as uncached, unsniffed HTML
        assertThat(forged.getBody()).isEqualTo(SubscriptionPages.answer(Answer.INVALID_LINK, "forged"));
        assertThat(nowhere.getBody()).isEqualTo(SubscriptionPages.notFound());
        assertThat(subscribed.getBody()).isEqualTo(SubscriptionPages.answer(Answer.of(Answer.Outcome.CHECK_INBOX), ""));
        for (APIGatewayV2HTTPResponse response : List.of(forged, nowhere, subscribed)) {
            assertThat(response.getHeaders()).containsEntry("Content-Type", "text/html; charset=utf-8")
                    .containsEntry("Cache-Control", "no-store").containsEntry("X-Content-Type-Options", "nosniff");
        }
    }

    @Test
    void beforeTheFirstPublicationSubscribingWaits() {
        // GIVEN nothing published yet; WHEN a reader subscribes
        APIGatewayV2HTTPResponse response = function.handleRequest(EventLoader.loadApiGatewayHttpEvent("events/subscribe-http.json"), null);

        // THEN 503 with the page that says subscriptions open once the hub is published, and no email
        assertThat(response.getStatusCode()).isEqualTo(503);
        assertThat(response.getBody()).isEqualTo(SubscriptionPages.opensOncePublished());
        assertThat(mailer.calls()).isZero();
    }

    /** The topic ARN the tests configure; events/bounce-sns.json comes from it. */
    static final String MAIL_EVENTS_TOPIC = "arn:aws:sns:us-east-1:123456789012:hubpress-dev-MailEventsTopic-1A2B3C4D5E6F";

    private BounceFunction bounces(PrintStream out) {
        return new BounceFunction(directory, MAIL_EVENTS_TOPIC, FixedClock.standard(),
                new JsonLog("bounces", out, FixedClock.standard()), new Metrics("bounces", out, FixedClock.standard()));
    }

    @Test
    void aPermanentBounceSuppressesTheAddress() {
        // GIVEN the sample notification of a permanent bounce; WHEN it arrives
        String result = bounces(print).handleRequest(EventLoader.loadSNSEvent("events/bounce-sns.json"), null);

        // THEN the address is suppressed, and counted in the metrics the function declares
        assertThat(result).isEqualTo("1 suppressed");
        assertThat(directory.find(EmailAddress.parse("bounced@example.com")).orElseThrow().status()).isEqualTo(SubscriberStatus.SUPPRESSED);
        assertThat(EmfLines.metrics(out.toString(StandardCharsets.UTF_8))).isEqualTo(BounceFunction.METRICS);
    }

    @Test
    void aReplayedBounceNotificationSuppressesTheAddressOnce() {
        // GIVEN a confirmed subscriber whose address then bounced, and the notification was handled
        directory.create(dev.hubpress.core.mail.Subscriber.create("s-bounced", EmailAddress.parse("bounced@example.com"),
                SubscriberStatus.CONFIRMED, dev.hubpress.core.mail.Cadence.EVERY_UPDATE, FixedClock.standard().instant(), 0, null));
        BounceFunction bounces = bounces(print);
        bounces.handleRequest(EventLoader.loadSNSEvent("events/bounce-sns.json"), null);
        var first = directory.get("s-bounced").orElseThrow();

        // WHEN SNS delivers the same notification again
        bounces.handleRequest(EventLoader.loadSNSEvent("events/bounce-sns.json"), null);

        // THEN still one subscriber for the address, SUPPRESSED, unchanged by the replay
        assertThat(first.status()).isEqualTo(SubscriberStatus.SUPPRESSED);
        assertThat(directory.all()).hasSize(1);
        assertThat(directory.get("s-bounced").orElseThrow()).isEqualTo(first);
    }

    @Test
    void aNotificationFromATopicThatIsNotOursIsIgnored() {
        // GIVEN a confirmed subscriber, and a bounce for that address published on somebody else's topic
        directory.create(dev.hubpress.core.mail.Subscriber.create("s-bounced", EmailAddress.parse("bounced@example.com"),
                SubscriberStatus.CONFIRMED, dev.hubpress.core.mail.Cadence.EVERY_UPDATE, FixedClock.standard().instant(), 0, null));
        ByteArrayOutputStream logged = new ByteArrayOutputStream();

        // WHEN it arrives
        String result = bounces(new PrintStream(logged, true, StandardCharsets.UTF_8))
                .handleRequest(EventLoader.loadSNSEvent("events/bounce-sns-foreign-topic.json"), null);

        // THEN nothing is suppressed, and a warning names the foreign topic
        assertThat(result).isEqualTo("0 suppressed, 1 ignored (foreign topic)");
        assertThat(directory.get("s-bounced").orElseThrow().status()).isEqualTo(SubscriberStatus.CONFIRMED);
        assertThat(directory.all()).hasSize(1);
        assertThat(logged.toString(StandardCharsets.UTF_8))
                .contains("notification from a topic that is not ours")
                .contains("arn:aws:sns:us-east-1:210987654321:not-our-topic")
                .containsIgnoringCase("warn");
    }

    @Test
    void theFunctionsClasspathHasNoApacheOrNettyHttpClient() {
        assertThat(HttpClients.forbiddenLoadable(getClass().getClassLoader())).isEmpty();
    }
}
