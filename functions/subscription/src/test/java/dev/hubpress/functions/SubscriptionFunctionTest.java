package dev.hubpress.functions;

import dev.hubpress.core.testing.Gates;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import dev.hubpress.lambda.EmfLines;
import dev.hubpress.lambda.JsonLog;
import dev.hubpress.lambda.Metrics;
import dev.hubpress.aws.testing.HttpClients;
import dev.hubpress.core.gate.GateLimits;
import dev.hubpress.core.gate.PublishGate;
import dev.hubpress.core.mail.Answer;
import dev.hubpress.core.mail.ConfirmationLimits;
import dev.hubpress.core.mail.Subscriber;
import dev.hubpress.core.mail.EmailAddress;
import dev.hubpress.core.mail.MailerException;
import dev.hubpress.core.mail.SubscriberStatus;
import dev.hubpress.core.mail.Topics;
import dev.hubpress.core.markdown.MarkdownEngine;
import dev.hubpress.core.publish.IngestRevision;
import dev.hubpress.core.publish.Snapshots;
import dev.hubpress.core.testing.ContentFixtures;
import dev.hubpress.core.testing.FixedClock;
import dev.hubpress.core.testing.InMemoryBlobStore;
import dev.hubpress.core.testing.InMemoryRevisionLog;
import dev.hubpress.core.testing.InMemoryConfirmationBudget;
import dev.hubpress.core.testing.InMemorySubscriberDirectory;
import dev.hubpress.core.testing.InMemorySubscriptionRequests;
import dev.hubpress.core.testing.MailFixtures;
import dev.hubpress.core.testing.RecordingMailer;
import dev.hubpress.digest.SubscriptionPages;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

class SubscriptionFunctionTest {

    private final InMemoryBlobStore blobs = new InMemoryBlobStore();
    private final InMemoryRevisionLog revisions = new InMemoryRevisionLog();
    private final InMemorySubscriberDirectory directory = new InMemorySubscriberDirectory();
    private final InMemorySubscriptionRequests requests = new InMemorySubscriptionRequests();
    private final InMemoryConfirmationBudget budget = new InMemoryConfirmationBudget();
    private final RecordingMailer mailer = new RecordingMailer();
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8);
    private final SubscriptionFunction function = new SubscriptionFunction("hub", revisions, directory, requests,
            MailFixtures.tokens(), FixedClock.standard(), new JsonLog("subscription", print, FixedClock.standard()));
    private final SubscriptionRequestFunction worker = new SubscriptionRequestFunction("hub", revisions, blobs, directory, budget,
            ConfirmationLimits.DEFAULT, mailer, MailFixtures.ROUTING, MailFixtures.tokens(), FixedClock.standard(),
            new JsonLog(SubscriptionRequestFunction.FUNCTION, print, FixedClock.standard()),
            new Metrics(SubscriptionRequestFunction.FUNCTION, "test", print, FixedClock.standard()));

    private void ingest() {
        new IngestRevision("hub", Gates.gate(), Gates.loader(), new Snapshots(blobs), revisions,
                FixedClock.standard()).ingest(ContentFixtures.repositoryTree(), "test");
    }

    /** The stream delivers what the endpoint left to the worker. */
    private StreamsEventResponse work() {
        return worker.handleRequest(RequestRecords.of(requests.take()), null);
    }

    static APIGatewayV2HTTPEvent request(String method, String path, String token, String body) {
        APIGatewayV2HTTPEvent event = EventLoader.loadApiGatewayHttpEvent("events/subscribe-http.json");
        event.getRequestContext().getHttp().setMethod(method);
        event.getRequestContext().getHttp().setPath(path);
        event.setRawPath(path);
        event.setRouteKey(method + " " + path);
        event.setQueryStringParameters(token == null ? null : Map.of("token", token));
        // An HTTP API base64-encodes a form body (any body but text, JSON, XML, JavaScript): events/subscribe-http.json.
        event.setBody(body == null ? null : java.util.Base64.getEncoder().encodeToString(body.getBytes(StandardCharsets.UTF_8)));
        event.setIsBase64Encoded(body != null);
        return event;
    }

    /** The sample subscribe request with another content type and body, as sent (base64 or not). */
    static APIGatewayV2HTTPEvent subscribe(String contentType, String body, boolean base64) {
        APIGatewayV2HTTPEvent event = EventLoader.loadApiGatewayHttpEvent("events/subscribe-http.json");
        Map<String, String> headers = new HashMap<>(event.getHeaders());
        if (contentType == null) {
            headers.remove("content-type");
        } else {
            headers.put("content-type", contentType);
        }
        event.setHeaders(headers);
        event.setBody(body);
        event.setIsBase64Encoded(base64);
        return event;
    }

    static APIGatewayV2HTTPEvent subscribe(String address) {
        return subscribe("application/x-www-form-urlencoded", "email=" + URLEncoder.encode(address, StandardCharsets.UTF_8), false);
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

        // THEN 202, and the request is left for the worker: nobody is looked up or mailed yet
        assertThat(subscribed.getStatusCode()).isEqualTo(202);
        assertThat(subscribed.getHeaders()).containsEntry("Content-Type", "text/html; charset=utf-8");
        assertThat(requests.waiting()).hasSize(1);
        assertThat(directory.all()).isEmpty();
        assertThat(mailer.calls()).isZero();

        // WHEN the requests table's stream hands it to the worker
        assertThat(work().getBatchItemFailures()).isEmpty();

        // THEN a PENDING subscriber and one confirmation email
        assertThat(directory.find(EmailAddress.parse("reader@example.com")).orElseThrow().status()).isEqualTo(SubscriberStatus.PENDING);
        assertThat(mailer.recipients()).containsExactly("reader@example.com");

        // WHEN the link in it is opened (GET): a page whose button posts back; THEN still pending
        String confirm = token(mailer.sent().get(0).text(), "/confirm");
        APIGatewayV2HTTPResponse page = function.handleRequest(request("GET", "/confirm", confirm, null), null);
        assertThat(page.getStatusCode()).isEqualTo(200);
        assertThat(page.getBody()).contains("<form method=\"post\"").contains("Confirm subscription");
        assertThat(directory.find(EmailAddress.parse("reader@example.com")).orElseThrow().status()).isEqualTo(SubscriberStatus.PENDING);

        // WHEN the button is pressed (POST) THEN confirmed, up to the head
        APIGatewayV2HTTPResponse confirmed = function.handleRequest(request("POST", "/confirm", confirm, ""), null);
        assertThat(confirmed.getStatusCode()).isEqualTo(200);
        assertThat(directory.find(EmailAddress.parse("reader@example.com")).orElseThrow().status()).isEqualTo(SubscriberStatus.CONFIRMED);

        // AND a one-click unsubscribe (RFC 8058) with a token for that subscriber unsubscribes; GET only shows the page
        String id = directory.find(EmailAddress.parse("reader@example.com")).orElseThrow().id();
        String unsubscribe = MailFixtures.tokens().issue(dev.hubpress.core.mail.Tokens.Purpose.UNSUBSCRIBE, id);
        APIGatewayV2HTTPResponse unsubscribePage = function.handleRequest(request("GET", "/unsubscribe", unsubscribe, null), null);
        assertThat(unsubscribePage.getStatusCode()).isEqualTo(200);
        assertThat(unsubscribePage.getBody()).contains("<form method=\"post\"");
        assertThat(directory.find(EmailAddress.parse("reader@example.com")).orElseThrow().confirmed()).isTrue();
        APIGatewayV2HTTPResponse left = function.handleRequest(request("POST", "/unsubscribe", unsubscribe, "List-Unsubscribe=One-Click"), null);
        assertThat(left.getStatusCode()).isEqualTo(200);
        assertThat(directory.find(EmailAddress.parse("reader@example.com")).orElseThrow().status()).isEqualTo(SubscriberStatus.UNSUBSCRIBED);
        // AND the confirm link, posted again, neither confirms again nor brings them back
        assertThat(function.handleRequest(request("POST", "/confirm", confirm, ""), null).getStatusCode()).isEqualTo(400);
        assertThat(directory.find(EmailAddress.parse("reader@example.com")).orElseThrow().status()).isEqualTo(SubscriberStatus.UNSUBSCRIBED);
    }

    @Test
    void aGetOnTheConfirmLinkChangesNothing() {
        // GIVEN a reader who subscribed and got the confirmation email
        ingest();
        function.handleRequest(subscribe("reader@example.com"), null);
        work();
        Subscriber before = directory.find(EmailAddress.parse("reader@example.com")).orElseThrow();
        String confirm = token(mailer.sent().get(0).text(), "/confirm");

        // WHEN a link scanner fetches the link, many times
        for (int i = 0; i < 5; i++) {
            assertThat(function.handleRequest(request("GET", "/confirm", confirm, null), null).getStatusCode()).isEqualTo(200);
        }

        // THEN the reader is still pending, not even the version moved
        assertThat(directory.find(EmailAddress.parse("reader@example.com"))).contains(before);
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

        // WHEN a reader subscribes, the worker sends the confirmation, and the reader presses its button
        function.handleRequest(EventLoader.loadApiGatewayHttpEvent("events/subscribe-http.json"), null);
        assertThat(work().getBatchItemFailures()).isEmpty();
        String confirm = token(mailer.sent().get(0).text(), "/confirm");
        assertThat(function.handleRequest(request("POST", "/confirm", confirm, ""), null).getStatusCode()).isEqualTo(200);

        // THEN their digests start after r1, the newest revision whose site they can have read, so r2's changes reach them once its site is published
        assertThat(directory.find(EmailAddress.parse("reader@example.com")).orElseThrow().lastDeliveredSeq()).isEqualTo(1);
    }

    /** A reader subscribed and confirmed through the endpoint; the WELCOME request it left, as the stream would deliver it. */
    private List<dev.hubpress.core.mail.SubscriptionRequest> confirmedAndWelcomeAsked() {
        ingest();
        function.handleRequest(EventLoader.loadApiGatewayHttpEvent("events/subscribe-http.json"), null);
        assertThat(work().getBatchItemFailures()).isEmpty();
        String confirm = token(mailer.sent().get(0).text(), "/confirm");
        assertThat(function.handleRequest(request("POST", "/confirm", confirm, ""), null).getStatusCode()).isEqualTo(200);
        out.reset();
        return requests.take();
    }

    @Test
    void aWelcomeSesCouldNotSendForNowIsRetriedByTheStreamAndSentOnce() {
        // GIVEN a confirmed reader's welcome request, and SES throttling the first attempt at it (the mailer's second call)
        List<dev.hubpress.core.mail.SubscriptionRequest> welcome = confirmedAndWelcomeAsked();
        mailer.failAt(2, () -> new MailerException.Throttled("Maximum sending rate exceeded."));

        // WHEN the stream delivers it, and again after the failure it was told of
        StreamsEventResponse first = worker.handleRequest(RequestRecords.of(welcome), null);
        StreamsEventResponse again = worker.handleRequest(RequestRecords.of(welcome), null);

        // THEN the first delivery reported the record for a retry, counted as a failure; the retry sent the welcome, once
        assertThat(first.getBatchItemFailures()).hasSize(1);
        assertThat(again.getBatchItemFailures()).isEmpty();
        assertThat(mailer.sent()).hasSize(2);
        assertThat(mailer.sent().get(1).text()).contains("Welcome!");
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("\"ConfirmationsFailed\":1.0").contains("WELCOME_SENT");
    }

    @Test
    void aWelcomeSesRefusedForGoodIsAWarningAndAFailureCountedNotARetry() {
        // GIVEN a confirmed reader's welcome request, and SES refusing it for good
        List<dev.hubpress.core.mail.SubscriptionRequest> welcome = confirmedAndWelcomeAsked();
        mailer.failAt(2, () -> new MailerException.Permanent("Message rejected: Email address is not verified."));

        // WHEN the stream delivers it
        StreamsEventResponse response = worker.handleRequest(RequestRecords.of(welcome), null);

        // THEN it is done with (no retry could help), the subscriber stays confirmed, and the log and the metric say so
        assertThat(response.getBatchItemFailures()).isEmpty();
        assertThat(directory.find(EmailAddress.parse("reader@example.com")).orElseThrow().status()).isEqualTo(SubscriberStatus.CONFIRMED);
        String logs = out.toString(StandardCharsets.UTF_8);
        assertThat(logs.lines().filter(line -> line.contains("WELCOME_FAILED"))).singleElement().asString()
                .contains("\"level\":\"WARN\"").contains("the welcome email is not sent again");
        assertThat(logs).contains("\"ConfirmationsFailed\":1.0");
    }

    @Test
    void aSectionSubscriptionIsConfirmedWelcomedManagedFromItsPreferencePageAndLeft() {
        // GIVEN a published hub and the function as deployed: it reads the hub's sections from the state bucket
        ingest();
        SubscriptionFunction api = new SubscriptionFunction("hub", revisions, blobs, directory, requests, MailFixtures.tokens(),
                FixedClock.standard(), new JsonLog("subscription", print, FixedClock.standard()));
        // WHEN a reader subscribes to careers through the form, and confirms
        APIGatewayV2HTTPEvent subscribe = request("POST", "/subscribe", null, "email=ann%40example.com&cadence=weekly&section=careers");
        subscribe.setHeaders(Map.of("content-type", "application/x-www-form-urlencoded"));
        assertThat(api.handleRequest(subscribe, null).getStatusCode()).isEqualTo(202);
        assertThat(work().getBatchItemFailures()).isEmpty();
        Subscriber pending = directory.find(EmailAddress.parse("ann@example.com")).orElseThrow();
        assertThat(pending.topics()).isEqualTo(Topics.of(List.of("careers"), List.of()));
        assertThat(api.handleRequest(request("POST", "/confirm", token(mailer.sent().get(0).text(), "/confirm"), ""), null)
                .getStatusCode()).isEqualTo(200);
        // THEN the welcome email was queued, and the worker sends it: what they follow, with the manage link
        assertThat(work().getBatchItemFailures()).isEmpty();
        assertThat(mailer.sent()).hasSize(2);
        String welcome = mailer.sent().get(1).text();
        assertThat(welcome).contains("Welcome! You follow Career levels.");
        String manage = token(welcome, "/manage");

        // WHEN they open the preference page THEN it offers the hub's sections, careers ticked
        String page = api.handleRequest(request("GET", "/manage", manage, null), null).getBody();
        assertThat(page).contains("name=\"section\" value=\"careers\" checked>").contains("name=\"section\" value=\"skills\">")
                .contains("<label for=\"section-skills\">Deep skills</label>");
        // WHEN they switch to skills and the faq page, every update, paused
        APIGatewayV2HTTPResponse saved = api.handleRequest(request("POST", "/manage", manage,
                "follow=some&section=skills&page=faq&cadence=every_update&paused=yes&save=yes"), null);
        assertThat(saved.getStatusCode()).isEqualTo(200);
        assertThat(saved.getBody()).contains(Answer.Outcome.UPDATED.message()).contains("name=\"section\" value=\"skills\" checked>");
        Subscriber changed = directory.find(EmailAddress.parse("ann@example.com")).orElseThrow();
        assertThat(changed.topics()).isEqualTo(Topics.of(List.of("skills"), List.of("faq")));
        assertThat(changed.status()).isEqualTo(SubscriberStatus.PAUSED);
        // WHEN they stop following faq, then leave altogether
        api.handleRequest(request("POST", "/manage", manage, "unfollow-page=faq"), null);
        assertThat(directory.find(EmailAddress.parse("ann@example.com")).orElseThrow().topics().pages()).isEmpty();
        assertThat(api.handleRequest(request("POST", "/manage", manage, "leave=all"), null).getBody())
                .contains(Answer.Outcome.UNSUBSCRIBED.message());
        assertThat(directory.find(EmailAddress.parse("ann@example.com")).orElseThrow().status()).isEqualTo(SubscriberStatus.UNSUBSCRIBED);
    }

    @Test
    void aPreferenceLinkIsAskedForByAddressWithTheSameAnswerForAnyone() {
        ingest();
        directory.create(MailFixtures.confirmed(1, 1));
        List<APIGatewayV2HTTPResponse> answers = new ArrayList<>();
        for (String email : List.of("s1%40example.com", "nobody%40example.com")) {
            APIGatewayV2HTTPEvent ask = request("POST", "/preference-link", null, "email=" + email);
            ask.setHeaders(Map.of("content-type", "application/x-www-form-urlencoded"));
            answers.add(function.handleRequest(ask, null));
        }
        assertThat(answers.get(0).getStatusCode()).isEqualTo(202);
        assertThat(answers.get(0).getBody()).isEqualTo(answers.get(1).getBody());
        assertThat(mailer.sent()).isEmpty();
        assertThat(work().getBatchItemFailures()).isEmpty();
        assertThat(mailer.recipients()).containsExactly("s1@example.com");
        String manage = token(mailer.sent().get(0).text(), "/manage");
        assertThat(function.handleRequest(request("GET", "/manage", manage, null), null).getStatusCode()).isEqualTo(200);
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
        // GIVEN a published hub where s1@example.com is a confirmed subscriber and nobody@example.com is unknown
        ingest();
        directory.create(MailFixtures.confirmed(1, 1));
        int reads = directory.reads();

        // WHEN each is subscribed, well-formed and with a bad cadence
        APIGatewayV2HTTPResponse known = function.handleRequest(subscribe("s1@example.com"), null);
        APIGatewayV2HTTPResponse unknown = function.handleRequest(subscribe("nobody@example.com"), null);
        APIGatewayV2HTTPResponse knownBad = function.handleRequest(subscribe("application/x-www-form-urlencoded",
                "email=s1%40example.com&cadence=hourly", false), null);
        APIGatewayV2HTTPResponse unknownBad = function.handleRequest(subscribe("application/x-www-form-urlencoded",
                "email=nobody%40example.com&cadence=hourly", false), null);

        // THEN the known and the unknown address get the same answer, status, page and headers alike, each time
        assertThat(known.getStatusCode()).isEqualTo(202);
        assertThat(unknown.getStatusCode()).isEqualTo(known.getStatusCode());
        assertThat(unknown.getBody()).isEqualTo(known.getBody());
        assertThat(unknown.getHeaders()).isEqualTo(known.getHeaders());
        assertThat(knownBad.getStatusCode()).isEqualTo(400);
        assertThat(unknownBad.getStatusCode()).isEqualTo(knownBad.getStatusCode());
        assertThat(unknownBad.getBody()).isEqualTo(knownBad.getBody());
        // AND neither was looked up or mailed to answer
        assertThat(directory.reads()).isEqualTo(reads);
        assertThat(mailer.calls()).isZero();
        // AND the other refusals say nothing either: a malformed address, a forged link, an unknown route
        assertThat(function.handleRequest(request("POST", "/subscribe", null, "email=not-an-address"), null).getStatusCode()).isEqualTo(400);
        assertThat(function.handleRequest(request("GET", "/confirm", "forged", null), null).getStatusCode()).isEqualTo(400);
        assertThat(function.handleRequest(request("POST", "/confirm", "forged", ""), null).getStatusCode()).isEqualTo(400);
        assertThat(function.handleRequest(request("GET", "/nowhere", null, null), null).getStatusCode()).isEqualTo(404);
        assertThat(mailer.calls()).isZero();
    }

    @Test
    void theSubscribeEndpointDoesTheSameWorkForEveryAddressWhateverItsState() {
        // GIVEN mailboxes in every state: confirmed, pending, unsubscribed, suppressed, one asked for again and again, and new ones
        ingest();
        directory.create(MailFixtures.confirmed(1, 1));
        function.handleRequest(subscribe("pending@example.com"), null);
        directory.create(Subscriber.create("u1", EmailAddress.parse("gone@example.com"), SubscriberStatus.UNSUBSCRIBED,
                dev.hubpress.core.mail.Cadence.EVERY_UPDATE, FixedClock.INSTANT, 0, null));
        new dev.hubpress.core.mail.Suppress(directory, FixedClock.standard()).suppress("bounced@example.com",
                dev.hubpress.core.mail.Suppress.Reason.BOUNCE);
        for (int i = 0; i < 4; i++) {
            function.handleRequest(subscribe("flooded@example.com"), null);
        }
        work();
        int reads = directory.reads();
        int calls = mailer.calls();

        // WHEN each, and new addresses, are subscribed (with another spelling for the known ones)
        List<String> addresses = List.of("S1@example.com", "Pending@example.com", "GONE@example.com", "Bounced@Example.com",
                "flooded@example.com", "new1@example.com", "new2@example.com");
        List<APIGatewayV2HTTPResponse> answers = addresses.stream().map(a -> function.handleRequest(subscribe(a), null)).toList();

        // THEN one answer for all, and the endpoint read nothing and sent nothing: it left one request each.
        // This is what keeps the timing from telling them apart: the path is the same, a write of one item whatever
        // the address, and the lookups, budgets and SES all happen in the worker, after the answer.
        assertThat(answers).extracting(APIGatewayV2HTTPResponse::getStatusCode).containsOnly(202);
        assertThat(answers).extracting(APIGatewayV2HTTPResponse::getBody).containsOnly(answers.get(0).getBody());
        assertThat(answers).extracting(APIGatewayV2HTTPResponse::getHeaders).containsOnly(answers.get(0).getHeaders());
        assertThat(directory.reads()).isEqualTo(reads);
        assertThat(mailer.calls()).isEqualTo(calls);
        assertThat(requests.waiting()).extracting(r -> r.email().value()).containsExactlyElementsOf(addresses.stream()
                .map(a -> EmailAddress.parse(a).value()).toList());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "bad base64                 | application/x-www-form-urlencoded | not base64!!           | true",
            "bad percent escape         | application/x-www-form-urlencoded | email=%zz              | false",
            "bad UTF-8                  | application/x-www-form-urlencoded | ZW1haWw9/w==           | true",
            "wrong content type         | text/plain                        | email=a%40example.com  | false",
            "multipart                  | multipart/form-data; boundary=x   | email=a%40example.com  | false",
            "no content type            |                                   | email=a%40example.com  | false",
            "JSON not an object         | application/json                  | [1,2]                  | false",
            "JSON null                  | application/json                  | null                   | false",
            "JSON broken                | application/json                  | '{\"email\": '         | false",
            "JSON email not a string    | application/json                  | '{\"email\": {\"a\":1}}' | false",
            "missing email              | application/x-www-form-urlencoded | cadence=weekly         | false",
            "empty body                 | application/json                  | ''                     | false"})
    void malformedSubscribeRequestsAre400NotA500(String what, String contentType, String body, boolean base64) {
        // GIVEN a published hub WHEN a malformed subscribe request arrives
        ingest();
        APIGatewayV2HTTPResponse response = function.handleRequest(subscribe(contentType, body, base64), null);

        // THEN 400 with the page of the refusal, and nothing queued
        assertThat(response.getStatusCode()).as(what).isEqualTo(400);
        assertThat(response.getBody()).contains("<!DOCTYPE html>");
        assertThat(requests.waiting()).isEmpty();
    }

    @Test
    void hugeBodiesAre400OnEveryRouteThatReadsOne() {
        // GIVEN a published hub and a confirmed subscriber's links
        ingest();
        directory.create(MailFixtures.confirmed(1, 1));
        String manage = MailFixtures.tokens().issue(dev.hubpress.core.mail.Tokens.Purpose.MANAGE, "s000001");
        String huge = "email=" + "a".repeat(SubscriptionFunction.MAX_BODY_BYTES) + "%40example.com";

        // WHEN each route that reads a body gets one over the limit, base64-encoded or not
        List<Integer> statuses = List.of(
                function.handleRequest(subscribe("application/x-www-form-urlencoded", huge, false), null).getStatusCode(),
                function.handleRequest(request("POST", "/subscribe", null, huge), null).getStatusCode(),
                function.handleRequest(request("POST", "/confirm", "x", huge), null).getStatusCode(),
                function.handleRequest(request("POST", "/unsubscribe", manage, huge), null).getStatusCode(),
                function.handleRequest(request("POST", "/manage", manage, "cadence=weekly&" + huge), null).getStatusCode());

        // THEN 400 each time, and nothing changed
        assertThat(statuses).containsOnly(400);
        assertThat(requests.waiting()).isEmpty();
        assertThat(directory.get("s000001").orElseThrow().version()).isEqualTo(1);
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

        // THEN 503 with the page that says subscriptions open once the hub is published, and nothing queued
        assertThat(response.getStatusCode()).isEqualTo(503);
        assertThat(response.getBody()).isEqualTo(SubscriptionPages.opensOncePublished());
        assertThat(requests.waiting()).isEmpty();
        assertThat(mailer.calls()).isZero();
    }

    @Test
    void aConfirmationSesRefusesIsRetriedFromItsRecordAndLogsNoAddress() {
        // GIVEN three requests, and SES failing the second send with a text that names the address
        ingest();
        for (String address : List.of("first@example.com", "second@example.com", "third@example.com")) {
            function.handleRequest(subscribe(address), null);
        }
        mailer.failAt(2, () -> new dev.hubpress.core.mail.MailerException.Transient("SES sha256:0123456789abcdef"));
        List<dev.hubpress.core.mail.SubscriptionRequest> taken = requests.take();
        DynamodbEvent event = RequestRecords.of(taken);

        // WHEN the stream delivers them
        StreamsEventResponse response = worker.handleRequest(event, null);

        // THEN the batch stops at the second record, which Lambda retries from; the third waits for that retry
        assertThat(response.getBatchItemFailures()).extracting(StreamsEventResponse.BatchItemFailure::getItemIdentifier)
                .containsExactly(event.getRecords().get(1).getDynamodb().getSequenceNumber());
        assertThat(mailer.recipients()).containsExactly("first@example.com");
        // AND the log names mailboxes by fingerprint only, and the failure is counted
        String logged = out.toString(StandardCharsets.UTF_8);
        assertThat(logged).doesNotContain("@example.com").contains(EmailAddress.parse("second@example.com").fingerprint());
        assertThat(EmfLines.metrics(logged)).isEqualTo(SubscriptionRequestFunction.METRICS);

        // WHEN the retry delivers the second and third THEN both are sent
        assertThat(worker.handleRequest(RequestRecords.of(taken.subList(1, 3)), null).getBatchItemFailures()).isEmpty();
        assertThat(mailer.recipients()).containsExactly("first@example.com", "second@example.com", "third@example.com");
    }

    @Test
    void recordsThatAreNotNewRequestsAreSkipped() {
        // GIVEN a published hub, a REMOVE record (the TTL deleting a request) and an INSERT that is not a request
        ingest();
        DynamodbEvent event = RequestRecords.event(List.of(
                RequestRecords.record("REMOVE", Map.of("pk", new AttributeValue().withS("REQ#1"))),
                RequestRecords.record("INSERT", Map.of("pk", new AttributeValue().withS("REQ#2"),
                        "email", new AttributeValue().withS("not an address"), "cadence", new AttributeValue().withS("WEEKLY"),
                        "requestedAt", new AttributeValue().withS("2026-03-14T09:26:53Z")))));

        // WHEN they arrive THEN nothing is sent, nothing retried, and the unreadable one is logged without its content
        assertThat(worker.handleRequest(event, null).getBatchItemFailures()).isEmpty();
        assertThat(mailer.calls()).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("unreadable subscription request").doesNotContain("not an address");
    }

    /** The topic ARN the tests configure; events/bounce-sns.json comes from it. */
    static final String MAIL_EVENTS_TOPIC = "arn:aws:sns:us-east-1:123456789012:hubpress-dev-MailEventsTopic-1A2B3C4D5E6F";

    private BounceFunction bounces(PrintStream out) {
        return new BounceFunction(directory, MAIL_EVENTS_TOPIC, FixedClock.standard(),
                new JsonLog("bounces", out, FixedClock.standard()), new Metrics("bounces", "test", out, FixedClock.standard()));
    }

    @Test
    void aPermanentBounceSuppressesTheAddress() {
        // GIVEN the sample notification of a permanent bounce; WHEN it arrives
        String result = bounces(print).handleRequest(EventLoader.loadSNSEvent("events/bounce-sns.json"), null);

        // THEN the address is suppressed, and counted in the metrics the function declares; the log does not name it
        assertThat(result).isEqualTo("1 suppressed");
        assertThat(out.toString(StandardCharsets.UTF_8)).doesNotContain("bounced@example.com");
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
