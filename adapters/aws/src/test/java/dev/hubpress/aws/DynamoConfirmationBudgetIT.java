package dev.hubpress.aws;

import dev.hubpress.aws.testing.AwsFixtures;
import dev.hubpress.aws.testing.Emulators;
import dev.hubpress.core.port.ConfirmationBudget;
import dev.hubpress.core.port.ConfirmationBudgetContract;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Confirmation budgets in a DynamoDB table (dynalite, or LocalStack) keep the port's contract, each counter one item with its TTL. */
@ExtendWith(Emulators.class)
class DynamoConfirmationBudgetIT extends ConfirmationBudgetContract {

    private final DynamoDbClient dynamo = AwsClients.dynamo();
    private String table;

    @Override
    protected ConfirmationBudget createBudget() {
        table = AwsFixtures.pkTable(dynamo, "budgets");
        return new DynamoConfirmationBudget(dynamo, table);
    }

    @Test
    void aCounterIsOneItemWithWhatWasSpentAndItsTtl() {
        // GIVEN a counter spent twice
        budget.spend("global:3600:9", 5, UNTIL);
        budget.spend("global:3600:9", 5, UNTIL);

        // WHEN its item is read
        Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(table).consistentRead(true)
                .key(Map.of("pk", AttributeValue.fromS("global:3600:9")))).item();

        // THEN it holds the count and the end of its window, in epoch seconds, for the table's TTL
        assertThat(item.get(DynamoConfirmationBudget.SPENT).n()).isEqualTo("2");
        assertThat(item.get(DynamoConfirmationBudget.EXPIRES_AT).n()).isEqualTo(Long.toString(UNTIL.getEpochSecond()));
    }
}
