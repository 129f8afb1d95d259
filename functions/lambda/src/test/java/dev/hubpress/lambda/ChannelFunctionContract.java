package dev.hubpress.lambda;

import dev.hubpress.core.testing.Gates;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import dev.hubpress.aws.testing.HttpClients;
import dev.hubpress.core.content.ContentTree;
import dev.hubpress.core.gate.GateLimits;
import dev.hubpress.core.gate.PublishGate;
import dev.hubpress.core.markdown.MarkdownEngine;
import dev.hubpress.core.channel.Channel;
import dev.hubpress.core.channel.Channels;
import dev.hubpress.core.port.ArtifactStore;
import dev.hubpress.functions.ChannelFunction;
import dev.hubpress.core.channel.Artifact;
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

/**
 * What every channel function (site, feeds, guide) promises, proven once and run in each
 * function's module, on its own classpath (the jar it ships): the generic {@link ChannelFunction}
 * finds its channel there; a stream record of a new accepted revision publishes
 * the channel and records its status; other changes of the table are skipped; a failing publish
 * reports its record (so Lambda retries and bisects it) and records FAILED; no Apache or Netty
 * HTTP client ships with the function.
 */
public abstract class ChannelFunctionContract {

    private final InMemoryBlobStore blobs = new InMemoryBlobStore();
    private final InMemoryRevisionLog revisions = new InMemoryRevisionLog();
    private final InMemoryArtifactStore store = new InMemoryArtifactStore();
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8);

    /** The channel's name as recorded on revisions. */
    protected abstract String channel();

    /** The sample event under {@code events/}: the record of accepted r1 that asks this channel to publish it. */
    protected abstract String sampleEvent();

    /** A key the channel publishes for r1. */
    protected abstract String publishedKey();


    /** The content ingested as r1: the repository's, unless the channel is slow on it. */
    protected ContentTree content() {
        return ContentFixtures.repositoryTree();
    }

    /** The generic channel function as the runtime builds it, on this module's classpath: the channels it finds there. */
    private RequestHandler<DynamodbEvent, StreamsEventResponse> function(ArtifactStore target) {
        return new ChannelFunction(Channels.discover(), channel(), blobs, revisions, target,
                new JsonLog(channel(), print, FixedClock.standard()), new Metrics(channel(), "test", print, FixedClock.standard()));
    }

    private void ingest() {
        IngestResult result = new IngestRevision("hub", Gates.gate(), Gates.loader(),
                new Snapshots(blobs), revisions, FixedClock.standard()).ingest(content(), "test");
        assertThat(result).isInstanceOf(IngestResult.Accepted.class);
    }

    private ChannelStatus.State state() {
        return revisions.get("hub", 1).orElseThrow().channels().get(channel()).state();
    }

    @Test
    void theSampleStreamRecordPublishesTheChannelAndRecordsItsStatus() {
        // GIVEN r1 ingested
        ingest();

        // WHEN the sample stream record of events/ (an INSERT of accepted r1) is handled
        DynamodbEvent event = EventLoader.loadDynamoDbEvent(sampleEvent());
        StreamsEventResponse response = function(store).handleRequest(event, null);

        // THEN the channel's objects are in the store, its status is DONE on r1, the logs name r1, and the
        // metrics are those the function declares (template.yaml's alarms are checked against them)
        assertThat(response.getBatchItemFailures()).isEmpty();
        assertThat(store.keys()).contains(publishedKey());
        assertThat(state()).isEqualTo(ChannelStatus.State.DONE);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("\"revision\":\"r1\"").contains("\"ObjectsRendered\":");
        assertThat(EmfLines.metrics(out.toString(StandardCharsets.UTF_8))).isEqualTo(ChannelFunction.METRICS);
    }

    @Test
    void theOnlyChannelOnTheFunctionsClasspathIsItsOwn() {
        assertThat(Channels.discover().publishing()).extracting(Channel::id).containsExactly(channel());
    }

    @Test
    void otherChangesOfTheTableAreSkipped() {
        // GIVEN r1 ingested, and a stream record of the other kind (an INSERT for a MODIFY, and back)
        ingest();
        DynamodbEvent event = EventLoader.loadDynamoDbEvent(sampleEvent());
        DynamodbEvent.DynamodbStreamRecord record = event.getRecords().get(0);
        record.setEventName(record.getEventName().equals("INSERT") ? "MODIFY" : "INSERT");

        // WHEN it is handled
        StreamsEventResponse response = function(store).handleRequest(event, null);

        // THEN nothing is published and nothing is reported
        assertThat(response.getBatchItemFailures()).isEmpty();
        assertThat(store.keys()).isEmpty();
    }

    @Test
    void aFailingPublishReportsItsRecordAndRecordsFailed() {
        // GIVEN r1 ingested, and a bucket that refuses every write
        ingest();
        ArtifactStore broken = new ArtifactStore() {
            @Override
            public boolean put(Artifact artifact) {
                throw new IllegalStateException("bucket unavailable");
            }

            @Override
            public void delete(String key) {
                throw new IllegalStateException("bucket unavailable");
            }
        };

        // WHEN the sample record is handled
        DynamodbEvent event = EventLoader.loadDynamoDbEvent(sampleEvent());
        StreamsEventResponse response = function(broken).handleRequest(event, null);

        // THEN exactly that record is reported, the channel is FAILED on r1, and the failure counted
        assertThat(response.getBatchItemFailures()).extracting(StreamsEventResponse.BatchItemFailure::getItemIdentifier)
                .containsExactly(event.getRecords().get(0).getDynamodb().getSequenceNumber());
        assertThat(state()).isEqualTo(ChannelStatus.State.FAILED);
        assertThat(EmfLines.metrics(out.toString(StandardCharsets.UTF_8))).containsExactly(Metric.CHANNEL_FAILURES);
    }

    @Test
    void theFunctionsClasspathHasNoApacheOrNettyHttpClient() {
        assertThat(HttpClients.forbiddenLoadable(getClass().getClassLoader())).isEmpty();
    }
}
