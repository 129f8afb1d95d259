package dev.hubpress.core.testing;

import dev.hubpress.core.port.MessageQueue;
import dev.hubpress.core.port.MessageQueueContract;

import java.util.List;

/** The fake queue keeps the port's contract, so tests of the fan-out on it prove something. */
class InMemoryMessageQueueTest extends MessageQueueContract {

    @Override
    protected MessageQueue createQueue(boolean ordered) {
        return new InMemoryMessageQueue(ordered);
    }

    @Override
    protected List<String> receiveAll(MessageQueue queue) {
        return ((InMemoryMessageQueue) queue).take().stream().map(MessageQueue.Message::body).toList();
    }
}
