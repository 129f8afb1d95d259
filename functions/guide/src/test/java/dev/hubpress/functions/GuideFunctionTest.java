package dev.hubpress.functions;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import dev.hubpress.lambda.JsonLog;
import dev.hubpress.lambda.Metrics;
import dev.hubpress.lambda.ChannelFunctionContract;
import dev.hubpress.core.content.ContentTree;
import dev.hubpress.core.port.ArtifactStore;
import dev.hubpress.core.port.BlobStore;
import dev.hubpress.core.port.RevisionLog;
import dev.hubpress.core.testing.ContentFixtures;

/** GuideFunction keeps the channel function contract, on its own classpath. */
class GuideFunctionTest extends ChannelFunctionContract {

    @Override
    protected String channel() {
        return "guide";
    }

    @Override
    protected String sampleEvent() {
        return "events/guide-stream.json";
    }

    @Override
    protected String publishedKey() {
        return "guide/r1.pdf";
    }

    @Override
    protected RequestHandler<DynamodbEvent, StreamsEventResponse> function(
            BlobStore blobs, RevisionLog revisions, ArtifactStore store, JsonLog log, Metrics metrics) {
        return new GuideFunction(blobs, revisions, store, log, metrics);
    }

    /** A two-page hub: the PDF layout of the whole repository would only slow the contract down. */
    @Override
    protected ContentTree content() {
        return ContentFixtures.tree();
    }
}
