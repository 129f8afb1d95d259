package dev.hubpress.aws;

import dev.hubpress.aws.testing.AwsFixtures;
import dev.hubpress.aws.testing.Emulators;
import dev.hubpress.core.content.ContentTree;
import dev.hubpress.core.content.Hashing;
import dev.hubpress.core.channel.Artifact;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Object;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The S3 adapters against an S3 API (s3proxy, or LocalStack when AWS_ENDPOINT_URL is set), through the production client. */
@ExtendWith(Emulators.class)
class S3AdaptersIT {

    private static S3Client s3;

    @BeforeAll
    static void client() {
        s3 = AwsClients.s3();
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static List<String> keys(String bucket) {
        return s3.listObjectsV2Paginator(b -> b.bucket(bucket)).contents().stream().map(S3Object::key).toList();
    }

    @Test
    void blobsAreStoredUnderTheirHashOnceAndReadBack() {
        // GIVEN a blob store on a fresh bucket
        String bucket = AwsFixtures.bucket(s3, "blobs");
        S3BlobStore blobs = new S3BlobStore(s3, bucket, "blobs/");
        byte[] bytes = utf8("hello blob");
        String hash = Hashing.sha256Hex(bytes);

        // WHEN it is put twice (the second put is refused by If-None-Match: * and is no error)
        blobs.put(hash, bytes);
        String etag = s3.headObject(b -> b.bucket(bucket).key("blobs/" + hash.substring(0, 2) + "/" + hash.substring(2))).eTag();
        blobs.put(hash, bytes);

        // THEN one object under blobs/ab/cdef…, unchanged by the second put, reads back; unknown hashes are empty
        assertThat(keys(bucket)).containsExactly("blobs/" + hash.substring(0, 2) + "/" + hash.substring(2));
        assertThat(s3.headObject(b -> b.bucket(bucket).key(keys(bucket).get(0))).eTag()).isEqualTo(etag);
        assertThat(blobs.get(hash)).hasValueSatisfying(b -> assertThat(b).isEqualTo(bytes));
        assertThat(blobs.get(Hashing.sha256Hex(utf8("absent")))).isEmpty();
    }

    @Test
    void blobsRefuseNonHashesAndBytesThatDoNotMatch() {
        S3BlobStore blobs = new S3BlobStore(s3, "unused", "blobs");
        assertThatThrownBy(() -> blobs.put("../etc", utf8("x"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> blobs.put(Hashing.sha256Hex(utf8("a")), utf8("b"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> blobs.get("ABC")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void artifactsCarryTheirContentTypeCacheControlAndDigest() {
        // GIVEN a site store
        String bucket = AwsFixtures.bucket(s3, "site");
        S3ArtifactStore store = new S3ArtifactStore(s3, bucket, "");
        Artifact page = Artifact.text("careers/senior.html", "<!doctype html><title>x</title>", "text/html; charset=utf-8",
                Artifact.CachePolicy.SHORT);
        Artifact css = Artifact.text("assets/site.0123abcd.css", "body{}", "text/css; charset=utf-8", Artifact.CachePolicy.IMMUTABLE);

        // WHEN both are put
        assertThat(store.put(page)).isTrue();
        assertThat(store.put(css)).isTrue();

        // THEN each object has the headers its artifact asks for
        HeadObjectResponse html = s3.headObject(b -> b.bucket(bucket).key("careers/senior.html"));
        // (s3proxy drops the space before "charset"; S3 keeps the header as sent)
        assertThat(html.contentType().replace(" ", "")).isEqualTo("text/html;charset=utf-8");
        assertThat(html.cacheControl()).isEqualTo("public, max-age=300, must-revalidate");
        assertThat(html.metadata()).containsEntry("sha256", page.digest());
        HeadObjectResponse asset = s3.headObject(b -> b.bucket(bucket).key("assets/site.0123abcd.css"));
        assertThat(asset.cacheControl()).isEqualTo("public, max-age=31536000, immutable");
        assertThat(s3.getObjectAsBytes(b -> b.bucket(bucket).key("careers/senior.html")).asUtf8String())
                .isEqualTo("<!doctype html><title>x</title>");
    }

    @Test
    void anUnchangedArtifactIsNotUploadedAgainAndAChangedOneIsReplaced() {
        // GIVEN a page already published
        String bucket = AwsFixtures.bucket(s3, "site");
        S3ArtifactStore store = new S3ArtifactStore(s3, bucket, "");
        Artifact page = Artifact.text("index.html", "one", "text/html; charset=utf-8", Artifact.CachePolicy.SHORT);
        store.put(page);
        String etag = s3.headObject(b -> b.bucket(bucket).key("index.html")).eTag();

        // WHEN the same bytes are put again, then new bytes, then the same bytes with another cache policy
        boolean again = store.put(page);
        boolean changed = store.put(Artifact.text("index.html", "two", "text/html; charset=utf-8", Artifact.CachePolicy.SHORT));
        boolean recached = store.put(Artifact.text("index.html", "two", "text/html; charset=utf-8", Artifact.CachePolicy.IMMUTABLE));

        // THEN only real changes write
        assertThat(again).isFalse();
        assertThat(changed).isTrue();
        assertThat(recached).isTrue();
        assertThat(s3.headObject(b -> b.bucket(bucket).key("index.html")).eTag()).isNotEqualTo(etag);
        assertThat(s3.getObjectAsBytes(b -> b.bucket(bucket).key("index.html")).asUtf8String()).isEqualTo("two");
    }

    @Test
    void artifactsStayUnderTheirPrefixAndDeleteIsIdempotent() {
        // GIVEN a store confined to a prefix
        String bucket = AwsFixtures.bucket(s3, "site");
        S3ArtifactStore store = new S3ArtifactStore(s3, bucket, "public");
        store.put(Artifact.text("feeds/rss.xml", "<rss/>", "application/rss+xml; charset=utf-8", Artifact.CachePolicy.SHORT));

        // WHEN it is deleted twice
        assertThat(keys(bucket)).containsExactly("public/feeds/rss.xml");
        store.delete("feeds/rss.xml");
        store.delete("feeds/rss.xml");

        // THEN it is gone, and the store never names a key outside its prefix
        assertThat(keys(bucket)).isEmpty();
        assertThatThrownBy(() -> store.put(Artifact.text("../state/x", "x", "text/plain", Artifact.CachePolicy.SHORT)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.delete("/abs")).isInstanceOf(IllegalArgumentException.class);
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
