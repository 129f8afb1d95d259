package dev.hubpress.it;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamRecord;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hubpress.aws.Json;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/** Events in the exact shapes AWS delivers them: S3 notifications inside SQS messages, DynamoDB stream records. */
public final class AwsEvents {

    private static final AtomicLong SEQUENCER = new AtomicLong(0x0062E99A88DC4074L);
    private static final AtomicLong STREAM_SEQUENCE = new AtomicLong(111100000000000000L);

    private AwsEvents() {
    }

    /** S3's key encoding in notifications: form-encoded, '/' kept. */
    static String s3Key(String key) {
        return URLEncoder.encode(key, StandardCharsets.UTF_8).replace("%2F", "/");
    }

    /** The body S3 sends to SQS for one object event, made now: its event time is now, as S3's is when the write is done. */
    public static String s3Notification(String eventName, String bucket, String key, long size) {
        ObjectNode root = Json.MAPPER.createObjectNode();
        ObjectNode record = root.putArray("Records").addObject();
        record.put("eventVersion", "2.1");
        record.put("eventSource", "aws:s3");
        record.put("awsRegion", "us-east-1");
        record.put("eventTime", Instant.now().toString());
        record.put("eventName", eventName);
        record.putObject("userIdentity").put("principalId", "AWS:AIDAEXAMPLE");
        record.putObject("requestParameters").put("sourceIPAddress", "203.0.113.10");
        record.putObject("responseElements").put("x-amz-request-id", "C3D13FE58DE4C810").put("x-amz-id-2", "FMyUVURIY8/IgAtTv8xRjskZQpcIZ9KG4V5W");
        ObjectNode s3 = record.putObject("s3");
        s3.put("s3SchemaVersion", "1.0");
        s3.put("configurationId", "content-changes");
        s3.putObject("bucket").put("name", bucket).put("arn", "arn:aws:s3:::" + bucket)
                .putObject("ownerIdentity").put("principalId", "A3NL1KOZZKExample");
        ObjectNode object = s3.putObject("object");
        object.put("key", s3Key(key));
        if (eventName.startsWith("ObjectCreated")) {
            object.put("size", size);
            object.put("eTag", "d41d8cd98f00b204e9800998ecf8427e");
        }
        object.put("sequencer", String.format("%018X", SEQUENCER.incrementAndGet()));
        return root.toString();
    }

    public static SQSEvent.SQSMessage sqsMessage(String body) {
        SQSEvent.SQSMessage message = new SQSEvent.SQSMessage();
        message.setMessageId(UUID.randomUUID().toString());
        message.setReceiptHandle("AQEB" + UUID.randomUUID());
        message.setBody(body);
        message.setEventSource("aws:sqs");
        message.setEventSourceArn("arn:aws:sqs:us-east-1:123456789012:hubpress-test-ingest");
        message.setAwsRegion("us-east-1");
        message.setAttributes(Map.of("ApproximateReceiveCount", "1", "SentTimestamp", "1773480413200"));
        message.setMessageAttributes(Map.of());
        return message;
    }

    /** The dispatcher's messages to a consumer naming revisions of the stack's hub, as its FIFO queue delivers them. */
    public static SQSEvent revisionMessages(String consumer, String event, long... seqs) {
        List<SQSEvent.SQSMessage> messages = new java.util.ArrayList<>();
        for (long seq : seqs) {
            SQSEvent.SQSMessage message = sqsMessage(new dev.hubpress.lambda.RevisionMessage(Stack.HUB, seq, consumer, event, "").toJson());
            message.setMessageId(consumer + "-r" + seq);
            messages.add(message);
        }
        return sqsEvent(messages);
    }

    public static SQSEvent sqsEvent(List<SQSEvent.SQSMessage> messages) {
        SQSEvent event = new SQSEvent();
        event.setRecords(new ArrayList<>(messages));
        return event;
    }

    /** An INSERT stream record carrying the item as written. */
    static DynamodbEvent.DynamodbStreamRecord insert(String table, Map<String, AttributeValue> item) {
        return record(table, "INSERT", null, item);
    }

    /** A MODIFY stream record of a NEW_AND_OLD_IMAGES stream: the item before and after the change. */
    static DynamodbEvent.DynamodbStreamRecord modify(String table, Map<String, AttributeValue> before, Map<String, AttributeValue> after) {
        return record(table, "MODIFY", before, after);
    }

    private static DynamodbEvent.DynamodbStreamRecord record(String table, String eventName, Map<String, AttributeValue> before,
                                                             Map<String, AttributeValue> after) {
        DynamodbEvent.DynamodbStreamRecord record = new DynamodbEvent.DynamodbStreamRecord();
        record.setEventID(UUID.randomUUID().toString().replace("-", ""));
        record.setEventName(eventName);
        record.setEventVersion("1.1");
        record.setEventSource("aws:dynamodb");
        record.setAwsRegion("us-east-1");
        record.setEventSourceARN("arn:aws:dynamodb:us-east-1:123456789012:table/" + table + "/stream/2026-03-14T00:00:00.000");
        StreamRecord stream = new StreamRecord();
        Map<String, com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue> image = new HashMap<>();
        after.forEach((k, v) -> image.put(k, convert(v)));
        stream.setNewImage(image);
        if (before != null) {
            Map<String, com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue> old = new HashMap<>();
            before.forEach((k, v) -> old.put(k, convert(v)));
            stream.setOldImage(old);
        }
        Map<String, com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue> keys = new HashMap<>();
        for (String key : List.of("pk", "sk")) {
            if (image.containsKey(key)) {
                keys.put(key, image.get(key));
            }
        }
        stream.setKeys(keys);
        stream.setSequenceNumber(Long.toString(STREAM_SEQUENCE.incrementAndGet()));
        stream.setSizeBytes(512L);
        stream.setStreamViewType(com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamViewType.NEW_AND_OLD_IMAGES);
        record.setDynamodb(stream);
        return record;
    }

    static DynamodbEvent streamEvent(List<DynamodbEvent.DynamodbStreamRecord> records) {
        DynamodbEvent event = new DynamodbEvent();
        event.setRecords(new ArrayList<>(records));
        return event;
    }

    private static com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue convert(AttributeValue v) {
        var out = new com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue();
        if (v.s() != null) {
            out.setS(v.s());
        } else if (v.n() != null) {
            out.setN(v.n());
        } else if (v.bool() != null) {
            out.setBOOL(v.bool());
        } else if (v.hasM()) {
            Map<String, com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue> m = new HashMap<>();
            v.m().forEach((k, x) -> m.put(k, convert(x)));
            out.setM(m);
        } else if (v.hasL()) {
            out.setL(v.l().stream().map(AwsEvents::convert).toList());
        } else if (v.hasSs()) {
            out.setSS(v.ss());
        } else if (Boolean.TRUE.equals(v.nul())) {
            out.setNULL(true);
        }
        return out;
    }

    /** The record as Lambda's event filtering sees it (the JSON of the stream record). */
    static JsonNode filterView(DynamodbEvent.DynamodbStreamRecord record) {
        ObjectNode root = Json.MAPPER.createObjectNode();
        root.put("eventName", record.getEventName());
        root.put("eventSource", record.getEventSource());
        ObjectNode dynamodb = root.putObject("dynamodb");
        ObjectNode image = dynamodb.putObject("NewImage");
        record.getDynamodb().getNewImage().forEach((k, v) -> image.set(k, attribute(v)));
        if (record.getDynamodb().getOldImage() != null) {
            ObjectNode old = dynamodb.putObject("OldImage");
            record.getDynamodb().getOldImage().forEach((k, v) -> old.set(k, attribute(v)));
        }
        return root;
    }

    private static JsonNode attribute(com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue v) {
        ObjectNode node = Json.MAPPER.createObjectNode();
        if (v.getS() != null) {
            node.put("S", v.getS());
        } else if (v.getN() != null) {
            node.put("N", v.getN());
        } else if (v.getM() != null) {
            ObjectNode m = node.putObject("M");
            v.getM().forEach((k, x) -> m.set(k, attribute(x)));
        } else if (v.getL() != null) {
            ArrayNode l = node.putArray("L");
            v.getL().forEach(x -> l.add(attribute(x)));
        } else if (v.getBOOL() != null) {
            node.put("BOOL", v.getBOOL());
        }
        return node;
    }
}
