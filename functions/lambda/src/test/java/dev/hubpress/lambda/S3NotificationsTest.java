package dev.hubpress.lambda;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class S3NotificationsTest {

    @Test
    void theEventTimeIsReadWhereItIsReadable() throws Exception {
        String record = "{\"eventSource\":\"aws:s3\",\"eventName\":\"ObjectCreated:Put\",\"eventTime\":\"%s\","
                + "\"s3\":{\"bucket\":{\"name\":\"b\"},\"object\":{\"key\":\"content/a.md\"}}}";
        String body = "{\"Records\":[" + record.formatted("2026-03-14T09:26:53.123Z") + "," + record.formatted("yesterday") + "]}";
        assertThat(S3Notifications.parse(body)).extracting(S3Notifications.Change::eventTime)
                .containsExactly(java.util.Optional.of(java.time.Instant.parse("2026-03-14T09:26:53.123Z")), java.util.Optional.empty());
    }

    @Test
    void s3NotificationsDecodeKeysAndRecogniseTheTestEvent() throws Exception {
        String body = """
                {"Records":[{"eventVersion":"2.1","eventSource":"aws:s3","awsRegion":"us-east-1",
                 "eventName":"ObjectCreated:Put","s3":{"bucket":{"name":"b"},
                 "object":{"key":"content/careers/mid+to+senior%C3%A9.md","size":5,"sequencer":"0062E99A88DC407460"}}},
                 {"eventSource":"aws:s3","eventName":"ObjectRemoved:Delete","s3":{"bucket":{"name":"b"},"object":{"key":"content/a%2Bb.md"}}}]}
                """;
        assertThat(S3Notifications.parse(body)).containsExactly(
                new S3Notifications.Change("ObjectCreated:Put", "b", "content/careers/mid to senioré.md", "0062E99A88DC407460"),
                new S3Notifications.Change("ObjectRemoved:Delete", "b", "content/a+b.md", ""));
        assertThat(S3Notifications.parse("{\"Service\":\"Amazon S3\",\"Event\":\"s3:TestEvent\",\"Bucket\":\"b\"}")).isEmpty();
        for (String bad : new String[] {"", "not json", "[]", "{}", "{\"Records\":[{\"eventSource\":\"aws:sqs\"}]}",
                "{\"Records\":[{\"eventSource\":\"aws:s3\",\"eventName\":\"ObjectCreated:Put\",\"s3\":{\"bucket\":{\"name\":\"b\"},\"object\":{\"key\":\"%ZZ\"}}}]}"}) {
            assertThatThrownBy(() -> S3Notifications.parse(bad)).as(bad).isInstanceOf(S3Notifications.MalformedNotification.class);
        }
    }
}
