package dev.hubpress.lambda;

import dev.hubpress.aws.AwsClients;
import dev.hubpress.aws.S3RenderCache;
import dev.hubpress.core.mail.MailRouting;
import dev.hubpress.core.port.RenderCache;

/**
 * Resource names and settings a function reads from its environment, which template.yaml sets
 * with {@code !Ref} / {@code !GetAtt}. Every name a function reads is read through here, so the
 * template test can check that the template sets it.
 */
public final class Env {

    /** The hub id recorded on revisions (one stack publishes one hub). */
    public static final String HUB_ID = "HUB_ID";
    /** The deployment stage (dev, prod, …): the Stage dimension of every metric the functions emit. */
    public static final String STAGE = "STAGE";
    /** The bucket editors push {@code content/} to. */
    public static final String CONTENT_BUCKET = "CONTENT_BUCKET";
    /** The private bucket of content-addressed snapshots and channel output listings. */
    public static final String STATE_BUCKET = "STATE_BUCKET";
    /** The bucket CloudFront serves the site, feeds and guide from. */
    public static final String SITE_BUCKET = "SITE_BUCKET";
    /** The channel a channel function publishes: the id of a channel on its classpath, e.g. {@code site}. */
    public static final String CHANNEL = "CHANNEL";
    /** The CloudFront distribution that serves the site bucket: a channel function invalidates what it changed there. */
    public static final String DISTRIBUTION_ID = "DISTRIBUTION_ID";
    /** The DynamoDB table of revisions. */
    public static final String REVISIONS_TABLE = "REVISIONS_TABLE";

    /** The DynamoDB table of subscribers. */
    public static final String SUBSCRIBERS_TABLE = "SUBSCRIBERS_TABLE";
    /** The DynamoDB table of the send ledger (TTL on expiresAt). */
    public static final String LEDGER_TABLE = "LEDGER_TABLE";
    /** The Secrets Manager secret holding the HMAC keys of subscriber tokens, by key id (dev.hubpress.aws.TokenSecret). */
    public static final String TOKEN_SECRET_ARN = "TOKEN_SECRET_ARN";
    /** The id of the token key that signs new links; every key of the secret verifies its own. */
    public static final String TOKEN_KEY_ID = "TOKEN_KEY_ID";
    /** The DynamoDB table the subscribe endpoint leaves requests in; its stream invokes the function that handles them. */
    public static final String SUBSCRIPTION_REQUESTS_TABLE = "SUBSCRIPTION_REQUESTS_TABLE";
    /** The DynamoDB table of confirmation budget counters (TTL on expiresAt). */
    public static final String CONFIRMATION_BUDGET_TABLE = "CONFIRMATION_BUDGET_TABLE";
    /** Confirmation emails one mailbox may get in a day. */
    public static final String CONFIRMATIONS_PER_ADDRESS_PER_DAY = "CONFIRMATIONS_PER_ADDRESS_PER_DAY";
    /** Confirmation emails the mailboxes of one domain may get in an hour. */
    public static final String CONFIRMATIONS_PER_DOMAIN_PER_HOUR = "CONFIRMATIONS_PER_DOMAIN_PER_HOUR";
    /** Confirmation emails the deployment may send in an hour. */
    public static final String CONFIRMATIONS_PER_HOUR = "CONFIRMATIONS_PER_HOUR";
    /** The sender of every email: the stack's SenderAddress, or digest@ its SenderDomain (never content's to choose). */
    public static final String MAIL_FROM = "MAIL_FROM";
    /** The subscription endpoints as readers reach them, the links in emails lead there: the stack's API under the site's host. */
    public static final String API_BASE_URL = "API_BASE_URL";
    /** The mailto address of List-Unsubscribe; empty for none (the one-click URL is always there). */
    public static final String UNSUBSCRIBE_MAILTO = "UNSUBSCRIBE_MAILTO";
    /** The SES configuration set that publishes bounces and complaints. */
    public static final String SES_CONFIGURATION_SET = "SES_CONFIGURATION_SET";
    /** The ARN of the SNS topic SES publishes bounces and complaints to; notifications from any other topic are ignored. */
    public static final String MAIL_EVENTS_TOPIC_ARN = "MAIL_EVENTS_TOPIC_ARN";

    /**
     * The queue of each consumer of the revisions stream the dispatcher feeds, as
     * {@code <consumer>=<queue URL>} pairs separated by spaces ({@code site=https://… email=https://…}):
     * a consumer is a channel id (the email channel's is the digest planner's queue).
     */
    public static final String CONSUMER_QUEUES = "CONSUMER_QUEUES";
    /** The digest planner's own queue (FIFO): revisions to plan, and plans to continue from a cursor. */
    public static final String PLAN_QUEUE_URL = "PLAN_QUEUE_URL";
    /** The send queue: jobs of subscribers for the digest senders. */
    public static final String SEND_QUEUE_URL = "SEND_QUEUE_URL";
    /** How many digest senders may run at once (their reserved concurrency): each paces itself to its share of the SES rate. */
    public static final String SENDER_CONCURRENCY = "SENDER_CONCURRENCY";

    /** Where editors' content lives in the content bucket (the S3 notification's prefix filter). */
    public static final String CONTENT_PREFIX = "content/";
    /** The ingest's index of the content bucket in the state bucket: what a cold container would otherwise read object by object. */
    public static final String CONTENT_INDEX_KEY = "cache/content-index";
    /** Where content-addressed blobs live in the state bucket. */
    public static final String BLOBS_PREFIX = "blobs/";
    /**
     * Where the functions that parse or render content keep their render cache in the state bucket
     * (parsed page outlines, rendered bodies), so a cold container does not parse and render the
     * whole hub again. Under {@code cache/}, whose objects the bucket's lifecycle rule expires, in a
     * folder of its own: no cache name can land on the content index.
     */
    public static final String RENDER_CACHE_PREFIX = "cache/render/";

    private Env() {
    }

    /** The render cache in the state bucket, under {@link #RENDER_CACHE_PREFIX}. */
    public static RenderCache renderCache() {
        return new S3RenderCache(AwsClients.s3(), required(STATE_BUCKET), RENDER_CACHE_PREFIX);
    }

    /** {@link #CONSUMER_QUEUES}' pairs as consumer to queue URL; fails, naming the pair, on one that is not {@code id=url}. */
    public static java.util.Map<String, String> pairs(String value) {
        java.util.Map<String, String> pairs = new java.util.TreeMap<>();
        for (String pair : value.trim().split("\\s+")) {
            int eq = pair.indexOf('=');
            if (eq < 1 || eq == pair.length() - 1) {
                throw new IllegalStateException("not consumer=url: '" + pair + "'");
            }
            pairs.put(pair.substring(0, eq), pair.substring(eq + 1));
        }
        return pairs;
    }

    /** The variable's value; fails the container's initialisation, naming the variable, when it is unset. */
    public static String required(String name) {
        String value = System.getenv(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("environment variable " + name + " is not set (template.yaml sets it)");
        }
        return value;
    }

    /** Where mail comes from and its links lead, from {@link #MAIL_FROM}, {@link #API_BASE_URL} and {@link #UNSUBSCRIBE_MAILTO}. */
    public static MailRouting mailRouting() {
        try {
            return MailRouting.of(required(MAIL_FROM), required(API_BASE_URL), System.getenv(UNSUBSCRIBE_MAILTO));
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("environment variables " + MAIL_FROM + ", " + API_BASE_URL + ", "
                    + UNSUBSCRIBE_MAILTO + ": " + e.getMessage() + " (template.yaml sets them)", e);
        }
    }

    /** The variable's value as a whole number of at least 0; fails the container's initialisation otherwise. */
    public static int count(String name, String value) {
        try {
            int count = Integer.parseInt(value.strip());
            if (count >= 0) {
                return count;
            }
        } catch (NumberFormatException e) {
            // said below
        }
        throw new IllegalStateException("environment variable " + name + " must be a whole number >= 0, not '" + value + "'");
    }
}
