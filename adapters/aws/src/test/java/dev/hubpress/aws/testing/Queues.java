package dev.hubpress.aws.testing;

import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * SQS queues for tests, on the emulator (ElasticMQ) or a LocalStack: created with unique names as
 * template.yaml creates them (FIFO or standard, a visibility timeout, a DLQ after N receives), and
 * read as Lambda's event source mapping reads them.
 */
public final class Queues {

    private Queues() {
    }

    /** A new queue; its URL. FIFO queues get content-based deduplication off (senders give ids). */
    public static String create(SqsClient sqs, String base, boolean fifo, int visibilitySeconds) {
        Map<QueueAttributeName, String> attributes = new HashMap<>();
        attributes.put(QueueAttributeName.VISIBILITY_TIMEOUT, Integer.toString(visibilitySeconds));
        if (fifo) {
            attributes.put(QueueAttributeName.FIFO_QUEUE, "true");
        }
        String name = AwsFixtures.unique(base) + (fifo ? ".fifo" : "");
        return sqs.createQueue(b -> b.queueName(name).attributes(attributes)).queueUrl();
    }

    /** A new queue whose messages go to a new DLQ after {@code maxReceives} receives; its URL and the DLQ's. */
    public static String[] withDeadLetters(SqsClient sqs, String base, boolean fifo, int visibilitySeconds, int maxReceives) {
        String dlq = create(sqs, base + "-dlq", fifo, visibilitySeconds);
        String arn = sqs.getQueueAttributes(b -> b.queueUrl(dlq).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes().get(QueueAttributeName.QUEUE_ARN);
        String queue = create(sqs, base, fifo, visibilitySeconds);
        sqs.setQueueAttributes(b -> b.queueUrl(queue).attributes(Map.of(QueueAttributeName.REDRIVE_POLICY,
                "{\"deadLetterTargetArn\":\"" + arn + "\",\"maxReceiveCount\":\"" + maxReceives + "\"}")));
        return new String[] {queue, dlq};
    }

    /** Up to {@code max} (≤ 10) messages visible now, waiting at most a second; they stay in flight until deleted. */
    public static List<Message> receive(SqsClient sqs, String url, int max) {
        return sqs.receiveMessage(b -> b.queueUrl(url).maxNumberOfMessages(Math.min(10, max)).waitTimeSeconds(1)
                .messageSystemAttributeNamesWithStrings("All")).messages();
    }

    public static void delete(SqsClient sqs, String url, Message message) {
        sqs.deleteMessage(b -> b.queueUrl(url).receiptHandle(message.receiptHandle()));
    }

    /** Receives and deletes until the queue answers empty twice; the bodies in the order received. */
    public static List<String> drain(SqsClient sqs, String url) {
        List<String> bodies = new ArrayList<>();
        int empty = 0;
        while (empty < 2) {
            List<Message> got = receive(sqs, url, 10);
            if (got.isEmpty()) {
                empty++;
                continue;
            }
            empty = 0;
            for (Message m : got) {
                bodies.add(m.body());
                delete(sqs, url, m);
            }
        }
        return bodies;
    }

    /** How many messages the queue holds, visible and in flight. */
    public static int depth(SqsClient sqs, String url) {
        Map<QueueAttributeName, String> a = sqs.getQueueAttributes(b -> b.queueUrl(url).attributeNames(
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE,
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED)).attributes();
        return Integer.parseInt(a.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
                + Integer.parseInt(a.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE))
                + Integer.parseInt(a.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED));
    }
}
