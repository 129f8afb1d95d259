package dev.hubpress.aws;

import dev.hubpress.core.work.Requests;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;

import java.time.Duration;
import java.util.Map;
import java.util.function.Function;

/**
 * The SDK clients of one container, built once on first use and shared by every invocation.
 * Region, credentials and endpoint come from the SDK's standard configuration only
 * ({@code AWS_REGION}, the credential chain, {@code AWS_ENDPOINT_URL} / {@code AWS_ENDPOINT_URL_S3}
 * or their {@code aws.*} system properties): no code path chooses an endpoint. All clients use
 * the URL-connection HTTP client; the Apache and Netty clients are not on the classpath.
 */
public final class AwsClients {

    private AwsClients() {
    }

    private static final class S3Holder {
        static final S3Client CLIENT = s3Builder().build();
    }

    private static final class DynamoHolder {
        static final DynamoDbClient CLIENT = dynamoBuilder().build();
    }

    /**
     * A builder of the S3 client the container uses, from this process's configuration: another
     * client like it, with something of the caller's added (a benchmark's request counter).
     */
    public static software.amazon.awssdk.services.s3.S3ClientBuilder s3Builder() {
        return s3Builder(System.getenv(), System.getProperties());
    }

    /** A builder of the DynamoDB client the container uses (see {@link #s3Builder()}). */
    public static software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder dynamoBuilder() {
        return DynamoDbClient.builder().httpClient(httpClient());
    }

    /** The container's S3 client. */
    public static S3Client s3() {
        return S3Holder.CLIENT;
    }

    /** The container's DynamoDB client. */
    public static DynamoDbClient dynamo() {
        return DynamoHolder.CLIENT;
    }

    /**
     * A light, synchronous HTTP client: no connection pool library, fast to start. Its connections
     * are the JDK's, which keeps only {@code http.maxConnections} idle ones per host (5 unless set):
     * raised to the requests a publish has in flight, so that they reuse their connections instead
     * of opening (and on AWS, shaking hands for) a new one per request. The JDK reads it once, so it
     * is set before the first connection; a value the operator set wins.
     */
    public static SdkHttpClient httpClient() {
        if (System.getProperty("http.maxConnections") == null) {
            System.setProperty("http.maxConnections", Integer.toString(Requests.IN_FLIGHT));
        }
        return UrlConnectionHttpClient.builder()
                .connectionTimeout(Duration.ofSeconds(3))
                .socketTimeout(Duration.ofSeconds(30))
                .build();
    }

    /**
     * An S3 client builder: path-style addressing when an endpoint override is configured (an
     * emulator or LocalStack has no per-bucket host names), and no aws-chunked uploads, which
     * the URL-connection client sends unreliably over plain HTTP.
     */
    static software.amazon.awssdk.services.s3.S3ClientBuilder s3Builder(Map<String, String> env, Map<Object, Object> properties) {
        return S3Client.builder()
                .httpClient(httpClient())
                .serviceConfiguration(S3Configuration.builder()
                        .chunkedEncodingEnabled(false)
                        .build())
                .forcePathStyle(endpointOverridden("S3", env::get, key -> (String) properties.get(key)));
    }

    /**
     * Whether the SDK will take this service's endpoint from configuration rather than from its
     * endpoint rules: {@code AWS_ENDPOINT_URL[_SERVICE]} or {@code aws.endpointUrl[Service]}.
     */
    static boolean endpointOverridden(String serviceId, Function<String, String> env, Function<String, String> properties) {
        return present(env.apply("AWS_ENDPOINT_URL")) || present(env.apply("AWS_ENDPOINT_URL_" + serviceId.toUpperCase(java.util.Locale.ROOT)))
                || present(properties.apply("aws.endpointUrl")) || present(properties.apply("aws.endpointUrl" + serviceId));
    }

    private static boolean present(String value) {
        return value != null && !value.isBlank();
    }
}
