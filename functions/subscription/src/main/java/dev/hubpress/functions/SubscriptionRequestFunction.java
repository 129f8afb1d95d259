package dev.hubpress.functions;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue;
import dev.hubpress.aws.AwsClients;
import dev.hubpress.aws.DynamoConfirmationBudget;
import dev.hubpress.aws.DynamoRevisionLog;
import dev.hubpress.aws.DynamoSubscriberDirectory;
import dev.hubpress.aws.DynamoSubscriptionRequests;
import dev.hubpress.aws.S3BlobStore;
import dev.hubpress.aws.SesClients;
import dev.hubpress.aws.SesMailer;
import dev.hubpress.core.mail.ConfirmationLimits;
import dev.hubpress.core.mail.MailRouting;
import dev.hubpress.core.mail.Subscribe;
import dev.hubpress.core.mail.SubscriptionRequest;
import dev.hubpress.core.mail.Tokens;
import dev.hubpress.core.mail.Welcome;
import dev.hubpress.core.port.BlobStore;
import dev.hubpress.core.port.ConfirmationBudget;
import dev.hubpress.core.port.Mailer;
import dev.hubpress.core.port.RevisionLog;
import dev.hubpress.core.port.SubscriberDirectory;
import dev.hubpress.digest.DigestEmails;
import dev.hubpress.lambda.AcceptedHubs;
import dev.hubpress.lambda.Env;
import dev.hubpress.lambda.JsonLog;
import dev.hubpress.lambda.Metric;
import dev.hubpress.lambda.Metrics;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Lambda handler of the subscription requests table's stream (new items only): each request the
 * subscription endpoints left (a subscription, a preference link asked for by address, the welcome
 * email of a subscriber who just confirmed) is handled by {@link Subscribe}, off the request path, so the endpoint's
 * answer never waited for a lookup, a budget or SES. A confirmation that could not be sent (SES,
 * the directory) stops the batch at that record and reports it, so Lambda retries from it
 * ({@code ReportBatchItemFailures}), and after the retries the failure destination keeps it. Logs
 * and metrics name a mailbox by its fingerprint only.
 */
public final class SubscriptionRequestFunction implements RequestHandler<DynamodbEvent, StreamsEventResponse> {

    /** The function's name in its logs and the Function dimension of its metrics. */
    public static final String FUNCTION = "subscription-requests";

    /** The metrics the function emits. */
    public static final Set<Metric> METRICS = Set.of(Metric.CONFIRMATIONS_SENT, Metric.CONFIRMATIONS_REFUSED,
            Metric.CONFIRMATIONS_FAILED);

    private final AcceptedHubs editions;
    private final SubscriberDirectory directory;
    private final ConfirmationBudget budget;
    private final ConfirmationLimits limits;
    private final Mailer mailer;
    private final MailRouting routing;
    private final Tokens tokens;
    private final Clock clock;
    private final JsonLog log;
    private final Metrics metrics;

    public SubscriptionRequestFunction() {
        this(Clock.systemUTC(), new S3BlobStore(AwsClients.s3(), Env.required(Env.STATE_BUCKET), Env.BLOBS_PREFIX));
    }

    private SubscriptionRequestFunction(Clock clock, S3BlobStore blobs) {
        this(Env.required(Env.HUB_ID),
                new DynamoRevisionLog(AwsClients.dynamo(), Env.required(Env.REVISIONS_TABLE), blobs), blobs,
                new DynamoSubscriberDirectory(AwsClients.dynamo(), Env.required(Env.SUBSCRIBERS_TABLE)),
                new DynamoConfirmationBudget(AwsClients.dynamo(), Env.required(Env.CONFIRMATION_BUDGET_TABLE)),
                limitsFromEnvironment(),
                new SesMailer(SesClients.ses(), Env.required(Env.SES_CONFIGURATION_SET)), Env.mailRouting(),
                new Tokens(SesClients.tokenKeys(Env.required(Env.TOKEN_SECRET_ARN), Env.required(Env.TOKEN_KEY_ID)),
                        Tokens.DEFAULT_CONFIRM_VALIDITY, clock),
                clock, JsonLog.stdout(FUNCTION), Metrics.stdout(FUNCTION));
    }

    public SubscriptionRequestFunction(String hub, RevisionLog revisions, BlobStore blobs, SubscriberDirectory directory,
                                       ConfirmationBudget budget, ConfirmationLimits limits, Mailer mailer, MailRouting routing, Tokens tokens,
                                       Clock clock, JsonLog log, Metrics metrics) {
        this.editions = new AcceptedHubs(hub, revisions, blobs);
        this.directory = directory;
        this.budget = budget;
        this.limits = limits;
        this.mailer = mailer;
        this.routing = routing;
        this.tokens = tokens;
        this.clock = clock;
        this.log = log;
        this.metrics = metrics;
    }

    /** The budgets template.yaml sets from its parameters: per mailbox a day, per domain an hour, in all an hour. */
    static ConfirmationLimits limitsFromEnvironment() {
        return new ConfirmationLimits(
                new ConfirmationLimits.Limit(Env.count(Env.CONFIRMATIONS_PER_ADDRESS_PER_DAY,
                        Env.required(Env.CONFIRMATIONS_PER_ADDRESS_PER_DAY)), Duration.ofDays(1)),
                new ConfirmationLimits.Limit(Env.count(Env.CONFIRMATIONS_PER_DOMAIN_PER_HOUR,
                        Env.required(Env.CONFIRMATIONS_PER_DOMAIN_PER_HOUR)), Duration.ofHours(1)),
                new ConfirmationLimits.Limit(Env.count(Env.CONFIRMATIONS_PER_HOUR,
                        Env.required(Env.CONFIRMATIONS_PER_HOUR)), Duration.ofHours(1)));
    }

    @Override
    public StreamsEventResponse handleRequest(DynamodbEvent event, Context context) {
        log.requestId(context == null ? "" : context.getAwsRequestId());
        List<StreamsEventResponse.BatchItemFailure> failures = new ArrayList<>();
        for (DynamodbEvent.DynamodbStreamRecord record : event.getRecords() == null ? List.<DynamodbEvent.DynamodbStreamRecord>of()
                : event.getRecords()) {
            Optional<SubscriptionRequest> request = request(record);
            if (request.isPresent() && !handled(request.get())) {
                failures.add(StreamsEventResponse.BatchItemFailure.builder()
                        .withItemIdentifier(record.getDynamodb().getSequenceNumber()).build());
                break;
            }
        }
        return StreamsEventResponse.builder().withBatchItemFailures(failures).build();
    }

    /** The request a new item holds; empty (logged) for any other record. */
    private Optional<SubscriptionRequest> request(DynamodbEvent.DynamodbStreamRecord record) {
        if (!"INSERT".equals(record.getEventName()) || record.getDynamodb() == null || record.getDynamodb().getNewImage() == null) {
            return Optional.empty();
        }
        Map<String, AttributeValue> image = record.getDynamodb().getNewImage();
        try {
            return Optional.of(DynamoSubscriptionRequests.request(name -> image.get(name) == null ? null : image.get(name).getS()));
        } catch (RuntimeException e) {
            log.error("unreadable subscription request: skipped", Map.of("eventId", String.valueOf(record.getEventID()),
                    "exception", e.getClass().getName()));
            return Optional.empty();
        }
    }

    /** Handles one request; whether it is done with (false: retry it). */
    private boolean handled(SubscriptionRequest request) {
        Map<String, String> fields = Map.of("mailbox", request.email().fingerprint());
        Optional<AcceptedHubs.Loaded> head;
        Subscribe.Outcome outcome;
        try {
            head = editions.latest();
            if (head.isEmpty()) {
                log.warn("subscription request before the first publication: dropped", fields);
                return true;
            }
            DigestEmails emails = new DigestEmails(head.get().hub(), routing, tokens.confirmValidity());
            outcome = new Subscribe(directory, budget, limits, mailer, emails, tokens, clock)
                    .welcoming(new Welcome(editions.hubId(), editions.log(), directory, mailer, emails, tokens, clock))
                    .subscribe(request);
        } catch (RuntimeException e) {
            // A MailerException says nothing of SES's text; the directory's and S3's errors hold no address.
            log.error("subscription request failed; Lambda retries from this record", Map.of("mailbox", fields.get("mailbox"),
                    "exception", e.getClass().getName(), "error", String.valueOf(e.getMessage())));
            metrics.emit(Map.of(Metric.CONFIRMATIONS_SENT, 0, Metric.CONFIRMATIONS_REFUSED, 0, Metric.CONFIRMATIONS_FAILED, 1), Map.of());
            return false;
        }
        boolean failed = outcome == Subscribe.Outcome.WELCOME_FAILED;
        if (failed) {
            // Refused for good by SES (a failure for now was thrown above, and is retried): the subscriber stays confirmed.
            log.warn("subscription request: " + outcome + "; the welcome email is not sent again",
                    Map.of("mailbox", fields.get("mailbox"), "outcome", outcome.name()));
        } else {
            log.info("subscription request: " + outcome, Map.of("mailbox", fields.get("mailbox"), "outcome", outcome.name()));
        }
        metrics.emit(Map.of(Metric.CONFIRMATIONS_SENT, outcome == Subscribe.Outcome.CONFIRMATION_SENT ? 1 : 0,
                Metric.CONFIRMATIONS_REFUSED, outcome.overBudget() ? 1 : 0, Metric.CONFIRMATIONS_FAILED, failed ? 1 : 0), Map.of());
        return true;
    }
}
