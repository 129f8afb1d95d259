package dev.hubpress.functions;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.hubpress.lambda.JsonLog;
import dev.hubpress.lambda.S3Notifications;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * One SQS batch of S3 notifications as one ingest: the content changes it announces (the queue's
 * batching window gathers one multi-file push), which messages asked for it, and which messages
 * are not S3 notifications at all (reported alone as failed items: back to the queue, then the DLQ).
 *
 * @param asking      ids of the messages that announce a change of the content prefix
 * @param malformed   ids of the messages that are not S3 notifications
 * @param newestEvent the newest event time of those changes, where the records give one
 */
record IngestBatch(List<String> asking, List<String> malformed, TreeSet<String> keys, TreeSet<String> events, String sequencer,
                   Optional<Instant> newestEvent) {

    /** Reads the batch; a change outside the content bucket's prefix is logged and ignored. */
    static IngestBatch of(SQSEvent event, String contentBucket, String contentPrefix, JsonLog log) {
        List<String> asking = new ArrayList<>();
        List<String> malformed = new ArrayList<>();
        TreeSet<String> keys = new TreeSet<>();
        TreeSet<String> events = new TreeSet<>();
        String sequencer = "";
        Optional<Instant> newest = Optional.empty();
        for (SQSEvent.SQSMessage message : event.getRecords() == null ? List.<SQSEvent.SQSMessage>of() : event.getRecords()) {
            List<S3Notifications.Change> changes;
            try {
                changes = S3Notifications.parse(message.getBody());
            } catch (S3Notifications.MalformedNotification e) {
                log.error("not an S3 notification: reported as failed", Map.of("messageId", message.getMessageId(),
                        "error", e.getMessage()));
                malformed.add(message.getMessageId());
                continue;
            }
            boolean relevant = false;
            for (S3Notifications.Change change : changes) {
                if (!change.bucket().equals(contentBucket) || !change.key().startsWith(contentPrefix)) {
                    log.warn("ignoring a change outside s3://" + contentBucket + "/" + contentPrefix,
                            Map.of("messageId", message.getMessageId(), "bucket", change.bucket(), "key", change.key()));
                    continue;
                }
                relevant = true;
                keys.add(change.key());
                events.add(change.eventName());
                if (later(change.sequencer(), sequencer)) {
                    sequencer = change.sequencer();
                }
                if (change.eventTime().isPresent() && (newest.isEmpty() || change.eventTime().get().isAfter(newest.get()))) {
                    newest = change.eventTime();
                }
            }
            if (relevant) {
                asking.add(message.getMessageId());
            } else if (changes.isEmpty()) {
                log.info("s3:TestEvent: nothing to ingest", Map.of("messageId", message.getMessageId()));
            }
        }
        return new IngestBatch(List.copyOf(asking), List.copyOf(malformed), keys, events, sequencer, newest);
    }

    /** The batch's answer: the malformed messages, and those that asked for an ingest that failed. */
    SQSBatchResponse response(boolean ingestFailed) {
        List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
        malformed.forEach(id -> failures.add(new SQSBatchResponse.BatchItemFailure(id)));
        if (ingestFailed) {
            asking.forEach(id -> failures.add(new SQSBatchResponse.BatchItemFailure(id)));
        }
        return new SQSBatchResponse(failures);
    }

    /** What caused the revision, for operators: the events, the keys (a few), the newest S3 sequencer. */
    String trigger() {
        StringBuilder text = new StringBuilder("s3 ").append(String.join(",", events)).append(' ');
        int shown = 0;
        for (String key : keys) {
            if (shown == 5) {
                text.append(" (+").append(keys.size() - shown).append(" more)");
                break;
            }
            text.append(shown == 0 ? "" : ", ").append(key);
            shown++;
        }
        if (!sequencer.isEmpty()) {
            text.append("; sequencer ").append(sequencer);
        }
        return text.toString();
    }

    /** Whether an S3 sequencer is later than another: hexadecimal values, the shorter padded with leading zeros. */
    static boolean later(String sequencer, String than) {
        int width = Math.max(sequencer.length(), than.length());
        return "0".repeat(width - sequencer.length()).concat(sequencer).compareToIgnoreCase(
                "0".repeat(width - than.length()).concat(than)) > 0;
    }
}
