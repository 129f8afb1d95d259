package dev.hubpress.aws;

import dev.hubpress.aws.testing.AwsFixtures;
import dev.hubpress.aws.testing.Emulators;
import dev.hubpress.core.port.RenderCache;
import dev.hubpress.core.port.RenderCacheContract;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

/**
 * The render cache in a bucket (s3proxy, or LocalStack), through the production client: the
 * port's contract, the bucket's keys, and a bucket that fails being a cache that has nothing.
 */
@ExtendWith(Emulators.class)
class S3RenderCacheIT extends RenderCacheContract {

    private static final String PREFIX = "cache/render/";

    private final S3Client s3 = AwsClients.s3();
    private String bucket;

    @Override
    protected RenderCache createCache() {
        bucket = AwsFixtures.bucket(s3, "state");
        return new S3RenderCache(s3, bucket, PREFIX);
    }

    /** Another container: another cache on the same bucket and prefix. */
    @Override
    protected RenderCache sameStorage() {
        return new S3RenderCache(s3, bucket, "cache/render");
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private List<String> keys() {
        return s3.listObjectsV2Paginator(b -> b.bucket(bucket)).contents().stream().map(S3Object::key).sorted().toList();
    }

    @Test
    void eachNameIsOneObjectUnderThePrefix() {
        // GIVEN two values put, one of them twice
        cache.put("site-bodies", utf8("one"));
        cache.put("site-bodies", utf8("two"));
        cache.put("page-outlines", utf8("three"));

        // THEN the bucket holds exactly one object per name, under the prefix, the last bytes put
        assertThat(keys()).containsExactly(PREFIX + "page-outlines", PREFIX + "site-bodies");
        assertThat(s3.getObjectAsBytes(b -> b.bucket(bucket).key(PREFIX + "site-bodies")).asUtf8String()).isEqualTo("two");
    }

    @Test
    void twoPrefixesAreKeptApart() {
        // GIVEN a value under one name in two caches on the same bucket, under two prefixes
        RenderCache other = new S3RenderCache(s3, bucket, "cache/other/");
        cache.put("site-bodies", utf8("render"));
        other.put("site-bodies", utf8("other"));

        // THEN each reads back its own, and a name put in one only is a miss in the other
        cache.put("feed-bodies", utf8("feeds"));
        assertThat(sameStorage().get("site-bodies")).hasValueSatisfying(b -> assertThat(b).isEqualTo(utf8("render")));
        assertThat(other.get("site-bodies")).hasValueSatisfying(b -> assertThat(b).isEqualTo(utf8("other")));
        assertThat(other.get("feed-bodies")).isEmpty();
    }

    @Test
    void aBucketThatDoesNotExistIsACacheThatHasNothing() {
        // GIVEN a cache on a bucket nobody created
        RenderCache missing = new S3RenderCache(s3, AwsFixtures.unique("no-such-bucket"), PREFIX);

        // WHEN a value is put and got, THEN the put does not throw and the get is a miss
        assertThatCode(() -> missing.put("site-bodies", utf8("lost"))).doesNotThrowAnyException();
        assertThat(missing.get("site-bodies")).isEmpty();
        // AND both count as failures, for the function to log and emit
        assertThat(missing.failures()).isEqualTo(2);
    }

    @Test
    void aNameWithNothingUnderItIsAMissNotAFailure() {
        // GIVEN the cache on its bucket, a value put under one name
        cache.put("site-bodies", utf8("kept"));

        // WHEN another name is got
        // THEN it is a miss, and neither that nor the put counts as a failure
        assertThat(cache.get("page-outlines")).isEmpty();
        assertThat(cache.failures()).isZero();
    }

    @Test
    void anUnreachableEndpointIsACacheThatHasNothing() {
        // GIVEN a cache whose client points at a loopback port nothing listens on
        try (S3Client unreachable = AwsClients.s3Builder().endpointOverride(Emulators.deadEndpoint()).build()) {
            RenderCache cache = new S3RenderCache(unreachable, bucket, PREFIX);

            // WHEN a value is put and got, THEN the put does not throw and the get is a miss, both counted
            assertThatCode(() -> cache.put("site-bodies", utf8("lost"))).doesNotThrowAnyException();
            assertThat(cache.get("site-bodies")).isEmpty();
            assertThat(cache.failures()).isEqualTo(2);
        }
        // AND nothing reached the real bucket
        assertThat(keys()).isEmpty();
    }
}
