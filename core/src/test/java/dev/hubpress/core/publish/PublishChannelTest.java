package dev.hubpress.core.publish;

import dev.hubpress.core.content.ContentTree;
import dev.hubpress.core.gate.GateLimits;
import dev.hubpress.core.gate.PublishGate;
import dev.hubpress.core.markdown.MarkdownEngine;
import dev.hubpress.core.model.Page;
import dev.hubpress.core.revision.ChannelStatus;
import dev.hubpress.core.revision.Revision;
import dev.hubpress.core.testing.FixedClock;
import dev.hubpress.core.testing.InMemoryArtifactStore;
import dev.hubpress.core.testing.InMemoryBlobStore;
import dev.hubpress.core.testing.InMemoryRevisionLog;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static dev.hubpress.core.testing.ContentFixtures.page;
import static dev.hubpress.core.testing.ContentFixtures.tree;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Publishing a channel writes only what changed, deletes what it no longer publishes, and records its status. */
class PublishChannelTest {

    private static final String HUB = "test";
    private static final String CHANNEL = "tiny";

    private final PublishGate gate = new PublishGate(new MarkdownEngine(), GateLimits.DEFAULT);
    private final Snapshots snapshots = new Snapshots(new InMemoryBlobStore());
    private final InMemoryRevisionLog log = new InMemoryRevisionLog();
    private final InMemoryArtifactStore store = new InMemoryArtifactStore();
    private final IngestRevision ingest = new IngestRevision(HUB, gate, snapshots, log, FixedClock.standard());

    /** One page object per hub page, plus an index listing the edition's history. */
    private static final class TinyRenderer implements ChannelRenderer {
        final List<Edition> editions = new ArrayList<>();

        @Override
        public String channel() {
            return CHANNEL;
        }

        @Override
        public List<Artifact> render(Edition edition) {
            editions.add(edition);
            List<Artifact> artifacts = new ArrayList<>();
            for (Page page : edition.hub().pages()) {
                artifacts.add(Artifact.text(page.sitePath(), "<h1>" + page.title() + "</h1>", "text/html; charset=utf-8",
                        Artifact.CachePolicy.SHORT));
            }
            artifacts.add(Artifact.text("history.txt", edition.history().stream().map(Revision::id).toList().toString(),
                    "text/plain; charset=utf-8", Artifact.CachePolicy.SHORT));
            return artifacts;
        }
    }

    private final TinyRenderer renderer = new TinyRenderer();
    private final PublishChannel publish = new PublishChannel(renderer, gate, snapshots, log, store);

    private Revision ingestAccepted(ContentTree tree) {
        return ((IngestResult.Accepted) ingest.ingest(tree, "test")).revision();
    }

    @Test
    void firstPublishWritesEveryObjectAndRecordsDoneWithCounts() {
        // given
        Revision r1 = ingestAccepted(tree("guides/a.md", page("A", "guides", 1, "x\n")));
        // when
        PublishChannel.Outcome outcome = publish.publish(HUB, r1.seq());
        // then
        assertThat(outcome.written()).isEqualTo(3);
        assertThat(outcome.unchanged()).isZero();
        assertThat(outcome.deleted()).isZero();
        assertThat(store.keys()).containsExactly("guides/a.html", "history.txt", "index.html");
        ChannelStatus status = log.get(HUB, 1).orElseThrow().channels().get(CHANNEL);
        assertThat(status.state()).isEqualTo(ChannelStatus.State.DONE);
        assertThat(status.objects()).isEqualTo(3);
        assertThat(status.bytes()).isEqualTo(store.keys().stream().mapToLong(k -> store.get(k).orElseThrow().size()).sum());
        assertThat(snapshots.listing(status.outputs())).containsOnlyKeys("guides/a.html", "history.txt", "index.html");
        assertThat(renderer.editions).singleElement().satisfies(e -> assertThat(e.history()).extracting(Revision::seq).containsExactly(1L));
    }

    @Test
    void publishingIdenticalOutputAgainWritesNothing() {
        // given
        Revision r1 = ingestAccepted(tree("guides/a.md", page("A", "guides", 1, "x\n")));
        publish.publish(HUB, r1.seq());
        int writes = store.writes().size();
        // when
        PublishChannel.Outcome retry = publish.publish(HUB, r1.seq());
        // then
        assertThat(retry.written()).isZero();
        assertThat(retry.unchanged()).isEqualTo(3);
        assertThat(retry.deleted()).isZero();
        assertThat(store.writes()).hasSize(writes);
        assertThat(store.deletes()).isEmpty();
    }

    @Test
    void objectNoLongerPublishedIsDeletedAndOnlyChangedObjectsAreWritten() {
        // given: r1 publishes a and b
        Revision r1 = ingestAccepted(tree("guides/a.md", page("A", "guides", 1, "x\n"), "guides/b.md", page("B", "guides", 2, "x\n")));
        publish.publish(HUB, r1.seq());
        List<String> writesBefore = store.writes();
        // when: r2 removes b
        Revision r2 = ingestAccepted(tree("guides/a.md", page("A", "guides", 1, "x\n")));
        PublishChannel.Outcome outcome = publish.publish(HUB, r2.seq());
        // then: only the history object changed, b is gone
        assertThat(outcome.deleted()).isEqualTo(1);
        assertThat(store.deletes()).containsExactly("guides/b.html");
        assertThat(store.writes().subList(writesBefore.size(), store.writes().size())).containsExactly("history.txt");
        assertThat(outcome.written()).isEqualTo(1);
        assertThat(outcome.unchanged()).isEqualTo(2);
        assertThat(store.keys()).containsExactly("guides/a.html", "history.txt", "index.html");
        assertThat(new String(store.get("history.txt").orElseThrow().bytes(), java.nio.charset.StandardCharsets.UTF_8))
                .isEqualTo("[r2, r1]");
        assertThat(log.get(HUB, 2).orElseThrow().channels().get(CHANNEL).objects()).isEqualTo(3);
    }

    @Test
    void rendererFailureIsRecordedAsFailedAndPropagates() {
        // given
        Revision r1 = ingestAccepted(tree());
        PublishChannel failing = new PublishChannel(new ChannelRenderer() {
            @Override
            public String channel() {
                return CHANNEL;
            }

            @Override
            public List<Artifact> render(Edition edition) {
                throw new IllegalStateException("template exploded");
            }
        }, gate, snapshots, log, store);
        // when / then
        assertThatThrownBy(() -> failing.publish(HUB, r1.seq())).isInstanceOf(IllegalStateException.class).hasMessage("template exploded");
        ChannelStatus status = log.get(HUB, 1).orElseThrow().channels().get(CHANNEL);
        assertThat(status.state()).isEqualTo(ChannelStatus.State.FAILED);
        assertThat(status.error()).isEqualTo("template exploded");
        assertThat(status.outputs()).isEmpty();
        assertThat(store.writes()).isEmpty();
    }

    @Test
    void recordingThisChannelKeepsOtherChannelsStatus() {
        // given: another channel already recorded DONE on r1
        Revision r1 = ingestAccepted(tree());
        log.recordChannel(HUB, 1, "other", ChannelStatus.done(1, 10, 5, ""));
        // when
        publish.publish(HUB, r1.seq());
        // then
        assertThat(log.get(HUB, 1).orElseThrow().channels()).containsOnlyKeys("other", CHANNEL);
    }

    @Test
    void keysTheRendererRetainsAreNeverDeletedAndItsFactsAreRecorded() {
        // given a renderer that publishes latest.txt and one permanent file per revision
        ChannelRenderer permanent = new ChannelRenderer() {
            @Override
            public String channel() {
                return "permanent";
            }

            @Override
            public List<Artifact> render(Edition edition) {
                return List.of(Artifact.text("latest.txt", edition.revision().id(), "text/plain", Artifact.CachePolicy.SHORT),
                        Artifact.text(edition.revision().id() + ".txt", "x", "text/plain", Artifact.CachePolicy.IMMUTABLE));
            }

            @Override
            public boolean retains(String key) {
                return key.matches("r[0-9]+\\.txt");
            }

            @Override
            public java.util.Map<String, String> facts(List<Artifact> rendered) {
                return java.util.Map.of("objects", String.valueOf(rendered.size()));
            }
        };
        PublishChannel channel = new PublishChannel(permanent, gate, snapshots, log, store);
        Revision r1 = ingestAccepted(tree("guides/a.md", page("A", "guides", 1, "x\n")));
        channel.publish(HUB, r1.seq());
        Revision r2 = ingestAccepted(tree("guides/a.md", page("A", "guides", 1, "y\n")));
        // when
        PublishChannel.Outcome outcome = channel.publish(HUB, r2.seq());
        // then
        assertThat(outcome.deleted()).isZero();
        assertThat(store.keys()).contains("latest.txt", "r1.txt", "r2.txt");
        assertThat(log.get(HUB, r2.seq()).orElseThrow().channels().get("permanent").facts()).containsEntry("objects", "2");
    }
}
