package dev.hubpress.lambda;

import dev.hubpress.core.testing.Gates;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import dev.hubpress.aws.testing.HttpClients;
import dev.hubpress.core.content.ContentTree;
import dev.hubpress.core.gate.GateLimits;
import dev.hubpress.core.gate.PublishGate;
import dev.hubpress.core.markdown.MarkdownEngine;
import dev.hubpress.core.channel.Channel;
import dev.hubpress.core.channel.Channels;
import dev.hubpress.core.port.ArtifactStore;
import dev.hubpress.core.port.EdgeCache;
import dev.hubpress.core.port.RenderCache;
import dev.hubpress.core.publish.EdgePaths;
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
import dev.hubpress.core.testing.RefusingRenderCache;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What every channel function (site, feeds, guide) promises, proven once and run in each
 * function's module, on its own classpath (the jar it ships): the generic {@link ChannelFunction}
 * finds its channel there; the dispatcher's message naming a revision publishes the channel and
 * records its status; a message for another consumer, or none at all, is dropped; a failing publish
 * reports its message and every one after it (a FIFO queue then delivers them again in order) and
 * records FAILED; no Apache or Netty HTTP client ships with the function.
 */
public abstract class ChannelFunctionContract {

    private final InMemoryBlobStore blobs = new InMemoryBlobStore();
    private final InMemoryRevisionLog revisions = new InMemoryRevisionLog();
    private final InMemoryArtifactStore store = new InMemoryArtifactStore();
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8);

    /** The channel's name as recorded on revisions. */
    protected abstract String channel();

    /** The sample event under {@code events/}: the dispatcher's message asking this channel to publish accepted r1. */
    protected abstract String sampleEvent();

    /** A key the channel publishes for r1. */
    protected abstract String publishedKey();


    /** The content ingested as r1: the repository's, unless the channel is slow on it. */
    protected ContentTree content() {
        return ContentFixtures.repositoryTree();
    }

    /** The generic channel function as the runtime builds it, on this module's classpath: the channels it finds there. */
    private RequestHandler<SQSEvent, SQSBatchResponse> function(ArtifactStore target) {
        return function(target, edge);
    }

    private RequestHandler<SQSEvent, SQSBatchResponse> function(ArtifactStore target, EdgeCache cdn) {
        return function(target, cdn, RenderCache.NONE);
    }

    private RequestHandler<SQSEvent, SQSBatchResponse> function(ArtifactStore target, EdgeCache cdn, RenderCache cache) {
        return new ChannelFunction(Channels.discover(), channel(), blobs, revisions, target, cdn, cache,
                new JsonLog(channel(), print, FixedClock.standard()), new Metrics(channel(), "test", print, FixedClock.standard()));
    }

    /** The CDN's requests: reference and paths. */
    private final List<Map.Entry<String, List<String>>> invalidations = new CopyOnWriteArrayList<>();
    private final EdgeCache edge = (reference, paths) -> invalidations.add(Map.entry(reference, paths));

    private void ingest() {
        IngestResult result = new IngestRevision("hub", Gates.gate(), Gates.loader(),
                new Snapshots(blobs), revisions, FixedClock.standard()).ingest(content(), "test");
        assertThat(result).isInstanceOf(IngestResult.Accepted.class);
    }

    private ChannelStatus.State state() {
        return revisions.get("hub", 1).orElseThrow().channels().get(channel()).state();
    }

    @Test
    void theSampleMessagePublishesTheChannelAndRecordsItsStatus() {
        // GIVEN r1 ingested
        ingest();

        // WHEN the sample message of events/ (the dispatcher's, naming accepted r1) is handled
        SQSEvent event = EventLoader.loadSQSEvent(sampleEvent());
        SQSBatchResponse response = function(store).handleRequest(event, null);

        // THEN the channel's objects are in the store, its status is DONE on r1, the logs name r1, and the
        // metrics are those the function declares (template.yaml's alarms are checked against them)
        assertThat(response.getBatchItemFailures()).isEmpty();
        assertThat(store.keys()).contains(publishedKey());
        assertThat(state()).isEqualTo(ChannelStatus.State.DONE);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("\"revision\":\"r1\"").contains("\"ObjectsRendered\":");
        assertThat(EmfLines.metrics(out.toString(StandardCharsets.UTF_8))).isEqualTo(ChannelFunction.METRICS);
        // AND the CDN was asked once, under r1's reference, to drop what the channel wrote (never the whole site)
        assertThat(invalidations).singleElement().satisfies(request -> {
            assertThat(request.getKey()).startsWith("hub-r1-" + channel() + "-");
            assertThat(request.getValue()).isNotEmpty().doesNotContain("/*")
                    .isEqualTo(EdgePaths.of(store.keys().stream().filter(k -> store.get(k).orElseThrow().cache()
                            != Artifact.CachePolicy.IMMUTABLE).toList()));
        });
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("\"PathsInvalidated\":" + invalidations.get(0).getValue().size());
    }

    @Test
    void aCdnThatRefusesTheInvalidationCostsAWarningAndAMetricNotThePublish() {
        // GIVEN r1 ingested, and a CDN that refuses every invalidation
        ingest();
        EdgeCache refusing = (reference, paths) -> {
            throw new IllegalStateException("TooManyInvalidationsInProgress");
        };

        // WHEN the sample message is handled
        SQSBatchResponse response = function(store, refusing).handleRequest(EventLoader.loadSQSEvent(sampleEvent()), null);

        // THEN the channel is published and DONE, the message is not retried, and the refusal is a warning and a metric
        assertThat(response.getBatchItemFailures()).isEmpty();
        assertThat(store.keys()).contains(publishedKey());
        assertThat(state()).isEqualTo(ChannelStatus.State.DONE);
        String logs = out.toString(StandardCharsets.UTF_8);
        assertThat(logs).contains("could not invalidate").contains("TooManyInvalidationsInProgress")
                .contains("\"InvalidationFailures\":1").contains("\"PathsInvalidated\":0");
    }

    @Test
    void aRenderCacheThatRefusesEveryRequestCostsAWarningAndAMetricNotThePublish() {
        // GIVEN r1 ingested, and a render cache whose store refuses every read and write (a policy denying its prefix)
        ingest();
        RefusingRenderCache refusing = new RefusingRenderCache();

        // WHEN the sample message is handled
        SQSBatchResponse response = function(store, edge, refusing).handleRequest(EventLoader.loadSQSEvent(sampleEvent()), null);

        // THEN the channel is published and DONE, the message is not retried, and the refusals are one warning and a metric
        assertThat(response.getBatchItemFailures()).isEmpty();
        assertThat(store.keys()).contains(publishedKey());
        assertThat(state()).isEqualTo(ChannelStatus.State.DONE);
        assertThat(refusing.failures()).isPositive();
        String logs = out.toString(StandardCharsets.UTF_8);
        assertThat(logs).contains("the render cache failed " + refusing.failures() + " reads or writes during " + channel() + " of r1")
                .contains("\"RenderCacheFailures\":" + refusing.failures() + ".0");
    }

    @Test
    void aRevisionPublishedAgainAsksTheCdnNothing() {
        // GIVEN r1 published once
        ingest();
        function(store).handleRequest(EventLoader.loadSQSEvent(sampleEvent()), null);
        invalidations.clear();

        // WHEN the same message comes again (SQS delivered it twice)
        function(store).handleRequest(EventLoader.loadSQSEvent(sampleEvent()), null);

        // THEN nothing changed, and nothing is invalidated
        assertThat(invalidations).isEmpty();
    }

    @Test
    void theOnlyChannelOnTheFunctionsClasspathIsItsOwn() {
        assertThat(Channels.discover().publishing()).extracting(Channel::id).containsExactly(channel());
    }

    @Test
    void aMessageForAnotherConsumerOrNoneAtAllIsDroppedWithoutPublishing() {
        // GIVEN r1 ingested, and two messages: one for another consumer, one that is not a revision message
        ingest();
        SQSEvent event = EventLoader.loadSQSEvent(sampleEvent());
        SQSEvent.SQSMessage other = event.getRecords().get(0);
        other.setBody(other.getBody().replace("\"consumer\":\"" + channel() + "\"", "\"consumer\":\"elsewhere\""));
        SQSEvent.SQSMessage garbage = new SQSEvent.SQSMessage();
        garbage.setMessageId("garbage");
        garbage.setBody("{\"Records\":[]}");
        event.setRecords(List.of(other, garbage));

        // WHEN they are handled
        SQSBatchResponse response = function(store).handleRequest(event, null);

        // THEN nothing is published and nothing is reported (a retry could never succeed)
        assertThat(response.getBatchItemFailures()).isEmpty();
        assertThat(store.keys()).isEmpty();
    }

    @Test
    void aFailingPublishReportsItsMessageAndEveryOneAfterItAndRecordsFailed() {
        // GIVEN r1 ingested, a bucket that refuses every write, and the sample message followed by a second one
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
        SQSEvent event = EventLoader.loadSQSEvent(sampleEvent());
        SQSEvent.SQSMessage second = EventLoader.loadSQSEvent(sampleEvent()).getRecords().get(0);
        second.setMessageId("second");
        event.setRecords(List.of(event.getRecords().get(0), second));

        // WHEN they are handled
        SQSBatchResponse response = function(broken).handleRequest(event, null);

        // THEN the failing message and the one after it are reported (FIFO order kept), the channel is FAILED on r1,
        // and the failure counted (with the render cache's failures in that publish: none)
        assertThat(response.getBatchItemFailures()).extracting(SQSBatchResponse.BatchItemFailure::getItemIdentifier)
                .containsExactly(event.getRecords().get(0).getMessageId(), "second");
        assertThat(state()).isEqualTo(ChannelStatus.State.FAILED);
        assertThat(EmfLines.metrics(out.toString(StandardCharsets.UTF_8)))
                .containsExactly(Metric.CHANNEL_FAILURES, Metric.RENDER_CACHE_FAILURES);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("\"ChannelFailures\":1.0").contains("\"RenderCacheFailures\":0.0");
    }

    @Test
    void aLateMessageForARevisionOlderThanOneAlreadyPublishedIsSkippedAndAcknowledged() {
        // GIVEN r1 ingested, then r2 (one page edited) whose channel is already DONE
        ingest();
        ContentTree r1 = content();
        var page = r1.files().stream().filter(f -> f.path().endsWith(".md")).findFirst().orElseThrow();
        new IngestRevision("hub", Gates.gate(), Gates.loader(), new Snapshots(blobs), revisions, FixedClock.standard())
                .ingest(ContentFixtures.with(r1, page.path(), (new String(page.bytes(), StandardCharsets.UTF_8) + "\nOne more line.\n")
                        .getBytes(StandardCharsets.UTF_8)), "test");
        revisions.recordChannel("hub", 2, channel(), ChannelStatus.done(1, 1, 1, ""));

        // WHEN r1's message arrives late (replayed from the DLQ)
        SQSBatchResponse response = function(store).handleRequest(EventLoader.loadSQSEvent(sampleEvent()), null);

        // THEN it is acknowledged without publishing anything or recording a status on r1, and the log says why
        assertThat(response.getBatchItemFailures()).isEmpty();
        assertThat(store.keys()).isEmpty();
        assertThat(revisions.get("hub", 1).orElseThrow().channels()).doesNotContainKey(channel());
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("skipped " + channel() + " of r1").contains("\"newer\":\"r2\"");
    }

    @Test
    void theFunctionsClasspathHasNoApacheOrNettyHttpClient() {
        assertThat(HttpClients.forbiddenLoadable(getClass().getClassLoader())).isEmpty();
    }
}
