package dev.hubpress.functions;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import dev.hubpress.aws.AwsClients;
import dev.hubpress.aws.DynamoRevisionLog;
import dev.hubpress.lambda.Env;
import dev.hubpress.aws.S3ArtifactStore;
import dev.hubpress.aws.S3BlobStore;
import dev.hubpress.lambda.ChannelPublisher;
import dev.hubpress.lambda.JsonLog;
import dev.hubpress.lambda.Metrics;
import dev.hubpress.core.port.ArtifactStore;
import dev.hubpress.core.port.BlobStore;
import dev.hubpress.core.port.RevisionLog;
import dev.hubpress.site.SiteRenderer;

/**
 * Lambda handler of the revisions stream (filtered to new accepted revisions): publishes the
 * "site" channel of each revision into the site bucket and records the channel's status on it.
 */
public final class SiteFunction implements RequestHandler<DynamodbEvent, StreamsEventResponse> {

    private final ChannelPublisher publisher;

    /** The Lambda runtime's constructor: clients and resource names from the environment, built once per container. */
    public SiteFunction() {
        this(new S3BlobStore(AwsClients.s3(), Env.required(Env.STATE_BUCKET), Env.BLOBS_PREFIX),
                new DynamoRevisionLog(AwsClients.dynamo(), Env.required(Env.REVISIONS_TABLE)),
                new S3ArtifactStore(AwsClients.s3(), Env.required(Env.SITE_BUCKET), ""),
                JsonLog.stdout("site"), Metrics.stdout("site"));
    }

    /** On any ports (tests, other hosts). */
    public SiteFunction(BlobStore blobs, RevisionLog revisions, ArtifactStore store, JsonLog log, Metrics metrics) {
        this.publisher = new ChannelPublisher(SiteRenderer::new, blobs, revisions, store, log, metrics);
    }

    @Override
    public StreamsEventResponse handleRequest(DynamodbEvent event, Context context) {
        return publisher.handle(event, context);
    }
}
