package dev.hubpress.functions;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamRecord;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamViewType;
import dev.hubpress.aws.DynamoSubscriptionRequests;
import dev.hubpress.core.mail.SubscriptionRequest;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/** The stream records the subscription requests table delivers: INSERTs whose new image is the item the adapter writes. */
final class RequestRecords {

    private static final AtomicLong SEQUENCE = new AtomicLong(222200000000000000L);

    private RequestRecords() {
    }

    static DynamodbEvent.DynamodbStreamRecord insert(SubscriptionRequest request) {
        Map<String, AttributeValue> image = new HashMap<>();
        DynamoSubscriptionRequests.item(request).forEach((name, value) -> image.put(name,
                value.s() != null ? new AttributeValue().withS(value.s()) : new AttributeValue().withN(value.n())));
        return record("INSERT", image);
    }

    static DynamodbEvent.DynamodbStreamRecord record(String eventName, Map<String, AttributeValue> image) {
        StreamRecord stream = new StreamRecord();
        stream.setNewImage(image);
        stream.setKeys(Map.of("pk", image.getOrDefault("pk", new AttributeValue().withS("REQ#x"))));
        stream.setSequenceNumber(Long.toString(SEQUENCE.incrementAndGet()));
        stream.setSizeBytes(256L);
        stream.setStreamViewType(StreamViewType.NEW_IMAGE);
        DynamodbEvent.DynamodbStreamRecord record = new DynamodbEvent.DynamodbStreamRecord();
        record.setEventID("ev" + stream.getSequenceNumber());
        record.setEventName(eventName);
        record.setEventSource("aws:dynamodb");
        record.setEventVersion("1.1");
        record.setAwsRegion("us-east-1");
        record.setEventSourceARN("arn:aws:dynamodb:us-east-1:123456789012:table/requests/stream/2026-03-14T00:00:00.000");
        record.setDynamodb(stream);
        return record;
    }

    static DynamodbEvent event(List<DynamodbEvent.DynamodbStreamRecord> records) {
        DynamodbEvent event = new DynamodbEvent();
        event.setRecords(new ArrayList<>(records));
        return event;
    }

    static DynamodbEvent of(List<SubscriptionRequest> requests) {
        return event(requests.stream().map(RequestRecords::insert).toList());
    }
}
