package dev.hubpress.aws;

import dev.hubpress.aws.testing.AwsFixtures;
import dev.hubpress.aws.testing.Emulators;
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
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

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

/** The revision log on a DynamoDB API (dynalite, or LocalStack), with the contract of the JSON-lines log. */
@ExtendWith(Emulators.class)
class DynamoRevisionLogIT {

    private static final Instant AT = Instant.parse("2025-03-01T10:15:30Z");

    private DynamoDbClient dynamo;
    private String table;
    private DynamoRevisionLog log;

    @BeforeEach
    void table() {
        dynamo = AwsClients.dynamo();
        table = AwsFixtures.revisionsTable(dynamo, "revisions");
        log = new DynamoRevisionLog(dynamo, table);
    }

    static Revision accepted(String hub, long seq, long parent) {
        ChangeSet changes = new ChangeSet(List.of(
                new PageChange("careers/mid-to-senior", "Make senior", ChangeKind.CHANGED, true,
                        List.of(new SectionChange("what-senior-means", "What senior means", ChangeKind.CHANGED))),
                new PageChange("faq", "FAQ", ChangeKind.ADDED, false, List.of())),
                List.of("hub.yaml"));
        return new Revision(hub, seq, "tree" + seq, parent, AT.plusSeconds(seq), "manifest" + seq, "s3 content/faq.md",
                RevisionStatus.ACCEPTED, List.of(), changes, Map.of());
    }

    static Revision rejected(String hub, long seq, long parent) {
        return new Revision(hub, seq, "tree" + seq, parent, AT.plusSeconds(seq), "manifest" + seq, "s3",
                RevisionStatus.REJECTED, List.of(new GateError("faq.md", 3, "broken link 'x.md'")), ChangeSet.NONE, Map.of());
    }

    @Test
    void aClaimedRevisionReadsBackEqualFromItsKeyedItem() {
        // GIVEN an empty table
        Revision revision = accepted("hub", 1, 0);

        // WHEN a revision with a change set is claimed
        assertThat(log.claim(revision)).isTrue();

        // THEN it is one item keyed HUB#hub / REV#000000000001 with the attributes the stream filter reads, and reads back equal
        Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(table)
                .key(Map.of("pk", AttributeValue.fromS("HUB#hub"), "sk", AttributeValue.fromS("REV#000000000001")))).item();
        assertThat(item.get("status").s()).isEqualTo("ACCEPTED");
        assertThat(item.get("seq").n()).isEqualTo("1");
        assertThat(item.get("hub").s()).isEqualTo("hub");
        assertThat(log.recent("hub", 0).latest()).contains(revision);
        assertThat(log.get("hub", 1)).contains(revision);
        assertThat(log.get("hub", 2)).isEmpty();
    }

    @Test
    void aTakenSequenceNumberCannotBeClaimedAgain() {
        log.claim(accepted("hub", 1, 0));
        assertThat(new DynamoRevisionLog(dynamo, table).claim(rejected("hub", 1, 0))).isFalse();
        assertThat(log.get("hub", 1).orElseThrow().accepted()).isTrue();
    }

    @Test
    void concurrentClaimsOfOneNumberHaveExactlyOneWinner() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Callable<Boolean>> claims = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            claims.add(() -> new DynamoRevisionLog(dynamo, table).claim(accepted("hub", 1, 0)));
        }
        long winners = 0;
        for (Future<Boolean> result : pool.invokeAll(claims)) {
            winners += result.get() ? 1 : 0;
        }
        pool.shutdown();
        assertThat(winners).isEqualTo(1);
    }

    @Test
    void channelStatusesAreSetOneByOneLatestWinning() {
        log.claim(accepted("hub", 1, 0));
        log.recordChannel("hub", 1, "site", ChannelStatus.failed(12, "boom"));
        ChannelStatus done = ChannelStatus.done(30, 2048, 40, "outputs-hash");
        log.recordChannel("hub", 1, "site", done);
        log.recordChannel("hub", 1, "guide", ChannelStatus.done(1, 10, 5, "g", Map.of("pages", "42")));

        Revision r1 = new DynamoRevisionLog(dynamo, table).get("hub", 1).orElseThrow();

        assertThat(r1.channels()).containsOnlyKeys("guide", "site");
        assertThat(r1.channels().get("site")).isEqualTo(done);
        assertThat(r1.channels().get("guide").facts()).containsEntry("pages", "42");
        assertThat(r1.withChannel("site", done).withChannel("guide", r1.channels().get("guide"))).isEqualTo(r1);
    }

    @Test
    void recordingAChannelOfAnUnknownRevisionIsRefusedAndCreatesNothing() {
        assertThatThrownBy(() -> log.recordChannel("hub", 7, "site", ChannelStatus.failed(1, "x")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(log.recent("hub", 0).latest()).isEmpty();
    }

    @Test
    void acceptedListsNewestFirstSkippingRejectedAndHubsAreKeptApart() {
        log.claim(accepted("hub", 1, 0));
        log.claim(accepted("other", 1, 0));
        log.claim(rejected("hub", 2, 1));
        log.claim(accepted("hub", 3, 1));
        for (long seq = 4; seq <= 30; seq++) {
            log.claim(rejected("hub", seq, 3));
        }
        log.claim(accepted("hub", 31, 3));

        assertThat(log.recent("hub", 10).accepted()).extracting(Revision::seq).containsExactly(31L, 3L, 1L);
        assertThat(log.recent("hub", 2).accepted()).extracting(Revision::seq).containsExactly(31L, 3L);
        assertThat(log.recent("other", 10).accepted()).extracting(Revision::seq).containsExactly(1L);
        assertThat(log.recent("hub", 0).latest().orElseThrow().seq()).isEqualTo(31);
        assertThat(log.recent("nobody", 0).latest()).isEmpty();
        assertThat(log.get("hub", 2).orElseThrow().errors()).containsExactly(new GateError("faq.md", 3, "broken link 'x.md'"));
    }

    @Test
    void sequenceNumbersSortNumericallyPastNine() {
        for (long seq = 1; seq <= 12; seq++) {
            log.claim(accepted("hub", seq, seq - 1));
        }
        assertThat(log.recent("hub", 0).latest().orElseThrow().seq()).isEqualTo(12);
    }

    @Test
    void twentyPushesAtOnceMakeOneLinearHistoryWithEveryTreeOnce() throws Exception {
        // GIVEN an empty table and twenty different trees
        // WHEN twenty ingests run at once against DynamoDB, each on its own thread (an ingest that
        // loses every claim is delivered again, as SQS would)
        ConcurrentPushes.Outcome outcome = ConcurrentPushes.run("hub", 20, log, new InMemoryBlobStore());

        // THEN r1..r20 without gap or duplicate, every tree exactly once, each revision the child of the one before
        List<Revision> history = ConcurrentPushes.history(log, "hub");
        assertThat(history).extracting(Revision::seq).containsExactlyElementsOf(LongStream.rangeClosed(1, 20).boxed().toList());
        assertThat(history).extracting(Revision::treeHash).containsExactlyInAnyOrderElementsOf(outcome.treeHashes());
        assertThat(history).allSatisfy(r -> {
            assertThat(r.accepted()).isTrue();
            assertThat(r.parent()).isEqualTo(r.seq() - 1);
        });
        // AND the table holds exactly those twenty items
        assertThat(dynamo.scan(b -> b.tableName(table)).count()).isEqualTo(20);
    }
}
