package dev.hubpress.aws;

import dev.hubpress.core.port.ConfirmationBudget;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

import java.time.Instant;
import java.util.Map;

/**
 * Confirmation budgets in a DynamoDB table, one item per counter ({@code pk} = the counter's name,
 * which names no address: see {@link dev.hubpress.core.mail.ConfirmationLimits}). Spending is one
 * UpdateItem that adds 1 to {@value #SPENT} on condition that it is absent or below the limit, so
 * DynamoDB grants exactly the limit however many functions race; {@value #EXPIRES_AT} (epoch
 * seconds, the end of the counter's window) is the table's TTL attribute in template.yaml.
 */
public final class DynamoConfirmationBudget implements ConfirmationBudget {

    public static final String SPENT = "spent";
    public static final String EXPIRES_AT = "expiresAt";

    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoConfirmationBudget(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    @Override
    public boolean spend(String counter, int limit, Instant until) {
        if (limit <= 0) {
            return false;
        }
        try {
            dynamo.updateItem(b -> b.tableName(table)
                    .key(Map.of("pk", AttributeValue.fromS(counter)))
                    .updateExpression("ADD #spent :one SET #expiresAt = :until")
                    .conditionExpression("attribute_not_exists(#spent) OR #spent < :limit")
                    .expressionAttributeNames(Map.of("#spent", SPENT, "#expiresAt", EXPIRES_AT))
                    .expressionAttributeValues(Map.of(":one", AttributeValue.fromN("1"),
                            ":limit", AttributeValue.fromN(Integer.toString(limit)),
                            ":until", AttributeValue.fromN(Long.toString(until.getEpochSecond())))));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }
}
