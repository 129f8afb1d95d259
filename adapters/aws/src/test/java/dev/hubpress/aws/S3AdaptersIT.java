package dev.hubpress.aws;

import dev.hubpress.aws.testing.AwsFixtures;
import dev.hubpress.aws.testing.Emulators;
import dev.hubpress.aws.testing.RequestCounter;
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
    void aSecondReadGetsOnlyTheObjectsThatChangedAndSeesEveryChange() {
        // GIVEN a source on a counting client that has read a tree of 30 pages once
        String bucket = AwsFixtures.bucket(s3, "content");
        for (int i = 0; i < 30; i++) {
            put(bucket, String.format("content/p%02d.md", i), "page " + i);
        }
        RequestCounter requests = new RequestCounter();
        S3ContentSource source = new S3ContentSource(AwsClients.s3Builder()
                .overrideConfiguration(o -> o.addExecutionInterceptor(requests)).build(), bucket, "content/");
        source.read();
        requests.reset();

        // WHEN one page is edited, one added, one deleted, and one rewritten with the same length, then the tree is read again
        put(bucket, "content/p03.md", "page 3, edited");
        put(bucket, "content/p30.md", "page 30");
        s3.deleteObject(b -> b.bucket(bucket).key("content/p07.md"));
        put(bucket, "content/p11.md", "page 1X");
        ContentTree tree = source.read();

        // THEN one listing and three reads (the edited, the added and the rewritten page), and the tree is the bucket's
        assertThat(requests.counts()).containsOnly(java.util.Map.entry("S3 ListObjectsV2", 1L), java.util.Map.entry("S3 GetObject", 3L));
        assertThat(tree.hash()).isEqualTo(new S3ContentSource(s3, bucket, "content/").read().hash());
        assertThat(tree.file("p03.md")).hasValueSatisfying(f -> assertThat(new String(f.bytes(), StandardCharsets.UTF_8)).isEqualTo("page 3, edited"));
        assertThat(tree.file("p11.md")).hasValueSatisfying(f -> assertThat(new String(f.bytes(), StandardCharsets.UTF_8)).isEqualTo("page 1X"));
        assertThat(tree.file("p07.md")).isEmpty();
    }

    @Test
    void aColdSourceStartsFromTheIndexAndReadsOnlyWhatChanged() {
        // GIVEN 40 pages read once by a source that keeps its index in a state bucket
        String bucket = AwsFixtures.bucket(s3, "content");
        String state = AwsFixtures.bucket(s3, "state");
        for (int i = 0; i < 40; i++) {
            put(bucket, String.format("content/p%02d.md", i), "page " + i);
        }
        new S3ContentSource(s3, bucket, "content/", state, "cache/content-index").read();

        // WHEN one page is edited and a new source (a cold container) reads the tree
        put(bucket, "content/p05.md", "page 5, edited");
        RequestCounter requests = new RequestCounter();
        S3ContentSource cold = new S3ContentSource(AwsClients.s3Builder()
                .overrideConfiguration(o -> o.addExecutionInterceptor(requests)).build(), bucket, "content/", state, "cache/content-index");
        ContentTree tree = cold.read();

        // THEN one listing, the index, the edited page, and the index written back: not one read per page
        assertThat(requests.counts()).containsOnly(java.util.Map.entry("S3 ListObjectsV2", 1L), java.util.Map.entry("S3 GetObject", 2L),
                java.util.Map.entry("S3 PutObject", 1L));
        assertThat(tree.hash()).isEqualTo(new S3ContentSource(s3, bucket, "content/").read().hash());

        // AND a damaged index costs reads, never a wrong byte
        s3.putObject(b -> b.bucket(state).key("cache/content-index"), RequestBody.fromString("not an index"));
        put(bucket, "content/p06.md", "page 6, edited");
        ContentTree afterDamage = new S3ContentSource(s3, bucket, "content/", state, "cache/content-index").read();
        assertThat(afterDamage.hash()).isEqualTo(new S3ContentSource(s3, bucket, "content/").read().hash());
        assertThat(afterDamage.file("p06.md")).hasValueSatisfying(f -> assertThat(new String(f.bytes(), StandardCharsets.UTF_8)).isEqualTo("page 6, edited"));
    }

    @Test
    void theListingShowsEveryObjectUnderThePrefixHiddenOnesIncluded() {
        // GIVEN a page, a push marker and an object outside the prefix
        String bucket = AwsFixtures.bucket(s3, "content");
        put(bucket, "content/a.md", "a");
        put(bucket, "content/.publish", "2026-12-02T06:00:00Z");
        put(bucket, "other.md", "x");

        // WHEN the prefix is listed
        java.util.Map<String, S3ContentSource.Listed> listed = new S3ContentSource(s3, bucket, "content/").list();

        // THEN both objects under it are there, with their size and a last-modified time to the second
        assertThat(listed).containsOnlyKeys("content/.publish", "content/a.md");
        assertThat(listed.get("content/a.md").size()).isEqualTo(1);
        assertThat(listed.get("content/a.md").lastModified().getNano()).isZero();
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
