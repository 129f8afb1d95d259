package dev.hubpress.core.port;

import dev.hubpress.core.content.GateError;
import dev.hubpress.core.revision.ChangeKind;
import dev.hubpress.core.revision.ChangeSet;
import dev.hubpress.core.revision.ChannelStatus;
import dev.hubpress.core.revision.History;
import dev.hubpress.core.revision.PageChange;
import dev.hubpress.core.revision.Redline;
import dev.hubpress.core.revision.Revision;
import dev.hubpress.core.revision.RevisionStatus;
import dev.hubpress.core.revision.SectionChange;
import dev.hubpress.core.testing.ConcurrentPushes;
import dev.hubpress.core.testing.InMemoryBlobStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What every {@link RevisionLog} promises (its Javadoc), run against each implementation: the
 * in-memory fake, the JSON-lines file and the DynamoDB table. A subclass supplies a log on empty
 * storage for each test, another handle on the same storage (another process's), and a count of
 * the revision records the storage holds, so that "nothing is written" can be seen.
 */
public abstract class RevisionLogContract {

    protected static final Instant AT = Instant.parse("2025-03-01T10:15:30Z");

    /** The log under test, on storage of its own. */
    protected RevisionLog log;

    /** A log on fresh, empty storage. */
    protected abstract RevisionLog createLog();

    /** Another writer on the same storage as {@link #log} (another process); the log itself where there is no such thing. */
    protected RevisionLog sameStorage() {
        return log;
    }

    /** How many revision records of the hub the storage holds, counted as stored (not folded). */
    protected abstract long storedRevisions(String hub);

    @BeforeEach
    void freshLog() {
        log = createLog();
    }

    /** An accepted revision with a change set (a changed section with its redline, an added page, a changed file, a redirect in force). */
    public static Revision accepted(String hub, long seq, long parent) {
        ChangeSet changes = new ChangeSet(List.of(
                new PageChange("careers/mid-to-senior", "Make senior", ChangeKind.CHANGED, true,
                        List.of(new SectionChange("what-senior-means", "What senior means", ChangeKind.CHANGED,
                                new Redline().changed("Seniors own a system end to end.", "Seniors own a “system” end to end & more.")))),
                new PageChange("faq", "FAQ", ChangeKind.ADDED, false, List.of())),
                List.of("hub.yaml"), Map.of("careers/old-name", "careers/mid-to-senior"));
        return new Revision(hub, seq, "tree" + seq, parent, AT.plusSeconds(seq), "manifest" + seq, "s3 content/faq.md",
                RevisionStatus.ACCEPTED, List.of(), changes, Map.of());
    }

    @Test
    void aRollbackReadsBackWithTheRevisionItRestores() {
        // GIVEN r1, r2, and r3 restoring r1
        log.claim(accepted("hub", 1, 0));
        log.claim(accepted("hub", 2, 1));
        Revision r2 = accepted("hub", 2, 1);
        Revision r3 = new Revision("hub", 3, "tree1", 2, AT.plusSeconds(3), "manifest1", "local rollback to r1",
                RevisionStatus.ACCEPTED, List.of(), r2.changes().restoring(1), Map.of());
        assertThat(log.claim(r3)).isTrue();
        // WHEN it is read back, alone and in the history
        // THEN it says which revision it restores, and the others restore none
        assertThat(sameStorage().get("hub", 3)).contains(r3);
        assertThat(sameStorage().get("hub", 3).orElseThrow().restores()).isEqualTo(1);
        assertThat(sameStorage().recent("hub", 10).accepted()).extracting(Revision::restores).containsExactly(1L, 0L, 0L);
    }

    /** A rejected revision with one gate error. */
    public static Revision rejected(String hub, long seq, long parent) {
        return new Revision(hub, seq, "tree" + seq, parent, AT.plusSeconds(seq), "manifest" + seq, "local publish",
                RevisionStatus.REJECTED, List.of(new GateError("faq.md", 3, "broken link 'x.md'")), ChangeSet.NONE, Map.of());
    }

    /** The first publish of a hub of {@code pages} pages: every page added, each with a section. */
    public static Revision firstPublishOf(String hub, int pages) {
        List<PageChange> added = new ArrayList<>(pages);
        for (int i = 1; i <= pages; i++) {
            added.add(new PageChange(String.format("guides/page-%05d", i), "Page " + i + " of the guides", ChangeKind.ADDED, false,
                    List.of(new SectionChange("topic-" + i, "Topic " + i, ChangeKind.ADDED))));
        }
        return new Revision(hub, 1, "tree-large", 0, AT, "manifest-large", "s3 ObjectCreated:Put guides/page-00001.md (+" + (pages - 1)
                + " more)", RevisionStatus.ACCEPTED, List.of(), new ChangeSet(added, List.of("hub.yaml")), Map.of());
    }

    /** A rejected revision with {@code count} gate errors, one a page. */
    public static Revision rejectedWith(String hub, long seq, long parent, int count) {
        List<GateError> errors = new ArrayList<>(count);
        for (int i = 1; i <= count; i++) {
            errors.add(new GateError(String.format("guides/page-%05d.md", i), 7, "broken link 'missing-" + i + ".md': no page missing-" + i + ".md"));
        }
        return new Revision(hub, seq, "tree-broken", parent, AT.plusSeconds(seq), "manifest-broken", "local publish",
                RevisionStatus.REJECTED, errors, ChangeSet.NONE, Map.of());
    }

    @Test
    void aRevisionReadsBackWholeWhateverItsSize() {
        // GIVEN the first publish of a 10,000-page hub and, after it, a push rejected with 10,000 gate errors
        Revision published = firstPublishOf("hub", 10_000);
        Revision rejected = rejectedWith("hub", 2, 1, 10_000);

        // WHEN both are claimed, and a channel records its status on the first
        boolean claimedFirst = log.claim(published);
        boolean claimedSecond = log.claim(rejected);
        ChannelStatus site = ChannelStatus.done(10_004, 90_000_000, 61_000, "outputs-large");
        log.recordChannel("hub", 1, "site", site);

        // THEN both are recorded, and read back whole by number, in the history and from any reader
        assertThat(claimedFirst).isTrue();
        assertThat(claimedSecond).isTrue();
        published = published.withChannel("site", site);
        assertThat(sameStorage().get("hub", 1)).contains(published);
        assertThat(sameStorage().get("hub", 2)).contains(rejected);
        History history = log.recent("hub", 1);
        assertThat(history.latest()).contains(rejected);
        assertThat(history.accepted()).containsExactly(published);
        assertThat(history.accepted().get(0).changes().pages()).hasSize(10_000);
        assertThat(history.latest().orElseThrow().errors()).hasSize(10_000);
        assertThat(storedRevisions("hub")).isEqualTo(2);
    }

    @Test
    void aClaimedRevisionReadsBackEqual() {
        // GIVEN an empty log and a revision with a change set
        Revision revision = accepted("hub", 1, 0);

        // WHEN it is claimed
        boolean claimed = log.claim(revision);

        // THEN the claim succeeds, and the revision reads back equal, as the newest and by its number, from any reader
        assertThat(claimed).isTrue();
        assertThat(log.recent("hub", 0).latest()).contains(revision);
        assertThat(log.get("hub", 1)).contains(revision);
        assertThat(sameStorage().get("hub", 1)).contains(revision);
        assertThat(log.get("hub", 2)).isEmpty();
        assertThat(storedRevisions("hub")).isEqualTo(1);
    }

    @Test
    void aTakenSequenceNumberCannotBeClaimedAgain() {
        // GIVEN r1 claimed
        Revision r1 = accepted("hub", 1, 0);
        log.claim(r1);

        // WHEN another writer claims r1 too, with another revision
        boolean again = sameStorage().claim(rejected("hub", 1, 0));

        // THEN it is refused and nothing is written: r1 is unchanged
        assertThat(again).isFalse();
        assertThat(log.get("hub", 1)).contains(r1);
        assertThat(log.recent("hub", 5).latest()).contains(r1);
        assertThat(storedRevisions("hub")).isEqualTo(1);
    }

    @Test
    void concurrentClaimsOfOneNumberHaveExactlyOneWinner() throws Exception {
        // GIVEN sixteen writers racing for r1 on eight threads
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Callable<Boolean>> claims = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            claims.add(() -> sameStorage().claim(accepted("hub", 1, 0)));
        }

        // WHEN they all claim at once
        long winners = 0;
        try {
            for (Future<Boolean> result : pool.invokeAll(claims)) {
                winners += result.get() ? 1 : 0;
            }
        } finally {
            pool.shutdown();
        }

        // THEN exactly one wins, and one revision is stored
        assertThat(winners).isEqualTo(1);
        assertThat(storedRevisions("hub")).isEqualTo(1);
    }

    @Test
    void theNewestRevisionIsTheLatestWhateverItsStatus() {
        // GIVEN an accepted r1 and a rejected r2
        log.claim(accepted("hub", 1, 0));
        Revision r2 = rejected("hub", 2, 1);
        log.claim(r2);

        // WHEN the recent history is read
        History history = log.recent("hub", 5);

        // THEN the latest is the rejected r2, with its errors, and the accepted ones are r1 alone
        assertThat(history.latest()).contains(r2);
        assertThat(history.latest().orElseThrow().status()).isEqualTo(RevisionStatus.REJECTED);
        assertThat(history.accepted()).extracting(Revision::seq).containsExactly(1L);
        assertThat(log.get("hub", 2).orElseThrow().errors()).containsExactly(new GateError("faq.md", 3, "broken link 'x.md'"));
    }

    @Test
    void acceptedListsNewestFirstSkippingRejectedUpToTheCount() {
        // GIVEN accepted r1, r3 and r31 with rejected revisions between them (r2, and r4..r30:
        // more than a page of rejected ones between two accepted ones)
        log.claim(accepted("hub", 1, 0));
        log.claim(rejected("hub", 2, 1));
        log.claim(accepted("hub", 3, 1));
        for (long seq = 4; seq <= 30; seq++) {
            log.claim(rejected("hub", seq, 3));
        }
        log.claim(accepted("hub", 31, 3));

        // WHEN / THEN the accepted ones come newest first, as many as asked for, and the latest is r31
        assertThat(log.recent("hub", 10).accepted()).extracting(Revision::seq).containsExactly(31L, 3L, 1L);
        assertThat(log.recent("hub", 2).accepted()).extracting(Revision::seq).containsExactly(31L, 3L);
        assertThat(log.recent("hub", 1).accepted()).extracting(Revision::seq).containsExactly(31L);
        assertThat(log.recent("hub", 0).accepted()).isEmpty();
        assertThat(log.recent("hub", 0).latest().orElseThrow().seq()).isEqualTo(31);
    }

    @Test
    void sequenceNumbersSortNumericallyPastNine() {
        // GIVEN r1..r12
        for (long seq = 1; seq <= 12; seq++) {
            log.claim(accepted("hub", seq, seq - 1));
        }

        // WHEN / THEN r12 is the newest and r10 comes after r9, not after r1
        assertThat(log.recent("hub", 0).latest().orElseThrow().seq()).isEqualTo(12);
        assertThat(log.recent("hub", 4).accepted()).extracting(Revision::seq).containsExactly(12L, 11L, 10L, 9L);
    }

    @Test
    void aHubWithoutRevisionsHasAnEmptyHistory() {
        // GIVEN a log holding another hub's revision
        log.claim(accepted("other", 1, 0));

        // WHEN / THEN a hub that has none reads as empty
        assertThat(log.recent("nobody", 10).latest()).isEmpty();
        assertThat(log.recent("nobody", 10).accepted()).isEmpty();
        assertThat(log.get("nobody", 1)).isEmpty();
    }

    @Test
    void hubsAreIndependent() {
        // GIVEN r1 of two hubs in one log, and r2 of one of them
        Revision hubR1 = accepted("hub", 1, 0);
        Revision otherR1 = rejected("other", 1, 0);
        assertThat(log.claim(hubR1)).isTrue();
        assertThat(log.claim(otherR1)).as("the same number in another hub is free").isTrue();
        log.claim(accepted("hub", 2, 1));

        // WHEN a channel's outcome is recorded on one hub's r1
        log.recordChannel("hub", 1, "site", ChannelStatus.done(3, 300, 9, "o"));

        // THEN each hub sees only its own revisions, and the other hub's r1 is untouched
        assertThat(log.recent("hub", 10).accepted()).extracting(Revision::seq).containsExactly(2L, 1L);
        assertThat(log.recent("other", 10).latest()).contains(otherR1);
        assertThat(log.recent("other", 10).accepted()).isEmpty();
        assertThat(log.get("other", 1)).contains(otherR1);
        assertThat(storedRevisions("hub")).isEqualTo(2);
        assertThat(storedRevisions("other")).isEqualTo(1);
    }

    @Test
    void recordingAChannelReplacesThatChannelsStatusAndKeepsTheOthers() {
        // GIVEN r1 with a failed then a done site, and a done guide with facts
        Revision claimed = accepted("hub", 1, 0);
        log.claim(claimed);
        log.recordChannel("hub", 1, "site", ChannelStatus.failed(12, "boom"));
        ChannelStatus done = ChannelStatus.done(30, 2048, 40, "outputs-hash");
        log.recordChannel("hub", 1, "site", done);
        ChannelStatus guide = ChannelStatus.done(1, 10, 5, "g", Map.of("pages", "42"));
        log.recordChannel("hub", 1, "guide", guide);

        // WHEN it is read by another reader
        Revision r1 = sameStorage().get("hub", 1).orElseThrow();

        // THEN each channel has its latest status, facts included, and the rest of the revision is as claimed
        assertThat(r1.channels()).containsOnlyKeys("guide", "site");
        assertThat(r1.channels().get("site")).isEqualTo(done);
        assertThat(r1.channels().get("guide").facts()).containsEntry("pages", "42");
        assertThat(r1).isEqualTo(claimed.withChannel("site", done).withChannel("guide", guide));
        assertThat(log.recent("hub", 1).accepted()).containsExactly(r1);
        assertThat(storedRevisions("hub")).as("a channel outcome is no new revision").isEqualTo(1);
    }

    @Test
    void aFailedStatusIsRecordedWithItsError() {
        // GIVEN r1 whose site published
        log.claim(accepted("hub", 1, 0));
        log.recordChannel("hub", 1, "site", ChannelStatus.done(3, 300, 9, "o"));

        // WHEN the feeds fail on it
        ChannelStatus failed = ChannelStatus.failed(17, "cannot write s3://site/feeds/rss.xml: boom");
        log.recordChannel("hub", 1, "feeds", failed);

        // THEN the failure reads back whole, and the site's status stays
        Revision r1 = log.get("hub", 1).orElseThrow();
        assertThat(r1.channels().get("feeds")).isEqualTo(failed);
        assertThat(r1.channels().get("feeds").state()).isEqualTo(ChannelStatus.State.FAILED);
        assertThat(r1.channels().get("feeds").error()).isEqualTo("cannot write s3://site/feeds/rss.xml: boom");
        assertThat(r1.channels().get("site").state()).isEqualTo(ChannelStatus.State.DONE);
    }

    @Test
    void recordingAChannelOfAnUnknownRevisionIsRefusedAndCreatesNothing() {
        // GIVEN a log with r1 only
        log.claim(accepted("hub", 1, 0));

        // WHEN / THEN a channel status for a revision that does not exist is refused
        assertThatThrownBy(() -> log.recordChannel("hub", 7, "site", ChannelStatus.failed(1, "x")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> log.recordChannel("other", 1, "site", ChannelStatus.failed(1, "x")))
                .isInstanceOf(IllegalArgumentException.class);
        // AND nothing was created
        assertThat(log.get("hub", 7)).isEmpty();
        assertThat(log.recent("other", 0).latest()).isEmpty();
        assertThat(log.recent("hub", 0).latest().orElseThrow().seq()).isEqualTo(1);
        assertThat(storedRevisions("hub")).isEqualTo(1);
        assertThat(storedRevisions("other")).isZero();
    }

    @Test
    void twentyPushesAtOnceMakeOneLinearHistoryWithEveryTreeOnce() throws Exception {
        // GIVEN an empty log and twenty different trees

        // WHEN twenty ingests run at once, each on its own thread (an ingest that loses every claim
        // is delivered again, as SQS would)
        ConcurrentPushes.Outcome outcome = ConcurrentPushes.run("hub", 20, log, new InMemoryBlobStore());

        // THEN r1..r20 without gap or duplicate, every tree exactly once, each revision the child of the one before
        List<Revision> history = ConcurrentPushes.history(log, "hub");
        assertThat(history).extracting(Revision::seq).containsExactlyElementsOf(LongStream.rangeClosed(1, 20).boxed().toList());
        assertThat(history).extracting(Revision::treeHash).containsExactlyInAnyOrderElementsOf(outcome.treeHashes());
        assertThat(history).allSatisfy(r -> {
            assertThat(r.accepted()).isTrue();
            assertThat(r.parent()).isEqualTo(r.seq() - 1);
        });
        // AND the storage holds exactly one record per revision (nothing written twice and folded away)
        assertThat(storedRevisions("hub")).isEqualTo(20);
    }
}
