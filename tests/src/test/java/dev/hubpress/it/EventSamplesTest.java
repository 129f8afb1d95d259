package dev.hubpress.it;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hubpress.aws.DynamoRevisionLog;
import dev.hubpress.aws.DynamoSubscriptionRequests;
import dev.hubpress.core.mail.Cadence;
import dev.hubpress.core.mail.EmailAddress;
import dev.hubpress.core.mail.SubscriptionRequest;
import dev.hubpress.aws.Json;
import dev.hubpress.core.port.RevisionLogContract;
import dev.hubpress.core.testing.InMemoryBlobStore;
import dev.hubpress.core.mail.SendJob;
import dev.hubpress.lambda.Env;
import dev.hubpress.lambda.RevisionMessage;
import dev.hubpress.lambda.RuntimeEvents;
import dev.hubpress.lambda.S3Notifications;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

import static dev.hubpress.it.TemplateTest.list;
import static dev.hubpress.it.TemplateTest.map;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every sample event is what its event source in template.yaml sends, and reaches the handler
 * template.yaml wires to that source: each file of {@code events/} (and each function module's
 * fixture in {@code src/test/resources/events/}) is read with the managed Java runtime's own
 * serializer into that handler's input type ({@link RuntimeEvents}), every field the handler
 * reads arrives, and the sample has the shape AWS gives that source's events (docs/reliability.md,
 * /work/shared/AWS-FACTS.md): Scheduler's string {@code detail}, the stream's view type and the
 * item as {@link DynamoRevisionLog} writes it, S3 notifications in SQS with their MD5, HTTP API
 * payload 2.0 with form bodies base64-encoded, SNS records.
 */
class EventSamplesTest {

    static final Path ROOT = Repository.root();

    /** Each sample and the function (template.yaml logical id) whose event source sends it. */
    static final Map<String, String> SAMPLES = Map.ofEntries(
            Map.entry("ingest-sqs.json", "IngestFunction"),
            Map.entry("dispatch-stream.json", "DispatchFunction"),
            Map.entry("site-sqs.json", "SiteFunction"),
            Map.entry("feed-sqs.json", "FeedFunction"),
            Map.entry("guide-sqs.json", "GuideFunction"),
            Map.entry("digest-plan-sqs.json", "DigestPlannerFunction"),
            Map.entry("digest-send-sqs.json", "DigestSenderFunction"),
            Map.entry("weekly-schedule.json", "WeeklyDigestFunction"),
            Map.entry("subscribe-http.json", "SubscriptionFunction"),
            Map.entry("subscription-request-stream.json", "SubscriptionRequestFunction"),
            Map.entry("bounce-sns.json", "BounceFunction"),
            Map.entry("bounce-sns-foreign-topic.json", "BounceFunction"),
            Map.entry("rollback-invoke.json", "RollbackFunction"));

    /**
     * What the handlers read of each event source's events, as JSON pointers ({@code *}: every
     * element; a trailing {@code ?}: where the sample has it). Each must arrive as the sample has it.
     */
    static final Map<String, List<String>> READS = Map.of(
            "SQS", List.of("/Records/*/messageId", "/Records/*/body"),
            "DynamoDB", List.of("/Records/*/eventID", "/Records/*/eventName", "/Records/*/dynamodb/SequenceNumber",
                    "/Records/*/dynamodb/NewImage", "/Records/*/dynamodb/OldImage?"),
            "HttpApi", List.of("/rawPath", "/requestContext/http/method", "/headers", "/queryStringParameters?", "/body",
                    "/isBase64Encoded"),
            "SNS", List.of("/Records/*/Sns/TopicArn", "/Records/*/Sns/MessageId", "/Records/*/Sns/Message"),
            "ScheduleV2", List.of("/id", "/time"),
            TemplateTest.INVOKE, List.of("/revision"));

    /** The samples: events/ and every function module's fixture copies, by file name (a name is one sample). */
    static Map<String, Path> samples() throws IOException {
        Map<String, Path> samples = new TreeMap<>();
        try (Stream<Path> events = Files.list(ROOT.resolve("events"))) {
            events.filter(p -> p.toString().endsWith(".json") && !p.getFileName().toString().endsWith("-env.json"))
                    .forEach(p -> samples.put(p.getFileName().toString(), p));
        }
        try (Stream<Path> modules = Files.list(ROOT.resolve("functions"))) {
            for (Path fixtures : modules.map(m -> m.resolve("src/test/resources/events")).filter(Files::isDirectory).toList()) {
                try (Stream<Path> files = Files.list(fixtures)) {
                    files.filter(p -> p.toString().endsWith(".json")).forEach(p -> samples.putIfAbsent(p.getFileName().toString(), p));
                }
            }
        }
        return samples;
    }

    @Test
    void everySampleNamesTheFunctionItIsFor() throws IOException {
        assertThat(SAMPLES.keySet()).as("functions of the samples").containsAll(samples().keySet());
        assertThat(samples()).as("events/ and the fixtures").containsKeys("weekly-schedule.json", "subscribe-http.json",
                "subscription-request-stream.json",
                "ingest-sqs.json", "dispatch-stream.json", "site-sqs.json", "feed-sqs.json", "guide-sqs.json", "digest-plan-sqs.json",
                "digest-send-sqs.json", "bounce-sns.json", "bounce-sns-foreign-topic.json", "rollback-invoke.json");
    }

    @TestFactory
    Stream<DynamicTest> everySampleReachesItsHandlerWhole() throws IOException {
        return samples().entrySet().stream().map(sample -> DynamicTest.dynamicTest(sample.getKey(), () -> {
            // GIVEN a sample and the function template.yaml wires to its event source
            String function = SAMPLES.get(sample.getKey());
            Map<String, Object> properties = TemplateTest.functions().get(function);
            String source = eventSource(properties);
            String handler = (String) properties.get("Handler");
            Class<?> handlerClass = Class.forName(handler.substring(0, handler.indexOf("::")));
            Type input = RuntimeEvents.inputType(handlerClass);
            String json = Files.readString(sample.getValue());

            // WHEN the runtime reads it into the handler's input type (an exception here fails the invocation on AWS)
            JsonNode arrived = Json.MAPPER.readTree(RuntimeEvents.roundTrip(input, handlerClass.getClassLoader(), json));

            // THEN every field the handler reads arrived as the sample has it
            JsonNode sent = Json.MAPPER.readTree(json);
            for (String pattern : READS.get(source)) {
                boolean optional = pattern.endsWith("?");
                List<String> pointers = expand(sent, pattern.replace("?", ""));
                assertThat(pointers).as(sample.getKey() + ": a sample of " + source + " has " + pattern).isNotEmpty();
                for (String pointer : pointers) {
                    if (optional && sent.at(pointer).isMissingNode()) {
                        continue;
                    }
                    assertThat(sent.at(pointer).isMissingNode()).as(sample.getKey() + " has " + pointer).isFalse();
                    assertThat(arrived.at(pointer)).as(sample.getKey() + " " + pointer + " reaches " + input.getTypeName())
                            .isEqualTo(sent.at(pointer));
                }
            }
            // AND it is what that event source sends
            shapeOf(source, function, properties, sample.getKey(), sent);
        }));
    }

    /** The one event source of a function (TemplateTest holds every function to one). */
    static String eventSource(Map<String, Object> function) {
        Set<String> types = TemplateTest.eventSources(function);
        assertThat(types).hasSize(1);
        return types.iterator().next();
    }

    /** The concrete pointers a pattern names in a document: {@code *} over every element of an array (none when absent). */
    static List<String> expand(JsonNode document, String pattern) {
        List<String> pointers = new ArrayList<>(List.of(""));
        for (String part : pattern.substring(1).split("/")) {
            List<String> next = new ArrayList<>();
            for (String prefix : pointers) {
                if (part.equals("*")) {
                    JsonNode array = document.at(prefix);
                    for (int i = 0; i < array.size(); i++) {
                        next.add(prefix + "/" + i);
                    }
                } else {
                    next.add(prefix + "/" + part);
                }
            }
            pointers = next;
        }
        return pointers;
    }

    private static void shapeOf(String source, String function, Map<String, Object> properties, String name, JsonNode event) {
        if (source.equals(TemplateTest.INVOKE)) {
            invokeShape(name, event);
            return;
        }
        Map<String, Object> eventProperties = map(map(map(properties.get("Events")).values().iterator().next()).get("Properties"));
        switch (source) {
            case "ScheduleV2" -> scheduleShape(name, eventProperties, event);
            case "DynamoDB" -> streamShape(name, eventProperties, event);
            case "SQS" -> sqsShape(name, (String) list(map(eventProperties.get("Queue")).get("Fn::GetAtt")).get(0), event);
            case "HttpApi" -> httpApiShape(name, properties, event);
            case "SNS" -> snsShape(name, event);
            default -> throw new AssertionError(function + ": no sample shape known for event source " + source);
        }
    }

    /**
     * What an operator invokes a function with (aws lambda invoke --payload): the rollback's
     * {@code {"revision": N}}, N a revision number (or "rN"), and nothing else.
     */
    private static void invokeShape(String name, JsonNode event) {
        List<String> fields = new ArrayList<>();
        event.fieldNames().forEachRemaining(fields::add);
        assertThat(fields).as(name + " fields").containsExactly("revision");
        assertThat(dev.hubpress.core.revision.Revision.seqOf(event.path("revision").asText())).as(name + " revision").isPresent();
    }

    /**
     * EventBridge Scheduler (ScheduleV2) without an Input sends its default notification: the event
     * envelope of source aws.scheduler, whose detail is the string "{}", not an object (what an
     * EventBridge rule sends, and what ScheduledEvent expects).
     */
    private static void scheduleShape(String name, Map<String, Object> schedule, JsonNode event) {
        if (schedule.containsKey("Input")) {
            assertThat(event).as(name + ": a schedule with an Input sends the Input").isEqualTo(readTree((String) schedule.get("Input")));
            return;
        }
        assertThat(event.path("version").asText()).as(name).isEqualTo("0");
        assertThat(event.path("source").asText()).as(name + " source").isEqualTo("aws.scheduler");
        assertThat(event.path("detail-type").asText()).as(name + " detail-type").isEqualTo("Scheduled Event");
        assertThat(event.path("detail").isTextual()).as(name + ": Scheduler's detail is a string").isTrue();
        assertThat(event.path("detail").asText()).as(name + " detail").isEqualTo("{}");
        assertThat(event.path("resources").get(0).asText()).as(name + " resources")
                .matches("arn:aws:scheduler:[a-z0-9-]+:\\d{12}:schedule/[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+");
    }

    /**
     * DynamoDB stream records of the table the consumer reads (the revisions table, or the
     * subscription requests table): its view type, images per event name, the item as its adapter
     * writes it, the table's key, through the filter.
     */
    private static void streamShape(String name, Map<String, Object> consumer, JsonNode event) {
        String table = (String) list(map(consumer.get("Stream")).get("Fn::GetAtt")).get(0);
        String viewType = (String) map(map(map(map(map(TemplateTest.TEMPLATE.get("Resources")).get(table))
                .get("Properties")).get("StreamSpecification"))).get("StreamViewType");
        Set<String> written = switch (table) {
            case "RevisionsTable" -> new DynamoRevisionLog(null, "revisions", new InMemoryBlobStore())
                    .toItem(RevisionLogContract.accepted("hub", 1, 0)).keySet();
            case "SubscriptionRequestsTable" -> DynamoSubscriptionRequests.item(new SubscriptionRequest(
                    EmailAddress.parse("reader@example.com"), Cadence.EVERY_UPDATE, Instant.EPOCH)).keySet();
            default -> throw new AssertionError(name + ": no adapter known for the items of " + table);
        };
        List<String> keys = list(map(map(map(TemplateTest.TEMPLATE.get("Resources")).get(table)).get("Properties")).get("KeySchema"))
                .stream().map(k -> (String) map(k).get("AttributeName")).toList();
        assertThat(event.path("Records").size()).as(name + " records").isPositive();
        for (JsonNode record : event.path("Records")) {
            assertThat(record.path("eventSource").asText()).as(name).isEqualTo("aws:dynamodb");
            assertThat(record.path("eventVersion").asText()).as(name).isEqualTo("1.1");
            assertThat(record.path("eventSourceARN").asText()).as(name)
                    .matches("arn:aws:dynamodb:[a-z0-9-]+:\\d{12}:table/[A-Za-z0-9_.-]+/stream/[0-9T:.-]+");
            JsonNode dynamodb = record.path("dynamodb");
            assertThat(dynamodb.path("StreamViewType").asText()).as(name + " view type of the table's stream").isEqualTo(viewType);
            String eventName = record.path("eventName").asText();
            boolean oldImages = viewType.equals("NEW_AND_OLD_IMAGES") || viewType.equals("OLD_IMAGE");
            assertThat(dynamodb.has("NewImage")).as(name + " " + eventName + " new image").isEqualTo(!eventName.equals("REMOVE"));
            assertThat(dynamodb.has("OldImage")).as(name + " " + eventName + " old image").isEqualTo(oldImages && !eventName.equals("INSERT"));
            JsonNode image = dynamodb.path("NewImage");
            com.fasterxml.jackson.databind.node.ObjectNode expectedKeys = Json.MAPPER.createObjectNode();
            keys.forEach(k -> expectedKeys.set(k, image.path(k)));
            assertThat(dynamodb.path("Keys")).as(name + " keys").isEqualTo(expectedKeys);
            Set<String> attributes = new TreeSet<>();
            image.fieldNames().forEachRemaining(attributes::add);
            assertThat(attributes).as(name + ": the new image is the item as its adapter writes it").isEqualTo(new TreeSet<>(written));
            assertThat(StreamFilter.matches(StreamFilter.patterns(consumer), record)).as(name + " passes its function's filter").isTrue();
        }
    }

    /**
     * SQS messages whose MD5 is their body's, from the queue the function reads: a FIFO queue's
     * carry their group, deduplication id and sequence number, and the body its sender writes (the
     * dispatcher's {@link RevisionMessage} for the consumer whose queue it is, a {@link SendJob} on
     * the send queue, S3 notifications of the content bucket on the ingest queue).
     */
    private static void sqsShape(String name, String queue, JsonNode event) {
        Map<String, Object> resources = map(TemplateTest.TEMPLATE.get("Resources"));
        boolean fifo = Boolean.TRUE.equals(map(map(resources.get(queue)).get("Properties")).get("FifoQueue"));
        assertThat(event.path("Records").size()).as(name + " records").isPositive();
        for (JsonNode message : event.path("Records")) {
            assertThat(message.path("eventSource").asText()).as(name).isEqualTo("aws:sqs");
            assertThat(message.path("eventSourceARN").asText()).as(name + " from " + queue)
                    .matches("arn:aws:sqs:[a-z0-9-]+:\\d{12}:[A-Za-z0-9_-]+" + (fifo ? "\\.fifo" : ""));
            assertThat(message.path("attributes").path("ApproximateReceiveCount").asText()).as(name).matches("\\d+");
            for (String fifoAttribute : List.of("MessageGroupId", "MessageDeduplicationId", "SequenceNumber")) {
                assertThat(message.path("attributes").has(fifoAttribute)).as(name + " " + fifoAttribute + " (" + queue + ")").isEqualTo(fifo);
            }
            String body = message.path("body").asText();
            assertThat(message.path("md5OfBody").asText()).as(name + " md5OfBody").isEqualTo(md5(body));
            if (queue.equals("SendQueue")) {
                assertThat(SendJob.decode(body).recipients()).as(name + ": a send job").isNotEmpty();
                continue;
            }
            if (fifo) {
                RevisionMessage revision = RevisionMessage.parse(body);
                assertThat(message.path("attributes").path("MessageGroupId").asText()).as(name + ": grouped by hub").isEqualTo(revision.hub());
                assertThat(consumerQueues()).as(name + ": the dispatcher's message to the consumer of " + queue)
                        .containsEntry(revision.consumer(), queue);
                continue;
            }
            assertThat(queue).as(name).isEqualTo("IngestQueue");
            Map<String, Object> bucket = map(map(resources.get("ContentBucket")).get("Properties"));
            List<Object> notifications = list(map(bucket.get("NotificationConfiguration")).get("QueueConfigurations"));
            JsonNode notification = readTree(body);
            if ("s3:TestEvent".equals(notification.path("Event").asText())) {
                continue;
            }
            try {
                assertThat(S3Notifications.parse(body)).as(name + " S3 changes").isNotEmpty();
            } catch (S3Notifications.MalformedNotification e) {
                throw new AssertionError(name + ": not an S3 notification: " + e.getMessage(), e);
            }
            for (JsonNode record : notification.path("Records")) {
                String eventName = "s3:" + record.path("eventName").asText();
                String key = record.path("s3").path("object").path("key").asText();
                boolean configured = notifications.stream().map(TemplateTest::map).anyMatch(n ->
                        eventName.startsWith(((String) n.get("Event")).replace("*", ""))
                                && list(map(map(n.get("Filter")).get("S3Key")).get("Rules")).stream().map(TemplateTest::map)
                                .allMatch(rule -> !"prefix".equals(rule.get("Name")) || key.startsWith((String) rule.get("Value"))));
                assertThat(configured).as(name + ": the content bucket notifies " + eventName + " of " + key).isTrue();
            }
        }
    }

    /**
     * HTTP API payload format 2.0 of one of the function's routes. An HTTP API passes a body as text
     * only for text/*, JSON, XML and JavaScript; any other (a form post too) arrives base64-encoded.
     */
    private static void httpApiShape(String name, Map<String, Object> function, JsonNode event) {
        List<String> routes = new ArrayList<>();
        for (Object e : map(function.get("Events")).values()) {
            Map<String, Object> route = map(map(e).get("Properties"));
            assertThat(event.path("version").asText()).as(name + " payload format").isEqualTo(route.get("PayloadFormatVersion"));
            routes.add(route.get("Method") + " " + route.get("Path"));
        }
        assertThat(routes).as(name + " route").contains(event.path("routeKey").asText());
        assertThat(event.path("requestContext").path("routeKey")).isEqualTo(event.path("routeKey"));
        assertThat(event.path("requestContext").path("http").path("method").asText() + " " + event.path("rawPath").asText())
                .as(name + " method and path").isEqualTo(event.path("routeKey").asText());
        assertThat(event.path("requestContext").path("http").path("path")).isEqualTo(event.path("rawPath"));
        assertThat(event.path("requestContext").path("timeEpoch").isIntegralNumber()).as(name + " timeEpoch").isTrue();
        String contentType = event.path("headers").path("content-type").asText("");
        boolean text = contentType.startsWith("text/") || contentType.matches("application/(json|xml|javascript).*");
        if (event.has("body")) {
            assertThat(event.path("isBase64Encoded").asBoolean()).as(name + ": a " + contentType + " body is base64-encoded")
                    .isEqualTo(!text);
            if (!text) {
                assertThat(Base64.getDecoder().decode(event.path("body").asText())).as(name + " body").isNotEmpty();
            }
        }
    }

    /** SNS notifications as Lambda receives them from a subscription. */
    private static void snsShape(String name, JsonNode event) {
        assertThat(event.path("Records").size()).as(name + " records").isPositive();
        for (JsonNode record : event.path("Records")) {
            assertThat(record.path("EventSource").asText()).as(name).isEqualTo("aws:sns");
            assertThat(record.path("EventVersion").asText()).as(name).isEqualTo("1.0");
            JsonNode sns = record.path("Sns");
            assertThat(sns.path("Type").asText()).as(name).isEqualTo("Notification");
            assertThat(record.path("EventSubscriptionArn").asText()).as(name + ": a subscription of the topic")
                    .startsWith(sns.path("TopicArn").asText() + ":");
            assertThat(readTree(sns.path("Message").asText()).path("eventType").asText()).as(name + ": an SES event (configuration set)")
                    .isIn("Bounce", "Complaint");
        }
    }

    /** The dispatcher's consumers and their queues' logical ids, as template.yaml's CONSUMER_QUEUES names them. */
    private static Map<String, String> consumerQueues() {
        Object value = map(map(TemplateTest.functions().get("DispatchFunction").get("Environment")).get("Variables")).get(Env.CONSUMER_QUEUES);
        Map<String, String> queues = new TreeMap<>();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\w+)=\\$\\{(\\w+)}").matcher(String.valueOf(map(value).get("Fn::Sub")));
        while (m.find()) {
            queues.put(m.group(1), m.group(2));
        }
        return queues;
    }

    private static JsonNode readTree(String json) {
        try {
            return Json.MAPPER.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String md5(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
