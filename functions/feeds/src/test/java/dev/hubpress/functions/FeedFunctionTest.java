package dev.hubpress.functions;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import dev.hubpress.lambda.JsonLog;
import dev.hubpress.lambda.Metrics;
import dev.hubpress.lambda.ChannelFunctionContract;
import dev.hubpress.core.port.ArtifactStore;
import dev.hubpress.core.port.BlobStore;
import dev.hubpress.core.port.RevisionLog;

/** FeedFunction keeps the channel function contract, on its own classpath. */
class FeedFunctionTest extends ChannelFunctionContract {

    @Override
    protected String channel() {
        return "feeds";
    }

    @Override
    protected String sampleEvent() {
        return "events/feed-stream.json";
    }

    @Override
    protected String publishedKey() {
        return "feeds/atom.xml";
    }

    @Override
    protected RequestHandler<DynamodbEvent, StreamsEventResponse> function(
            BlobStore blobs, RevisionLog revisions, ArtifactStore store, JsonLog log, Metrics metrics) {
        return new FeedFunction(blobs, revisions, store, log, metrics);
    }
}
