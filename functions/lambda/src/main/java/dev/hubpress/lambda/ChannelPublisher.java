package dev.hubpress.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamRecord;
import dev.hubpress.aws.DynamoRevisionLog;
import dev.hubpress.core.gate.GateLimits;
import dev.hubpress.core.gate.PublishGate;
import dev.hubpress.core.markdown.MarkdownEngine;
import dev.hubpress.core.port.ArtifactStore;
import dev.hubpress.core.port.BlobStore;
import dev.hubpress.core.port.RevisionLog;
import dev.hubpress.core.publish.ChannelRenderer;
import dev.hubpress.core.publish.PublishChannel;
import dev.hubpress.core.publish.Snapshots;
import dev.hubpress.core.revision.RevisionStatus;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * What the site, feed and guide functions share: a batch of revision-table stream records in,
 * the channel published for each new accepted revision, its status recorded on the revision.
 * Records are handled in stream order; at the first failure the handler stops and reports that
 * record, so Lambda retries from it (with {@code ReportBatchItemFailures}) and later revisions are
 * never published before an earlier one.
 */
public final class ChannelPublisher {

    private final PublishChannel publish;
    private final String channel;
    private final JsonLog log;
    private final Metrics metrics;

    public ChannelPublisher(Function<MarkdownEngine, ChannelRenderer> renderer, BlobStore blobs, RevisionLog revisions,
                            ArtifactStore store, JsonLog log, Metrics metrics) {
        MarkdownEngine markdown = new MarkdownEngine();
        ChannelRenderer channelRenderer = renderer.apply(markdown);
        this.channel = channelRenderer.channel();
        this.publish = new PublishChannel(channelRenderer, new PublishGate(markdown, GateLimits.DEFAULT),
                new Snapshots(blobs), revisions, store);
        this.log = log;
        this.metrics = metrics;
    }

    public String channel() {
        return channel;
    }

    /** A revision a stream record announces: hub and sequence number. */
    public record RevisionRef(String hub, long seq) {
        public String id() {
            return "r" + seq;
        }
    }

    /** The new accepted revision a record announces; empty for any other change of the table. */
    public static Optional<RevisionRef> newAcceptedRevision(DynamodbEvent.DynamodbStreamRecord record) {
        StreamRecord stream = record.getDynamodb();
        if (!"INSERT".equals(record.getEventName()) || stream == null || stream.getNewImage() == null) {
            return Optional.empty();
        }
        Map<String, AttributeValue> image = stream.getNewImage();
        AttributeValue status = image.get(DynamoRevisionLog.STATUS);
        AttributeValue hub = image.get(DynamoRevisionLog.HUB);
        AttributeValue seq = image.get(DynamoRevisionLog.SEQ);
        if (status == null || !RevisionStatus.ACCEPTED.name().equals(status.getS()) || hub == null || hub.getS() == null
                || seq == null || seq.getN() == null) {
            return Optional.empty();
        }
        return Optional.of(new RevisionRef(hub.getS(), Long.parseLong(seq.getN())));
    }

    public StreamsEventResponse handle(DynamodbEvent event, Context context) {
        log.requestId(context == null ? "" : context.getAwsRequestId());
        List<StreamsEventResponse.BatchItemFailure> failures = new ArrayList<>();
        List<DynamodbEvent.DynamodbStreamRecord> records = event.getRecords() == null ? List.of() : event.getRecords();
        for (DynamodbEvent.DynamodbStreamRecord record : records) {
            Optional<RevisionRef> ref;
            try {
                ref = newAcceptedRevision(record);
            } catch (RuntimeException e) {
                log.error("unreadable stream record: skipped", Map.of("eventId", String.valueOf(record.getEventID()),
                        "error", String.valueOf(e.getMessage())));
                continue;
            }
            if (ref.isEmpty()) {
                continue;
            }
            RevisionRef revision = ref.get();
            try {
                PublishChannel.Outcome outcome = publish.publish(revision.hub(), revision.seq());
                Map<String, Object> fields = new LinkedHashMap<>();
                fields.put("hub", revision.hub());
                fields.put("revision", revision.id());
                fields.put("channel", channel);
                fields.put("objects", outcome.status().objects());
                fields.put("written", outcome.written());
                fields.put("unchanged", outcome.unchanged());
                fields.put("deleted", outcome.deleted());
                fields.put("bytes", outcome.status().bytes());
                fields.put("millis", outcome.status().millis());
                log.info("published " + channel + " of " + revision.id(), fields);
                metrics.emit(Map.of(
                                "ObjectsRendered", Metrics.Value.count(outcome.status().objects()),
                                "ObjectsWritten", Metrics.Value.count(outcome.written()),
                                "BytesRendered", Metrics.Value.bytes(outcome.status().bytes()),
                                "RenderMillis", Metrics.Value.millis(outcome.status().millis()),
                                "ChannelFailures", Metrics.Value.count(0)),
                        Map.of("revision", revision.id(), "hub", revision.hub(), "channel", channel));
            } catch (RuntimeException e) {
                log.error(channel + " failed for " + revision.id() + "; Lambda retries from this record",
                        Map.of("hub", revision.hub(), "revision", revision.id(), "channel", channel,
                                "error", String.valueOf(e.getMessage()), "exception", e.getClass().getName()));
                metrics.emit(Map.of("ChannelFailures", Metrics.Value.count(1)),
                        Map.of("revision", revision.id(), "hub", revision.hub(), "channel", channel));
                failures.add(StreamsEventResponse.BatchItemFailure.builder()
                        .withItemIdentifier(record.getDynamodb().getSequenceNumber()).build());
                break;
            }
        }
        return StreamsEventResponse.builder().withBatchItemFailures(failures).build();
    }
}
