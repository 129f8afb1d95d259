package dev.hubpress.it;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.fasterxml.jackson.databind.JsonNode;
import dev.hubpress.aws.AwsClients;
import dev.hubpress.aws.DynamoRevisionLog;
import dev.hubpress.aws.DynamoSendLedger;
import dev.hubpress.aws.DynamoSubscriberDirectory;
import dev.hubpress.lambda.Env;
import dev.hubpress.aws.Json;
import dev.hubpress.aws.S3BlobStore;
import dev.hubpress.aws.S3ContentSource;
import dev.hubpress.aws.SesClients;
import dev.hubpress.aws.SesMailer;
import dev.hubpress.lambda.JsonLog;
import dev.hubpress.lambda.Metrics;
import dev.hubpress.aws.testing.AwsFixtures;
import dev.hubpress.aws.testing.Emulators;
import dev.hubpress.core.mail.Backoff;
import dev.hubpress.core.mail.EmailAddress;
import dev.hubpress.core.mail.SubscriberStatus;
import dev.hubpress.core.mail.Tokens;
import dev.hubpress.core.testing.ContentFixtures;
import dev.hubpress.functions.DigestFunction;
import dev.hubpress.functions.DigestRunner;
import dev.hubpress.functions.IngestFunction;
import dev.hubpress.functions.SubscriptionFunction;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.s3.S3Client;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

/**
 * Email end to end on the emulators: subscribe and confirm through HTTP API v2 events, a new
 * revision's stream record sends the digests through SES (aws-ses-v2-local's store shows them with
 * their List-Unsubscribe headers), a one-click unsubscribe from the header's URL, and the next
 * digest leaves that address out.
 */
@ExtendWith(Emulators.class)
class EmailFlowIT {

    private static final String HUB = "hub";
    private static final Path CONTENT = ContentFixtures.repositoryContent();

    private static S3Client s3;
    private static DynamoDbClient dynamo;
    private static String contentBucket;
    private static String table;
    private static DynamoSubscriberDirectory directory;
    private static IngestFunction ingest;
    private static SubscriptionFunction subscriptions;
    private static DigestFunction digests;
    private static URI ses;

    @BeforeAll
    static void stack() {
        Emulators.Running emulators = Emulators.start();
        assumeFalse(emulators.external(), "reads the SES emulator's store");
        ses = emulators.ses();
        s3 = AwsClients.s3();
        dynamo = AwsClients.dynamo();
        contentBucket = AwsFixtures.bucket(s3, "content");
        String state = AwsFixtures.bucket(s3, "state");
        table = AwsFixtures.revisionsTable(dynamo, "revisions");
        directory = new DynamoSubscriberDirectory(dynamo, AwsFixtures.subscribersTable(dynamo, "subscribers"));
        Clock clock = Clock.systemUTC();
        PrintStream out = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        DynamoRevisionLog revisions = new DynamoRevisionLog(dynamo, table);
        S3BlobStore blobs = new S3BlobStore(s3, state, Env.BLOBS_PREFIX);
        Tokens tokens = new Tokens("an HMAC key of at least thirty-two bytes".getBytes(StandardCharsets.UTF_8),
                Tokens.DEFAULT_CONFIRM_VALIDITY, clock);
        SesMailer mailer = new SesMailer(SesClients.ses(), null);
        ingest = new IngestFunction(HUB, contentBucket, new S3ContentSource(s3, contentBucket, Env.CONTENT_PREFIX), blobs,
                revisions, clock, new JsonLog("ingest", out, clock), new Metrics("ingest", out, clock));
        subscriptions = new SubscriptionFunction(HUB, revisions, blobs, directory, mailer, tokens, clock,
                new JsonLog("subscription", out, clock));
        digests = new DigestFunction(new DigestRunner(HUB, revisions, blobs, directory,
                new DynamoSendLedger(dynamo, AwsFixtures.revisionsTable(dynamo, "ledger"), clock), mailer, tokens,
                Backoff.standard(), clock, new JsonLog("digest", out, clock), new Metrics("digest", out, clock)));
    }

    private static void push(String path, byte[] bytes) {
        String key = Env.CONTENT_PREFIX + path;
        s3.putObject(b -> b.bucket(contentBucket).key(key), RequestBody.fromBytes(bytes));
        SQSEvent event = AwsEvents.sqsEvent(List.of(AwsEvents.sqsMessage(
                AwsEvents.s3Notification("ObjectCreated:Put", contentBucket, key, bytes.length))));
        assertThat(ingest.handleRequest(event, null).getBatchItemFailures()).isEmpty();
    }

    private static long head() {
        return new DynamoRevisionLog(dynamo, table).recent(HUB, 0).latest().orElseThrow().seq();
    }

    private static DynamodbEvent streamed(long seq) {
        Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(table).consistentRead(true).key(Map.of(
                "pk", AttributeValue.fromS(DynamoRevisionLog.pk(HUB)), "sk", AttributeValue.fromS(DynamoRevisionLog.sk(seq))))).item();
        return AwsEvents.streamEvent(List.of(AwsEvents.insert(table, item)));
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

    /** The emails in the SES emulator's store addressed to someone. */
    private static List<JsonNode> mailTo(String address) throws IOException, InterruptedException {
        String body = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(ses + "/store")).GET().build(),
                HttpResponse.BodyHandlers.ofString()).body();
        List<JsonNode> found = new ArrayList<>();
        for (JsonNode email : Json.MAPPER.readTree(body).path("emails")) {
            for (JsonNode to : email.path("destination").path("to")) {
                if (to.asText().equals(address)) {
                    found.add(email);
                }
            }
        }
        return found;
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
        try (Stream<Path> walk = Files.walk(CONTENT)) {
            for (Path file : walk.filter(Files::isRegularFile).toList()) {
                String path = CONTENT.relativize(file).toString().replace('\\', '/');
                s3.putObject(b -> b.bucket(contentBucket).key(Env.CONTENT_PREFIX + path), RequestBody.fromFile(file));
            }
        }
        push("index.md", Files.readAllBytes(CONTENT.resolve("index.md")));
        assertThat(head()).isEqualTo(1);
        String ann = "ann-" + System.nanoTime() + "@example.com";
        String bob = "bob-" + System.nanoTime() + "@example.com";

        // WHEN two readers subscribe through the HTTP API (a form and a JSON body) and follow their confirmation links
        for (String[] request : new String[][] {
                {"application/x-www-form-urlencoded", "email=" + ann.replace("@", "%40") + "&cadence=every_update"},
                {"application/json", "{\"email\":\"" + bob + "\",\"cadence\":\"every_update\"}"}}) {
            APIGatewayV2HTTPResponse response = subscriptions.handleRequest(http("POST", "/subscribe", null, request[0], request[1]), null);
            assertThat(response.getStatusCode()).as(request[1]).isEqualTo(202);
        }
        for (String reader : List.of(ann, bob)) {
            List<JsonNode> confirmation = mailTo(reader);
            assertThat(confirmation).as("confirmation to " + reader).hasSize(1);
            String token = query(confirmation.get(0).path("body").path("text").asText(), "/confirm");
            APIGatewayV2HTTPResponse confirmed = subscriptions.handleRequest(http("GET", "/confirm", Map.of("token", token), null, null), null);
            assertThat(confirmed.getStatusCode()).isEqualTo(200);
            assertThat(directory.find(EmailAddress.parse(reader)).orElseThrow().status()).isEqualTo(SubscriberStatus.CONFIRMED);
        }

        // AND the FAQ changes (r2), whose stream record reaches the digest function
        push("faq.md", (Files.readString(CONTENT.resolve("faq.md")) + "\nA paragraph for the digest.\n").getBytes(StandardCharsets.UTF_8));
        assertThat(head()).isEqualTo(2);
        assertThat(digests.handleRequest(streamed(2), null).getBatchItemFailures()).isEmpty();

        // THEN both got one digest through SES, with the RFC 8058 headers
        for (String reader : List.of(ann, bob)) {
            List<JsonNode> mail = mailTo(reader);
            assertThat(mail).as("confirmation + digest to " + reader).hasSize(2);
            JsonNode digest = mail.get(1);
            assertThat(header(digest, "List-Unsubscribe")).startsWith("<https://").contains("/unsubscribe?token=");
            assertThat(header(digest, "List-Unsubscribe-Post")).isEqualTo("List-Unsubscribe=One-Click");
            assertThat(digest.path("body").path("html").asText()).contains("faq");
        }

        // WHEN Ann unsubscribes in one click from her digest's List-Unsubscribe URL
        String unsubscribe = query(header(mailTo(ann).get(1), "List-Unsubscribe"), "/unsubscribe");
        APIGatewayV2HTTPResponse left = subscriptions.handleRequest(http("POST", "/unsubscribe", Map.of("token", unsubscribe),
                "application/x-www-form-urlencoded", "List-Unsubscribe=One-Click"), null);
        assertThat(left.getStatusCode()).isEqualTo(200);

        // AND the next revision (r3) is digested, and r2's record is delivered again (a retry)
        push("sources.md", (Files.readString(CONTENT.resolve("sources.md")) + "\nOne more source note.\n").getBytes(StandardCharsets.UTF_8));
        assertThat(head()).isEqualTo(3);
        assertThat(digests.handleRequest(streamed(3), null).getBatchItemFailures()).isEmpty();
        assertThat(digests.handleRequest(streamed(2), null).getBatchItemFailures()).isEmpty();

        // THEN Bob got the r3 digest, Ann nothing more, and nobody anything twice
        assertThat(mailTo(bob)).hasSize(3);
        assertThat(mailTo(ann)).hasSize(2);
        assertThat(directory.find(EmailAddress.parse(ann)).orElseThrow().status()).isEqualTo(SubscriberStatus.UNSUBSCRIBED);
    }
}
