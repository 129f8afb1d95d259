package dev.hubpress.functions;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SNSEvent;
import com.fasterxml.jackson.databind.JsonNode;
import dev.hubpress.aws.AwsClients;
import dev.hubpress.aws.DynamoSubscriberDirectory;
import dev.hubpress.lambda.Env;
import dev.hubpress.aws.Json;
import dev.hubpress.lambda.JsonLog;
import dev.hubpress.lambda.Metric;
import dev.hubpress.lambda.Metrics;
import dev.hubpress.core.mail.Suppress;
import dev.hubpress.core.port.SubscriberDirectory;

import java.time.Clock;
import java.util.Map;
import java.util.Set;

/**
 * Lambda handler of the SNS topic the SES configuration set publishes to: a permanent bounce or a
 * complaint suppresses the address for good (a transient bounce changes nothing). Reads both SES
 * event publishing ({@code eventType}) and notification ({@code notificationType}) messages.
 * A record from a topic other than ours ({@code MAIL_EVENTS_TOPIC_ARN}, which template.yaml sets with
 * {@code !Ref MailEventsTopic}) is logged as a warning and ignored: nothing is suppressed for it.
 * A message that cannot be read is logged and dropped; an error of the directory is thrown, so SNS
 * retries and, in the end, the topic subscription's dead-letter queue keeps it. A replayed
 * notification changes nothing more (suppression is idempotent).
 */
public final class BounceFunction implements RequestHandler<SNSEvent, String> {

    /** The function's name in its logs and the Function dimension of its metrics. */
    public static final String FUNCTION = "bounces";

    /** The metrics the function emits. */
    public static final Set<Metric> METRICS = Set.of(Metric.EMAILS_SUPPRESSED);

    private final Suppress suppress;
    private final String topicArn;
    private final JsonLog log;
    private final Metrics metrics;

    public BounceFunction() {
        this(new DynamoSubscriberDirectory(AwsClients.dynamo(), Env.required(Env.SUBSCRIBERS_TABLE)),
                Env.required(Env.MAIL_EVENTS_TOPIC_ARN), Clock.systemUTC(), JsonLog.stdout(FUNCTION), Metrics.stdout(FUNCTION));
    }

    /** @param topicArn the only topic whose notifications are acted on */
    public BounceFunction(SubscriberDirectory directory, String topicArn, Clock clock, JsonLog log, Metrics metrics) {
        if (topicArn == null || topicArn.isBlank()) {
            throw new IllegalArgumentException("the mail events topic ARN is required");
        }
        this.suppress = new Suppress(directory, clock);
        this.topicArn = topicArn;
        this.log = log;
        this.metrics = metrics;
    }

    @Override
    public String handleRequest(SNSEvent event, Context context) {
        log.requestId(context == null ? "" : context.getAwsRequestId());
        int suppressed = 0;
        int foreign = 0;
        for (SNSEvent.SNSRecord record : event.getRecords()) {
            String from = record.getSNS() == null ? null : record.getSNS().getTopicArn();
            if (!topicArn.equals(from)) {
                foreign++;
                log.warn("notification from a topic that is not ours: ignored", Map.of("topicArn", String.valueOf(from),
                        "messageId", record.getSNS() == null ? "" : String.valueOf(record.getSNS().getMessageId())));
                continue;
            }
            JsonNode message;
            try {
                message = Json.MAPPER.readTree(record.getSNS().getMessage());
            } catch (java.io.IOException | RuntimeException e) {
                log.warn("unreadable SES notification: dropped", Map.of("messageId", String.valueOf(record.getSNS().getMessageId())));
                continue;
            }
            String type = message.path("eventType").asText(message.path("notificationType").asText(""));
            JsonNode recipients;
            Suppress.Reason reason;
            if (type.equals("Bounce") && message.path("bounce").path("bounceType").asText().equals("Permanent")) {
                recipients = message.path("bounce").path("bouncedRecipients");
                reason = Suppress.Reason.BOUNCE;
            } else if (type.equals("Complaint")) {
                recipients = message.path("complaint").path("complainedRecipients");
                reason = Suppress.Reason.COMPLAINT;
            } else {
                continue;
            }
            for (JsonNode recipient : recipients) {
                if (suppress.suppress(recipient.path("emailAddress").asText(""), reason)) {
                    suppressed++;
                    log.info("address suppressed", Map.of("reason", reason.name()));
                }
            }
        }
        metrics.emit(Map.of(Metric.EMAILS_SUPPRESSED, suppressed), Map.of());
        return foreign == 0 ? suppressed + " suppressed" : suppressed + " suppressed, " + foreign + " ignored (foreign topic)";
    }
}
