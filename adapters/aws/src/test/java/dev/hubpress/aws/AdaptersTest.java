package dev.hubpress.aws;

import dev.hubpress.core.port.RevisionLogContract;
import dev.hubpress.core.revision.Revision;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

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
    void artifactKeysAndPrefixesCompose() {
        assertThat(Keys.artifact("", "careers/mid-to-senior.html")).isEqualTo("careers/mid-to-senior.html");
        assertThat(Keys.artifact(Keys.prefix("public"), "a..b.html")).isEqualTo("public/a..b.html");
        assertThat(Keys.prefix("")).isEmpty();
        assertThat(Keys.prefix("blobs/")).isEqualTo("blobs/");
        assertThatThrownBy(() -> Keys.prefix("../x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Keys.prefix("/x")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aRevisionSurvivesTheItemRoundTrip() {
        Revision revision = RevisionLogContract.accepted("hub", 42, 40)
                .withChannel("site", dev.hubpress.core.revision.ChannelStatus.done(3, 4, 5, "o"));
        assertThat(DynamoRevisionLog.fromItem(DynamoRevisionLog.toItem(revision))).isEqualTo(revision);
        Revision rejected = RevisionLogContract.rejected("hub", 43, 42);
        assertThat(DynamoRevisionLog.fromItem(DynamoRevisionLog.toItem(rejected))).isEqualTo(rejected);
        assertThat(DynamoRevisionLog.sk(42)).isEqualTo("REV#000000000042");
    }
}
