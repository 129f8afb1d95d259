package dev.hubpress.it;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import dev.hubpress.aws.DynamoSendLedger;
import dev.hubpress.aws.DynamoSubscriberDirectory;
import dev.hubpress.aws.SesClients;
import dev.hubpress.aws.SesMailer;
import dev.hubpress.lambda.JsonLog;
import dev.hubpress.lambda.Metrics;
import dev.hubpress.aws.testing.AwsFixtures;
import dev.hubpress.aws.testing.Emulators;
import dev.hubpress.aws.testing.SesStore;
import dev.hubpress.core.mail.Backoff;
import dev.hubpress.core.mail.EmailAddress;
import dev.hubpress.core.mail.SubscriberStatus;
import dev.hubpress.core.mail.Tokens;
import dev.hubpress.core.testing.ContentFixtures;
import dev.hubpress.aws.SqsMessageQueue;
import dev.hubpress.aws.testing.Queues;
import dev.hubpress.core.mail.SendPacer;
import dev.hubpress.functions.DigestPlannerFunction;
import dev.hubpress.functions.DigestSenderFunction;
import dev.hubpress.functions.DigestRunner;
import dev.hubpress.functions.SubscriptionFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

/**
 * Email end to end on the emulators: subscribe and confirm through HTTP API v2 events, a new
 * revision, once its site is published, is planned onto the send queue and the sender delivers
 * the digests through SES (aws-ses-v2-local's store shows them with
 * their List-Unsubscribe headers), a one-click unsubscribe from the header's URL, and the next
 * digest leaves that address out. Each test deploys its own {@link Stack} and mail side (tables,
 * functions) and publishes the small fixture hub; readers' addresses are new in every test, as the
 * SES store is the JVM's.
 */
@ExtendWith(Emulators.class)
class EmailFlowIT {

    private static final String FAQ = ContentFixtures.page("FAQ", "guides", 1, "## Questions\n\nAnswers.\n");
    private static final String SOURCES = ContentFixtures.page("Sources", "guides", 2, "## Where this comes from\n\nNotes.\n");

    /** The publishing side and the mail side of one deployment, fresh for one test: the digest planner and sender on their queues. */
    private static final class MailStack {
        final Stack stack = new Stack();
        final DynamoSubscriberDirectory directory;
        final SubscriptionFunction subscriptions;
        final DigestPlannerFunction planner;
        final String planQueue = Queues.create(stack.sqs, "plan", true, 60);
        final String sendQueue = Queues.create(stack.sqs, "send", false, 60);

        MailStack() {
            Clock clock = Clock.systemUTC();
            PrintStream out = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
            Tokens tokens = new Tokens("an HMAC key of at least thirty-two bytes".getBytes(StandardCharsets.UTF_8),
                    Tokens.DEFAULT_CONFIRM_VALIDITY, clock);
            SesMailer mailer = new SesMailer(SesClients.ses(), null);
            directory = new DynamoSubscriberDirectory(stack.dynamo, AwsFixtures.subscribersTable(stack.dynamo, "subscribers"));
            subscriptions = new SubscriptionFunction(Stack.HUB, stack.revisions, stack.blobs, directory, mailer, tokens, clock,
                    new JsonLog("subscription", out, clock));
            SqsMessageQueue sends = new SqsMessageQueue(stack.sqs, sendQueue);
            planner = new DigestPlannerFunction(new DigestRunner(Stack.HUB, stack.revisions, stack.blobs, directory, sends,
                    new SqsMessageQueue(stack.sqs, planQueue), null, new JsonLog("digest-planner", out, clock),
                    new Metrics("digest-planner", out, clock)));
            DigestSenderFunction sender = new DigestSenderFunction(new DigestRunner(Stack.HUB, stack.revisions, stack.blobs, directory,
                    sends, null, DigestRunner.sender(Stack.HUB, stack.revisions, directory,
                            new DynamoSendLedger(stack.dynamo, AwsFixtures.revisionsTable(stack.dynamo, "ledger"), clock), mailer, tokens,
                            Backoff.standard(), SendPacer.of(mailer.maxSendRate()), clock),
                    new JsonLog("digest-sender", out, clock), new Metrics("digest-sender", out, clock)));
            stack.withDigestPlanner(planQueue, planner);
            stack.stream.consume("DigestSenderFunction", stack.sqs, sendQueue, sender);
        }

        /** Pushes files; the ingest function records them as the next revision, and the stream and queues settle. */
        void push(Map<String, byte[]> files) {
            assertThat(stack.ingest(stack.push(files)).getBatchItemFailures()).as(stack.logs()).isEmpty();
            stack.stream.settle();
        }

        long head() {
            return stack.revisions.recent(Stack.HUB, 0).latest().orElseThrow().seq();
        }
    }

    private static MailStack mailStack() {
        assumeFalse(Emulators.start().external(), "reads the SES emulator's store");
        return new MailStack();
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static APIGatewayV2HTTPEvent http(String method, String path, Map<String, String> query, String contentType, String body) {
        APIGatewayV2HTTPEvent event = new APIGatewayV2HTTPEvent();
        event.setVersion("2.0");
        event.setRouteKey(method + " " + path);
        event.setRawPath(path);
        event.setRawQueryString("");
        event.setQueryStringParameters(query);
        event.setHeaders(contentType == null ? Map.of("host", "api.hub.test") : Map.of("host", "api.hub.test", "content-type", contentType));
        APIGatewayV2HTTPEvent.RequestContext context = new APIGatewayV2HTTPEvent.RequestContext();
        APIGatewayV2HTTPEvent.RequestContext.Http httpContext = new APIGatewayV2HTTPEvent.RequestContext.Http();
        httpContext.setMethod(method);
        httpContext.setPath(path);
        httpContext.setProtocol("HTTP/1.1");
        httpContext.setSourceIp("203.0.113.10");
        context.setHttp(httpContext);
        context.setRequestId("req-" + System.nanoTime());
        context.setRouteKey(method + " " + path);
        context.setStage("$default");
        event.setRequestContext(context);
        event.setBody(body);
        event.setIsBase64Encoded(false);
        return event;
    }

    private static String header(JsonNode email, String name) {
        for (JsonNode header : email.path("headers")) {
            if (header.path("name").asText().equalsIgnoreCase(name)) {
                return header.path("value").asText();
            }
        }
        return null;
    }

    private static String query(String url, String path) {
        Matcher m = Pattern.compile(Pattern.quote(path) + "\\?token=([^\\s\"<>&]+)").matcher(url);
        assertThat(m.find()).as(path + " link in " + url).isTrue();
        return URLDecoder.decode(m.group(1), StandardCharsets.UTF_8);
    }

    @Test
    void subscribeConfirmDigestOneClickUnsubscribeAndTheNextDigestLeavesTheAddressOut() throws Exception {
        // GIVEN the hub published as r1
        MailStack mail = mailStack();
        mail.push(Stack.files(ContentFixtures.tree("faq.md", FAQ, "sources.md", SOURCES)));
        assertThat(mail.head()).isEqualTo(1);
        String ann = "ann-" + System.nanoTime() + "@example.com";
        String bob = "bob-" + System.nanoTime() + "@example.com";

        // WHEN two readers subscribe through the HTTP API (a form and a JSON body) and follow their confirmation links
        for (String[] request : new String[][] {
                {"application/x-www-form-urlencoded", "email=" + ann.replace("@", "%40") + "&cadence=every_update"},
                {"application/json", "{\"email\":\"" + bob + "\",\"cadence\":\"every_update\"}"}}) {
            APIGatewayV2HTTPResponse response = mail.subscriptions.handleRequest(http("POST", "/subscribe", null, request[0], request[1]), null);
            assertThat(response.getStatusCode()).as(request[1]).isEqualTo(202);
        }
        for (String reader : List.of(ann, bob)) {
            List<JsonNode> confirmation = SesStore.emailsTo(reader);
            assertThat(confirmation).as("confirmation to " + reader).hasSize(1);
            String token = query(confirmation.get(0).path("body").path("text").asText(), "/confirm");
            APIGatewayV2HTTPResponse confirmed = mail.subscriptions.handleRequest(http("GET", "/confirm", Map.of("token", token), null, null), null);
            assertThat(confirmed.getStatusCode()).isEqualTo(200);
            assertThat(mail.directory.find(EmailAddress.parse(reader)).orElseThrow().status()).isEqualTo(SubscriberStatus.CONFIRMED);
        }

        // AND the FAQ changes (r2): once its site is published, the dispatcher wakes the planner, whose jobs the sender delivers
        mail.push(Map.of("faq.md", utf8(FAQ + "\nA paragraph for the digest.\n")));
        assertThat(mail.head()).isEqualTo(2);

        // THEN both got one digest through SES, with the RFC 8058 headers
        for (String reader : List.of(ann, bob)) {
            List<JsonNode> got = SesStore.emailsTo(reader);
            assertThat(got).as("confirmation + digest to " + reader).hasSize(2);
            JsonNode digest = got.get(1);
            assertThat(header(digest, "List-Unsubscribe")).startsWith("<https://").contains("/unsubscribe?token=");
            assertThat(header(digest, "List-Unsubscribe-Post")).isEqualTo("List-Unsubscribe=One-Click");
            assertThat(digest.path("body").path("html").asText()).contains("faq");
        }

        // WHEN Ann unsubscribes in one click from her digest's List-Unsubscribe URL
        String unsubscribe = query(header(SesStore.emailsTo(ann).get(1), "List-Unsubscribe"), "/unsubscribe");
        APIGatewayV2HTTPResponse left = mail.subscriptions.handleRequest(http("POST", "/unsubscribe", Map.of("token", unsubscribe),
                "application/x-www-form-urlencoded", "List-Unsubscribe=One-Click"), null);
        assertThat(left.getStatusCode()).isEqualTo(200);

        // AND the next revision (r3) is digested, and r2's plan message is delivered again (a retry)
        mail.push(Map.of("sources.md", utf8(SOURCES + "\nOne more source note.\n")));
        assertThat(mail.head()).isEqualTo(3);
        assertThat(mail.planner.handleRequest(AwsEvents.revisionMessages("email", "MODIFY", 2), null).getBatchItemFailures()).isEmpty();
        mail.stack.stream.settle();

        // THEN Bob got the r3 digest, Ann nothing more, and nobody anything twice
        assertThat(SesStore.emailsTo(bob)).hasSize(3);
        assertThat(SesStore.emailsTo(ann)).hasSize(2);
        assertThat(mail.directory.find(EmailAddress.parse(ann)).orElseThrow().status()).isEqualTo(SubscriberStatus.UNSUBSCRIBED);
    }
}
