package dev.hubpress.local;

import dev.hubpress.core.content.GateError;
import dev.hubpress.core.revision.ChangeKind;
import dev.hubpress.core.revision.ChangeSet;
import dev.hubpress.core.revision.ChannelStatus;
import dev.hubpress.core.revision.PageChange;
import dev.hubpress.core.revision.Revision;
import dev.hubpress.core.revision.RevisionStatus;
import dev.hubpress.core.revision.SectionChange;
import dev.hubpress.core.testing.ConcurrentPushes;
import dev.hubpress.core.testing.InMemoryBlobStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
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

class JsonLinesRevisionLogTest {

    @TempDir
    Path dir;

    private static final Instant AT = Instant.parse("2025-03-01T10:15:30Z");

    private static Revision accepted(String hub, long seq, long parent) {
        ChangeSet changes = new ChangeSet(List.of(
                new PageChange("careers/mid-to-senior", "Make senior", ChangeKind.CHANGED, true,
                        List.of(new SectionChange("what-senior-means", "What senior means", ChangeKind.CHANGED))),
                new PageChange("faq", "FAQ", ChangeKind.ADDED, false, List.of())),
                List.of("hub.yaml"));
        return new Revision(hub, seq, "tree" + seq, parent, AT.plusSeconds(seq), "manifest" + seq, "local publish",
                RevisionStatus.ACCEPTED, List.of(), changes, Map.of());
    }

    private static Revision rejected(String hub, long seq, long parent) {
        return new Revision(hub, seq, "tree" + seq, parent, AT.plusSeconds(seq), "manifest" + seq, "local publish",
                RevisionStatus.REJECTED, List.of(new GateError("faq.md", 3, "broken link 'x.md'")), ChangeSet.NONE, Map.of());
    }

    private Path logFile() {
        return dir.resolve("state/revisions.jsonl");
    }

    private List<String> lines() throws Exception {
        return Files.readAllLines(logFile(), StandardCharsets.UTF_8);
    }

    @Test
    void aClaimedRevisionReadsBackEqualWithInstantsAsIsoStrings() throws Exception {
        // GIVEN an empty log
        JsonLinesRevisionLog log = new JsonLinesRevisionLog(logFile());
        Revision revision = accepted("hub", 1, 0);

        // WHEN a revision with a change set is claimed
        boolean claimed = log.claim(revision);

        // THEN it is one JSON line naming its type and hub, and it reads back equal
        assertThat(claimed).isTrue();
        assertThat(lines()).singleElement().satisfies(line -> assertThat(line)
                .startsWith("{\"type\":\"revision\",\"hub\":\"hub\",\"seq\":1,")
                .contains("\"createdAt\":\"2025-03-01T10:15:31Z\"")
                .doesNotContain("\"empty\""));
        assertThat(log.recent("hub", 0).latest()).contains(revision);
        assertThat(log.get("hub", 1)).contains(revision);
    }

    @Test
    void aTakenSequenceNumberCannotBeClaimedAgain() throws Exception {
        // GIVEN r1 claimed
        JsonLinesRevisionLog log = new JsonLinesRevisionLog(logFile());
        log.claim(accepted("hub", 1, 0));

        // WHEN another writer (another process: another log object) claims r1 too
        boolean again = new JsonLinesRevisionLog(logFile()).claim(rejected("hub", 1, 0));

        // THEN it is refused and nothing is written; r1 is unchanged
        assertThat(again).isFalse();
        assertThat(lines()).hasSize(1);
        assertThat(log.get("hub", 1).orElseThrow().accepted()).isTrue();
    }

    @Test
    void concurrentClaimsOfOneNumberHaveExactlyOneWinner() throws Exception {
        // GIVEN many writers racing for r1
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Callable<Boolean>> claims = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            claims.add(() -> new JsonLinesRevisionLog(logFile()).claim(accepted("hub", 1, 0)));
        }

        // WHEN they all claim at once
        long winners = 0;
        for (Future<Boolean> result : pool.invokeAll(claims)) {
            winners += result.get() ? 1 : 0;
        }
        pool.shutdown();

        // THEN exactly one wins and the file has one line
        assertThat(winners).isEqualTo(1);
        assertThat(lines()).hasSize(1);
    }

    @Test
    void channelEventsFoldOntoTheirRevisionLatestWinning() {
        // GIVEN r1 with a failed then a done site, and a done guide
        JsonLinesRevisionLog log = new JsonLinesRevisionLog(logFile());
        log.claim(accepted("hub", 1, 0));
        log.recordChannel("hub", 1, "site", ChannelStatus.failed(12, "boom"));
        ChannelStatus done = ChannelStatus.done(30, 2048, 40, "outputs-hash");
        log.recordChannel("hub", 1, "site", done);
        log.recordChannel("hub", 1, "guide", ChannelStatus.done(1, 10, 5, "g"));

        // WHEN it is read (by a fresh reader)
        Revision r1 = new JsonLinesRevisionLog(logFile()).get("hub", 1).orElseThrow();

        // THEN each channel has its latest status
        assertThat(r1.channels()).containsOnlyKeys("guide", "site");
        assertThat(r1.channels().get("site")).isEqualTo(done);
    }

    @Test
    void recordingAChannelOfAnUnknownRevisionIsRefused() {
        // GIVEN an empty log
        JsonLinesRevisionLog log = new JsonLinesRevisionLog(logFile());

        // WHEN / THEN a channel status for a revision that does not exist is refused
        assertThatThrownBy(() -> log.recordChannel("hub", 7, "site", ChannelStatus.failed(1, "x")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void acceptedListsNewestFirstAndHubsAreKeptApart() {
        // GIVEN two hubs in one log, with a rejected revision in between
        JsonLinesRevisionLog log = new JsonLinesRevisionLog(logFile());
        log.claim(accepted("hub", 1, 0));
        log.claim(accepted("other", 1, 0));
        log.claim(rejected("hub", 2, 1));
        log.claim(accepted("hub", 3, 1));

        // WHEN / THEN each hub sees only its own revisions
        assertThat(log.recent("hub", 10).accepted()).extracting(Revision::seq).containsExactly(3L, 1L);
        assertThat(log.recent("hub", 1).accepted()).extracting(Revision::seq).containsExactly(3L);
        assertThat(log.recent("other", 0).latest()).hasValueSatisfying(r -> assertThat(r.seq()).isEqualTo(1));
        assertThat(log.get("hub", 2).orElseThrow().errors()).containsExactly(new GateError("faq.md", 3, "broken link 'x.md'"));
        assertThat(log.recent("nobody", 0).latest()).isEmpty();
    }

    @Test
    void aTruncatedLastLineIsIgnoredWithAWarningAndTheNextAppendIsNotGluedToIt() throws Exception {
        // GIVEN r1 and then half of a line (a crash mid-write)
        new JsonLinesRevisionLog(logFile()).claim(accepted("hub", 1, 0));
        Files.writeString(logFile(), "{\"type\":\"revision\",\"hub\":\"hub\",\"seq\":2,\"revi", StandardOpenOption.APPEND);
        List<String> warnings = new ArrayList<>();
        JsonLinesRevisionLog log = new JsonLinesRevisionLog(logFile(), warnings::add);

        // WHEN it is read, and then r2 is claimed
        Revision latest = log.recent("hub", 0).latest().orElseThrow();
        boolean claimed = log.claim(accepted("hub", 2, 1));

        // THEN the broken line is skipped with a warning, and r2 lands on a line of its own
        assertThat(latest.seq()).isEqualTo(1);
        assertThat(warnings).isNotEmpty().allSatisfy(w -> assertThat(w).contains("line 2"));
        assertThat(claimed).isTrue();
        assertThat(new JsonLinesRevisionLog(logFile(), w -> { }).recent("hub", 0).latest()).hasValueSatisfying(r -> assertThat(r.seq()).isEqualTo(2));
        assertThat(lines()).hasSize(3);
    }

    @Test
    void theLogSurvivesReopening() {
        // GIVEN a log written by one process
        JsonLinesRevisionLog first = new JsonLinesRevisionLog(logFile());
        first.claim(accepted("hub", 1, 0));
        first.recordChannel("hub", 1, "site", ChannelStatus.done(3, 300, 9, "o"));
        first.claim(rejected("hub", 2, 1));

        // WHEN another opens it
        JsonLinesRevisionLog second = new JsonLinesRevisionLog(logFile());

        // THEN it sees the same history and continues it
        assertThat(second.all("hub")).isEqualTo(first.all("hub"));
        assertThat(second.recent("hub", 0).latest().orElseThrow().status()).isEqualTo(RevisionStatus.REJECTED);
        assertThat(second.claim(accepted("hub", 3, 1))).isTrue();
        assertThat(first.recent("hub", 0).latest()).hasValueSatisfying(r -> assertThat(r.seq()).isEqualTo(3));
    }

    @Test
    void twentyPushesAtOnceMakeOneLinearHistoryWithEveryTreeOnce() throws Exception {
        // GIVEN an empty log and twenty different trees
        JsonLinesRevisionLog log = new JsonLinesRevisionLog(logFile());

        // WHEN twenty ingests run at once, each on its own thread (an ingest that loses every
        // claim is delivered again, as SQS would)
        ConcurrentPushes.Outcome outcome = ConcurrentPushes.run("hub", 20, log, new InMemoryBlobStore());

        // THEN r1..r20 without gap or duplicate, every tree exactly once, each revision the child of the one before
        List<Revision> history = ConcurrentPushes.history(log, "hub");
        assertThat(history).extracting(Revision::seq).containsExactlyElementsOf(LongStream.rangeClosed(1, 20).boxed().toList());
        assertThat(history).extracting(Revision::treeHash).containsExactlyInAnyOrderElementsOf(outcome.treeHashes());
        assertThat(history).allSatisfy(r -> {
            assertThat(r.accepted()).isTrue();
            assertThat(r.parent()).isEqualTo(r.seq() - 1);
        });
        // AND the file holds exactly one revision line per number (nothing appended twice and folded away)
        assertThat(lines()).filteredOn(line -> line.contains("\"type\":\"revision\"")).hasSize(20);
    }
}
