package dev.hubpress.lambda;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.hubpress.aws.Json;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads the body of an SQS message that S3 sent: an event notification with {@code Records}
 * (object keys URL-encoded, spaces as '+'), or the {@code s3:TestEvent} S3 sends when the
 * notification is configured.
 */
public final class S3Notifications {

    private S3Notifications() {
    }

    /**
     * One object change: {@code ObjectCreated:Put}, {@code ObjectRemoved:Delete}, …
     *
     * @param eventTime when S3 finished the request, if the record says so readably
     */
    public record Change(String eventName, String bucket, String key, String sequencer, Optional<Instant> eventTime) {

        public Change(String eventName, String bucket, String key, String sequencer) {
            this(eventName, bucket, key, sequencer, Optional.empty());
        }

        public boolean removed() {
            return eventName.startsWith("ObjectRemoved");
        }
    }

    /** A message that is not an S3 notification; the handler reports it as a failed item. */
    public static final class MalformedNotification extends Exception {
        private static final long serialVersionUID = 1L;

        public MalformedNotification(String message) {
            super(message);
        }
    }

    /**
     * The changes the body announces; empty for the test event.
     *
     * @throws MalformedNotification when the body is not JSON or not an S3 notification
     */
    public static List<Change> parse(String body) throws MalformedNotification {
        if (body == null || body.isBlank()) {
            throw new MalformedNotification("empty message body");
        }
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            throw new MalformedNotification("message body is not JSON: " + e.getOriginalMessage());
        }
        if (!root.isObject()) {
            throw new MalformedNotification("message body is not a JSON object");
        }
        if ("s3:TestEvent".equals(root.path("Event").asText())) {
            return List.of();
        }
        JsonNode records = root.get("Records");
        if (records == null || !records.isArray()) {
            throw new MalformedNotification("not an S3 event notification: no Records");
        }
        List<Change> changes = new ArrayList<>();
        for (JsonNode record : records) {
            String source = record.path("eventSource").asText();
            String name = record.path("eventName").asText();
            JsonNode s3 = record.path("s3");
            String bucket = s3.path("bucket").path("name").asText();
            String key = s3.path("object").path("key").asText();
            if (!"aws:s3".equals(source) || name.isEmpty() || bucket.isEmpty() || key.isEmpty()) {
                throw new MalformedNotification("not an S3 event record: eventSource '" + source + "', eventName '"
                        + name + "', bucket '" + bucket + "', key '" + key + "'");
            }
            String decoded;
            try {
                decoded = URLDecoder.decode(key, StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                throw new MalformedNotification("object key is not URL-encoded: " + key);
            }
            changes.add(new Change(name, bucket, decoded, s3.path("object").path("sequencer").asText(""),
                    instant(record.path("eventTime").asText(""))));
        }
        return changes;
    }

    /** An ISO-8601 event time; empty when absent or unreadable (the change itself still counts). */
    private static Optional<Instant> instant(String text) {
        try {
            return text.isEmpty() ? Optional.empty() : Optional.of(Instant.parse(text));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
