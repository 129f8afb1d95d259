package dev.hubpress.aws;

import software.amazon.awssdk.services.sesv2.SesV2Client;

/**
 * The container's SES v2 and Secrets Manager clients, built once on first use like {@link AwsClients}'s (region and
 * endpoint from the SDK's standard configuration, URL-connection HTTP client). A class of its own
 * so that functions without SES or Secrets Manager on their classpath never touch it.
 */
public final class SesClients {

    private SesClients() {
    }

    private static final class Holder {
        static final SesV2Client CLIENT = SesV2Client.builder().httpClient(AwsClients.httpClient()).build();
    }

    public static SesV2Client ses() {
        return Holder.CLIENT;
    }

    private static final class SecretsHolder {
        static final software.amazon.awssdk.services.secretsmanager.SecretsManagerClient CLIENT =
                software.amazon.awssdk.services.secretsmanager.SecretsManagerClient.builder().httpClient(AwsClients.httpClient()).build();
    }

    /** The secret's string value (the token HMAC key template.yaml generates), read once per container by the caller. */
    public static String secret(String arn) {
        return SecretsHolder.CLIENT.getSecretValue(b -> b.secretId(arn)).secretString();
    }
}
