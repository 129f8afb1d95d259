package dev.hubpress.feeds;

import dev.hubpress.core.channel.Channels;
import dev.hubpress.core.content.ContentTree;
import dev.hubpress.core.publish.IngestResult;
import dev.hubpress.core.publish.IngestRevision;
import dev.hubpress.core.publish.PublishRevision;
import dev.hubpress.core.publish.Snapshots;
import dev.hubpress.core.testing.Editions;
import dev.hubpress.core.testing.FixedClock;
import dev.hubpress.core.testing.Gates;
import dev.hubpress.core.testing.InMemoryArtifactStore;
import dev.hubpress.core.testing.InMemoryBlobStore;
import dev.hubpress.core.testing.InMemoryRevisionLog;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The feeds channel alone behind the real pipeline (ingest, gate, change sets and moves, publish)
 * on the in-memory stores: what a push of a content tree publishes, as the tests read it back.
 */
final class FeedsPipeline {

    final InMemoryRevisionLog log = new InMemoryRevisionLog();
    final InMemoryArtifactStore store = new InMemoryArtifactStore();
    final PublishRevision feeds;
    private final Snapshots snapshots = new Snapshots(new InMemoryBlobStore());
    private final String hub;

    /** For the hub of that id. */
    FeedsPipeline(String hub) {
        this.hub = hub;
        this.feeds = new PublishRevision(Channels.of(List.of(new FeedsChannel())), Gates.loader(), snapshots, log, store);
    }

    /**
     * Ingests the tree at that moment and, when it made a revision, publishes its feeds, which must
     * succeed; the ingest's result.
     */
    IngestResult push(ContentTree tree, Instant at) {
        IngestResult result = new IngestRevision(hub, Editions.GATE, Gates.loader(), snapshots, log, FixedClock.at(at)).ingest(tree, "test");
        if (result instanceof IngestResult.Accepted accepted) {
            PublishRevision.Outcome outcome = feeds.publish(accepted.revision(), accepted.hub(), accepted.history(),
                    List.of(FeedsChannel.ID)).outcomes().get(0);
            assertThat(outcome.failure()).isEmpty();
        }
        return result;
    }

    /** The same, for a tree that must make a revision (the gate's errors otherwise). */
    IngestResult.Accepted accepted(ContentTree tree, Instant at) {
        IngestResult result = push(tree, at);
        assertThat(result).as(() -> result instanceof IngestResult.Rejected r ? r.revision().errors().toString() : "")
                .isInstanceOf(IngestResult.Accepted.class);
        return (IngestResult.Accepted) result;
    }
}
