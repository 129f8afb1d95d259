package dev.hubpress.aws;

import dev.hubpress.aws.testing.AwsFixtures;
import dev.hubpress.aws.testing.Emulators;
import dev.hubpress.core.port.RevisionLog;
import dev.hubpress.core.port.RevisionLogContract;
import dev.hubpress.core.revision.Revision;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The revision log on a DynamoDB API (dynalite, or LocalStack): the port's contract, and the table's items. */
@ExtendWith(Emulators.class)
class DynamoRevisionLogIT extends RevisionLogContract {

    private final DynamoDbClient dynamo = AwsClients.dynamo();
    private String table;

    @Override
    protected RevisionLog createLog() {
        table = AwsFixtures.revisionsTable(dynamo, "revisions");
        return new DynamoRevisionLog(dynamo, table);
    }

    /** Another container: another log object on the same table. */
    @Override
    protected RevisionLog sameStorage() {
        return new DynamoRevisionLog(dynamo, table);
    }

    /** The hub's items in the table. */
    @Override
    protected long storedRevisions(String hub) {
        return dynamo.query(b -> b.tableName(table).consistentRead(true)
                .keyConditionExpression("pk = :pk")
                .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(DynamoRevisionLog.pk(hub))))).count();
    }

    @Test
    void aClaimedRevisionIsOneItemKeyedByHubAndNumberWithTheAttributesTheStreamFilterReads() {
        // GIVEN an empty table
        Revision revision = accepted("hub", 1, 0);

        // WHEN a revision is claimed
        log.claim(revision);

        // THEN it is one item keyed HUB#hub / REV#000000000001 with the attributes the stream filter reads
        Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(table)
                .key(Map.of("pk", AttributeValue.fromS("HUB#hub"), "sk", AttributeValue.fromS("REV#000000000001")))).item();
        assertThat(item.get("status").s()).isEqualTo("ACCEPTED");
        assertThat(item.get("seq").n()).isEqualTo("1");
        assertThat(item.get("hub").s()).isEqualTo("hub");
        assertThat(DynamoRevisionLog.fromItem(item)).isEqualTo(revision);
    }
}
