package dev.hubpress.aws;

import dev.hubpress.core.port.RenderCache;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The render cache in a bucket: one object per name, {@code <prefix><name>}, so a cold container
 * gets what the last one computed with one GET per kind of value instead of parsing and rendering
 * the whole hub. A PUT replaces an object whole: a reader sees the old bytes, the new ones or none,
 * never a mix. The name is checked ({@link RenderCache#requireName}) before any request, so no key
 * leaves the prefix.
 *
 * <p>The bucket is a cache, never the truth, so no failure of it fails a publish: a GET that finds
 * nothing ({@code NoSuchKey}) or fails in any other way (bucket missing, access denied, S3
 * unreachable after the SDK's retries) is a miss, and a PUT that fails is a value lost. The
 * failures other than a missing object are counted ({@link #failures()}): the channel functions
 * log and emit them, since a cache that always fails (a policy that denies its prefix) would
 * otherwise only show as every publish rendering everything. The client is thread-safe, and so
 * is the cache.
 */
public final class S3RenderCache implements RenderCache {

    private final S3Client s3;
    private final String bucket;
    private final String prefix;
    private final AtomicLong failures = new AtomicLong();

    /**
     * @param bucket a private bucket (the state bucket): what is cached there is no one else's to read
     * @param prefix the key prefix of every object, empty or a folder ({@code cache/render/})
     */
    public S3RenderCache(S3Client s3, String bucket, String prefix) {
        this.s3 = s3;
        this.bucket = bucket;
        this.prefix = Keys.prefix(prefix);
    }

    @Override
    public Optional<byte[]> get(String name) {
        String key = prefix + RenderCache.requireName(name);
        try {
            return Optional.of(s3.getObjectAsBytes(b -> b.bucket(bucket).key(key)).asByteArray());
        } catch (NoSuchKeyException e) {
            return Optional.empty(); // nothing kept under that name
        } catch (SdkException e) {
            // Refused or unanswered: a miss too, computed again, but counted.
            failures.incrementAndGet();
            return Optional.empty();
        }
    }

    @Override
    public void put(String name, byte[] bytes) {
        String key = prefix + RenderCache.requireName(name);
        try {
            s3.putObject(b -> b.bucket(bucket).key(key).contentType("application/octet-stream"), RequestBody.fromBytes(bytes));
        } catch (SdkException e) {
            // Lost: the next cold container computes these values again.
            failures.incrementAndGet();
        }
    }

    @Override
    public long failures() {
        return failures.get();
    }
}
