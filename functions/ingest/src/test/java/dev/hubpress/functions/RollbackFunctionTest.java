package dev.hubpress.functions;

import dev.hubpress.core.content.ContentTree;
import dev.hubpress.core.publish.IngestRevision;
import dev.hubpress.core.publish.Snapshots;
import dev.hubpress.core.revision.Revision;
import dev.hubpress.core.testing.ContentFixtures;
import dev.hubpress.core.testing.FixedClock;
import dev.hubpress.core.testing.Gates;
import dev.hubpress.core.testing.InMemoryBlobStore;
import dev.hubpress.core.testing.InMemoryRevisionLog;
import dev.hubpress.core.testing.RefusingRenderCache;
import dev.hubpress.lambda.JsonLog;
import dev.hubpress.lambda.RuntimeEvents;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The rollback handler: the sample event restores r1 as a new revision; every refusal is an answer with its reason, and records nothing. */
class RollbackFunctionTest {

    private final InMemoryRevisionLog revisions = new InMemoryRevisionLog();
    private final InMemoryBlobStore blobs = new InMemoryBlobStore();
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final RollbackFunction function = new RollbackFunction("hub", blobs, revisions, FixedClock.standard(),
            new JsonLog(RollbackFunction.FUNCTION, new PrintStream(out, true, StandardCharsets.UTF_8), FixedClock.standard()));

    private void publishTwoRevisions() {
        IngestRevision ingest = new IngestRevision("hub", Gates.gate(), Gates.loader(), Snapshots.packed(blobs), revisions,
                FixedClock.standard());
        ContentTree first = ContentFixtures.tree("guides/a.md", ContentFixtures.page("A", "guides", 1, "## One\n\nFirst.\n"));
        ingest.ingest(first, "push");
        ingest.ingest(ContentFixtures.tree("guides/a.md", ContentFixtures.page("A", "guides", 1, "## One\n\nFirst, edited.\n")), "push");
    }

    private Map<String, Object> invoke(String json) {
        return function.handleRequest(RuntimeEvents.read(RollbackFunction.class, json), null);
    }

    @Test
    void theSampleEventRestoresR1AsANewRevisionWithR1sTree() throws Exception {
        publishTwoRevisions();
        String sample = Files.readString(Path.of("src/test/resources/events/rollback-invoke.json"));

        Map<String, Object> answer = invoke(sample);

        assertThat(answer).containsEntry("outcome", "restored").containsEntry("revision", "r3").containsEntry("restores", "r1")
                .containsEntry("changes", "restores r1: 1 page changed");
        Revision r3 = revisions.get("hub", 3).orElseThrow();
        assertThat(r3.treeHash()).isEqualTo(revisions.get("hub", 1).orElseThrow().treeHash());
        assertThat(r3.restores()).isEqualTo(1);
        assertThat(r3.trigger()).isEqualTo("rollback to r1 (lambda invoke)");
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("\"function\":\"rollback\"").contains("r3 recorded, restoring r1");
    }

    @Test
    void everyRefusalIsAnAnswerWithItsReasonAndRecordsNothing() {
        assertThat(invoke("{\"revision\": 1}")).containsEntry("outcome", "refused").containsEntry("reason", "unknown")
                .containsEntry("message", "no revision r1 of hub hub: nothing is published yet");
        publishTwoRevisions();
        assertThat(invoke("{\"revision\": \"r9\"}")).containsEntry("reason", "unknown");
        assertThat(invoke("{\"revision\": 2}")).containsEntry("reason", "current")
                .containsEntry("message", "r2 is the current revision: nothing to roll back");
        assertThat(invoke("{}")).containsEntry("reason", "usage");
        assertThat(invoke("{\"revision\": \"one\"}")).containsEntry("reason", "usage");
        assertThat(invoke("{\"revision\": 0}")).containsEntry("reason", "usage");
        assertThat(revisions.all("hub")).hasSize(2);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("\"level\":\"WARN\"").contains("rollback refused: no revision r1 of hub hub");
    }

    @Test
    void aRenderCacheThatRefusesEveryRequestIsOneWarningAndTheRollbackStands() {
        // GIVEN two revisions, and a rollback function whose render cache refuses every read and write
        publishTwoRevisions();
        RefusingRenderCache refusing = new RefusingRenderCache();
        RollbackFunction refused = new RollbackFunction("hub", blobs, revisions, refusing, FixedClock.standard(),
                new JsonLog(RollbackFunction.FUNCTION, new PrintStream(out, true, StandardCharsets.UTF_8), FixedClock.standard()));

        // WHEN it is asked to roll back to r1
        Map<String, Object> answer = refused.handleRequest(RuntimeEvents.read(RollbackFunction.class, "{\"revision\": 1}"), null);

        // THEN r1 is restored as r3, and the log says once what the cache refused
        assertThat(answer).containsEntry("outcome", "restored").containsEntry("revision", "r3");
        assertThat(refusing.failures()).isPositive();
        assertThat(out.toString(StandardCharsets.UTF_8).lines().filter(line -> line.contains("the render cache failed")))
                .singleElement().asString()
                .contains("the render cache failed " + refusing.failures() + " reads or writes during the rollback to r1");
    }
}
