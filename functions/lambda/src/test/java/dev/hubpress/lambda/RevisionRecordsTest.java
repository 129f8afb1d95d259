package dev.hubpress.lambda;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamRecord;
import dev.hubpress.core.channel.Channel;
import dev.hubpress.core.testing.Gates;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Which stream records wake which channel: the new revision for most, the guide's outcome for the site. */
class RevisionRecordsTest {

    private static final Channel FEEDS = Gates.declared("feeds", Set.of(), List.of(), Set.of());
    private static final Channel SITE = Gates.declared("site", Set.of(), List.of(), Set.of("guide"));

    private static AttributeValue s(String value) {
        AttributeValue v = new AttributeValue();
        v.setS(value);
        return v;
    }

    private static Map<String, AttributeValue> item(String status, Map<String, String> channels) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("hub", s("hub"));
        AttributeValue seq = new AttributeValue();
        seq.setN("7");
        item.put("seq", seq);
        item.put("status", s(status));
        AttributeValue map = new AttributeValue();
        Map<String, AttributeValue> statuses = new HashMap<>();
        channels.forEach((k, v) -> statuses.put(k, s(v)));
        map.setM(statuses);
        item.put("channels", map);
        return item;
    }

    private static DynamodbEvent.DynamodbStreamRecord record(String eventName, Map<String, AttributeValue> before,
                                                             Map<String, AttributeValue> after) {
        StreamRecord stream = new StreamRecord();
        stream.setOldImage(before);
        stream.setNewImage(after);
        DynamodbEvent.DynamodbStreamRecord record = new DynamodbEvent.DynamodbStreamRecord();
        record.setEventName(eventName);
        record.setDynamodb(stream);
        return record;
    }

    private static Optional<Long> woken(Channel channel, DynamodbEvent.DynamodbStreamRecord record) {
        return RevisionRecords.toPublish(record, channel).map(RevisionRecords.RevisionRef::seq);
    }

    @Test
    void aNewAcceptedRevisionWakesTheChannelsThatReadNothingAndNotTheSite() {
        // GIVEN the INSERT of accepted r7
        DynamodbEvent.DynamodbStreamRecord insert = record("INSERT", null, item("ACCEPTED", Map.of()));

        // THEN the feeds publish r7; the site waits for the guide
        assertThat(woken(FEEDS, insert)).contains(7L);
        assertThat(woken(SITE, insert)).isEmpty();
        assertThat(woken(FEEDS, record("INSERT", null, item("REJECTED", Map.of())))).isEmpty();
    }

    @Test
    void theGuidesStatusAppearingOrChangingWakesTheSiteAndNothingElseDoes() {
        Map<String, AttributeValue> inserted = item("ACCEPTED", Map.of());
        Map<String, AttributeValue> guideFailed = item("ACCEPTED", Map.of("guide", "{\"state\":\"FAILED\"}"));
        Map<String, AttributeValue> guideDone = item("ACCEPTED", Map.of("guide", "{\"state\":\"DONE\"}"));
        Map<String, AttributeValue> siteToo = item("ACCEPTED", Map.of("guide", "{\"state\":\"DONE\"}", "site", "{\"state\":\"DONE\"}"));

        // THEN the guide's first outcome wakes the site, and so does a retried guide's new outcome
        assertThat(woken(SITE, record("MODIFY", inserted, guideFailed))).contains(7L);
        assertThat(woken(SITE, record("MODIFY", guideFailed, guideDone))).contains(7L);
        // AND a change that leaves the guide's status as it was (the site's own status) does not
        assertThat(woken(SITE, record("MODIFY", guideDone, siteToo))).isEmpty();
        // AND no MODIFY wakes a channel that reads nothing
        assertThat(woken(FEEDS, record("MODIFY", inserted, guideDone))).isEmpty();
    }
}
