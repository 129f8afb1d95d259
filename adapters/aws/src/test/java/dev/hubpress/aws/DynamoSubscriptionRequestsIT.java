package dev.hubpress.aws;

import dev.hubpress.aws.testing.AwsFixtures;
import dev.hubpress.aws.testing.Emulators;
import dev.hubpress.core.mail.Cadence;
import dev.hubpress.core.mail.EmailAddress;
import dev.hubpress.core.mail.SubscriptionRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Subscription requests as items of a DynamoDB table (dynalite, or LocalStack): what the stream hands the worker. */
@ExtendWith(Emulators.class)
class DynamoSubscriptionRequestsIT {

    private final DynamoDbClient dynamo = AwsClients.dynamo();

    @Test
    void eachRequestIsOneNewItemThatReadsBackAsTheRequest() {
        // GIVEN a requests table
        String table = AwsFixtures.pkTable(dynamo, "requests");
        DynamoSubscriptionRequests requests = new DynamoSubscriptionRequests(dynamo, table);
        SubscriptionRequest ann = new SubscriptionRequest(EmailAddress.parse("Ann.Lee+hub@Example.com"), Cadence.WEEKLY,
                Instant.parse("2026-03-14T09:26:53.123Z"));

        // WHEN the same request is submitted twice
        requests.submit(ann);
        requests.submit(ann);

        // THEN two items, each reading back as the request, with a TTL a day after it
        List<Map<String, AttributeValue>> items = dynamo.scan(b -> b.tableName(table).consistentRead(true)).items();
        assertThat(items).hasSize(2);
        for (Map<String, AttributeValue> item : items) {
            assertThat(item.get("pk").s()).matches("REQ#[0-9a-f]{32}");
            assertThat(DynamoSubscriptionRequests.request(name -> item.containsKey(name) ? item.get(name).s() : null)).isEqualTo(ann);
            assertThat(item.get(DynamoSubscriptionRequests.EXPIRES_AT).n()).isEqualTo(Long.toString(Instant.parse("2026-03-15T09:26:53Z").getEpochSecond()));
        }
        // AND an item that is not a request is refused
        assertThatThrownBy(() -> DynamoSubscriptionRequests.request(name -> null)).isInstanceOf(IllegalArgumentException.class);
    }
}
