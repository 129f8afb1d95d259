package dev.hubpress.functions;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import dev.hubpress.aws.function.JsonLog;
import dev.hubpress.aws.function.Metrics;
import dev.hubpress.aws.testing.HttpClients;
import dev.hubpress.core.gate.GateLimits;
import dev.hubpress.core.gate.PublishGate;
import dev.hubpress.core.markdown.MarkdownEngine;
import dev.hubpress.core.publish.IngestResult;
import dev.hubpress.core.publish.IngestRevision;
import dev.hubpress.core.publish.Snapshots;
import dev.hubpress.core.revision.ChannelStatus;
import dev.hubpress.core.testing.ContentFixtures;
import dev.hubpress.core.testing.FixedClock;
import dev.hubpress.core.testing.InMemoryArtifactStore;
import dev.hubpress.core.testing.InMemoryBlobStore;
import dev.hubpress.core.testing.InMemoryRevisionLog;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class FeedFunctionTest {

    private final InMemoryBlobStore blobs = new InMemoryBlobStore();
    private final InMemoryRevisionLog revisions = new InMemoryRevisionLog();
    private final InMemoryArtifactStore store = new InMemoryArtifactStore();
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8);

    private FeedFunction function(dev.hubpress.core.port.ArtifactStore target) {
        return new FeedFunction(blobs, revisions, target, new JsonLog("feeds", print, FixedClock.standard()),
                new Metrics("feeds", print, FixedClock.standard()));
    }

    private void ingest() {
        IngestResult result = new IngestRevision("hub", new PublishGate(new MarkdownEngine(), GateLimits.DEFAULT),
                new Snapshots(blobs), revisions, FixedClock.standard()).ingest(ContentFixtures.repositoryTree(), "test");
        assertThat(result).isInstanceOf(IngestResult.Accepted.class);
    }

    @Test
    void theSampleStreamRecordPublishesTheChannelAndRecordsItsStatus() {
        // GIVEN r1 ingested from the repository's content
        ingest();

        // WHEN the sample stream record of events/ (an INSERT of accepted r1) is handled
        DynamodbEvent event = EventLoader.loadDynamoDbEvent("events/feed-stream.json");
        StreamsEventResponse response = function(store).handleRequest(event, null);

        // THEN the channel's objects are in the store, its status is DONE on r1, and the logs name r1
        assertThat(response.getBatchItemFailures()).isEmpty();
        assertThat(store.keys()).contains("feeds/atom.xml");
        assertThat(revisions.get("hub", 1).orElseThrow().channels().get("feeds").state()).isEqualTo(ChannelStatus.State.DONE);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("\"revision\":\"r1\"").contains("\"ObjectsRendered\":");
    }

    @Test
    void otherChangesOfTheTableAreSkipped() {
        ingest();
        DynamodbEvent event = EventLoader.loadDynamoDbEvent("events/feed-stream.json");
        event.getRecords().get(0).setEventName("MODIFY");
        assertThat(function(store).handleRequest(event, null).getBatchItemFailures()).isEmpty();
        assertThat(store.keys()).isEmpty();
    }

    @Test
    void aFailingPublishReportsItsRecordAndRecordsFailed() {
        ingest();
        DynamodbEvent event = EventLoader.loadDynamoDbEvent("events/feed-stream.json");
        dev.hubpress.core.port.ArtifactStore broken = new dev.hubpress.core.port.ArtifactStore() {
            @Override
            public boolean put(dev.hubpress.core.publish.Artifact artifact) {
                throw new IllegalStateException("bucket unavailable");
            }

            @Override
            public void delete(String key) {
            }
        };
        StreamsEventResponse response = function(broken).handleRequest(event, null);
        assertThat(response.getBatchItemFailures()).extracting(StreamsEventResponse.BatchItemFailure::getItemIdentifier)
                .containsExactly("111100000000000000000001");
        assertThat(revisions.get("hub", 1).orElseThrow().channels().get("feeds").state()).isEqualTo(ChannelStatus.State.FAILED);
    }

    @Test
    void theFunctionsClasspathHasNoApacheOrNettyHttpClient() {
        assertThat(HttpClients.forbiddenLoadable(getClass().getClassLoader())).isEmpty();
    }
}
