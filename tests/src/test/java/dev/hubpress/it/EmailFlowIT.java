package dev.hubpress.it;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.fasterxml.jackson.databind.JsonNode;
import dev.hubpress.aws.DynamoConfirmationBudget;
import dev.hubpress.aws.DynamoSendLedger;
import dev.hubpress.aws.DynamoSubscriptionRequests;
import dev.hubpress.aws.DynamoSubscriberDirectory;
import dev.hubpress.aws.SesClients;
import dev.hubpress.aws.SesMailer;
import dev.hubpress.lambda.JsonLog;
import dev.hubpress.lambda.Metrics;
import dev.hubpress.aws.testing.AwsFixtures;
import dev.hubpress.aws.testing.Emulators;
import dev.hubpress.aws.testing.SesStore;
import dev.hubpress.core.mail.Backoff;
import dev.hubpress.core.mail.ConfirmationLimits;
import dev.hubpress.core.mail.Suppress;
import dev.hubpress.core.mail.EmailAddress;
import dev.hubpress.core.mail.SubscriberStatus;
import dev.hubpress.core.mail.Tokens;
import dev.hubpress.core.testing.ContentFixtures;
import dev.hubpress.core.testing.MailFixtures;
import dev.hubpress.aws.SqsMessageQueue;
import dev.hubpress.aws.testing.Queues;
import dev.hubpress.core.mail.SendPacer;
import dev.hubpress.functions.DigestPlannerFunction;
import dev.hubpress.functions.DigestSenderFunction;
import dev.hubpress.functions.DigestRunner;
import dev.hubpress.functions.RollbackFunction;
import dev.hubpress.lambda.RuntimeEvents;
import dev.hubpress.functions.SubscriptionFunction;
import dev.hubpress.functions.SubscriptionRequestFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

/**
 * Email end to end on the emulators: subscribe through HTTP API v2 events, the requests table's
 * records handed to the worker that sends the confirmations, confirm (GET the page, POST its button), a new
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
        final String requestsTable;
        final SubscriptionFunction subscriptions;
        final SubscriptionRequestFunction requestWorker;
        final DigestPlannerFunction planner;
        final String planQueue = Queues.create(stack.sqs, "plan", true, 60);
        final String sendQueue = Queues.create(stack.sqs, "send", false, 60);
        final ByteArrayOutputStream logs = new ByteArrayOutputStream();
        private final Set<String> delivered = new HashSet<>();

        MailStack(ConfirmationLimits limits) {
            Clock clock = Clock.systemUTC();
            PrintStream out = new PrintStream(logs, true, StandardCharsets.UTF_8);
            Tokens tokens = new Tokens("an HMAC key of at least thirty-two bytes".getBytes(StandardCharsets.UTF_8),
                    Tokens.DEFAULT_CONFIRM_VALIDITY, clock);
            SesMailer mailer = new SesMailer(SesClients.ses(), null);
            directory = new DynamoSubscriberDirectory(stack.dynamo, AwsFixtures.subscribersTable(stack.dynamo, "subscribers"));
            requestsTable = AwsFixtures.pkTable(stack.dynamo, "requests");
            subscriptions = new SubscriptionFunction(Stack.HUB, stack.revisions, directory,
                    new DynamoSubscriptionRequests(stack.dynamo, requestsTable), tokens, clock, new JsonLog("subscription", out, clock));
            requestWorker = new SubscriptionRequestFunction(Stack.HUB, stack.revisions, stack.blobs, directory,
                    new DynamoConfirmationBudget(stack.dynamo, AwsFixtures.pkTable(stack.dynamo, "budgets")), limits, mailer,
                    MailFixtures.ROUTING, tokens, clock, new JsonLog(SubscriptionRequestFunction.FUNCTION, out, clock),
                    new Metrics(SubscriptionRequestFunction.FUNCTION, "test", out, clock));
            SqsMessageQueue sends = new SqsMessageQueue(stack.sqs, sendQueue);
            planner = new DigestPlannerFunction(new DigestRunner(Stack.HUB, stack.revisions, stack.blobs, directory, sends,
                    new SqsMessageQueue(stack.sqs, planQueue), null, null, new JsonLog("digest-planner", out, clock),
                    new Metrics("digest-planner", "test", out, clock)));
            DigestSenderFunction sender = new DigestSenderFunction(new DigestRunner(Stack.HUB, stack.revisions, stack.blobs, directory,
                    sends, null, DigestRunner.sender(Stack.HUB, stack.revisions, directory,
                            new DynamoSendLedger(stack.dynamo, AwsFixtures.revisionsTable(stack.dynamo, "ledger"), clock), mailer, tokens,
                            Backoff.standard(), SendPacer.of(mailer.maxSendRate()), clock),
                    MailFixtures.ROUTING, new JsonLog("digest-sender", out, clock), new Metrics("digest-sender", "test", out, clock)));
            stack.withDigestPlanner(planQueue, planner);
            stack.stream.consume("DigestSenderFunction", stack.sqs, sendQueue, sender);
        }

        /**
         * The requests table's stream, as template.yaml filters it (INSERTs), delivering the items written since the
         * last call to the worker (dynalite has no streams: the test delivers the records, in the shape AWS gives them).
         */
        void deliverRequests() {
            List<DynamodbEvent.DynamodbStreamRecord> records = new ArrayList<>();
            for (Map<String, AttributeValue> item : stack.dynamo.scan(b -> b.tableName(requestsTable).consistentRead(true)).items()) {
                if (delivered.add(item.get("pk").s())) {
                    records.add(AwsEvents.insert(requestsTable, item));
                }
            }
            records.sort(java.util.Comparator.comparing(r -> r.getDynamodb().getNewImage().get("requestedAt").getS()));
            assertThat(requestWorker.handleRequest(AwsEvents.streamEvent(records), null).getBatchItemFailures())
                    .as(logs.toString(StandardCharsets.UTF_8)).isEmpty();
        }

        APIGatewayV2HTTPResponse subscribe(String address) {
            return subscriptions.handleRequest(http("POST", "/subscribe", null, "application/x-www-form-urlencoded",
                    "email=" + java.net.URLEncoder.encode(address, StandardCharsets.UTF_8)), null);
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
        return mailStack(ConfirmationLimits.DEFAULT);
    }

    private static MailStack mailStack(ConfirmationLimits limits) {
        assumeFalse(Emulators.start().external(), "reads the SES emulator's store");
        return new MailStack(limits);
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

        // WHEN two readers subscribe through the HTTP API (a form and a JSON body), the requests table's stream
        // hands the requests to the worker, and they open their confirmation links and press the button
        for (String[] request : new String[][] {
                {"application/x-www-form-urlencoded", "email=" + ann.replace("@", "%40") + "&cadence=every_update"},
                {"application/json", "{\"email\":\"" + bob + "\",\"cadence\":\"every_update\"}"}}) {
            APIGatewayV2HTTPResponse response = mail.subscriptions.handleRequest(http("POST", "/subscribe", null, request[0], request[1]), null);
            assertThat(response.getStatusCode()).as(request[1]).isEqualTo(202);
        }
        assertThat(SesStore.emailsTo(ann)).as("nothing is sent before the worker runs").isEmpty();
        mail.deliverRequests();
        for (String reader : List.of(ann, bob)) {
            List<JsonNode> confirmation = SesStore.emailsTo(reader);
            assertThat(confirmation).as("confirmation to " + reader).hasSize(1);
            String token = query(confirmation.get(0).path("body").path("text").asText(), "/confirm");
            APIGatewayV2HTTPResponse page = mail.subscriptions.handleRequest(http("GET", "/confirm", Map.of("token", token), null, null), null);
            assertThat(page.getStatusCode()).isEqualTo(200);
            assertThat(mail.directory.find(EmailAddress.parse(reader)).orElseThrow().status()).isEqualTo(SubscriberStatus.PENDING);
            APIGatewayV2HTTPResponse confirmed = mail.subscriptions.handleRequest(http("POST", "/confirm", Map.of("token", token),
                    "application/x-www-form-urlencoded", ""), null);
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

    @Test
    void pageWatchersAreWelcomedMailedOnlyTheirPageUntilTheyChangeItAndOneClickStopsEverything() throws Exception {
        // GIVEN the hub published as r1, Ann watching the FAQ and Carol the sources page, subscribed through the HTTP API
        MailStack mail = mailStack();
        mail.push(Stack.files(ContentFixtures.tree("faq.md", FAQ, "sources.md", SOURCES)));
        String ann = "ann-" + System.nanoTime() + "@example.com";
        String carol = "carol-" + System.nanoTime() + "@example.com";
        for (String[] reader : new String[][] {{ann, "faq"}, {carol, "sources"}}) {
            assertThat(mail.subscriptions.handleRequest(http("POST", "/subscribe", null, "application/x-www-form-urlencoded",
                    "email=" + reader[0].replace("@", "%40") + "&page=" + reader[1]), null).getStatusCode()).isEqualTo(202);
        }
        mail.deliverRequests();
        for (String reader : List.of(ann, carol)) {
            String token = query(SesStore.emailsTo(reader).get(0).path("body").path("text").asText(), "/confirm");
            assertThat(mail.subscriptions.handleRequest(http("POST", "/confirm", Map.of("token", token),
                    "application/x-www-form-urlencoded", ""), null).getStatusCode()).isEqualTo(200);
        }
        // WHEN the confirmations' welcome requests reach the worker THEN each gets one welcome, naming their page
        mail.deliverRequests();
        assertThat(SesStore.emailsTo(ann)).hasSize(2);
        assertThat(SesStore.emailsTo(ann).get(1).path("body").path("text").asText()).contains("You follow the page \u201cFAQ\u201d.");

        // WHEN the FAQ changes (r2) THEN Ann gets a digest of it and Carol nothing
        mail.push(Map.of("faq.md", utf8(FAQ + "\nA paragraph for the digest.\n")));
        assertThat(SesStore.emailsTo(ann)).hasSize(3);
        assertThat(SesStore.emailsTo(ann).get(2).path("body").path("text").asText()).contains("/faq.html").doesNotContain("/sources.html");
        assertThat(SesStore.emailsTo(carol)).hasSize(2);

        // WHEN Carol adds the FAQ on her preference page (the manage link of her welcome) and the FAQ changes again (r3)
        String manage = query(SesStore.emailsTo(carol).get(1).path("body").path("text").asText(), "/manage");
        assertThat(mail.subscriptions.handleRequest(http("POST", "/manage", Map.of("token", manage), "application/x-www-form-urlencoded",
                "follow=some&page=faq&page=sources&cadence=every_update&save=yes"), null).getStatusCode()).isEqualTo(200);
        mail.push(Map.of("faq.md", utf8(FAQ + "\nA second paragraph.\n")));
        // THEN she gets that digest too
        assertThat(SesStore.emailsTo(carol)).hasSize(3);
        assertThat(SesStore.emailsTo(ann)).hasSize(4);

        // WHEN Ann unsubscribes in one click and the FAQ changes (r4) THEN only Carol is mailed
        String unsubscribe = query(header(SesStore.emailsTo(ann).get(3), "List-Unsubscribe"), "/unsubscribe");
        assertThat(mail.subscriptions.handleRequest(http("POST", "/unsubscribe", Map.of("token", unsubscribe),
                "application/x-www-form-urlencoded", "List-Unsubscribe=One-Click"), null).getStatusCode()).isEqualTo(200);
        mail.push(Map.of("faq.md", utf8(FAQ + "\nA third paragraph.\n")));
        assertThat(SesStore.emailsTo(ann)).hasSize(4);
        assertThat(SesStore.emailsTo(carol)).hasSize(4);
    }

    @Test
    void anotherSpellingOfASuppressedMailboxGetsTheSameAnswerAndNoEmail() throws Exception {
        // GIVEN the hub published, and bob's mailbox suppressed (it bounced) as bob-<n>@example.com
        MailStack mail = mailStack();
        mail.push(Stack.files(ContentFixtures.tree("faq.md", FAQ, "sources.md", SOURCES)));
        String n = Long.toString(System.nanoTime());
        new Suppress(mail.directory, Clock.systemUTC()).suppress("bob-" + n + "@example.com", Suppress.Reason.BOUNCE);

        // WHEN the same mailbox is subscribed as BOB-<n>@example.com, and a new address alongside
        APIGatewayV2HTTPResponse suppressed = mail.subscribe("BOB-" + n + "@example.com");
        APIGatewayV2HTTPResponse fresh = mail.subscribe("carol-" + n + "@example.com");
        mail.deliverRequests();

        // THEN both got the same answer, page and headers alike; only the new one was mailed
        assertThat(suppressed.getStatusCode()).isEqualTo(202).isEqualTo(fresh.getStatusCode());
        assertThat(suppressed.getBody()).isEqualTo(fresh.getBody());
        assertThat(suppressed.getHeaders()).isEqualTo(fresh.getHeaders());
        assertThat(SesStore.emailsTo("BOB-" + n + "@example.com")).isEmpty();
        assertThat(SesStore.emailsTo("bob-" + n + "@example.com")).isEmpty();
        assertThat(SesStore.emailsTo("carol-" + n + "@example.com")).hasSize(1);
        assertThat(mail.directory.find(EmailAddress.parse("Bob-" + n + "@example.com")).orElseThrow().status())
                .isEqualTo(SubscriberStatus.SUPPRESSED);
        // AND the worker's log names neither address
        assertThat(mail.logs.toString(StandardCharsets.UTF_8)).doesNotContain("example.com");
    }

    @Test
    void oneMailboxFloodedUnderManySpellingsGetsItsBudgetOfConfirmations() throws Exception {
        // GIVEN the hub published, and budgets of 3 a day per mailbox (the default), 1000 per domain and in all
        MailStack mail = mailStack(new ConfirmationLimits(new ConfirmationLimits.Limit(3, Duration.ofDays(1)),
                new ConfirmationLimits.Limit(1000, Duration.ofHours(1)), new ConfirmationLimits.Limit(1000, Duration.ofHours(1))));
        mail.push(Stack.files(ContentFixtures.tree("faq.md", FAQ, "sources.md", SOURCES)));
        String n = Long.toString(System.nanoTime());
        List<String> spellings = List.of("victim" + n + "@gmail.com", "Victim" + n + "@gmail.com", "v.ictim" + n + "@gmail.com",
                "victim" + n + "+1@gmail.com", "VICTIM" + n + "@googlemail.com", "victim" + n + "+2@GMAIL.com");

        // WHEN each spelling is subscribed, and each request handled before the next (the resend interval
        // would hold back a second confirmation to a pending mailbox within 10 minutes: each is unsubscribed first)
        int sent = 0;
        for (String spelling : spellings) {
            assertThat(mail.subscribe(spelling).getStatusCode()).isEqualTo(202);
            mail.deliverRequests();
            dev.hubpress.core.mail.Subscriber s = mail.directory.find(EmailAddress.parse(spelling)).orElseThrow();
            mail.directory.update(s.withStatus(SubscriberStatus.UNSUBSCRIBED, java.time.Instant.now()));
        }
        for (String spelling : spellings) {
            sent += SesStore.emailsTo(EmailAddress.parse(spelling).value()).size();
        }

        // THEN the one mailbox got three confirmations, however it was spelt; one subscriber holds it
        assertThat(sent).isEqualTo(3);
        assertThat(mail.logs.toString(StandardCharsets.UTF_8)).contains("OVER_ADDRESS_BUDGET");
    }

    @Test
    void aRollbackInvokedOnTheFunctionRepublishesR1sChannelsThroughTheStreamAndMailsNobody() throws Exception {
        // GIVEN r1 published, and a confirmed every-update subscriber
        MailStack mail = mailStack();
        mail.push(Stack.files(ContentFixtures.tree("faq.md", FAQ, "sources.md", SOURCES)));
        Map<String, byte[]> r1 = mail.stack.siteBytes();
        String ann = "ann-" + System.nanoTime() + "@example.com";
        mail.directory.create(dev.hubpress.core.mail.Subscriber.create("rollback-ann", EmailAddress.parse(ann), SubscriberStatus.CONFIRMED,
                dev.hubpress.core.mail.Cadence.EVERY_UPDATE, java.time.Instant.now(), 1, null));
        // AND r2, an edit and a new page, digested to her
        mail.push(Map.of("faq.md", utf8(FAQ + "\nA paragraph for r2.\n"),
                "more.md", utf8(ContentFixtures.page("More", "guides", 3, "## Extra\n\nA page of r2.\n"))));
        assertThat(mail.head()).isEqualTo(2);
        assertThat(SesStore.emailsTo(ann)).as("r2's digest").hasSize(1);

        // WHEN the rollback function is invoked with the sample event ({"revision": 1}), as the runtime reads it
        RollbackFunction rollback = new RollbackFunction(Stack.HUB, mail.stack.blobs, mail.stack.revisions, Clock.systemUTC(),
                new JsonLog(RollbackFunction.FUNCTION, new PrintStream(mail.logs, true, StandardCharsets.UTF_8), Clock.systemUTC()));
        String sample = java.nio.file.Files.readString(Repository.root().resolve("events/rollback-invoke.json"));
        Map<String, Object> answer = rollback.handleRequest(RuntimeEvents.read(RollbackFunction.class, sample), null);
        // AND the stream publishes what it recorded, as any revision
        List<RevisionStream.Delivery> deliveries = mail.stack.stream.settle();

        // THEN r3 restores r1, every channel is DONE on it, and the planner was woken but mailed nobody
        assertThat(answer).as(mail.logs.toString(StandardCharsets.UTF_8)).containsEntry("outcome", "restored")
                .containsEntry("revision", "r3").containsEntry("restores", "r1");
        dev.hubpress.core.revision.Revision r3 = mail.stack.revisions.get(Stack.HUB, 3).orElseThrow();
        assertThat(r3.restores()).isEqualTo(1);
        assertThat(r3.channels().values()).extracting(dev.hubpress.core.revision.ChannelStatus::state)
                .containsOnly(dev.hubpress.core.revision.ChannelStatus.State.DONE);
        assertThat(deliveries).extracting(RevisionStream.Delivery::function).contains("GuideFunction", "SiteFunction", "FeedFunction",
                "DigestPlannerFunction");
        assertThat(SesStore.emailsTo(ann)).as("no digest for the rollback").hasSize(1);
        // AND the site bucket holds r1's objects, byte for byte, but for the history entries (changelog, the home
        // page's latest changes, the feeds) and r2's own guide/r2.pdf, kept for good; r2's new page is gone
        Map<String, byte[]> r3Site = mail.stack.siteBytes();
        Set<String> extra = new java.util.TreeSet<>(r3Site.keySet());
        extra.removeAll(r1.keySet());
        // (and the redline pages of r2 and r3: history, as the changelog's entries are; r2's digest in the
        // archive, which was mailed: the rollback never is; and the feed of r2's new page, which its followers
        // still read, ending with its removal)
        assertThat(extra).containsExactly("changes/r2.html", "changes/r3.html", "digests/r2.html", "feeds/pages/more.atom",
                "guide/r2.pdf");
        assertThat(new String(r3Site.get("feeds/pages/more.atom"), StandardCharsets.UTF_8)).contains("Removed: ");
        assertThat(r3Site.keySet()).containsAll(r1.keySet()).doesNotContain("more.html", "guide/r3.pdf");
        Set<String> differ = new java.util.TreeSet<>();
        r1.forEach((key, bytes) -> {
            if (!java.util.Arrays.equals(bytes, r3Site.get(key))) {
                differ.add(key);
            }
        });
        // (the edited page too: its "Follow this page" block lists its feed's entries, r2's and r3's; and the
        // feeds that follow it, of its section and its own, with the feeds pages that list their entries)
        assertThat(differ).containsExactly("changelog.html", "digests/feed.atom", "digests/index.html", "faq.html",
                "feeds/atom.xml", "feeds/feed.json", "feeds/pages/faq.atom", "feeds/rss.xml", "feeds/sections/guides.atom",
                "feeds/sections/guides.json", "feeds/sections/guides.rss", "follow/index.html", "follow/sections/guides.html",
                "index.html");
        assertThat(new String(r3Site.get("changelog.html"), StandardCharsets.UTF_8)).contains("Restores r1: 1 page changed, 1 removed.");

        // AND invoking it again is refused: r3 has r1's content already
        assertThat(rollback.handleRequest(Map.of("revision", 1), null)).containsEntry("outcome", "refused").containsEntry("reason", "current");
        assertThat(rollback.handleRequest(Map.of("revision", "r7"), null)).containsEntry("reason", "unknown");
        assertThat(mail.head()).isEqualTo(3);
    }
}
