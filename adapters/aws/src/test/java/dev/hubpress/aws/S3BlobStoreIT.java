package dev.hubpress.aws;

import dev.hubpress.aws.testing.AwsFixtures;
import dev.hubpress.aws.testing.Emulators;
import dev.hubpress.core.content.Hashing;
import dev.hubpress.core.port.BlobStore;
import dev.hubpress.core.port.BlobStoreContract;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Blobs in a bucket (s3proxy, or LocalStack), through the production client: the port's contract, and the bucket's keys. */
@ExtendWith(Emulators.class)
class S3BlobStoreIT extends BlobStoreContract {

    private final S3Client s3 = AwsClients.s3();
    private String bucket;

    @Override
    protected BlobStore createStore() {
        bucket = AwsFixtures.bucket(s3, "blobs");
        return new S3BlobStore(s3, bucket, "blobs/");
    }

    /** Another container: another store on the same bucket and prefix. */
    @Override
    protected BlobStore sameStorage() {
        return new S3BlobStore(s3, bucket, "blobs");
    }

    private List<String> keys() {
        return s3.listObjectsV2Paginator(b -> b.bucket(bucket)).contents().stream().map(S3Object::key).toList();
    }

    @Test
    void aBlobIsOneObjectUnderItsHashWrittenOnce() {
        // GIVEN a blob
        byte[] bytes = utf8("hello blob");
        String hash = Hashing.sha256Hex(bytes);
        String key = "blobs/" + hash.substring(0, 2) + "/" + hash.substring(2);

        // WHEN it is put twice (the second put is refused by If-None-Match: * and is no error)
        blobs.put(hash, bytes);
        String etag = s3.headObject(b -> b.bucket(bucket).key(key)).eTag();
        blobs.put(hash, bytes);

        // THEN it is one object under blobs/ab/cdef…, unchanged by the second put
        assertThat(keys()).containsExactly(key);
        assertThat(s3.headObject(b -> b.bucket(bucket).key(key)).eTag()).isEqualTo(etag);
    }
}
