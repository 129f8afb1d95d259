package dev.hubpress.core.port;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * A queue that hands messages to a consumer that runs elsewhere (SQS on AWS, feeding a Lambda
 * function): the send side only, since the consumer is invoked with what it receives.
 * <ul>
 *   <li>Delivery is at least once: a consumer may get a message twice (a retry, a redelivery after
 *       a crash) and must be idempotent; nothing sent is lost while the queue keeps it.</li>
 *   <li>Messages of one {@linkplain Message#group() group} are delivered in the order they were
 *       sent, one at a time, on a queue that {@linkplain #ordered() keeps order} (an SQS FIFO
 *       queue); a queue that does not may deliver any message in any order and ignores groups.</li>
 *   <li>On an ordered queue, a message with the {@linkplain Message#deduplicationId() deduplication
 *       id} of one sent in the last few minutes (five on SQS) is accepted and not delivered again:
 *       a sender that retries a send it is unsure of causes no second delivery.</li>
 *   <li>A {@linkplain Message#delay() delay} holds the message back that long (whole seconds, at
 *       most {@link #MAX_DELAY}); only unordered queues take delays.</li>
 * </ul>
 * {@link #send} refuses, sending none of the batch, a body over {@link #MAX_BODY_BYTES} UTF-8
 * bytes or empty, a message of a group sent to an unordered queue or a delayed one sent to an
 * ordered queue, and a group or deduplication id that is not 1–128 printable ASCII characters.
 * Otherwise it returns once the queue holds every message, or throws having sent some of them
 * (the caller sends the batch again: deliveries are at least once anyway).
 */
public interface MessageQueue {

    /** The largest body a message may have: SQS's 256 KiB. */
    int MAX_BODY_BYTES = 256 * 1024;
    /** The longest delay: SQS's 15 minutes. */
    Duration MAX_DELAY = Duration.ofMinutes(15);

    /**
     * One message.
     *
     * @param body            the payload, UTF-8 text
     * @param group           the ordering group on an ordered queue (e.g. the hub), else null
     * @param deduplicationId on an ordered queue, what makes two sends one delivery; else null
     * @param delay           how long to hold it back (unordered queues), {@link Duration#ZERO} for none
     */
    record Message(String body, String group, String deduplicationId, Duration delay) {
        public Message {
            Objects.requireNonNull(body, "body");
            delay = delay == null ? Duration.ZERO : delay;
        }

        /** A message for an unordered queue. */
        public static Message of(String body) {
            return new Message(body, null, null, Duration.ZERO);
        }

        /** A message for an unordered queue, held back for a while. */
        public static Message delayed(String body, Duration delay) {
            return new Message(body, null, null, delay);
        }

        /** A message for an ordered queue. */
        public static Message inGroup(String body, String group, String deduplicationId) {
            return new Message(body, group, deduplicationId, Duration.ZERO);
        }
    }

    /** Whether this queue keeps the order of a group and deduplicates (an SQS FIFO queue). */
    boolean ordered();

    /** Sends the messages (any number: an implementation batches them as its service needs). */
    void send(List<Message> messages);

    /** The check every implementation makes before it sends anything: the refusals of the Javadoc above. */
    static void requireSendable(List<Message> messages, boolean ordered) {
        for (Message m : messages) {
            int bytes = m.body().getBytes(StandardCharsets.UTF_8).length;
            if (bytes == 0 || bytes > MAX_BODY_BYTES) {
                throw new IllegalArgumentException("a message body must be 1 to " + MAX_BODY_BYTES + " bytes, not " + bytes);
            }
            if (ordered) {
                requireId("group", m.group());
                requireId("deduplication id", m.deduplicationId());
                if (!m.delay().isZero()) {
                    throw new IllegalArgumentException("an ordered queue takes no delay per message");
                }
            } else {
                if (m.group() != null || m.deduplicationId() != null) {
                    throw new IllegalArgumentException("an unordered queue takes no group or deduplication id");
                }
                if (m.delay().isNegative() || m.delay().compareTo(MAX_DELAY) > 0 || m.delay().toMillis() % 1000 != 0) {
                    throw new IllegalArgumentException("a delay is whole seconds from 0 to 15 minutes, not " + m.delay());
                }
            }
        }
    }

    private static void requireId(String what, String id) {
        if (id == null || id.isEmpty() || id.length() > 128 || !id.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            throw new IllegalArgumentException("a message's " + what + " must be 1 to 128 printable ASCII characters: " + id);
        }
    }
}
