package dev.hubpress.core.publish;

import dev.hubpress.core.channel.Artifact;
import dev.hubpress.core.channel.ChannelRenderer;
import dev.hubpress.core.channel.Channels;
import dev.hubpress.core.channel.Edition;
import dev.hubpress.core.content.ContentTree;
import dev.hubpress.core.model.Hub;
import dev.hubpress.core.model.Page;
import dev.hubpress.core.port.ArtifactStore;
import dev.hubpress.core.revision.ChannelStatus;
import dev.hubpress.core.revision.History;
import dev.hubpress.core.revision.Revision;
import dev.hubpress.core.testing.FixedClock;
import dev.hubpress.core.testing.Gates;
import dev.hubpress.core.testing.InMemoryArtifactStore;
import dev.hubpress.core.testing.InMemoryBlobStore;
import dev.hubpress.core.testing.InMemoryRevisionLog;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static dev.hubpress.core.testing.ContentFixtures.page;
import static dev.hubpress.core.testing.ContentFixtures.tree;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Publishing a revision writes only what changed, deletes what a channel no longer publishes,
 * records each channel's status, publishes a channel after the channels it reads, and turns
 * anything a channel throws into its FAILED status without stopping the others.
 */
class PublishRevisionTest {

    private static final String HUB = "test";
    private static final String CHANNEL = "tiny";

    private final Snapshots snapshots = new Snapshots(new InMemoryBlobStore());
    private final InMemoryRevisionLog log = new InMemoryRevisionLog();
    private final InMemoryArtifactStore store = new InMemoryArtifactStore();
    private final IngestRevision ingest = new IngestRevision(HUB, Gates.gate(), Gates.loader(), snapshots, log,
            FixedClock.standard());

    /** One page object per hub page, plus an index listing the edition's history. */
    private static final class TinyRenderer implements ChannelRenderer {
        final List<Edition> editions = new ArrayList<>();

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

    private PublishRevision publishing(ChannelRenderer... renderers) {
        List<dev.hubpress.core.channel.Channel> channels = new ArrayList<>();
        for (int i = 0; i < renderers.length; i++) {
            channels.add(Gates.rendering(i == 0 ? CHANNEL : CHANNEL + i, Set.of(), renderers[i]));
        }
        return new PublishRevision(Channels.of(channels), Gates.loader(), snapshots, log, store);
    }

    /** Ingests the tree (it must pass) and publishes the given channels of it. */
    private PublishRevision.Report publish(PublishRevision publish, ContentTree tree, String... channels) {
        IngestResult.Accepted accepted = (IngestResult.Accepted) ingest.ingest(tree, "test");
        return publish.publish(accepted.revision(), accepted.hub(), accepted.history(), List.of(channels));
    }

    private static String text(Artifact artifact) {
        return new String(artifact.bytes(), StandardCharsets.UTF_8);
    }

    @Test
    void firstPublishWritesEveryObjectAndRecordsDoneWithCounts() {
        // GIVEN a one-channel pipeline
        PublishRevision publish = publishing(renderer);

        // WHEN r1 is published
        PublishRevision.Outcome outcome = publish(publish, tree("guides/a.md", page("A", "guides", 1, "x\n")), CHANNEL)
                .outcomes().get(0);

        // THEN every object is written and the status says so
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
        // GIVEN r1 published
        PublishRevision publish = publishing(renderer);
        IngestResult.Accepted r1 = (IngestResult.Accepted) ingest.ingest(tree("guides/a.md", page("A", "guides", 1, "x\n")), "test");
        PublishRevision.Report first = publish.publish(r1.revision(), r1.hub(), r1.history(), List.of(CHANNEL));
        int writes = store.writes().size();

        // WHEN it is published again (a retry)
        PublishRevision.Outcome retry = publish.publish(HUB, first.revision().seq(), List.of(CHANNEL)).outcomes().get(0);

        // THEN nothing is written or deleted, and the store was not even asked to compare: it was told each object is there
        assertThat(retry.written()).isZero();
        assertThat(retry.unchanged()).isEqualTo(3);
        assertThat(retry.deleted()).isZero();
        assertThat(store.writes()).hasSize(writes);
        assertThat(store.deletes()).isEmpty();
        assertThat(store.checks()).isEqualTo(3);
        assertThat(store.trusted()).isEqualTo(3);
    }

    @Test
    void aFirstPublishOfManyObjectsListsTheStoreOnceInsteadOfCheckingEachObject() {
        // GIVEN a bucket-like store that already holds one page identical to what r1 renders (an
        // attempt that stopped half-way left it) and 60 pages to publish, with no listing to trust
        InMemoryArtifactStore bucket = new InMemoryArtifactStore(true);
        PublishRevision publish = new PublishRevision(Channels.of(List.of(Gates.rendering(CHANNEL, Set.of(), renderer))),
                Gates.loader(), snapshots, log, bucket);
        List<String> files = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            files.add("guides/p" + i + ".md");
            files.add(page("P" + i, "guides", i + 1, "x\n"));
        }
        bucket.put(Artifact.text("guides/p0.html", "<h1>P0</h1>", "text/html; charset=utf-8", Artifact.CachePolicy.SHORT));
        int before = bucket.writes().size();

        // WHEN r1 is published
        PublishRevision.Outcome outcome = publish(publish, tree(files.toArray(String[]::new)), CHANNEL).outcomes().get(0);

        // THEN the store was listed once, the page it held was checked (and not written again), and
        // every other object was written without a check
        assertThat(bucket.listings()).isEqualTo(1);
        assertThat(bucket.checks() - 1).isEqualTo(1);
        assertThat(bucket.created()).isEqualTo(61);
        assertThat(outcome.written()).isEqualTo(61);
        assertThat(outcome.unchanged()).isEqualTo(1);
        assertThat(bucket.writes().size() - before).isEqualTo(61);
    }

    @Test
    void aPublishOfFewObjectsOrWithATrustedListingNeverListsTheStore() {
        // GIVEN a bucket-like store
        InMemoryArtifactStore bucket = new InMemoryArtifactStore(true);
        PublishRevision publish = new PublishRevision(Channels.of(List.of(Gates.rendering(CHANNEL, Set.of(), renderer))),
                Gates.loader(), snapshots, log, bucket);

        // WHEN r1 of one page is published, then an edit of it
        publish(publish, tree("guides/a.md", page("A", "guides", 1, "x\n")), CHANNEL);
        publish(publish, tree("guides/a.md", page("A", "guides", 1, "y\n")), CHANNEL);

        // THEN the store was never listed: three objects are cheaper to check, and r2 trusts r1's listing
        assertThat(bucket.listings()).isZero();
        assertThat(bucket.created()).isZero();
        assertThat(bucket.trusted()).isEqualTo(2);
    }

    @Test
    void aOnePageEditMakesTheStoreCheckOnlyTheObjectsThatChanged() {
        // GIVEN r1 published: two pages, the home page and the history object
        PublishRevision publish = publishing(renderer);
        publish(publish, tree("guides/a.md", page("A", "guides", 1, "x\n"), "guides/b.md", page("B", "guides", 2, "x\n")), CHANNEL);
        int checks = store.checks();

        // WHEN r2 retitles page a
        PublishRevision.Outcome outcome = publish(publish, tree("guides/a.md", page("A, retitled", "guides", 1, "x\n"),
                "guides/b.md", page("B", "guides", 2, "x\n")), CHANNEL).outcomes().get(0);

        // THEN the store compared and wrote only page a and the history; the two others it was told were there
        assertThat(store.checks() - checks).isEqualTo(2);
        assertThat(store.trusted()).isEqualTo(2);
        assertThat(outcome.written()).isEqualTo(2);
        assertThat(outcome.unchanged()).isEqualTo(2);
        assertThat(text(store.get("guides/a.html").orElseThrow())).isEqualTo("<h1>A, retitled</h1>");
    }

    /** The in-memory store, failing every put of one key while {@code failing} is set. */
    private final class Failing implements ArtifactStore {
        boolean failing;
        final String key;

        Failing(String key) {
            this.key = key;
        }

        @Override
        public boolean put(Artifact artifact, Optional<String> known) {
            if (failing && artifact.key().equals(key)) {
                throw new IllegalStateException("cannot write " + key);
            }
            return store.put(artifact, known);
        }

        @Override
        public boolean put(Artifact artifact) {
            return put(artifact, Optional.empty());
        }

        @Override
        public void delete(String key) {
            store.delete(key);
        }
    }

    @Test
    void afterAPublishThatFailedHalfWayTheNextOneChecksEveryObject() {
        // GIVEN r1 (page a titled "A") published, and r2 (titled "B") whose publish wrote page a and then failed
        Failing failing = new Failing("history.txt");
        PublishRevision publish = new PublishRevision(Channels.of(List.of(Gates.rendering(CHANNEL, Set.of(), renderer))),
                Gates.loader(), snapshots, log, failing);
        publish(publish, tree("guides/a.md", page("A", "guides", 1, "x\n")), CHANNEL);
        failing.failing = true;
        PublishRevision.Report r2 = publish(publish, tree("guides/a.md", page("B", "guides", 1, "x\n")), CHANNEL);
        assertThat(r2.failed()).containsExactly(CHANNEL);
        assertThat(text(store.get("guides/a.html").orElseThrow())).isEqualTo("<h1>B</h1>");
        failing.failing = false;
        int checks = store.checks();

        // WHEN r3 titles it "A" again: the same object as r1's, which the last complete listing holds
        PublishRevision.Report r3 = publish(publish, tree("guides/a.md", page("A", "guides", 1, "x\n")), CHANNEL);

        // THEN that listing is not trusted: every object is checked, and page a is "A" again
        assertThat(r3.failed()).isEmpty();
        assertThat(store.checks() - checks).isEqualTo(3);
        assertThat(text(store.get("guides/a.html").orElseThrow())).isEqualTo("<h1>A</h1>");
    }

    @Test
    void republishingAnOlderRevisionAfterANewerOneIsSupersededAndTouchesNoObject() {
        // GIVEN r1 (page a titled "A") and r2 (titled "B") published
        PublishRevision publish = publishing(renderer);
        publish(publish, tree("guides/a.md", page("A", "guides", 1, "x\n")), CHANNEL);
        publish(publish, tree("guides/a.md", page("B", "guides", 1, "x\n")), CHANNEL);
        int checks = store.checks();

        // WHEN r1 is published again (a message replayed from a DLQ, a retry arriving late)
        PublishRevision.Report replay = publish.publish(HUB, 1, List.of(CHANNEL));

        // THEN the channel is superseded by r2's edition: no object is checked or written, r2's page stays
        assertThat(replay.failed()).isEmpty();
        assertThat(replay.superseded()).containsExactly(CHANNEL);
        assertThat(store.checks() - checks).isZero();
        assertThat(text(store.get("guides/a.html").orElseThrow())).isEqualTo("<h1>B</h1>");
    }

    @Test
    void whenSeveralObjectsCannotBeWrittenTheStatusNamesTheFirstInTheChannelsOrder() {
        // GIVEN a store that cannot write any page, only the history
        ArtifactStore noPages = new ArtifactStore() {
            @Override
            public boolean put(Artifact artifact) {
                if (artifact.key().endsWith(".html")) {
                    throw new IllegalStateException("cannot write " + artifact.key());
                }
                return store.put(artifact);
            }

            @Override
            public void delete(String key) {
                store.delete(key);
            }
        };
        PublishRevision publish = new PublishRevision(Channels.of(List.of(Gates.rendering(CHANNEL, Set.of(), renderer))),
                Gates.loader(), snapshots, log, noPages);

        // WHEN r1 with five pages is published (eight requests in flight at most, finishing in any order)
        PublishRevision.Report report = publish(publish, tree("guides/a.md", page("A", "guides", 1, "x\n"),
                "guides/b.md", page("B", "guides", 2, "x\n"), "guides/c.md", page("C", "guides", 3, "x\n"),
                "guides/d.md", page("D", "guides", 4, "x\n")), CHANNEL);

        // THEN the status names the first page the renderer listed (the home page), the others travel with it
        // in the renderer's order, and the history was written
        ChannelStatus status = log.get(HUB, 1).orElseThrow().channels().get(CHANNEL);
        assertThat(status.error()).isEqualTo("cannot write index.html");
        assertThat(report.outcomes().get(0).failure().orElseThrow().getSuppressed()).extracting(Throwable::getMessage)
                .containsExactly("cannot write guides/a.html", "cannot write guides/b.html", "cannot write guides/c.html",
                        "cannot write guides/d.html");
        assertThat(store.keys()).containsExactly("history.txt");
    }

    @Test
    void objectNoLongerPublishedIsDeletedAndOnlyChangedObjectsAreWritten() {
        // GIVEN r1 publishes a and b
        PublishRevision publish = publishing(renderer);
        publish(publish, tree("guides/a.md", page("A", "guides", 1, "x\n"), "guides/b.md", page("B", "guides", 2, "x\n")), CHANNEL);
        List<String> writesBefore = store.writes();

        // WHEN r2 removes b
        PublishRevision.Outcome outcome = publish(publish, tree("guides/a.md", page("A", "guides", 1, "x\n")), CHANNEL)
                .outcomes().get(0);

        // THEN only the history object changed, and b is gone
        assertThat(outcome.deleted()).isEqualTo(1);
        assertThat(store.deletes()).containsExactly("guides/b.html");
        assertThat(store.writes().subList(writesBefore.size(), store.writes().size())).containsExactly("history.txt");
        assertThat(outcome.written()).isEqualTo(1);
        assertThat(outcome.unchanged()).isEqualTo(2);
        assertThat(store.keys()).containsExactly("guides/a.html", "history.txt", "index.html");
        assertThat(text(store.get("history.txt").orElseThrow())).isEqualTo("[r2, r1]");
        assertThat(log.get(HUB, 2).orElseThrow().channels().get(CHANNEL).objects()).isEqualTo(3);
    }

    @Test
    void anythingAChannelThrowsIsRecordedAsFailedAndTheOtherChannelsStillPublish() {
        // GIVEN a channel whose rendering overflows the stack, and a healthy one
        ChannelRenderer overflowing = edition -> {
            throw new StackOverflowError();
        };
        PublishRevision publish = publishing(overflowing, renderer);

        // WHEN r1 is published on both
        PublishRevision.Report report = publish(publish, tree(), CHANNEL, CHANNEL + 1);

        // THEN the first is FAILED with one line saying what, and the second is DONE
        ChannelStatus failed = log.get(HUB, 1).orElseThrow().channels().get(CHANNEL);
        assertThat(failed.state()).isEqualTo(ChannelStatus.State.FAILED);
        assertThat(failed.error()).isEqualTo("StackOverflowError");
        assertThat(failed.outputs()).isEmpty();
        assertThat(report.failed()).containsExactly(CHANNEL);
        assertThat(report.outcomes().get(0).failure()).containsInstanceOf(StackOverflowError.class);
        assertThat(log.get(HUB, 1).orElseThrow().channels().get(CHANNEL + 1).state()).isEqualTo(ChannelStatus.State.DONE);
        assertThat(store.keys()).containsExactly("history.txt", "index.html");
    }

    @Test
    void aChannelThatReadsAnotherPublishesAfterItAndSeesItsFactsOfTheSameRevision() {
        // GIVEN a "book" channel recording a fact, and a "shelf" channel that reads it (listed first)
        List<String> seen = new ArrayList<>();
        ChannelRenderer book = new ChannelRenderer() {
            @Override
            public List<Artifact> render(Edition edition) {
                return List.of(Artifact.text("book.txt", edition.revision().id(), "text/plain", Artifact.CachePolicy.SHORT));
            }

            @Override
            public Map<String, String> facts(List<Artifact> rendered) {
                return Map.of("of", text(rendered.get(0)));
            }
        };
        ChannelRenderer shelf = edition -> {
            ChannelStatus bookStatus = edition.revision().channels().get("book");
            seen.add(edition.revision().id() + " shows the book of " + (bookStatus == null ? "none" : bookStatus.facts().get("of")));
            return List.of();
        };
        PublishRevision publish = new PublishRevision(Channels.of(List.of(
                Gates.rendering("shelf", Set.of("book"), shelf), Gates.rendering("book", Set.of(), book))), Gates.loader(),
                snapshots, log, store);

        // WHEN r1 and r2 are published
        publish(publish, tree(), "shelf", "book");
        publish(publish, tree("guides/a.md", page("A", "guides", 1, "x\n")), "shelf", "book");

        // THEN the shelf always showed the book of its own revision
        assertThat(seen).containsExactly("r1 shows the book of r1", "r2 shows the book of r2");
    }

    /** A "site" that publishes no facts and a "feeds" channel that reads whether it published, as the real ones do. */
    private final class SiteAndFeeds {
        final List<String> feedsSaw = java.util.Collections.synchronizedList(new ArrayList<>());
        /** Counted down when the feeds start a render; {@link #next} sets a new one before each publish. */
        volatile java.util.concurrent.CountDownLatch feedsRendering = new java.util.concurrent.CountDownLatch(1);
        /** How long the site waits for the feeds to start rendering before it renders itself. */
        volatile int patience;
        volatile boolean siteSawFeedsRendering;
        volatile boolean siteFails;
        volatile int feedsFailures;

        final ChannelRenderer site = edition -> {
            try {
                // Waits a while for the feeds to start rendering: they do, beside it, when rendered ahead.
                siteSawFeedsRendering = feedsRendering.await(patience, java.util.concurrent.TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (siteFails) {
                throw new IllegalStateException("disk full");
            }
            return List.of(Artifact.text("index.html", edition.revision().id(), "text/html", Artifact.CachePolicy.SHORT));
        };

        final ChannelRenderer feeds = edition -> {
            feedsRendering.countDown();
            if (feedsFailures > 0) {
                feedsFailures--;
                throw new OutOfMemoryError("no room for the feeds");
            }
            ChannelStatus siteStatus = edition.revision().channels().get("site");
            String saw = edition.revision().id() + " with its site " + (siteStatus == null ? "unknown" : siteStatus.state());
            feedsSaw.add(saw);
            return List.of(Artifact.text("feed.xml", saw, "application/xml", Artifact.CachePolicy.SHORT));
        };

        /** Forgets what the last publish saw; the site waits up to this many seconds for the feeds to start. */
        void next(int patienceSeconds) {
            feedsSaw.clear();
            feedsRendering = new java.util.concurrent.CountDownLatch(1);
            siteSawFeedsRendering = false;
            patience = patienceSeconds;
        }

        /** The pipeline with r1 (an empty hub) published: the site has a last status to guess from. */
        PublishRevision afterFirstRevision() {
            PublishRevision publish = publishing();
            publish(publish, tree(), "site", "feeds");
            return publish;
        }

        PublishRevision publishing() {
            return new PublishRevision(Channels.of(List.of(Gates.rendering("feeds", Set.of("site"), feeds),
                    Gates.rendering("site", Set.of(), site))), Gates.loader(), snapshots, log, store);
        }
    }

    @Test
    void aChannelThatReadsOnlyWhetherAnotherPublishedRendersBesideItAndUsesThatRender() {
        // GIVEN r1 published by a site that records no facts and feeds that read it
        SiteAndFeeds pipeline = new SiteAndFeeds();
        PublishRevision publish = pipeline.afterFirstRevision();
        assertThat(pipeline.siteSawFeedsRendering).as("r1: the site had never published, nothing to guess from").isFalse();
        pipeline.next(10);

        // WHEN r2 is published
        PublishRevision.Report report = publish(publish, tree("guides/a.md", page("A", "guides", 1, "x\n")), "site", "feeds");

        // THEN the feeds rendered while the site was rendering, once, and published what a render
        // after the site would have: r2 with its site published
        assertThat(pipeline.siteSawFeedsRendering).isTrue();
        assertThat(pipeline.feedsSaw).containsExactly("r2 with its site DONE");
        assertThat(report.failed()).isEmpty();
        assertThat(text(store.get("feed.xml").orElseThrow())).isEqualTo("r2 with its site DONE");
    }

    @Test
    void aRenderAheadOnAGuessThatFailsIsDroppedAndTheChannelRendersWithTheRealOutcome() {
        // GIVEN r1 published, then a site that fails on r2
        SiteAndFeeds pipeline = new SiteAndFeeds();
        PublishRevision publish = pipeline.afterFirstRevision();
        pipeline.next(0);
        pipeline.siteFails = true;

        // WHEN r2 is published
        PublishRevision.Report report = publish(publish, tree("guides/a.md", page("A", "guides", 1, "x\n")), "site", "feeds");

        // THEN the feeds rendered on the guess were not published: they rendered again, seeing the site failed
        assertThat(report.failed()).containsExactly("site");
        assertThat(pipeline.feedsSaw).containsExactly("r2 with its site DONE", "r2 with its site FAILED");
        assertThat(text(store.get("feed.xml").orElseThrow())).isEqualTo("r2 with its site FAILED");
        assertThat(log.get(HUB, 2).orElseThrow().channels().get("feeds").state()).isEqualTo(ChannelStatus.State.DONE);
    }

    @Test
    void aRenderAheadThatThrowsIsRenderedAgainAndOnlyAFailureThenIsRecorded() {
        // GIVEN r1 published, and feeds whose next render throws an Error (the one ahead)
        SiteAndFeeds pipeline = new SiteAndFeeds();
        PublishRevision publish = pipeline.afterFirstRevision();
        pipeline.next(10);
        pipeline.feedsFailures = 1;

        // WHEN r2 is published
        PublishRevision.Report report = publish(publish, tree("guides/a.md", page("A", "guides", 1, "x\n")), "site", "feeds");

        // THEN the feeds rendered again after the site and published
        assertThat(pipeline.siteSawFeedsRendering).isTrue();
        assertThat(report.failed()).isEmpty();
        assertThat(pipeline.feedsSaw).containsExactly("r2 with its site DONE");

        // AND WHEN both renders of r3's feeds throw, the feeds' FAILED status says why, in one line
        pipeline.next(10);
        pipeline.feedsFailures = 2;
        PublishRevision.Report r3 = publish(publish, tree("guides/a.md", page("A", "guides", 1, "y\n")), "site", "feeds");
        assertThat(r3.failed()).containsExactly("feeds");
        assertThat(log.get(HUB, 3).orElseThrow().channels().get("feeds").error()).isEqualTo("no room for the feeds");
    }

    @Test
    void aRevisionKnownByItsNumberIsPublishedFromItsSnapshotWithOneReadOfTheLog() {
        // GIVEN r1 ingested (and nothing else known about it)
        PublishRevision publish = publishing(renderer);
        ingest.ingest(tree("guides/a.md", page("A", "guides", 1, "x\n")), "test");
        int reads = log.reads();

        // WHEN its number alone is published, as a stream record or a retry asks
        PublishRevision.Report report = publish.publish(HUB, 1, List.of(CHANNEL));

        // THEN the log was read once, and the hub loaded from the snapshot published every page
        assertThat(log.reads() - reads).isEqualTo(1);
        assertThat(report.failed()).isEmpty();
        assertThat(store.keys()).containsExactly("guides/a.html", "history.txt", "index.html");
    }

    @Test
    void aLateMessageForAnOlderRevisionDoesNotPutItsEditionBackOverANewerPublishedOne() {
        // GIVEN r1 whose channel failed, then r2 published (its index lists r2 and r1)
        PublishRevision publish = publishing(renderer);
        ingest.ingest(tree("guides/a.md", page("A", "guides", 1, "old\n")), "test");
        log.recordChannel(HUB, 1, CHANNEL, ChannelStatus.failed(1, "disk full"));
        publish(publish, tree("guides/a.md", page("A", "guides", 1, "new\n"), "guides/b.md", page("B", "guides", 2, "x\n")), CHANNEL);
        int writes = store.writes().size();
        int rendered = renderer.editions.size();

        // WHEN r1's message comes back (replayed from a DLQ) and r1 is published by its number
        PublishRevision.Report late = publish.publish(HUB, 1, List.of(CHANNEL));

        // THEN that channel is reported superseded by r2 and nothing is rendered, written or recorded
        assertThat(late.superseded()).containsExactly(CHANNEL);
        assertThat(late.outcomes()).isEmpty();
        assertThat(PublishRevision.publishedAfter(late.history(), 1, CHANNEL)).map(Revision::seq).contains(2L);
        assertThat(renderer.editions).hasSize(rendered);
        assertThat(store.writes()).hasSize(writes);
        assertThat(store.keys()).contains("guides/b.html");
        assertThat(log.get(HUB, 1).orElseThrow().channels().get(CHANNEL).state()).isEqualTo(ChannelStatus.State.FAILED);
        // AND the newest revision itself is still published again on a retry
        assertThat(publish.publish(HUB, 2, List.of(CHANNEL)).superseded()).isEmpty();
    }

    @Test
    void recordingThisChannelKeepsOtherChannelsStatus() {
        // GIVEN another channel already recorded DONE on r1
        PublishRevision publish = publishing(renderer);
        IngestResult.Accepted r1 = (IngestResult.Accepted) ingest.ingest(tree(), "test");
        log.recordChannel(HUB, 1, "other", ChannelStatus.done(1, 10, 5, ""));

        // WHEN this channel publishes r1
        publish.publish(r1.revision(), r1.hub(), r1.history(), List.of(CHANNEL));

        // THEN both statuses are on r1
        assertThat(log.get(HUB, 1).orElseThrow().channels()).containsOnlyKeys("other", CHANNEL);
    }

    @Test
    void keysTheRendererRetainsAreNeverDeletedAndItsFactsAreRecorded() {
        // GIVEN a renderer that publishes latest.txt and one permanent file per revision
        ChannelRenderer permanent = new ChannelRenderer() {
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
            public Map<String, String> facts(List<Artifact> rendered) {
                return Map.of("objects", String.valueOf(rendered.size()));
            }
        };
        PublishRevision publish = publishing(permanent);
        publish(publish, tree("guides/a.md", page("A", "guides", 1, "x\n")), CHANNEL);

        // WHEN r2 is published
        PublishRevision.Report r2 = publish(publish, tree("guides/a.md", page("A", "guides", 1, "y\n")), CHANNEL);

        // THEN r1's file stays, and the facts are on r2's status
        assertThat(r2.outcomes().get(0).deleted()).isZero();
        assertThat(store.keys()).contains("latest.txt", "r1.txt", "r2.txt");
        assertThat(log.get(HUB, 2).orElseThrow().channels().get(CHANNEL).facts()).containsEntry("objects", "2");
    }

    @Test
    void anEditionShowsAtMostHistoryRevisionsWhateverHistoryItIsHanded() {
        // GIVEN a hub with one accepted revision more than a publish reads
        ContentTree tree = null;
        for (int i = 1; i <= PublishRevision.HISTORY + 1; i++) {
            tree = tree("guides/a.md", page("A", "guides", 1, "## One\n\nEdit " + i + ".\n"));
            assertThat(ingest.ingest(tree, "push " + i)).isInstanceOf(IngestResult.Accepted.class);
        }
        History read = log.recent(HUB, PublishRevision.HISTORY);
        History longer = log.recent(HUB, PublishRevision.HISTORY + 1);
        Revision newest = read.lastAccepted().orElseThrow();
        Hub hub = Gates.loader().load(tree);

        // WHEN its newest revision's edition is made from the history a publish reads, and from one longer
        Edition fromRead = PublishRevision.edition(newest, hub, read);
        Edition fromLonger = PublishRevision.edition(newest, hub, longer);

        // THEN both show the same HISTORY revisions, newest first
        assertThat(longer.accepted()).hasSize(PublishRevision.HISTORY + 1);
        assertThat(fromLonger.history()).hasSize(PublishRevision.HISTORY).isEqualTo(fromRead.history());
        assertThat(fromLonger.history().get(0)).isEqualTo(newest);
    }
}
