package dev.hubpress.aws;

import dev.hubpress.aws.testing.AwsFixtures;
import dev.hubpress.aws.testing.Emulators;
import dev.hubpress.core.port.SendLedger;
import dev.hubpress.core.port.SendLedgerContract;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The send ledger in a DynamoDB table (dynalite, or LocalStack): the port's contract, and the items' time to live. */
@ExtendWith(Emulators.class)
class DynamoSendLedgerIT extends SendLedgerContract {

    private static final Instant NOW = Instant.parse("2026-03-14T09:26:53Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    private final DynamoDbClient dynamo = AwsClients.dynamo();
    private String table;

    @Override
    protected SendLedger createLedger() {
        table = AwsFixtures.revisionsTable(dynamo, "ledger");
        return new DynamoSendLedger(dynamo, table, CLOCK);
    }

    /** Another container: another ledger object on the same table. */
    @Override
    protected SendLedger sameStorage() {
        return new DynamoSendLedger(dynamo, table, CLOCK);
    }

    @Test
    void everyEntryExpiresAfterTheRetention() {
        // GIVEN a table whose TTL attribute is expiresAt

        // WHEN a pair is reserved and marked sent
        ledger.reserve(DIGEST, "s1");
        ledger.markSent(DIGEST, "s1", "ses-message-1");

        // THEN its item is keyed by digest and subscriber and expires RETENTION after the reservation
        Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(table)
                .key(Map.of("pk", AttributeValue.fromS("DIGEST#" + DIGEST), "sk", AttributeValue.fromS("SUB#s1")))).item();
        assertThat(Long.parseLong(item.get(DynamoSendLedger.EXPIRES_AT).n()))
                .isEqualTo(NOW.plus(DynamoSendLedger.RETENTION).getEpochSecond());
    }
}
