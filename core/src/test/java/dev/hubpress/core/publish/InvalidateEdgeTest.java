package dev.hubpress.core.publish;

import dev.hubpress.core.channel.Artifact;
import dev.hubpress.core.channel.ChannelRenderer;
import dev.hubpress.core.channel.Channels;
import dev.hubpress.core.channel.Edition;
import dev.hubpress.core.content.ContentTree;
import dev.hubpress.core.model.Page;
import dev.hubpress.core.port.ArtifactStore;
import dev.hubpress.core.port.EdgeCache;
import dev.hubpress.core.revision.Revision;
import dev.hubpress.core.testing.FixedClock;
import dev.hubpress.core.testing.Gates;
import dev.hubpress.core.testing.InMemoryArtifactStore;
import dev.hubpress.core.testing.InMemoryBlobStore;
import dev.hubpress.core.testing.InMemoryRevisionLog;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

import static dev.hubpress.core.testing.ContentFixtures.page;
import static dev.hubpress.core.testing.ContentFixtures.tree;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * After a publish the CDN is asked to drop exactly what the publish changed (written or deleted,
 * fingerprinted objects aside), once per channel and revision, under a reference a retry repeats;
 * a CDN that refuses costs a warning, never the publish.
 */
class InvalidateEdgeTest {

    private static final String CHANNEL = "tiny";

    private final Snapshots snapshots = new Snapshots(new InMemoryBlobStore());
    private final InMemoryRevisionLog log = new InMemoryRevisionLog();
    private final IngestRevision ingest = new IngestRevision("hub", Gates.gate(), Gates.loader(), snapshots, log, FixedClock.standard());
    private final AtomicBoolean failWrites = new AtomicBoolean();
    private final InMemoryArtifactStore store = new InMemoryArtifactStore();
    /** The store, refusing to write the listing while {@link #failWrites} is set: a publish that fails half-way. */
    private final ArtifactStore flaky = new ArtifactStore() {
        @Override
        public boolean put(Artifact artifact) {
            if (failWrites.get() && artifact.key().equals("list.html")) {
                throw new IllegalStateException("bucket unavailable");
            }
            return store.put(artifact);
        }

        @Override
        public void delete(String key) {
            store.delete(key);
        }
    };
    private final List<Map.Entry<String, List<String>>> asked = new ArrayList<>();
    private final EdgeCache edge = (reference, paths) -> asked.add(Map.entry(reference, paths));

    /** One object per page, a listing of every title, and a fingerprinted asset named by its bytes. */
    private static final class TinySite implements ChannelRenderer {
        @Override
        public List<Artifact> render(Edition edition) {
            List<Artifact> artifacts = new ArrayList<>();
            StringBuilder list = new StringBuilder();
            for (Page page : edition.hub().pages()) {
                artifacts.add(Artifact.text(page.sitePath(), page.source(), "text/html; charset=utf-8", Artifact.CachePolicy.SHORT));
                list.append(page.title()).append('\n');
            }
            artifacts.add(Artifact.text("list.html", list.toString(), "text/html; charset=utf-8", Artifact.CachePolicy.SHORT));
            String css = "h1{}" + edition.hub().pages().size();
            artifacts.add(Artifact.text("assets/site." + css.hashCode() + ".css", css, "text/css", Artifact.CachePolicy.IMMUTABLE));
            return artifacts;
        }
    }

    private final PublishRevision publish = new PublishRevision(Channels.of(List.of(Gates.rendering(CHANNEL, Set.of(), new TinySite()))),
            Gates.loader(), snapshots, log, flaky);

    private InvalidateEdge.Result push(ContentTree tree) {
        IngestResult.Accepted accepted = (IngestResult.Accepted) ingest.ingest(tree, "test");
        PublishRevision.Report report = publish.publish(accepted.revision(), accepted.hub(), accepted.history(), List.of(CHANNEL));
        return new InvalidateEdge(edge).after(report.revision(), report.outcomes().get(0));
    }

    private static ContentTree pages(String aBody, String... more) {
        List<String> files = new ArrayList<>(List.of("guides/a.md", page("A", "guides", 1, aBody)));
        files.addAll(List.of(more));
        return tree(files.toArray(String[]::new));
    }

    @Test
    void anEditInvalidatesThePageItChangedAndNothingElse() {
        push(pages("One.\n", "guides/b.md", page("B", "guides", 2, "Two.\n")));
        asked.clear();

        InvalidateEdge.Result result = push(pages("One, edited.\n", "guides/b.md", page("B", "guides", 2, "Two.\n")));

        assertThat(result.paths()).containsExactly("/guides/a.html");
        assertThat(result.failed()).isFalse();
        assertThat(asked).singleElement().satisfies(request -> {
            assertThat(request.getValue()).containsExactly("/guides/a.html");
            assertThat(request.getKey()).startsWith("hub-r2-tiny-").matches("[A-Za-z0-9._-]{1,128}");
        });
    }

    @Test
    void aRemovedPageIsInvalidatedWithTheListingButNotTheNewFingerprintedAsset() {
        push(pages("One.\n", "guides/b.md", page("B", "guides", 2, "Two.\n")));
        asked.clear();

        InvalidateEdge.Result result = push(pages("One.\n"));

        // the old asset is deleted (a path a CDN may hold); the new one is a new name, cached nowhere
        assertThat(result.paths()).hasSize(3).contains("/guides/b.html", "/list.html")
                .anyMatch(p -> p.startsWith("/assets/site."));
        assertThat(store.keys()).filteredOn(k -> k.startsWith("assets/")).singleElement()
                .satisfies(asset -> assertThat(result.paths()).doesNotContain("/" + asset));
    }

    @Test
    void aRetryAfterAFailureHalfWayAsksTheSameUnderTheSameReferenceAndARepublishAsksNothing() {
        ContentTree r1 = pages("One.\n");
        push(r1);
        asked.clear();
        ContentTree r2 = pages("One.\n", "guides/b.md", page("B", "guides", 2, "Two.\n"));
        failWrites.set(true);
        InvalidateEdge.Result failed = push(r2);
        assertThat(failed.paths()).isEmpty();
        assertThat(asked).isEmpty();

        failWrites.set(false);
        PublishRevision.Report retry = publish.publish("hub", 2, List.of(CHANNEL));
        new InvalidateEdge(edge).after(retry.revision(), retry.outcomes().get(0));
        PublishRevision.Report again = publish.publish("hub", 2, List.of(CHANNEL));
        InvalidateEdge.Result none = new InvalidateEdge(edge).after(again.revision(), again.outcomes().get(0));

        assertThat(asked).singleElement().satisfies(request ->
                assertThat(request.getValue()).containsExactly("/assets/site." + ("h1{}" + 2).hashCode() + ".css", "/guides/b.html", "/list.html"));
        assertThat(none.paths()).isEmpty();
        String reference = asked.get(0).getKey();
        assertThat(InvalidateEdge.reference(retry.revision(), CHANNEL, asked.get(0).getValue())).isEqualTo(reference);
    }

    @Test
    void aCdnThatRefusesIsReportedAndThePublishStands() {
        push(pages("One.\n"));
        IngestResult.Accepted r2 = (IngestResult.Accepted) ingest.ingest(pages("One, edited.\n"), "test");
        PublishRevision.Report report = publish.publish(r2.revision(), r2.hub(), r2.history(), List.of(CHANNEL));

        InvalidateEdge.Result result = new InvalidateEdge((reference, paths) -> {
            throw new IllegalStateException("TooManyInvalidationsInProgress");
        }).after(report.revision(), report.outcomes().get(0));

        assertThat(result.failed()).isTrue();
        assertThat(result.failure()).contains("TooManyInvalidationsInProgress");
        assertThat(result.paths()).containsExactly("/guides/a.html");
        assertThat(report.outcomes().get(0).failed()).isFalse();
        assertThat(log.get("hub", 2).map(Revision::channels).orElseThrow().get(CHANNEL).state().name()).isEqualTo("DONE");
    }

    @Test
    void theReferenceDiffersForOtherPathsAndStaysWithinCloudFrontsCharacters() {
        push(pages("One.\n"));
        Revision r = log.get("hub", 1).orElseThrow();

        assertThat(InvalidateEdge.reference(r, "site", List.of("/a.html")))
                .isNotEqualTo(InvalidateEdge.reference(r, "site", List.of("/b.html")))
                .isEqualTo(InvalidateEdge.reference(r, "site", List.of("/a.html")));
    }
}
