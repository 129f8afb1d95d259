package dev.hubpress.lambda;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamRecord;
import dev.hubpress.aws.DynamoRevisionLog;
import dev.hubpress.core.channel.Channel;
import dev.hubpress.core.revision.RevisionStatus;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Which revision, if any, a record of the revisions table's stream asks a channel to publish.
 * A channel that reads no other publishes each new accepted revision (an INSERT). A channel that
 * {@linkplain Channel#reads reads} others publishes a revision when the outcome of one of them
 * changes on it (a MODIFY whose new image holds every read channel's status, one of them different
 * from the old image's): so the site publishes after the guide of the same revision, again if the
 * guide is retried, and never shows a guide of another revision.
 */
public final class RevisionRecords {

    private RevisionRecords() {
    }

    /** A revision a record names: hub and sequence number. */
    public record RevisionRef(String hub, long seq) {
        public String id() {
            return "r" + seq;
        }
    }

    /** The new accepted revision a record announces (an INSERT); empty for any other change of the table. */
    public static Optional<RevisionRef> newAcceptedRevision(DynamodbEvent.DynamodbStreamRecord record) {
        StreamRecord stream = record.getDynamodb();
        if (!"INSERT".equals(record.getEventName()) || stream == null || stream.getNewImage() == null) {
            return Optional.empty();
        }
        return acceptedRevision(stream.getNewImage());
    }

    /** The revision this record asks the channel to publish; empty for any other change of the table. */
    public static Optional<RevisionRef> toPublish(DynamodbEvent.DynamodbStreamRecord record, Channel channel) {
        if (channel.reads().isEmpty()) {
            return newAcceptedRevision(record);
        }
        StreamRecord stream = record.getDynamodb();
        if (!"MODIFY".equals(record.getEventName()) || stream == null || stream.getNewImage() == null) {
            return Optional.empty();
        }
        Optional<RevisionRef> accepted = acceptedRevision(stream.getNewImage());
        if (accepted.isEmpty()) {
            return Optional.empty();
        }
        Map<String, AttributeValue> before = channels(stream.getOldImage());
        Map<String, AttributeValue> after = channels(stream.getNewImage());
        boolean allThere = channel.reads().stream().allMatch(after::containsKey);
        boolean oneChanged = channel.reads().stream().anyMatch(r -> !Objects.equals(text(after.get(r)), text(before.get(r))));
        return allThere && oneChanged ? accepted : Optional.empty();
    }

    /**
     * The message that wakes a consumer (a channel, by its declaration) for this record, if the
     * record wakes it ({@link #toPublish}): its cause is the read channels' statuses on the record.
     */
    public static Optional<RevisionMessage> dispatch(DynamodbEvent.DynamodbStreamRecord record, Channel consumer) {
        return toPublish(record, consumer).map(ref -> {
            Map<String, AttributeValue> after = channels(record.getDynamodb().getNewImage());
            StringBuilder cause = new StringBuilder();
            consumer.reads().stream().sorted().forEach(r -> cause.append(r).append('=').append(text(after.get(r))).append('\n'));
            return new RevisionMessage(ref.hub(), ref.seq(), consumer.id(), record.getEventName(), cause.toString());
        });
    }

    private static Optional<RevisionRef> acceptedRevision(Map<String, AttributeValue> image) {
        AttributeValue status = image.get(DynamoRevisionLog.STATUS);
        AttributeValue hub = image.get(DynamoRevisionLog.HUB);
        AttributeValue seq = image.get(DynamoRevisionLog.SEQ);
        if (status == null || !RevisionStatus.ACCEPTED.name().equals(status.getS()) || hub == null || hub.getS() == null
                || seq == null || seq.getN() == null) {
            return Optional.empty();
        }
        return Optional.of(new RevisionRef(hub.getS(), Long.parseLong(seq.getN())));
    }

    private static Map<String, AttributeValue> channels(Map<String, AttributeValue> image) {
        AttributeValue channels = image == null ? null : image.get(DynamoRevisionLog.CHANNELS);
        return channels == null || channels.getM() == null ? Map.of() : channels.getM();
    }

    private static String text(AttributeValue value) {
        return value == null ? null : value.getS();
    }
}
