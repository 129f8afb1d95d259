package dev.hubpress.functions;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.hubpress.aws.AwsClients;
import dev.hubpress.aws.DynamoRevisionLog;
import dev.hubpress.aws.DynamoSendLedger;
import dev.hubpress.aws.DynamoSubscriberDirectory;
import dev.hubpress.aws.S3BlobStore;
import dev.hubpress.aws.SesClients;
import dev.hubpress.aws.SesMailer;
import dev.hubpress.aws.SqsClients;
import dev.hubpress.aws.SqsMessageQueue;
import dev.hubpress.core.mail.Backoff;
import dev.hubpress.core.mail.SendJob;
import dev.hubpress.core.mail.SendPacer;
import dev.hubpress.core.mail.Tokens;
import dev.hubpress.core.port.MessageQueue;
import dev.hubpress.lambda.Env;
import dev.hubpress.lambda.JsonLog;
import dev.hubpress.lambda.Metric;
import dev.hubpress.lambda.QueueBatch;
import dev.hubpress.lambda.Metrics;
import dev.hubpress.lambda.TimeLeft;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;

/**
 * Lambda handler of the send queue: each message a {@link SendJob}, delivered at this sender's
 * share of the SES send rate ({@link DigestRunner#send}). It starts a recipient only while more
 * than {@link #MARGIN} of its time is left (a send backing off on throttling may take that long),
 * and puts the recipients it had no time for back on the queue, so no invocation is cut off half
 * way through a job. A job that fails is reported alone and delivered again (its sends already
 * made are in the send ledger: nobody is mailed twice); after the queue's receive limit it goes to
 * the DLQ, and its recipients catch up in their next digest.
 */
public final class DigestSenderFunction implements RequestHandler<SQSEvent, SQSBatchResponse> {

    /** The function's name in its logs and the Function dimension of its metrics ({@link DigestRunner#SENDER_METRICS}). */
    public static final String FUNCTION = "digest-sender";
    /** Time kept in hand: the longest a recipient may take, a send backing off through every attempt (about 32 s). */
    static final Duration MARGIN = Duration.ofSeconds(40);

    private final DigestRunner runner;

    /** The Lambda runtime's constructor: clients, tables, queue, token secret and send rate from the environment, once per container. */
    public DigestSenderFunction() {
        this(fromEnvironment(FUNCTION));
    }

    /**
     * The sender's wiring from the environment template.yaml sets: tables, state bucket, send
     * queue, SES, the token secret, and a pace of the account's {@code MaxSendRate} (GetAccount)
     * shared by the {@code SENDER_CONCURRENCY} senders that may run at once.
     */
    static DigestRunner fromEnvironment(String function) {
        Clock clock = Clock.systemUTC();
        String hub = Env.required(Env.HUB_ID);
        S3BlobStore blobs = new S3BlobStore(AwsClients.s3(), Env.required(Env.STATE_BUCKET), Env.BLOBS_PREFIX);
        DynamoRevisionLog revisions = new DynamoRevisionLog(AwsClients.dynamo(), Env.required(Env.REVISIONS_TABLE), blobs);
        DynamoSubscriberDirectory directory = new DynamoSubscriberDirectory(AwsClients.dynamo(), Env.required(Env.SUBSCRIBERS_TABLE));
        SesMailer mailer = new SesMailer(SesClients.ses(), Env.required(Env.SES_CONFIGURATION_SET));
        double share = mailer.maxSendRate() / Math.max(1, Integer.parseInt(Env.required(Env.SENDER_CONCURRENCY)));
        JsonLog log = JsonLog.stdout(function);
        log.info("pacing to " + share + " emails/s", Map.of("perSecond", share));
        MessageQueue sendQueue = new SqsMessageQueue(SqsClients.sqs(), Env.required(Env.SEND_QUEUE_URL));
        return new DigestRunner(hub, revisions, blobs, Env.renderCache(),
                directory, sendQueue, null,
                DigestRunner.sender(hub, revisions, directory, new DynamoSendLedger(AwsClients.dynamo(), Env.required(Env.LEDGER_TABLE), clock),
                        mailer, new Tokens(SesClients.tokenKeys(Env.required(Env.TOKEN_SECRET_ARN), Env.required(Env.TOKEN_KEY_ID)),
                                Tokens.DEFAULT_CONFIRM_VALIDITY, clock), Backoff.standard(), SendPacer.of(share), clock),
                Env.mailRouting(), log, Metrics.stdout(function));
    }

    public DigestSenderFunction(DigestRunner runner) {
        this.runner = runner;
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        runner.log().requestId(context == null ? "" : context.getAwsRequestId());
        return QueueBatch.handle(event, QueueBatch.Order.ANY, runner.log(), SendJob::decode, job -> {
            long cacheMark = runner.cacheFailures().mark();
            try {
                runner.send(job, TimeLeft.moreThan(MARGIN, context));
                return true;
            } catch (RuntimeException e) {
                Map<String, String> fields = Map.of("hub", job.hub(), "revision", "r" + job.headSeq());
                Map<String, String> error = new java.util.LinkedHashMap<>(fields);
                error.put("error", String.valueOf(e.getMessage()));
                runner.log().error("send job of r" + job.headSeq() + " failed; SQS delivers it again", error);
                long cacheFailed = runner.cacheFailures().since(cacheMark, "a failed digest job of r" + job.headSeq(), fields);
                runner.metrics().emit(Map.of(Metric.DIGEST_FAILURES, 1, Metric.RENDER_CACHE_FAILURES, cacheFailed), fields);
                return false;
            }
        });
    }
}
