package dev.hubpress.local;

import dev.hubpress.core.port.RevisionLog;
import dev.hubpress.core.port.RevisionLogContract;
import dev.hubpress.core.revision.ChannelStatus;
import dev.hubpress.core.revision.History;
import dev.hubpress.core.revision.Revision;
import dev.hubpress.core.revision.RevisionStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The revision log as a JSON-lines file: the port's contract, and what is the file's own. */
class JsonLinesRevisionLogTest extends RevisionLogContract {

    @TempDir
    Path dir;

    private Path logFile() {
        return dir.resolve("state/revisions.jsonl");
    }

    private List<String> lines() {
        try {
            return Files.readAllLines(logFile(), StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return List.of();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    protected RevisionLog createLog() {
        return new JsonLinesRevisionLog(logFile());
    }

    /** Another process: another log object on the same file. */
    @Override
    protected RevisionLog sameStorage() {
        return new JsonLinesRevisionLog(logFile());
    }

    /** Revision lines of the hub in the file, before any folding. */
    @Override
    protected long storedRevisions(String hub) {
        String start = "{\"type\":\"revision\",\"hub\":\"" + hub + "\",";
        return lines().stream().filter(line -> line.startsWith(start)).count();
    }

    @Test
    void aClaimedRevisionIsOneJsonLineWithInstantsAsIsoStrings() {
        // GIVEN an empty log

        // WHEN a revision with a change set is claimed
        log.claim(accepted("hub", 1, 0));

        // THEN it is one JSON line naming its type and hub, with its instants as ISO strings and no derived properties
        assertThat(lines()).singleElement().satisfies(line -> assertThat(line)
                .startsWith("{\"type\":\"revision\",\"hub\":\"hub\",\"seq\":1,")
                .contains("\"createdAt\":\"2025-03-01T10:15:31Z\"")
                .doesNotContain("\"empty\""));
    }

    @Test
    void aRefusedClaimOrChannelRecordAppendsNothing() {
        // GIVEN r1 claimed
        log.claim(accepted("hub", 1, 0));

        // WHEN another process claims r1 too, and a channel of an unknown revision is recorded
        new JsonLinesRevisionLog(logFile()).claim(rejected("hub", 1, 0));
        assertThatThrownBy(() -> log.recordChannel("hub", 7, "site", ChannelStatus.failed(1, "x")))
                .isInstanceOf(IllegalArgumentException.class);

        // THEN the file still holds the one line of r1
        assertThat(lines()).hasSize(1);
    }

    @Test
    void aTruncatedLastLineIsIgnoredWithAWarningAndTheNextAppendIsNotGluedToIt() throws Exception {
        // GIVEN r1 and then half of a line (a crash mid-write)
        new JsonLinesRevisionLog(logFile()).claim(accepted("hub", 1, 0));
        Files.writeString(logFile(), "{\"type\":\"revision\",\"hub\":\"hub\",\"seq\":2,\"revi", StandardOpenOption.APPEND);
        List<String> warnings = new ArrayList<>();
        JsonLinesRevisionLog reader = new JsonLinesRevisionLog(logFile(), warnings::add);

        // WHEN it is read, and then r2 is claimed
        Revision latest = reader.recent("hub", 0).latest().orElseThrow();
        boolean claimed = reader.claim(accepted("hub", 2, 1));

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
    void aLongLogIsReadFromItsEndOnlyAsFarBackAsTheHistoryAskedFor() throws Exception {
        // GIVEN 300 revisions of a hub (every tenth rejected), each with its channel outcomes,
        // another hub's revisions between them, and a broken line among the oldest
        for (long seq = 1; seq <= 300; seq++) {
            log.claim(seq % 10 == 0 ? rejected("hub", seq, seq - 1) : accepted("hub", seq, seq - 1));
            log.recordChannel("hub", seq, "site", ChannelStatus.done(3, 300, 9, "o" + seq));
            log.recordChannel("hub", seq, "guide", ChannelStatus.failed(5, "no fonts in r" + seq));
            if (seq % 50 == 0) {
                log.claim(accepted("other", seq / 50, 0));
            }
        }
        List<String> lines = new ArrayList<>(lines());
        lines.add(3, "{\"type\":\"revision\",\"hub\":\"hub\",\"se");
        Files.write(logFile(), lines, StandardCharsets.UTF_8);
        List<String> warnings = new ArrayList<>();
        JsonLinesRevisionLog reader = new JsonLinesRevisionLog(logFile(), warnings::add);

        // WHEN the newest 200 accepted revisions are read, then every revision
        History recent = reader.recent("hub", 200);
        boolean warnedBeforeTheWholeFold = !warnings.isEmpty();
        List<Revision> all = reader.all("hub");

        // THEN they are the whole fold's newest, outcomes included; the broken line, older than
        // all of them, was not read for them, and the whole fold still skips it with a warning
        List<Revision> newestAccepted = new ArrayList<>(all.stream().filter(Revision::accepted).toList());
        java.util.Collections.reverse(newestAccepted);
        assertThat(recent.latest()).contains(all.get(all.size() - 1));
        assertThat(recent.accepted()).hasSize(200).containsExactlyElementsOf(newestAccepted.subList(0, 200));
        assertThat(recent.accepted().get(0).channels().get("guide").error()).isEqualTo("no fonts in r299");
        assertThat(warnedBeforeTheWholeFold).isFalse();
        assertThat(warnings).singleElement().satisfies(w -> assertThat(w).contains("line 4"));
    }

    /** r1, r2 and r3 of "hub", each the child of the one before. */
    private void claimFirstThree() {
        for (long seq = 1; seq <= 3; seq++) {
            log.claim(accepted("hub", seq, seq - 1));
        }
    }

    @Test
    void revisionsNumberedOutOfOrderReadAsTheWholeFoldReadsThem() {
        // GIVEN r1..r3, then r5 claimed before r4
        claimFirstThree();
        log.claim(accepted("hub", 5, 3));
        log.claim(accepted("hub", 4, 3));

        // WHEN / THEN r5 is the newest, however few revisions are asked for
        JsonLinesRevisionLog reader = new JsonLinesRevisionLog(logFile());
        assertThat(reader.recent("hub", 10).accepted()).extracting(Revision::seq).containsExactly(5L, 4L, 3L, 2L, 1L);
        assertThat(reader.recent("hub", 10).latest().orElseThrow().seq()).isEqualTo(5);
        assertThat(reader.recent("hub", 1).accepted()).extracting(Revision::seq).containsExactly(5L);
        assertThat(reader.recent("hub", 0).latest().orElseThrow().seq()).isEqualTo(5);
    }

    @Test
    void aRevisionLineWrittenTwiceReadsAsItsFirst() throws Exception {
        // GIVEN r1..r3, then r2's line again by another hand, with another trigger
        claimFirstThree();
        String again = lines().get(1).replace("\"trigger\":\"s3 content/faq.md\"", "\"trigger\":\"again\"");
        Files.writeString(logFile(), again + "\n", StandardOpenOption.APPEND);

        // WHEN / THEN r2 is the first line's, and r3 the newest, however few revisions are asked for
        JsonLinesRevisionLog reader = new JsonLinesRevisionLog(logFile());
        assertThat(reader.recent("hub", 10).accepted()).extracting(Revision::trigger)
                .containsExactly("s3 content/faq.md", "s3 content/faq.md", "s3 content/faq.md");
        assertThat(reader.recent("hub", 1).accepted()).extracting(Revision::seq).containsExactly(3L);
        assertThat(reader.recent("hub", 0).latest().orElseThrow().seq()).isEqualTo(3);
    }

    @Test
    void anOutcomeLineBeforeItsRevisionIsSkippedWithAWarning() throws Exception {
        // GIVEN r1..r3 and, by another hand, an outcome of r9, which the log does not hold
        claimFirstThree();
        Files.writeString(logFile(), "{\"type\":\"channel\",\"hub\":\"hub\",\"seq\":9,\"channel\":\"site\",\"status\":"
                + "{\"state\":\"DONE\",\"objects\":1,\"bytes\":1,\"millis\":1,\"outputs\":\"o\",\"error\":\"\",\"facts\":{}}}\n",
                StandardOpenOption.APPEND);
        List<String> warnings = new ArrayList<>();

        // WHEN it is read
        History recent = new JsonLinesRevisionLog(logFile(), warnings::add).recent("hub", 10);

        // THEN the three revisions are read, and the line is skipped with a warning naming it
        assertThat(recent.accepted()).extracting(Revision::seq).containsExactly(3L, 2L, 1L);
        assertThat(warnings).singleElement().satisfies(w -> assertThat(w).contains("line 4").contains("unknown revision"));
    }

    @Test
    void aClaimIsRefusedForARevisionLineWrittenInAnyShapeAndOnlyForOne() throws Exception {
        // GIVEN r1, and r2 written by another hand: spaced, its number first, its number a string
        log.claim(accepted("hub", 1, 0));
        String r1 = lines().get(0);
        String r2 = "{ \"seq\" : \"2\" , \"revision\" : " + r1.substring(r1.indexOf("\"revision\":") + 11, r1.length() - 1)
                .replace("\"seq\":1", "\"seq\":2") + ", \"hub\" : \"hub\", \"type\" : \"revision\" }\n";
        Files.writeString(logFile(), r2, StandardOpenOption.APPEND);
        log.recordChannel("hub", 1, "site", ChannelStatus.done(3, 300, 9, "o"));

        // WHEN r2, r1's number in another hub, and r3 are claimed
        boolean second = log.claim(accepted("hub", 2, 1));
        boolean otherHub = log.claim(accepted("other", 1, 0));
        boolean third = log.claim(accepted("hub", 3, 2));

        // THEN only r2 is taken: it reads back as that line wrote it
        assertThat(second).isFalse();
        assertThat(otherHub).isTrue();
        assertThat(third).isTrue();
        assertThat(log.get("hub", 2)).hasValueSatisfying(r -> assertThat(r.seq()).isEqualTo(2));
    }

    @Test
    void aRevisionLineWrittenBeforeRollbacksExistedReadsAsNoRollback() throws Exception {
        // a line as the log wrote it before change sets had "restores"
        Files.createDirectories(logFile().getParent());
        Files.writeString(logFile(), "{\"type\":\"revision\",\"hub\":\"hub\",\"seq\":1,\"revision\":{\"hub\":\"hub\",\"seq\":1,"
                + "\"treeHash\":\"t\",\"parent\":0,\"createdAt\":\"2025-03-01T10:15:31Z\",\"manifest\":\"m\",\"trigger\":\"local publish\","
                + "\"status\":\"ACCEPTED\",\"errors\":[],\"changes\":{\"pages\":[],\"files\":[\"hub.yaml\"]},\"channels\":{}}}\n");
        Revision r1 = log.get("hub", 1).orElseThrow();
        assertThat(r1.isRollback()).isFalse();
        assertThat(r1.changes().files()).containsExactly("hub.yaml");
    }
}
