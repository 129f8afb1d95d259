package dev.hubpress.aws;

import dev.hubpress.aws.testing.AwsFixtures;
import dev.hubpress.aws.testing.Emulators;
import dev.hubpress.core.port.SubscriberDirectory;
import dev.hubpress.core.port.SubscriberDirectoryContract;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** Subscribers in a DynamoDB table with its byId and sparse confirmed indexes (dynalite, or LocalStack) keep the port's contract. */
@ExtendWith(Emulators.class)
class DynamoSubscriberDirectoryIT extends SubscriberDirectoryContract {

    private final DynamoDbClient dynamo = AwsClients.dynamo();

    @Override
    protected SubscriberDirectory createDirectory() {
        return new DynamoSubscriberDirectory(dynamo, AwsFixtures.subscribersTable(dynamo, "subscribers"));
    }
}
