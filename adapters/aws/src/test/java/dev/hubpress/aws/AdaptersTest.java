package dev.hubpress.aws;

import dev.hubpress.aws.testing.ItemSize;
import dev.hubpress.core.content.GateError;
import dev.hubpress.core.content.Hashing;
import dev.hubpress.core.port.RevisionLogContract;
import dev.hubpress.core.revision.Revision;
import dev.hubpress.core.testing.InMemoryBlobStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AdaptersTest {

    @Test
    void theUrlConnectionClientIsThere() {
        // (That no Apache or Netty client is there is checked where the test classpath is a function's:
        // the function modules' tests and PackagingIT. This module's tests carry s3proxy, which has them.)
        assertThat(dev.hubpress.aws.testing.HttpClients.urlConnectionLoadable(getClass().getClassLoader())).isTrue();
    }

    @Test
    void pathStyleOnlyWhenTheConfigurationOverridesTheEndpoint() {
        assertThat(AwsClients.endpointOverridden("S3", Map.<String, String>of()::get, Map.<String, String>of()::get)).isFalse();
        assertThat(AwsClients.endpointOverridden("S3", Map.of("AWS_ENDPOINT_URL", "http://localhost:4566")::get, k -> null)).isTrue();
        assertThat(AwsClients.endpointOverridden("S3", Map.of("AWS_ENDPOINT_URL_S3", "http://x")::get, k -> null)).isTrue();
        assertThat(AwsClients.endpointOverridden("S3", k -> null, Map.of("aws.endpointUrlS3", "http://x")::get)).isTrue();
        assertThat(AwsClients.endpointOverridden("S3", Map.of("AWS_ENDPOINT_URL_DYNAMODB", "http://x")::get, k -> null)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "/index.html", "../x", "a/../../x", "a/./b", "a//b", "dir/", "C:\\x", "a\\b", "x\u0000y", "a/..", "line\nbreak", "."})
    void artifactKeysThatCouldLeaveThePrefixAreRefused(String key) {
        assertThatThrownBy(() -> Keys.artifact("site/", key)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aSubscriberItemCarriesTopicsOnlyWhenTheyAreNotTheWholeHub() {
        dev.hubpress.core.mail.Subscriber all = dev.hubpress.core.mail.Subscriber.create("s1",
                dev.hubpress.core.mail.EmailAddress.parse("ann@example.com"), dev.hubpress.core.mail.SubscriberStatus.CONFIRMED,
                dev.hubpress.core.mail.Cadence.WEEKLY, java.time.Instant.EPOCH, 3, null);
        // an item written before topics (none) reads as the whole hub, and a whole-hub item stays as small as it was
        assertThat(DynamoSubscriberDirectory.toItem(all)).doesNotContainKey(DynamoSubscriberDirectory.TOPICS);
        assertThat(DynamoSubscriberDirectory.fromItem(DynamoSubscriberDirectory.toItem(all))).isEqualTo(all);
        dev.hubpress.core.mail.Subscriber some = all.withTopics(
                dev.hubpress.core.mail.Topics.of(List.of("careers"), List.of("faq")), java.time.Instant.EPOCH);
        assertThat(DynamoSubscriberDirectory.toItem(some).get(DynamoSubscriberDirectory.TOPICS).s()).isEqualTo("s=careers;p=faq");
        assertThat(DynamoSubscriberDirectory.fromItem(DynamoSubscriberDirectory.toItem(some))).isEqualTo(some);
    }

    @Test
    void artifactKeysAndPrefixesCompose() {
        assertThat(Keys.artifact("", "careers/mid-to-senior.html")).isEqualTo("careers/mid-to-senior.html");
        assertThat(Keys.artifact(Keys.prefix("public"), "a..b.html")).isEqualTo("public/a..b.html");
        assertThat(Keys.prefix("")).isEmpty();
        assertThat(Keys.prefix("blobs/")).isEqualTo("blobs/");
        assertThatThrownBy(() -> Keys.prefix("../x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Keys.prefix("/x")).isInstanceOf(IllegalArgumentException.class);
    }

    private final InMemoryBlobStore parts = new InMemoryBlobStore();
    /** Items only: no table is reached. */
    private final DynamoRevisionLog items = new DynamoRevisionLog(null, "revisions", parts);

    @Test
    void aRevisionSurvivesTheItemRoundTrip() {
        Revision revision = RevisionLogContract.accepted("hub", 42, 40)
                .withChannel("site", dev.hubpress.core.revision.ChannelStatus.done(3, 4, 5, "o"));
        assertThat(items.fromItem(items.toItem(revision))).isEqualTo(revision);
        Revision rejected = RevisionLogContract.rejected("hub", 43, 42);
        assertThat(items.fromItem(items.toItem(rejected))).isEqualTo(rejected);
        assertThat(DynamoRevisionLog.sk(42)).isEqualTo("REV#000000000042");
    }

    @Test
    void aSmallRevisionKeepsItsChangeSetAndErrorsInTheItem() {
        // GIVEN a revision with a few changes, and one with one gate error
        Revision accepted = RevisionLogContract.accepted("hub", 1, 0);
        Revision rejected = RevisionLogContract.rejected("hub", 2, 1);

        // WHEN their items are made
        Map<String, AttributeValue> acceptedItem = items.toItem(accepted);
        Map<String, AttributeValue> rejectedItem = items.toItem(rejected);

        // THEN both parts are JSON in the items, nothing is stored apart, and the errors are counted
        assertThat(acceptedItem).containsKeys(DynamoRevisionLog.CHANGES, DynamoRevisionLog.ERRORS)
                .doesNotContainKeys(DynamoRevisionLog.CHANGES_BLOB, DynamoRevisionLog.ERRORS_BLOB, DynamoRevisionLog.FIRST_ERRORS);
        assertThat(rejectedItem.get(DynamoRevisionLog.ERROR_COUNT).n()).isEqualTo("1");
        assertThat(parts.size()).isZero();
    }

    @Test
    void aLargeChangeSetIsStoredApartByItsHashAndReadBack() {
        // GIVEN the first publish of a 10,000-page hub
        Revision revision = RevisionLogContract.firstPublishOf("hub", 10_000);

        // WHEN its item is made
        Map<String, AttributeValue> item = items.toItem(revision);

        // THEN the change set's JSON is a blob under its SHA-256, the item names it and keeps the summary
        byte[] json = Json.write(revision.changes()).getBytes(StandardCharsets.UTF_8);
        assertThat(item).doesNotContainKey(DynamoRevisionLog.CHANGES);
        assertThat(item.get(DynamoRevisionLog.CHANGES_BLOB).s()).isEqualTo(Hashing.sha256Hex(json));
        assertThat(parts.get(Hashing.sha256Hex(json))).hasValueSatisfying(b -> assertThat(b).isEqualTo(json));
        assertThat(item.get("summary").s()).isEqualTo("10000 pages added, 1 settings/data file changed");
        assertThat(ItemSize.of(item)).isLessThan(4 * 1024);
        // AND the item reads back as the revision
        assertThat(items.fromItem(item)).isEqualTo(revision);
    }

    @Test
    void manyGateErrorsAreStoredApartWithTheirCountAndTheFirstTenInTheItem() {
        // GIVEN a rejection with 10,000 gate errors, one of them very long
        Revision rejected = RevisionLogContract.rejectedWith("hub", 2, 1, 10_000);
        List<GateError> errors = new ArrayList<>(rejected.errors());
        errors.set(0, new GateError("a.md", 1, "x".repeat(5_000)));
        Revision revision = new Revision("hub", 2, rejected.treeHash(), 1, rejected.createdAt(), rejected.manifest(),
                rejected.trigger(), rejected.status(), errors, rejected.changes(), Map.of());

        // WHEN its item is made
        Map<String, AttributeValue> item = items.toItem(revision);

        // THEN the errors are a blob, and the item has their count and the first ten, each cut short
        assertThat(item).containsKey(DynamoRevisionLog.ERRORS_BLOB).doesNotContainKey(DynamoRevisionLog.ERRORS);
        assertThat(item.get(DynamoRevisionLog.ERROR_COUNT).n()).isEqualTo("10000");
        assertThat(item.get(DynamoRevisionLog.FIRST_ERRORS).l()).hasSize(DynamoRevisionLog.FIRST_ERRORS_SHOWN);
        assertThat(item.get(DynamoRevisionLog.FIRST_ERRORS).l().get(0).s()).hasSize(300).startsWith("a.md:1: xxx").endsWith("…");
        assertThat(item.get(DynamoRevisionLog.FIRST_ERRORS).l().get(1).s()).isEqualTo(errors.get(1).toString());
        assertThat(ItemSize.of(item)).isLessThan(8 * 1024);
        // AND the item reads back as the revision, every error whole
        assertThat(items.fromItem(item)).isEqualTo(revision);
    }

    @Test
    void anItemWhosePartIsMissingFromTheBlobStoreIsNotReadAsAnEmptyOne() {
        // GIVEN the item of a large revision, read where its change set is not stored
        Map<String, AttributeValue> item = items.toItem(RevisionLogContract.firstPublishOf("hub", 10_000));
        DynamoRevisionLog elsewhere = new DynamoRevisionLog(null, "revisions", new InMemoryBlobStore());

        // WHEN / THEN reading it fails, naming the revision and the blob
        assertThatThrownBy(() -> elsewhere.fromItem(item)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("hub r1").hasMessageContaining(item.get(DynamoRevisionLog.CHANGES_BLOB).s());
    }
}
