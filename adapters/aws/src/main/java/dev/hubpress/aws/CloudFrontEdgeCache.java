package dev.hubpress.aws;

import dev.hubpress.core.port.EdgeCache;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudfront.CloudFrontClient;
import software.amazon.awssdk.services.cloudfront.CloudFrontClientBuilder;
import software.amazon.awssdk.services.cloudfront.model.CreateInvalidationRequest;
import software.amazon.awssdk.services.cloudfront.model.InvalidationBatch;
import software.amazon.awssdk.services.cloudfront.model.Paths;

import java.util.List;
import java.util.function.Supplier;

/**
 * The CloudFront distribution in front of the site bucket, as the core's {@link EdgeCache}: one
 * {@code CreateInvalidation} per request, its {@code CallerReference} the request's reference, so
 * that CloudFront answers a repeated request with the invalidation it already made. The function's
 * role may invalidate this distribution only ({@code cloudfront:CreateInvalidation} on its ARN).
 */
public final class CloudFrontEdgeCache implements EdgeCache {

    /** CloudFront's one region: its endpoint rules send every request to cloudfront.amazonaws.com, signed for us-east-1. */
    static final Region REGION = Region.AWS_GLOBAL;

    private final Supplier<CloudFrontClient> client;
    private final String distributionId;
    private CloudFrontClient cloudFront;

    public CloudFrontEdgeCache(CloudFrontClient cloudFront, String distributionId) {
        this(() -> cloudFront, distributionId);
    }

    /** With the client made by {@code client} on the first invalidation, and kept. */
    CloudFrontEdgeCache(Supplier<CloudFrontClient> client, String distributionId) {
        this.client = client;
        this.distributionId = distributionId;
    }

    /**
     * The container's edge cache: its client ({@link #clientBuilder()}) is built on the first
     * invalidation, not at init, so a cold start pays nothing for it (a publish that changed nothing
     * never invalidates).
     */
    public static CloudFrontEdgeCache onFirstUse(String distributionId) {
        return new CloudFrontEdgeCache(() -> clientBuilder().build(), distributionId);
    }

    private synchronized CloudFrontClient cloudFront() {
        if (cloudFront == null) {
            cloudFront = client.get();
        }
        return cloudFront;
    }

    /**
     * A CloudFront client like the other clients of the container (URL-connection HTTP client,
     * endpoint from the SDK's configuration: {@code AWS_ENDPOINT_URL_CLOUDFRONT}), in CloudFront's
     * one global region.
     */
    public static CloudFrontClientBuilder clientBuilder() {
        return CloudFrontClient.builder().httpClient(AwsClients.httpClient()).region(REGION);
    }

    @Override
    public void invalidate(String reference, List<String> paths) {
        if (paths.isEmpty()) {
            throw new IllegalArgumentException("an invalidation names at least one path");
        }
        cloudFront().createInvalidation(CreateInvalidationRequest.builder()
                .distributionId(distributionId)
                .invalidationBatch(InvalidationBatch.builder()
                        .callerReference(reference)
                        .paths(Paths.builder().quantity(paths.size()).items(paths).build())
                        .build())
                .build());
    }
}
