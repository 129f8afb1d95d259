package dev.hubpress.aws;

import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sesv2.SesV2ClientBuilder;

/**
 * The container's SES v2 and Secrets Manager clients, built once on first use like {@link AwsClients}'s (region and
 * endpoint from the SDK's standard configuration, URL-connection HTTP client). A class of its own
 * so that functions without SES or Secrets Manager on their classpath never touch it.
 */
public final class SesClients {

    private SesClients() {
    }

    private static final class Holder {
        static final SesV2Client CLIENT = sesBuilder().build();
    }

    /**
     * The SES client's configuration, for {@link #ses()} and for tests that point it elsewhere. The
     * SDK does not retry: one {@code Mailer.send} is one SendEmail request, as the port says, and
     * the caller's {@code Backoff} is the one retry layer. SES has no idempotency key, so a retry
     * the send ledger does not see (after a timeout that did send, say) could mail a reader twice,
     * and SDK retries under our own would multiply the attempts (4 × 8 a message by default).
     */
    static SesV2ClientBuilder sesBuilder() {
        return SesV2Client.builder()
                .httpClient(AwsClients.httpClient())
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()));
    }

    public static SesV2Client ses() {
        return Holder.CLIENT;
    }

    private static final class SecretsHolder {
        static final software.amazon.awssdk.services.secretsmanager.SecretsManagerClient CLIENT =
                software.amazon.awssdk.services.secretsmanager.SecretsManagerClient.builder().httpClient(AwsClients.httpClient()).build();
    }

    /** The secret's string value, read once per container by the caller. */
    public static String secret(String arn) {
        return SecretsHolder.CLIENT.getSecretValue(b -> b.secretId(arn)).secretString();
    }

    /** The token keys in that secret ({@link TokenSecret}), the one with {@code currentKeyId} signing. */
    public static dev.hubpress.core.mail.TokenKeys tokenKeys(String arn, String currentKeyId) {
        return TokenSecret.keys(secret(arn), currentKeyId);
    }
}
