package dev.hubpress.aws;

import dev.hubpress.aws.testing.AwsFixtures;
import dev.hubpress.aws.testing.Emulators;
import dev.hubpress.core.content.ContentTree;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The content source against an S3 API (s3proxy, or LocalStack when AWS_ENDPOINT_URL is set), through the production
 * client; the blob and artifact stores have their contract tests ({@link S3BlobStoreIT}, {@link S3ArtifactStoreIT}).
 */
@ExtendWith(Emulators.class)
class S3AdaptersIT {

    private static S3Client s3;

    @BeforeAll
    static void client() {
        s3 = AwsClients.s3();
    }

    @Test
    void theContentSourceReadsTheContentPrefixPaginatedWithDecodedKeys() {
        // GIVEN content pushed as `aws s3 sync` would: nested keys, a space, non-ASCII, hidden files,
        // a folder marker, a backup, and objects outside content/; listed in pages of 3
        String bucket = AwsFixtures.bucket(s3, "content");
        put(bucket, "content/hub.yaml", "title: T");
        put(bucket, "content/careers/mid to senior.md", "spaces");
        put(bucket, "content/skills/größe.md", "umlaut");
        put(bucket, "content/.DS_Store", "junk");
        put(bucket, "content/.git/config", "junk");
        put(bucket, "content/faq.md~", "backup");
        put(bucket, "content/empty/", "");
        put(bucket, "contentious.md", "not content");
        put(bucket, "other/page.md", "not content");
        for (int i = 0; i < 25; i++) {
            put(bucket, String.format("content/many/p%04d.md", i), "page " + i);
        }

        // WHEN the tree is read
        ContentTree tree = new S3ContentSource(s3, bucket, "content/", 3).read();

        // THEN every content file is there under its path relative to content/, and nothing else
        assertThat(tree.files()).hasSize(3 + 25);
        assertThat(tree.file("careers/mid to senior.md")).hasValueSatisfying(f -> assertThat(new String(f.bytes(), StandardCharsets.UTF_8)).isEqualTo("spaces"));
        assertThat(tree.file("skills/größe.md")).isPresent();
        assertThat(tree.file("many/p0024.md")).isPresent();
        assertThat(tree.file(".DS_Store")).isEmpty();
        assertThat(tree.file("faq.md~")).isEmpty();
    }

    @Test
    void aMissingBucketIsAnIoErrorNamingIt() {
        S3ContentSource source = new S3ContentSource(s3, AwsFixtures.unique("absent"), "content/");
        assertThatThrownBy(source::read).isInstanceOf(java.io.UncheckedIOException.class).hasMessageContaining("cannot list s3://");
    }

    @Test
    void aDeletedObjectIsGoneForGetToo() {
        String bucket = AwsFixtures.bucket(s3, "gone");
        put(bucket, "x", "y");
        s3.deleteObject(b -> b.bucket(bucket).key("x"));
        assertThatThrownBy(() -> s3.getObjectAsBytes(b -> b.bucket(bucket).key("x"))).isInstanceOf(NoSuchKeyException.class);
    }

    private static void put(String bucket, String key, String text) {
        s3.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromString(text));
    }
}
