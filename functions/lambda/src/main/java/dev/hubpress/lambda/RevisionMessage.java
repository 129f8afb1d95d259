package dev.hubpress.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hubpress.aws.Json;
import dev.hubpress.core.content.Hashing;
import dev.hubpress.core.port.MessageQueue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * What the dispatcher tells a consumer of the revisions stream: publish (or digest) revision
 * {@code seq} of {@code hub}, because of a record of kind {@code event} (INSERT: a new accepted
 * revision; MODIFY: the outcome of a channel the consumer reads changed on it). One message per
 * (record, consumer), in the hub's group of the consumer's FIFO queue, so a consumer sees a hub's
 * revisions in stream order.
 *
 * @param cause what on the record woke the consumer (the read channels' statuses as the record
 *              carries them): two records that wake a consumer for different reasons are two
 *              deliveries, the same record dispatched twice is one
 */
public record RevisionMessage(String hub, long seq, String consumer, String event, String cause) {

    /** The revision it names. */
    public RevisionRecords.RevisionRef revision() {
        return new RevisionRecords.RevisionRef(hub, seq);
    }

    /** JSON: {@code {"hub":"hub","seq":2,"consumer":"site","event":"MODIFY"}}. */
    public String toJson() {
        ObjectNode node = Json.MAPPER.createObjectNode().put("hub", hub).put("seq", seq).put("consumer", consumer).put("event", event);
        return node.toString();
    }

    /** The queue message: grouped by hub, deduplicated by consumer, revision, event and cause. */
    public MessageQueue.Message toMessage() {
        String key = Hashing.sha256Hex((event + "\n" + cause).getBytes(StandardCharsets.UTF_8)).substring(0, 32);
        return MessageQueue.Message.inGroup(toJson(), hub, consumer + "-" + hub + "-r" + seq + "-" + key);
    }

    /** @throws IllegalArgumentException when the body is not such a message */
    public static RevisionMessage parse(String body) {
        try {
            JsonNode node = Json.MAPPER.readTree(body);
            if (node == null || !node.path("hub").isTextual() || !node.path("seq").canConvertToLong() || !node.path("consumer").isTextual()) {
                throw new IllegalArgumentException("not a revision message: " + abbreviated(body));
            }
            return new RevisionMessage(node.get("hub").asText(), node.get("seq").asLong(), node.get("consumer").asText(),
                    node.path("event").asText(""), "");
        } catch (IOException e) {
            throw new IllegalArgumentException("not a revision message: " + abbreviated(body), e);
        }
    }

    private static String abbreviated(String body) {
        return body == null ? "null" : body.length() > 200 ? body.substring(0, 200) + "…" : body;
    }
}
