package dev.hubpress.aws;

import dev.hubpress.aws.testing.Emulators;
import dev.hubpress.aws.testing.Queues;
import dev.hubpress.core.port.MessageQueue;
import dev.hubpress.core.port.MessageQueueContract;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.List;

/** The SQS queue keeps the port's contract on the emulator (ElasticMQ): standard and FIFO queues. */
@ExtendWith(Emulators.class)
class SqsMessageQueueIT extends MessageQueueContract {

    @Override
    protected MessageQueue createQueue(boolean ordered) {
        return new SqsMessageQueue(SqsClients.sqs(), Queues.create(SqsClients.sqs(), "contract", ordered, 30));
    }

    @Override
    protected List<String> receiveAll(MessageQueue queue) {
        return Queues.drain(SqsClients.sqs(), ((SqsMessageQueue) queue).url());
    }
}
