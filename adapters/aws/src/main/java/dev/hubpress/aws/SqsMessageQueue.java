package dev.hubpress.aws;

import dev.hubpress.core.port.MessageQueue;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.BatchResultErrorEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResponse;

import java.util.ArrayList;
import java.util.List;

/**
 * A {@link MessageQueue} on one SQS queue: {@code SendMessageBatch} ten messages at a time (SQS's
 * limit; the 256 KiB a request may carry bounds it too, so a batch is cut earlier when its bodies
 * add up to more). A queue whose URL ends in {@code .fifo} is ordered: each message carries its
 * group and deduplication id. Entries SQS refuses in a batch are sent again once; any still
 * refused make {@link #send} throw, naming the first reason (what was sent stays sent).
 */
public final class SqsMessageQueue implements MessageQueue {

    private static final int BATCH = 10;

    private final SqsClient sqs;
    private final String url;
    private final boolean fifo;

    /** @param url the queue's URL ({@code !Ref} of the queue in template.yaml) */
    public SqsMessageQueue(SqsClient sqs, String url) {
        this.sqs = sqs;
        this.url = url;
        this.fifo = url.endsWith(".fifo");
    }

    @Override
    public boolean ordered() {
        return fifo;
    }

    public String url() {
        return url;
    }

    @Override
    public void send(List<Message> messages) {
        MessageQueue.requireSendable(messages, fifo);
        List<SendMessageBatchRequestEntry> batch = new ArrayList<>();
        long bytes = 0;
        for (Message m : messages) {
            long size = m.body().getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
            if (batch.size() == BATCH || (!batch.isEmpty() && bytes + size > MAX_BODY_BYTES)) {
                sendBatch(batch);
                batch = new ArrayList<>();
                bytes = 0;
            }
            batch.add(entry(Integer.toString(batch.size()), m));
            bytes += size;
        }
        if (!batch.isEmpty()) {
            sendBatch(batch);
        }
    }

    private SendMessageBatchRequestEntry entry(String id, Message m) {
        SendMessageBatchRequestEntry.Builder entry = SendMessageBatchRequestEntry.builder().id(id).messageBody(m.body());
        if (fifo) {
            entry.messageGroupId(m.group()).messageDeduplicationId(m.deduplicationId());
        } else if (!m.delay().isZero()) {
            entry.delaySeconds((int) m.delay().toSeconds());
        }
        return entry.build();
    }

    private void sendBatch(List<SendMessageBatchRequestEntry> entries) {
        List<SendMessageBatchRequestEntry> pending = entries;
        for (int attempt = 1; ; attempt++) {
            List<SendMessageBatchRequestEntry> sending = pending;
            SendMessageBatchResponse response = sqs.sendMessageBatch(b -> b.queueUrl(url).entries(sending));
            if (!response.hasFailed() || response.failed().isEmpty()) {
                return;
            }
            List<String> failedIds = response.failed().stream().map(BatchResultErrorEntry::id).toList();
            pending = sending.stream().filter(e -> failedIds.contains(e.id())).toList();
            BatchResultErrorEntry first = response.failed().get(0);
            if (attempt >= 2 || first.senderFault()) {
                throw new IllegalStateException("SQS refused " + pending.size() + " of " + entries.size() + " messages for "
                        + url + ": " + first.code() + " " + first.message());
            }
        }
    }
}
