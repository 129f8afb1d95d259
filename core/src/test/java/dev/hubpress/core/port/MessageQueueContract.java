package dev.hubpress.core.port;

import dev.hubpress.core.port.MessageQueue.Message;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What every {@link MessageQueue} promises (its Javadoc), run against each implementation: the
 * in-memory fake and SQS (standard and FIFO queues). A subclass makes a fresh queue per test and
 * receives from it as a consumer would.
 */
public abstract class MessageQueueContract {

    /** A new, empty queue: FIFO-like when {@code ordered}. */
    protected abstract MessageQueue createQueue(boolean ordered);

    /** Everything the queue delivers now, in delivery order, each removed (acknowledged) as it is received. */
    protected abstract List<String> receiveAll(MessageQueue queue);

    private static List<Message> unordered(List<String> bodies) {
        return bodies.stream().map(Message::of).toList();
    }

    @Test
    void everyMessageOfABatchOfAnySizeIsDeliveredWithItsBodyIntact() {
        // GIVEN an unordered queue, and 23 messages: text with every kind of character, and one of 200 KB
        MessageQueue queue = createQueue(false);
        List<String> bodies = new ArrayList<>();
        IntStream.range(0, 21).forEach(i -> bodies.add("{\"job\":" + i + ",\"text\":\"ü → 漢字 😀 \\\" <&>\"}"));
        bodies.add("x".repeat(200 * 1024));
        bodies.add("line one\nline two\ttabbed");

        // WHEN they are sent in one call
        queue.send(unordered(bodies));

        // THEN each is delivered, byte for byte
        assertThat(receiveAll(queue)).containsExactlyInAnyOrderElementsOf(bodies);
    }

    @Test
    void aGroupIsDeliveredInTheOrderItWasSent() {
        // GIVEN an ordered queue
        MessageQueue queue = createQueue(true);
        assertThat(queue.ordered()).isTrue();

        // WHEN 15 messages of one group are sent, in two calls
        List<String> bodies = IntStream.rangeClosed(1, 15).mapToObj(i -> "r" + i).toList();
        queue.send(bodies.subList(0, 12).stream().map(b -> Message.inGroup(b, "hub", "id-" + b)).toList());
        queue.send(bodies.subList(12, 15).stream().map(b -> Message.inGroup(b, "hub", "id-" + b)).toList());

        // THEN they are delivered in that order
        assertThat(receiveAll(queue)).containsExactlyElementsOf(bodies);
    }

    @Test
    void aDeduplicationIdSentTwiceIsDeliveredOnce() {
        // GIVEN an ordered queue that got a message
        MessageQueue queue = createQueue(true);
        queue.send(List.of(Message.inGroup("site of r1", "hub", "site-r1")));

        // WHEN a sender unsure of that send sends it again, then another message
        queue.send(List.of(Message.inGroup("site of r1", "hub", "site-r1"), Message.inGroup("site of r2", "hub", "site-r2")));

        // THEN each is delivered once
        assertThat(receiveAll(queue)).containsExactly("site of r1", "site of r2");
    }

    @Test
    void whatCannotBeQueuedIsRefusedAndNothingOfTheBatchIsSent() {
        // GIVEN a queue of each kind
        MessageQueue plain = createQueue(false);
        MessageQueue ordered = createQueue(true);
        Message fine = Message.of("fine");

        // WHEN batches holding one message the queue cannot take are sent
        // THEN each is refused before anything is sent
        assertThatThrownBy(() -> plain.send(List.of(fine, Message.of("x".repeat(MessageQueue.MAX_BODY_BYTES + 1)))))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> plain.send(List.of(fine, Message.of("")))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> plain.send(List.of(fine, Message.inGroup("g", "hub", "id"))))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> plain.send(List.of(fine, Message.delayed("late", Duration.ofMinutes(16)))))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ordered.send(List.of(Message.inGroup("ok", "hub", "a"), Message.inGroup("bad id", "hub", "has space"))))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ordered.send(List.of(Message.of("no group")))).isInstanceOf(IllegalArgumentException.class);
        assertThat(receiveAll(plain)).isEmpty();
        assertThat(receiveAll(ordered)).isEmpty();
    }

    @Test
    void aDelayedMessageIsStillDelivered() {
        // GIVEN an unordered queue
        MessageQueue queue = createQueue(false);

        // WHEN a message is sent with a delay of one second
        queue.send(List.of(Message.delayed("later", Duration.ofSeconds(1))));

        // THEN it is delivered (after the delay)
        assertThat(receiveAll(queue)).containsExactly("later");
    }
}
