package dev.hubpress.functions;

import dev.hubpress.aws.AwsClients;
import dev.hubpress.aws.DynamoRevisionLog;
import dev.hubpress.aws.DynamoSendLedger;
import dev.hubpress.aws.DynamoSubscriberDirectory;
import dev.hubpress.lambda.Env;
import dev.hubpress.aws.S3BlobStore;
import dev.hubpress.aws.SesClients;
import dev.hubpress.aws.SesMailer;
import dev.hubpress.lambda.AcceptedHubs;
import dev.hubpress.lambda.JsonLog;
import dev.hubpress.lambda.Metric;
import dev.hubpress.lambda.Metrics;
import dev.hubpress.core.mail.Backoff;
import dev.hubpress.core.mail.Cadence;
import dev.hubpress.core.mail.PlanDigests;
import dev.hubpress.core.mail.SendDigests;
import dev.hubpress.core.mail.Tokens;
import dev.hubpress.core.port.BlobStore;
import dev.hubpress.core.port.Mailer;
import dev.hubpress.core.port.RevisionLog;
import dev.hubpress.core.port.SendLedger;
import dev.hubpress.core.port.SubscriberDirectory;
import dev.hubpress.core.revision.Revision;
import dev.hubpress.digest.DigestEmails;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What both digest functions do: send the digests of one cadence due for a head revision
 * ({@link SendDigests}: reserve in the ledger, send through SES with backoff, advance the
 * subscriber), log the report and emit its metrics.
 */
public final class DigestRunner {

    /** The metrics both digest functions emit, each under its own Function dimension. */
    public static final Set<Metric> METRICS = Set.of(Metric.EMAILS_SENT, Metric.EMAILS_FAILED, Metric.EMAILS_SKIPPED,
            Metric.SEND_RETRIES, Metric.DIGEST_MILLIS);

    private final AcceptedHubs editions;
    private final SubscriberDirectory directory;
    private final SendLedger ledger;
    private final Mailer mailer;
    private final Tokens tokens;
    private final Backoff backoff;
    private final Clock clock;
    private final JsonLog log;
    private final Metrics metrics;

    public DigestRunner(String hub, RevisionLog revisions, BlobStore blobs, SubscriberDirectory directory, SendLedger ledger,
                        Mailer mailer, Tokens tokens, Backoff backoff, Clock clock, JsonLog log, Metrics metrics) {
        this.editions = new AcceptedHubs(hub, revisions, blobs);
        this.directory = directory;
        this.ledger = ledger;
        this.mailer = mailer;
        this.tokens = tokens;
        this.backoff = backoff;
        this.clock = clock;
        this.log = log;
        this.metrics = metrics;
    }

    /** The production wiring, from the environment template.yaml sets; {@code function} names it in logs and metrics. */
    static DigestRunner fromEnvironment(String function) {
        Clock clock = Clock.systemUTC();
        S3BlobStore blobs = new S3BlobStore(AwsClients.s3(), Env.required(Env.STATE_BUCKET), Env.BLOBS_PREFIX);
        return new DigestRunner(Env.required(Env.HUB_ID),
                new DynamoRevisionLog(AwsClients.dynamo(), Env.required(Env.REVISIONS_TABLE), blobs),
                blobs,
                new DynamoSubscriberDirectory(AwsClients.dynamo(), Env.required(Env.SUBSCRIBERS_TABLE)),
                new DynamoSendLedger(AwsClients.dynamo(), Env.required(Env.LEDGER_TABLE), clock),
                new SesMailer(SesClients.ses(), Env.required(Env.SES_CONFIGURATION_SET)),
                new Tokens(SesClients.tokenKeys(Env.required(Env.TOKEN_SECRET_ARN), Env.required(Env.TOKEN_KEY_ID)),
                        Tokens.DEFAULT_CONFIRM_VALIDITY, clock), Backoff.standard(), clock,
                JsonLog.stdout(function), Metrics.stdout(function));
    }

    public JsonLog log() {
        return log;
    }

    /** Sends the digests of the cadence for that revision (when it is accepted). */
    public Optional<SendDigests.Report> run(String hub, long seq, Cadence cadence) {
        Optional<Revision> revision = editions.log().get(hub, seq).filter(Revision::accepted);
        if (revision.isEmpty()) {
            log.warn("no accepted revision r" + seq + ": no digest", Map.of("hub", hub, "revision", "r" + seq));
            return Optional.empty();
        }
        return Optional.of(run(editions.of(revision.get()), cadence));
    }

    /** Sends the digests of the cadence for the newest accepted revision. */
    public Optional<SendDigests.Report> runLatest(Cadence cadence) {
        Optional<AcceptedHubs.Loaded> latest = editions.latest();
        if (latest.isEmpty()) {
            log.info("nothing published yet: no digest", Map.of("hub", editions.hubId()));
            return Optional.empty();
        }
        return Optional.of(run(latest.get(), cadence));
    }

    private SendDigests.Report run(AcceptedHubs.Loaded head, Cadence cadence) {
        long started = System.nanoTime();
        SendDigests sender = new SendDigests(new PlanDigests(editions.hubId(), editions.log(), directory), ledger, directory,
                mailer, new DigestEmails(head.hub()), tokens, backoff, clock);
        SendDigests.Report report = sender.run(head.revision(), cadence);
        long millis = (System.nanoTime() - started) / 1_000_000;
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("hub", editions.hubId());
        fields.put("revision", head.revision().id());
        fields.put("cadence", cadence.name());
        fields.put("subscribers", report.plan().subscribers());
        fields.put("digests", report.plan().digests());
        fields.put("sent", report.sent());
        fields.put("skipped", report.skipped());
        fields.put("failedTransient", report.failedTransient());
        fields.put("failedPermanent", report.failedPermanent());
        fields.put("retries", report.retries());
        fields.put("millis", millis);
        log.info("digests of " + head.revision().id() + " (" + cadence + "): " + report.sent() + " sent", fields);
        metrics.emit(Map.of(
                        Metric.EMAILS_SENT, report.sent(),
                        Metric.EMAILS_FAILED, report.failedTransient() + report.failedPermanent(),
                        Metric.EMAILS_SKIPPED, report.skipped(),
                        Metric.SEND_RETRIES, report.retries(),
                        Metric.DIGEST_MILLIS, millis),
                Map.of("revision", head.revision().id(), "hub", editions.hubId(), "cadence", cadence.name()));
        return report;
    }
}
