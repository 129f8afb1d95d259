package dev.hubpress.aws.testing;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;
import software.amazon.awssdk.services.s3.S3Client;

import java.util.Locale;
import java.util.UUID;

/** Buckets and tables for tests, named uniquely so test classes never share state (on LocalStack neither). */
public final class AwsFixtures {

    private AwsFixtures() {
    }

    public static String unique(String base) {
        return (base + "-" + UUID.randomUUID().toString().substring(0, 8)).toLowerCase(Locale.ROOT);
    }

    public static String bucket(S3Client s3, String base) {
        String name = unique(base);
        s3.createBucket(b -> b.bucket(name));
        return name;
    }

    /** The revisions table as template.yaml defines it: pk/sk strings. */
    public static String revisionsTable(DynamoDbClient dynamo, String base) {
        String name = unique(base);
        dynamo.createTable(b -> b.tableName(name)
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(
                        AttributeDefinition.builder().attributeName("pk").attributeType(ScalarAttributeType.S).build(),
                        AttributeDefinition.builder().attributeName("sk").attributeType(ScalarAttributeType.S).build())
                .keySchema(
                        KeySchemaElement.builder().attributeName("pk").keyType(KeyType.HASH).build(),
                        KeySchemaElement.builder().attributeName("sk").keyType(KeyType.RANGE).build()));
        awaitActive(dynamo, name);
        return name;
    }

    /** A table keyed by a string {@code pk} alone, as template.yaml defines the confirmation budget and subscription request tables. */
    public static String pkTable(DynamoDbClient dynamo, String base) {
        String name = unique(base);
        dynamo.createTable(b -> b.tableName(name)
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(AttributeDefinition.builder().attributeName("pk").attributeType(ScalarAttributeType.S).build())
                .keySchema(KeySchemaElement.builder().attributeName("pk").keyType(KeyType.HASH).build()));
        awaitActive(dynamo, name);
        return name;
    }

    /** The subscribers table as template.yaml defines it: pk, and the byId and sparse confirmed indexes. */
    public static String subscribersTable(DynamoDbClient dynamo, String base) {
        String name = unique(base);
        dynamo.createTable(b -> b.tableName(name)
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(
                        AttributeDefinition.builder().attributeName("pk").attributeType(ScalarAttributeType.S).build(),
                        AttributeDefinition.builder().attributeName("id").attributeType(ScalarAttributeType.S).build(),
                        AttributeDefinition.builder().attributeName("confirmedCadence").attributeType(ScalarAttributeType.S).build())
                .keySchema(KeySchemaElement.builder().attributeName("pk").keyType(KeyType.HASH).build())
                .globalSecondaryIndexes(
                        software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex.builder().indexName("byId")
                                .keySchema(KeySchemaElement.builder().attributeName("id").keyType(KeyType.HASH).build())
                                .projection(p -> p.projectionType(software.amazon.awssdk.services.dynamodb.model.ProjectionType.ALL))
                                .build(),
                        software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex.builder().indexName("confirmed")
                                .keySchema(
                                        KeySchemaElement.builder().attributeName("confirmedCadence").keyType(KeyType.HASH).build(),
                                        KeySchemaElement.builder().attributeName("pk").keyType(KeyType.RANGE).build())
                                .projection(p -> p.projectionType(software.amazon.awssdk.services.dynamodb.model.ProjectionType.ALL))
                                .build()));
        awaitActive(dynamo, name);
        return name;
    }

    public static void awaitActive(DynamoDbClient dynamo, String table) {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (dynamo.describeTable(b -> b.tableName(table)).table().tableStatus() != TableStatus.ACTIVE) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("table " + table + " did not become ACTIVE");
            }
            try {
                Thread.sleep(25);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }
}
