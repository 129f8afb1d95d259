package dev.hubpress.functions;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import dev.hubpress.aws.testing.HttpClients;
import dev.hubpress.core.channel.Channels;
import dev.hubpress.core.port.MessageQueue;
import dev.hubpress.core.testing.FixedClock;
import dev.hubpress.core.testing.InMemoryMessageQueue;
import dev.hubpress.lambda.EmfLines;
import dev.hubpress.lambda.JsonLog;
import dev.hubpress.lambda.Metrics;
import dev.hubpress.lambda.RevisionMessage;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The dispatcher on its own classpath (every channel's declaration, no renderer), with the sample stream record. */
class DispatchFunctionTest {

    private final Map<String, InMemoryMessageQueue> queues = new TreeMap<>();
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8);

    private DispatchFunction dispatcher() {
        Channels channels = Channels.discover();
        Map<String, MessageQueue> byConsumer = new TreeMap<>();
        for (String id : channels.ids()) {
            queues.put(id, new InMemoryMessageQueue(true));
            byConsumer.put(id, queues.get(id));
        }
        return new DispatchFunction(channels, byConsumer, new JsonLog("dispatch", print, FixedClock.standard()),
                new Metrics("dispatch", "test", print, FixedClock.standard()));
    }

    @Test
    void aNewAcceptedRevisionWakesTheGuideAndTheGuidesOutcomeWakesTheSiteAndTheSitesTheFeedsAndTheDigest() {
        // GIVEN the dispatcher with a FIFO queue per consumer, and the sample INSERT of accepted r1
        DispatchFunction dispatcher = dispatcher();
        DynamodbEvent insert = EventLoader.loadDynamoDbEvent("events/dispatch-stream.json");

        // WHEN it handles the INSERT, the same INSERT again (a stream retry), then r1's MODIFYs: the guide's status, then the site's
        StreamsEventResponse first = dispatcher.handleRequest(insert, null);
        dispatcher.handleRequest(insert, null);
        DynamodbEvent.DynamodbStreamRecord record = insert.getRecords().get(0);
        Map<String, AttributeValue> before = record.getDynamodb().getNewImage();
        Map<String, AttributeValue> guided = withChannel(before, "guide");
        Map<String, AttributeValue> sited = withChannel(guided, "site");
        dispatcher.handleRequest(modify(record, before, guided), null);
        dispatcher.handleRequest(modify(record, guided, sited), null);

        // THEN the guide got one message for the INSERT (the retry deduplicated), the site one for the guide's outcome,
        // the feeds and the digest planner one each for the site's
        assertThat(first.getBatchItemFailures()).isEmpty();
        assertThat(consumers("guide")).containsExactly("INSERT");
        assertThat(consumers("site")).containsExactly("MODIFY");
        assertThat(consumers("feeds")).containsExactly("MODIFY");
        assertThat(consumers("email")).containsExactly("MODIFY");
        assertThat(EmfLines.metrics(out.toString(StandardCharsets.UTF_8))).isEqualTo(DispatchFunction.METRICS);
    }

    @Test
    void everyConsumerNeedsAFifoQueue() {
        Channels channels = Channels.discover();
        Map<String, MessageQueue> missing = new TreeMap<>();
        channels.ids().stream().filter(id -> !id.equals("site")).forEach(id -> missing.put(id, new InMemoryMessageQueue(true)));
        assertThatThrownBy(() -> new DispatchFunction(channels, missing, new JsonLog("dispatch", print, FixedClock.standard()),
                new Metrics("dispatch", "test", print, FixedClock.standard()))).hasMessageContaining("CONSUMER_QUEUES");
    }

    @Test
    void theFunctionsClasspathHasNoApacheOrNettyHttpClientAndNoRenderer() {
        assertThat(HttpClients.forbiddenLoadable(getClass().getClassLoader())).isEmpty();
        assertThat(Channels.discover().ids()).containsExactlyInAnyOrder("email", "feeds", "guide", "site");
        assertThat(Channels.discover().all()).allSatisfy(c -> assertThat(c.getClass().getName()).endsWith("Channel"));
    }

    private java.util.List<String> consumers(String consumer) {
        return queues.get(consumer).take().stream().map(m -> RevisionMessage.parse(m.body()).event()).toList();
    }

    private static Map<String, AttributeValue> withChannel(Map<String, AttributeValue> image, String channel) {
        Map<String, AttributeValue> next = new TreeMap<>(image);
        Map<String, AttributeValue> channels = new TreeMap<>(image.get("channels").getM());
        channels.put(channel, new AttributeValue().withS("{\"state\":\"DONE\"}"));
        next.put("channels", new AttributeValue().withM(channels));
        return next;
    }

    private static DynamodbEvent modify(DynamodbEvent.DynamodbStreamRecord insert, Map<String, AttributeValue> before,
                                        Map<String, AttributeValue> after) {
        DynamodbEvent.DynamodbStreamRecord record = new DynamodbEvent.DynamodbStreamRecord();
        record.setEventID(insert.getEventID() + "-m");
        record.setEventName("MODIFY");
        com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamRecord stream =
                new com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamRecord();
        stream.setKeys(insert.getDynamodb().getKeys());
        stream.setOldImage(before);
        stream.setNewImage(after);
        stream.setSequenceNumber("2");
        record.setDynamodb(stream);
        DynamodbEvent event = new DynamodbEvent();
        event.setRecords(java.util.List.of(record));
        return event;
    }
}
