package dev.hubpress.it.bench;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamRecord;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Runs in a fresh JVM whose classpath is one function's packaged jar (plus this class): measures
 * JVM start → handler constructed (the no-arg constructor, as Lambda's init does) → first event
 * handled, and prints one line of JSON. Only the JDK and the jar's own classes are used.
 *
 * <p>Arguments: handler class and the kind of its first event, then the content bucket or the hub
 * and sequence number: "sqs" (the ingest function: an S3 notification of the content bucket),
 * "stream" (the dispatcher: the revisions stream's INSERT of an accepted revision), "message" or
 * "message-modify" (a channel function: the dispatcher's message on its queue naming the revision,
 * woken by an INSERT or by a MODIFY).
 */
public final class InitRunner {

    private InitRunner() {
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    public static void main(String[] args) throws Exception {
        // The launcher's clock just before it started this JVM (the process's own start time is
        // only known to the second on Linux).
        long jvmStart = Long.parseLong(System.getenv("BENCH_T0"));
        Class<?> type = Class.forName(args[0]);
        RequestHandler handler = (RequestHandler) type.getConstructor().newInstance();
        long constructed = System.currentTimeMillis();
        Object event = switch (args[1]) {
            case "sqs" -> sqs(args[2]);
            case "stream" -> stream(args[2], args[3]);
            case "message", "message-modify" -> revisionMessage(args[2], args[3], System.getenv("CHANNEL"), args[1].equals("message-modify"));
            default -> throw new IllegalArgumentException("no such kind of event: " + args[1]);
        };
        Object response = handler.handleRequest(event, null);
        long handled = System.currentTimeMillis();
        System.out.println("BENCH {\"init\":" + (constructed - jvmStart) + ",\"firstEvent\":" + (handled - constructed)
                + ",\"total\":" + (handled - jvmStart) + ",\"response\":\"" + String.valueOf(response).replace("\"", "'") + "\"}");
    }

    private static SQSEvent sqs(String bucket) {
        SQSEvent.SQSMessage message = new SQSEvent.SQSMessage();
        message.setMessageId("bench-1");
        message.setBody("{\"Records\":[{\"eventVersion\":\"2.1\",\"eventSource\":\"aws:s3\",\"awsRegion\":\"us-east-1\","
                + "\"eventName\":\"ObjectCreated:Put\",\"s3\":{\"bucket\":{\"name\":\"" + bucket + "\"},"
                + "\"object\":{\"key\":\"content/index.md\",\"sequencer\":\"0062E99A88DC407460\"}}}]}");
        message.setEventSource("aws:sqs");
        SQSEvent event = new SQSEvent();
        event.setRecords(new ArrayList<>(List.of(message)));
        return event;
    }

    /** The dispatcher's message naming a revision for a channel. */
    static SQSEvent revisionMessage(String hub, String seq, String channel, boolean modify) {
        SQSEvent.SQSMessage message = new SQSEvent.SQSMessage();
        message.setMessageId("bench-1");
        message.setBody(new dev.hubpress.lambda.RevisionMessage(hub, Long.parseLong(seq), channel,
                modify ? "MODIFY" : "INSERT", "").toJson());
        message.setEventSource("aws:sqs");
        SQSEvent event = new SQSEvent();
        event.setRecords(new ArrayList<>(List.of(message)));
        return event;
    }

    /** The revisions stream's INSERT of an accepted revision: what wakes the dispatcher first. */
    private static DynamodbEvent stream(String hub, String seq) {
        StreamRecord stream = new StreamRecord();
        stream.setNewImage(Map.of("pk", s("HUB#" + hub), "sk", s("REV#" + seq), "hub", s(hub), "seq", n(seq), "status", s("ACCEPTED")));
        stream.setSequenceNumber("1");
        DynamodbEvent.DynamodbStreamRecord record = new DynamodbEvent.DynamodbStreamRecord();
        record.setEventID("bench-1");
        record.setEventName("INSERT");
        record.setEventSource("aws:dynamodb");
        record.setDynamodb(stream);
        DynamodbEvent event = new DynamodbEvent();
        event.setRecords(new ArrayList<>(List.of(record)));
        return event;
    }

    private static AttributeValue s(String value) {
        AttributeValue v = new AttributeValue();
        v.setS(value);
        return v;
    }

    private static AttributeValue n(String value) {
        AttributeValue v = new AttributeValue();
        v.setN(value);
        return v;
    }
}
