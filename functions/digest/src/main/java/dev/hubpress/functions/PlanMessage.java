package dev.hubpress.functions;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hubpress.aws.Json;
import dev.hubpress.core.content.Hashing;
import dev.hubpress.core.mail.Cadence;
import dev.hubpress.core.port.MessageQueue;

import java.io.IOException;

/**
 * A message of the digest planner's FIFO queue: plan the digests of revision {@code seq} for a
 * cadence, from a cursor of the subscriber directory. The dispatcher's message for the email
 * consumer ({@link dev.hubpress.lambda.RevisionMessage}) reads as the first plan of every-update
 * digests; the planner sends itself the rest of a plan it had no time to finish.
 *
 * @param cursor where to continue; null for the first page
 */
record PlanMessage(String hub, long seq, Cadence cadence, String cursor) {

    static PlanMessage parse(String body) {
        try {
            JsonNode node = Json.MAPPER.readTree(body);
            if (node == null || !node.path("hub").isTextual() || !node.path("seq").canConvertToLong()) {
                throw new IllegalArgumentException("not a digest plan: " + body);
            }
            Cadence cadence = node.hasNonNull("cadence") ? Cadence.valueOf(node.get("cadence").asText()) : Cadence.EVERY_UPDATE;
            String cursor = node.hasNonNull("cursor") ? node.get("cursor").asText() : null;
            return new PlanMessage(node.get("hub").asText(), node.get("seq").asLong(), cadence, cursor);
        } catch (IOException e) {
            throw new IllegalArgumentException("not a digest plan: " + body, e);
        }
    }

    String toJson() {
        return Json.MAPPER.createObjectNode().put("hub", hub).put("seq", seq).put("consumer", "email")
                .put("cadence", cadence.name()).put("cursor", cursor).toString();
    }

    /** In the hub's group; the same plan sent twice is one delivery. */
    MessageQueue.Message toMessage() {
        String key = Hashing.sha256Hex(hub + "\n" + seq + "\n" + cadence + "\n" + cursor).substring(0, 40);
        return MessageQueue.Message.inGroup(toJson(), hub, "plan-" + key);
    }
}
