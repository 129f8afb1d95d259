package dev.hubpress.aws;

import dev.hubpress.aws.testing.AwsFixtures;
import dev.hubpress.aws.testing.Emulators;
import dev.hubpress.aws.testing.ItemSize;
import dev.hubpress.core.content.ContentFile;
import dev.hubpress.core.content.ContentTree;
import dev.hubpress.core.port.RevisionLog;
import dev.hubpress.core.port.RevisionLogContract;
import dev.hubpress.core.publish.IngestResult;
import dev.hubpress.core.publish.IngestRevision;
import dev.hubpress.core.publish.Snapshots;
import dev.hubpress.core.revision.ChangeKind;
import dev.hubpress.core.revision.Revision;
import dev.hubpress.core.revision.RevisionStatus;
import dev.hubpress.core.testing.ContentFixtures;
import dev.hubpress.core.testing.FixedClock;
import dev.hubpress.core.testing.Gates;
import dev.hubpress.core.testing.InMemoryBlobStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.s3.S3Client;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The revision log on a DynamoDB API (dynalite, or LocalStack) with its large parts in S3 (s3proxy):
 * the port's contract, and the table's items, which stay small whatever the revision.
 */
@ExtendWith(Emulators.class)
class DynamoRevisionLogIT extends RevisionLogContract {

    private final DynamoDbClient dynamo = AwsClients.dynamo();
    private final S3Client s3 = AwsClients.s3();
    private String table;
    private String stateBucket;

    @Override
    protected RevisionLog createLog() {
        table = AwsFixtures.revisionsTable(dynamo, "revisions");
        stateBucket = AwsFixtures.bucket(s3, "state");
        return new DynamoRevisionLog(dynamo, table, new S3BlobStore(s3, stateBucket, "blobs/"));
    }

    /** Another container: another log object on the same table and bucket. */
    @Override
    protected RevisionLog sameStorage() {
        return new DynamoRevisionLog(dynamo, table, new S3BlobStore(s3, stateBucket, "blobs/"));
    }

    /** The hub's items in the table. */
    @Override
    protected long storedRevisions(String hub) {
        return dynamo.query(b -> b.tableName(table).consistentRead(true)
                .keyConditionExpression("pk = :pk")
                .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(DynamoRevisionLog.pk(hub))))).count();
    }

    private Map<String, AttributeValue> item(String hub, long seq) {
        return dynamo.getItem(b -> b.tableName(table).consistentRead(true).key(Map.of(
                "pk", AttributeValue.fromS(DynamoRevisionLog.pk(hub)), "sk", AttributeValue.fromS(DynamoRevisionLog.sk(seq))))).item();
    }

    @Test
    void aClaimedRevisionIsOneItemKeyedByHubAndNumberWithTheAttributesTheStreamFilterReads() {
        // GIVEN an empty table
        Revision revision = accepted("hub", 1, 0);

        // WHEN a revision is claimed
        log.claim(revision);

        // THEN it is one item keyed HUB#hub / REV#000000000001 with the attributes the stream filter reads
        Map<String, AttributeValue> item = item("hub", 1);
        assertThat(item.get("status").s()).isEqualTo("ACCEPTED");
        assertThat(item.get("seq").n()).isEqualTo("1");
        assertThat(item.get("hub").s()).isEqualTo("hub");
        assertThat(((DynamoRevisionLog) log).fromItem(item)).isEqualTo(revision);
        // AND its small change set is in the item itself
        assertThat(item).containsKeys(DynamoRevisionLog.CHANGES, DynamoRevisionLog.ERRORS)
                .doesNotContainKeys(DynamoRevisionLog.CHANGES_BLOB, DynamoRevisionLog.ERRORS_BLOB);
    }

    /** A hub of {@code pages} pages, the home page one; with {@code brokenLinks}, each links to a page that does not exist. */
    static ContentTree generatedHub(int pages, boolean brokenLinks) {
        List<ContentFile> files = new ArrayList<>(pages + 1);
        files.add(file("hub.yaml", ContentFixtures.HUB_YAML));
        files.add(file("index.md", ContentFixtures.page("Home", "home", 0,
                "## Welcome\n\nStart with [the first guide](" + (brokenLinks ? "missing-0.md" : "guides/" + name(1)) + ").\n")));
        for (int i = 1; i < pages; i++) {
            String link = brokenLinks ? "missing-" + i + ".md" : name(i % (pages - 1) + 1);
            files.add(file("guides/" + name(i), ContentFixtures.page("Guide " + i, "guides", i,
                    "## Topic " + i + "\n\nWhat to know about topic " + i + "; see [the next guide](" + link + ").\n")));
        }
        return new ContentTree(files);
    }

    private static String name(int i) {
        return String.format(Locale.ROOT, "page-%05d.md", i);
    }

    private static ContentFile file(String path, String text) {
        return new ContentFile(path, text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The ingest of the core on this log (snapshots in memory: 10,000 puts to s3proxy would only
     * slow the test, and the snapshots' S3 path is S3BlobStoreIT's and ServerlessFlowIT's).
     */
    private IngestResult ingest(ContentTree tree) {
        return new IngestRevision("hub", Gates.gate(), Gates.loader(), new Snapshots(new InMemoryBlobStore()), log,
                FixedClock.standard()).ingest(tree, "s3 ObjectCreated:Put guides/page-00001.md (+" + (tree.files().size() - 1) + " more)");
    }

    /** Revision {@code seq}'s item, its size as DynamoDB counts it printed and held far under the 400 KB limit. */
    private Map<String, AttributeValue> measuredItem(long seq, String revision, String partStoredApart) {
        Map<String, AttributeValue> item = item("hub", seq);
        long bytes = ItemSize.of(item);
        System.out.printf(Locale.ROOT, "item of r%d (%s, %,d bytes of JSON in S3): %,d bytes%n", seq, revision,
                partStoredApart.getBytes(StandardCharsets.UTF_8).length, bytes);
        assertThat(bytes).isLessThan(100 * 1024);
        return item;
    }

    @Test
    void theFirstPublishOfATenThousandPageHubIsRecordedInASmallItemAndReadsBackWhole() {
        // GIVEN a generated hub of 10,000 pages, never published
        ContentTree hub = generatedHub(10_000, false);

        // WHEN it is ingested: gated, its change set made (10,000 pages added) and its revision claimed
        IngestResult result = ingest(hub);

        // THEN r1 is recorded, and reads back whole from another reader
        assertThat(result).isInstanceOf(IngestResult.Accepted.class);
        Revision r1 = ((IngestResult.Accepted) result).revision();
        assertThat(r1.changes().count(ChangeKind.ADDED)).isEqualTo(10_000);
        assertThat(sameStorage().get("hub", 1)).contains(r1);
        assertThat(log.recent("hub", 1).accepted()).containsExactly(r1);
        // AND its item holds the change set by key: far under DynamoDB's 400 KB, with the summary for operators
        Map<String, AttributeValue> item = measuredItem(1, "10,000 pages added", Json.write(r1.changes()));
        assertThat(item).containsKey(DynamoRevisionLog.CHANGES_BLOB).doesNotContainKey(DynamoRevisionLog.CHANGES);
        assertThat(item.get("summary").s()).isEqualTo("10000 pages added, 1 settings/data file changed");
    }

    @Test
    void aRejectionWithTenThousandGateErrorsIsRecordedInASmallItemAndReadsBackWhole() {
        // GIVEN a generated hub of 10,000 pages, each linking to a page that does not exist
        ContentTree broken = generatedHub(10_000, true);

        // WHEN it is ingested
        IngestResult result = ingest(broken);

        // THEN it is recorded rejected with its 10,000 errors, which read back whole from another reader
        assertThat(result).isInstanceOf(IngestResult.Rejected.class);
        Revision r1 = ((IngestResult.Rejected) result).revision();
        assertThat(r1.status()).isEqualTo(RevisionStatus.REJECTED);
        assertThat(r1.errors()).hasSize(10_000);
        assertThat(sameStorage().get("hub", 1)).contains(r1);
        assertThat(log.recent("hub", 0).latest()).contains(r1);
        // AND its item holds the errors by key, their number and the first ten: far under DynamoDB's 400 KB
        Map<String, AttributeValue> item = measuredItem(1, "10,000 gate errors", Json.write(r1.errors()));
        assertThat(item).containsKey(DynamoRevisionLog.ERRORS_BLOB).doesNotContainKey(DynamoRevisionLog.ERRORS);
        assertThat(item.get(DynamoRevisionLog.ERROR_COUNT).n()).isEqualTo("10000");
        assertThat(item.get(DynamoRevisionLog.FIRST_ERRORS).l()).extracting(AttributeValue::s)
                .containsExactlyElementsOf(r1.errors().subList(0, 10).stream().map(Object::toString).toList());
    }
}
