package dev.hubpress.aws;

import dev.hubpress.aws.testing.AwsFixtures;
import dev.hubpress.aws.testing.Emulators;
import dev.hubpress.aws.testing.RequestCounter;
import dev.hubpress.core.channel.Artifact;
import dev.hubpress.core.port.ArtifactStore;
import dev.hubpress.core.port.ArtifactStoreContract;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Object;

import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The site bucket (s3proxy, or LocalStack), through the production client, with the store confined
 * to a prefix: the port's contract (keys read back relative to the prefix, so an object outside it
 * would show), and what is S3's own (the digest metadata, ETags).
 */
@ExtendWith(Emulators.class)
class S3ArtifactStoreIT extends ArtifactStoreContract {

    private static final String PREFIX = "public/";

    private final S3Client s3 = AwsClients.s3();
    private String bucket;

    @Override
    protected ArtifactStore createStore() {
        bucket = AwsFixtures.bucket(s3, "site");
        return new S3ArtifactStore(s3, bucket, "public");
    }

    @Override
    protected Optional<Stored> read(String key) {
        try {
            ResponseBytes<GetObjectResponse> object = s3.getObjectAsBytes(b -> b.bucket(bucket).key(PREFIX + key));
            return Optional.of(new Stored(object.asByteArray(), object.response().contentType(), object.response().cacheControl()));
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        }
    }

    /** Every key of the bucket, relative to the prefix; one outside it shows as {@code ../…}. */
    @Override
    protected List<String> keys() {
        return s3.listObjectsV2Paginator(b -> b.bucket(bucket)).contents().stream().map(S3Object::key)
                .map(k -> k.startsWith(PREFIX) ? k.substring(PREFIX.length()) : "../" + k).sorted().toList();
    }

    @Override
    protected boolean keepsHeaders() {
        return true;
    }

    /** A store on the same bucket and prefix whose client counts its requests. */
    private S3ArtifactStore counting(RequestCounter requests) {
        return new S3ArtifactStore(AwsClients.s3Builder().overrideConfiguration(o -> o.addExecutionInterceptor(requests)).build(),
                bucket, "public");
    }

    private HeadObjectResponse head(String key) {
        return s3.headObject(b -> b.bucket(bucket).key(PREFIX + key));
    }

    @Test
    void anObjectCarriesTheDigestOfItsBytesAndItsHeadersAsSent() {
        // GIVEN a page and an asset
        Artifact page = Artifact.text("careers/senior.html", "<!doctype html><title>x</title>", "text/html; charset=utf-8",
                Artifact.CachePolicy.SHORT);
        Artifact css = Artifact.text("assets/site.0123abcd.css", "body{}", "text/css; charset=utf-8", Artifact.CachePolicy.IMMUTABLE);

        // WHEN both are put
        store.put(page);
        store.put(css);

        // THEN each object has the headers its artifact asks for, and the SHA-256 of its bytes as metadata
        HeadObjectResponse html = head("careers/senior.html");
        // (s3proxy drops the space before "charset"; S3 keeps the header as sent)
        assertThat(html.contentType().replace(" ", "")).isEqualTo("text/html;charset=utf-8");
        assertThat(html.cacheControl()).isEqualTo("public, max-age=300, must-revalidate");
        assertThat(html.metadata()).containsEntry("sha256", page.digest());
        assertThat(head("assets/site.0123abcd.css").cacheControl()).isEqualTo("public, max-age=31536000, immutable");
    }

    @Test
    void anUnchangedArtifactIsNotUploadedAgainAndAChangedOneIsReplaced() {
        // GIVEN a page already published
        Artifact page = Artifact.text("index.html", "one", "text/html; charset=utf-8", Artifact.CachePolicy.SHORT);
        store.put(page);
        String etag = head("index.html").eTag();

        // WHEN the same bytes are put again, then new bytes
        store.put(page);
        String unchanged = head("index.html").eTag();
        store.put(Artifact.text("index.html", "two", "text/html; charset=utf-8", Artifact.CachePolicy.SHORT));

        // THEN the object was not uploaded again, and then replaced
        assertThat(unchanged).isEqualTo(etag);
        assertThat(head("index.html").eTag()).isNotEqualTo(etag);
    }

    @Test
    void anObjectWhoseVersionTheCallerKnowsCostsNoRequestAndAChangedOneOnePut() {
        // GIVEN a page published, and a store on a client that counts its requests
        Artifact page = Artifact.text("index.html", "one", "text/html; charset=utf-8", Artifact.CachePolicy.SHORT);
        store.put(page);
        RequestCounter requests = new RequestCounter();
        S3ArtifactStore counting = counting(requests);

        // WHEN the same page is put with its version known
        boolean again = counting.put(page, Optional.of(page.version()));
        long known = requests.total("S3");
        // AND a changed page is put with the old version known
        boolean changed = counting.put(Artifact.text("index.html", "two", "text/html; charset=utf-8", Artifact.CachePolicy.SHORT),
                Optional.of(page.version()));

        // THEN the first made no request at all, the second one PUT (no HEAD: the caller's record says what is there)
        assertThat(again).isFalse();
        assertThat(known).isZero();
        assertThat(changed).isTrue();
        assertThat(requests.counts()).containsExactly(java.util.Map.entry("S3 PutObject", 1L));
        assertThat(head("index.html").metadata()).containsEntry("sha256",
                Artifact.text("index.html", "two", "text/html; charset=utf-8", Artifact.CachePolicy.SHORT).digest());
        assertThat(read("index.html").orElseThrow().text()).isEqualTo("two");
    }

    @Test
    void aListingNamesTheKeysUnderThePrefixAndACreatedObjectCostsOnePutWithItsHeaders() {
        // GIVEN one object inside the store's prefix and one outside it, and a store on a counting client
        store.put(Artifact.text("index.html", "one", "text/html; charset=utf-8", Artifact.CachePolicy.SHORT));
        s3.putObject(b -> b.bucket(bucket).key("elsewhere.txt"), software.amazon.awssdk.core.sync.RequestBody.fromString("x"));
        RequestCounter requests = new RequestCounter();
        S3ArtifactStore counting = counting(requests);

        // WHEN the store is listed, and an object it lacks is created
        java.util.Set<String> held = counting.heldKeys().orElseThrow();
        Artifact page = Artifact.text("careers/senior.html", "two", "text/html; charset=utf-8", Artifact.CachePolicy.SHORT);
        boolean written = counting.create(page);

        // THEN the listing holds exactly the prefix's key, relative to it, and the object was written
        // by one PUT (no HEAD) with its headers and digest
        assertThat(held).containsExactly("index.html");
        assertThat(written).isTrue();
        assertThat(requests.counts()).containsExactly(java.util.Map.entry("S3 ListObjectsV2", 1L), java.util.Map.entry("S3 PutObject", 1L));
        assertThat(head("careers/senior.html").metadata()).containsEntry("sha256", page.digest());
        assertThat(head("careers/senior.html").cacheControl()).isEqualTo("public, max-age=300, must-revalidate");
    }

    @Test
    void aBigArtifactGoesUpInPartsAndReadsBackWholeWithItsHeadersAndDigest() {
        // GIVEN a store that uploads from 6 MiB in parts of 5 MiB, on a counting client, and a 12 MiB guide
        RequestCounter requests = new RequestCounter();
        S3Client counted = AwsClients.s3Builder().overrideConfiguration(o -> o.addExecutionInterceptor(requests)).build();
        S3ArtifactStore inParts = new S3ArtifactStore(counted, bucket, "public", 6 << 20, 5 << 20);
        Artifact guide = pdf("guide/hub.pdf", (12 << 20) + 7);

        // WHEN it is put, and put again unchanged
        boolean written = inParts.put(guide);
        boolean again = inParts.put(guide);

        // THEN it went up in three parts, reads back byte for byte with its headers and digest, and the
        // second put found it unchanged
        assertThat(written).isTrue();
        assertThat(again).isFalse();
        assertThat(requests.counts()).containsExactly(java.util.Map.entry("S3 CompleteMultipartUpload", 1L),
                java.util.Map.entry("S3 CreateMultipartUpload", 1L), java.util.Map.entry("S3 HeadObject", 2L),
                java.util.Map.entry("S3 UploadPart", 3L));
        Stored stored = read("guide/hub.pdf").orElseThrow();
        assertThat(stored.bytes()).isEqualTo(guide.bytes());
        assertThat(stored.cacheControl()).isEqualTo(guide.cache().header());
        assertThat(head("guide/hub.pdf").metadata()).containsEntry("sha256", guide.digest());
        assertThat(head("guide/hub.pdf").contentType()).isEqualTo("application/pdf");
    }

    @Test
    void aGuideLargerThanOneSignedPutToTheEmulatorCarriesIsPublished() {
        // GIVEN a 130 MiB guide: s3proxy takes at most 128 MiB in one signed PUT (a 10,000-page guide is ~200 MB)
        Artifact guide = pdf("guide/big.pdf", 130 << 20);

        // WHEN the store (its defaults) puts it
        store.put(guide);

        // THEN the object is whole
        HeadObjectResponse head = head("guide/big.pdf");
        assertThat(head.contentLength()).isEqualTo(130L << 20);
        assertThat(head.metadata()).containsEntry("sha256", guide.digest());
        assertThat(dev.hubpress.core.content.Hashing.sha256Hex(
                s3.getObjectAsBytes(b -> b.bucket(bucket).key(PREFIX + "guide/big.pdf")).asByteArray())).isEqualTo(guide.digest());
    }

    @Test
    void aPartThatFailsAbortsTheUploadLeavingNeitherAnObjectNorParts() {
        // GIVEN a client whose second part fails (a dropped connection, after the SDK's retries)
        java.util.concurrent.atomic.AtomicInteger parts = new java.util.concurrent.atomic.AtomicInteger();
        software.amazon.awssdk.core.interceptor.ExecutionInterceptor failing = new software.amazon.awssdk.core.interceptor.ExecutionInterceptor() {
            @Override
            public void beforeExecution(software.amazon.awssdk.core.interceptor.Context.BeforeExecution context,
                                        software.amazon.awssdk.core.interceptor.ExecutionAttributes attributes) {
                if (context.request() instanceof software.amazon.awssdk.services.s3.model.UploadPartRequest
                        && parts.incrementAndGet() == 2) {
                    throw software.amazon.awssdk.core.exception.SdkClientException.create("Connection reset");
                }
            }
        };
        S3Client flaky = AwsClients.s3Builder().overrideConfiguration(o -> o.addExecutionInterceptor(failing)).build();
        S3ArtifactStore inParts = new S3ArtifactStore(flaky, bucket, "public", 6 << 20, 5 << 20);

        // WHEN a 12 MiB guide is put
        // THEN the failure names the object, and no object and no unfinished upload is left behind
        assertThatThrownBy(() -> inParts.put(pdf("guide/hub.pdf", 12 << 20)))
                .isInstanceOf(java.io.UncheckedIOException.class)
                .hasMessageContaining("cannot write s3://" + bucket + "/public/guide/hub.pdf")
                .hasMessageContaining("Connection reset");
        assertThat(read("guide/hub.pdf")).isEmpty();
        assertThat(s3.listMultipartUploads(b -> b.bucket(bucket)).uploads()).isEmpty();
    }

    @ParameterizedTest(name = "written at once: {0}")
    @ValueSource(booleans = {false, true})
    void aBigObjectWhoseBytesAnotherKeyHasJustGotIsCopiedInTheBucketNotUploadedAgain(boolean atOnce) {
        // GIVEN a store on a counting client, and one 2 MiB book published under two keys with their own headers
        RequestCounter requests = new RequestCounter();
        S3ArtifactStore counting = counting(requests);
        Artifact latest = pdf("guide/hub.pdf", 2 << 20);
        Artifact revision = revisionCopy(latest, "guide/r7.pdf");

        // WHEN the latest copy is written, then this revision's; or both at once on two threads, as a publish writes them
        List<Boolean> written = atOnce ? dev.hubpress.core.work.Requests.map(List.of(latest, revision), counting::create)
                : List.of(counting.create(latest), counting.create(revision));

        // THEN the bytes went up once (at once, one write waited for the other): the second object is a copy in the
        // bucket, with its own Cache-Control and the digest
        assertThat(written).containsExactly(true, true);
        assertThat(requests.counts()).containsExactly(java.util.Map.entry("S3 CopyObject", 1L), java.util.Map.entry("S3 PutObject", 1L));
        assertThat(read("guide/r7.pdf").orElseThrow().bytes()).isEqualTo(latest.bytes());
        assertThat(read("guide/hub.pdf").orElseThrow().bytes()).isEqualTo(latest.bytes());
        assertThat(head("guide/r7.pdf").cacheControl()).isEqualTo("public, max-age=31536000, immutable");
        assertThat(head("guide/r7.pdf").contentType()).isEqualTo("application/pdf");
        assertThat(head("guide/r7.pdf").metadata()).containsEntry("sha256", latest.digest());
        assertThat(head("guide/hub.pdf").cacheControl()).isEqualTo("public, max-age=300, must-revalidate");
    }

    @Test
    void aBigObjectWhoseSourceWasReplacedMeanwhileIsUploadedNotCopied() {
        // GIVEN a book written by a counting store, then replaced by other bytes behind its back
        RequestCounter requests = new RequestCounter();
        S3ArtifactStore counting = counting(requests);
        Artifact book = pdf("guide/hub.pdf", 2 << 20);
        counting.create(book);
        s3.putObject(b -> b.bucket(bucket).key(PREFIX + "guide/hub.pdf"), software.amazon.awssdk.core.sync.RequestBody.fromString("newer"));

        // WHEN the same bytes are written under another key
        counting.create(revisionCopy(book, "guide/r7.pdf"));

        // THEN the copy's condition failed and the bytes were uploaded: the object holds the book, not what replaced its source
        assertThat(requests.counts()).containsExactly(java.util.Map.entry("S3 CopyObject", 1L), java.util.Map.entry("S3 PutObject", 2L));
        assertThat(read("guide/r7.pdf").orElseThrow().bytes()).isEqualTo(book.bytes());
        assertThat(read("guide/hub.pdf").orElseThrow().text()).isEqualTo("newer");
    }

    /** The same bytes under another key, cached for good, as the guide publishes each revision's copy. */
    private static Artifact revisionCopy(Artifact book, String key) {
        return new Artifact(key, book.bytes(), book.contentType(), Artifact.CachePolicy.IMMUTABLE);
    }

    /** A PDF-typed artifact of {@code size} bytes that differ from one another (no part is like another). */
    private static Artifact pdf(String key, int size) {
        byte[] bytes = new byte[size];
        new java.util.Random(size).nextBytes(bytes);
        return new Artifact(key, bytes, "application/pdf", Artifact.CachePolicy.SHORT);
    }

    @Test
    void theStoreNeverNamesAKeyOutsideItsPrefix() {
        // GIVEN a store confined to "public/" and one object in it
        store.put(Artifact.text("feeds/rss.xml", "<rss/>", "application/rss+xml; charset=utf-8", Artifact.CachePolicy.SHORT));

        // WHEN / THEN its object is under the prefix, and keys that would leave it are refused
        assertThat(s3.listObjectsV2Paginator(b -> b.bucket(bucket)).contents()).extracting(S3Object::key)
                .containsExactly("public/feeds/rss.xml");
        assertThatThrownBy(() -> store.put(Artifact.text("../state/x", "x", "text/plain", Artifact.CachePolicy.SHORT)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.delete("/abs")).isInstanceOf(IllegalArgumentException.class);
    }
}
