package dev.hubpress.local;

import dev.hubpress.core.port.RevisionLog;
import dev.hubpress.core.port.RevisionLogContract;
import dev.hubpress.core.revision.ChannelStatus;
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
