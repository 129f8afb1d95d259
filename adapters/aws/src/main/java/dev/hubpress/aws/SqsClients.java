package dev.hubpress.aws;

import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The container's SQS client, built once on first use like {@link AwsClients}'s (region and
 * endpoint from the SDK's standard configuration, {@code AWS_ENDPOINT_URL_SQS} included;
 * URL-connection HTTP client). A class of its own so that functions without SQS on their
 * classpath never touch it.
 */
public final class SqsClients {

    private SqsClients() {
    }

    private static final class Holder {
        static final SqsClient CLIENT = SqsClient.builder().httpClient(AwsClients.httpClient()).build();
    }

    public static SqsClient sqs() {
        return Holder.CLIENT;
    }
}
