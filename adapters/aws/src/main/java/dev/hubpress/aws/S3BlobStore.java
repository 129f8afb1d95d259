package dev.hubpress.aws;

import dev.hubpress.core.port.BlobStore;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

import java.util.Optional;

/**
 * Content-addressed blobs in a bucket: {@code <prefix>ab/cdef…} where {@code abcdef…} is the SHA-256
 * of the bytes. A put is conditional ({@code If-None-Match: *}), so a blob is written at most once
 * and a retried ingest writes nothing: 412 (or 409 for a concurrent identical write) means the blob
 * is already there.
 */
public final class S3BlobStore implements BlobStore {

    private final S3Client s3;
    private final String bucket;
    private final String prefix;

    public S3BlobStore(S3Client s3, String bucket, String prefix) {
        this.s3 = s3;
        this.bucket = bucket;
        this.prefix = Keys.prefix(prefix);
    }

    @Override
    public void put(String hash, byte[] bytes) {
        String key = Keys.blob(prefix, hash);
        BlobStore.requireHashOf(hash, bytes);
        try {
            s3.putObject(b -> b.bucket(bucket).key(key).ifNoneMatch("*").contentType("application/octet-stream"),
                    RequestBody.fromBytes(bytes));
        } catch (S3Exception e) {
            if (e.statusCode() != 412 && e.statusCode() != 409) {
                throw e;
            }
        }
    }

    @Override
    public Optional<byte[]> get(String hash) {
        String key = Keys.blob(prefix, hash);
        try {
            return Optional.of(s3.getObjectAsBytes(b -> b.bucket(bucket).key(key)).asByteArray());
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        }
    }
}
