package dev.hubpress.functions;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.hubpress.aws.AwsClients;
import dev.hubpress.aws.DynamoRevisionLog;
import dev.hubpress.aws.DynamoSubscriberDirectory;
import dev.hubpress.aws.S3BlobStore;
import dev.hubpress.aws.SqsClients;
import dev.hubpress.aws.SqsMessageQueue;
import dev.hubpress.lambda.Env;
import dev.hubpress.lambda.JsonLog;
import dev.hubpress.lambda.Metric;
import dev.hubpress.lambda.QueueBatch;
import dev.hubpress.lambda.Metrics;
import dev.hubpress.lambda.TimeLeft;

import java.time.Duration;
import java.util.Map;

/**
 * Lambda handler of the digest planner's FIFO queue: the dispatcher's message for the email
 * consumer (the site's outcome changed on a revision) or the rest of a plan. Each plans the
 * digests of that revision, if its site is published, onto the send queue in jobs
 * ({@link DigestRunner#plan}); a plan stops at a page boundary while more than {@link #MARGIN} is
 * left and continues from its cursor in a message of its own.
 *
 * <p>Messages are handled in order; at the first failure that message and every one after it are
 * reported (FIFO), so SQS delivers them again in order, and after the queue's receive limit they go
 * to its DLQ. A plan run twice makes duplicate jobs, which the send ledger makes harmless.
 */
public final class DigestPlannerFunction implements RequestHandler<SQSEvent, SQSBatchResponse> {

    /** The function's name in its logs and the Function dimension of its metrics ({@link DigestRunner#PLANNER_METRICS}). */
    public static final String FUNCTION = "digest-planner";
    /** Time kept in hand: a page of the directory and its jobs take a second or two. */
    static final Duration MARGIN = Duration.ofSeconds(30);

    private final DigestRunner runner;

    /** The Lambda runtime's constructor: clients, tables and queues from the environment, once per container. */
    public DigestPlannerFunction() {
        this(fromEnvironment(FUNCTION));
    }

    /**
     * The planners' wiring (this function's and the weekly one's) from the environment template.yaml
     * sets: tables, state bucket, the send queue and the plan queue (no SES, no token secret). A
     * planner reads the revision log and the subscribers, never a revision's pages, so it keeps no
     * render cache and the template grants it none.
     */
    static DigestRunner fromEnvironment(String function) {
        S3BlobStore blobs = new S3BlobStore(AwsClients.s3(), Env.required(Env.STATE_BUCKET), Env.BLOBS_PREFIX);
        return new DigestRunner(Env.required(Env.HUB_ID),
                new DynamoRevisionLog(AwsClients.dynamo(), Env.required(Env.REVISIONS_TABLE), blobs), blobs,
                new DynamoSubscriberDirectory(AwsClients.dynamo(), Env.required(Env.SUBSCRIBERS_TABLE)),
                new SqsMessageQueue(SqsClients.sqs(), Env.required(Env.SEND_QUEUE_URL)),
                new SqsMessageQueue(SqsClients.sqs(), Env.required(Env.PLAN_QUEUE_URL)), null, null,
                JsonLog.stdout(function), Metrics.stdout(function));
    }

    public DigestPlannerFunction(DigestRunner runner) {
        this.runner = runner;
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        runner.log().requestId(context == null ? "" : context.getAwsRequestId());
        return QueueBatch.handle(event, QueueBatch.Order.FIFO, runner.log(), PlanMessage::parse, plan -> {
            try {
                runner.plan(plan, TimeLeft.moreThan(MARGIN, context));
                return true;
            } catch (RuntimeException e) {
                runner.log().error("digest plan of r" + plan.seq() + " failed; SQS delivers it again", Map.of("hub", plan.hub(),
                        "revision", "r" + plan.seq(), "error", String.valueOf(e.getMessage())));
                runner.metrics().emit(Map.of(Metric.DIGEST_FAILURES, 1), Map.of("hub", plan.hub(), "revision", "r" + plan.seq()));
                return false;
            }
        });
    }
}
