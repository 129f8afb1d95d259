package dev.hubpress.aws;

import dev.hubpress.core.port.ArtifactStore;
import dev.hubpress.core.channel.Artifact;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A channel's published objects in the site bucket, each with its Content-Type and the
 * Cache-Control of its {@link Artifact.CachePolicy}. An S3 put replaces an object whole, so readers
 * never see half of one. An object the caller knows is there (its version known) costs no request,
 * and one the caller knows in another version one PUT;
 * otherwise one HEAD, and an object already there with the same bytes (its {@code x-amz-meta-sha256})
 * and the same headers is not uploaded again; a caller with no record at all lists the prefix once
 * ({@link #heldKeys}: one request per 1,000 keys) and writes what it lacks without a HEAD. Keys stay under the store's prefix. A failing
 * request (S3 unreachable, access denied, …) is an {@link UncheckedIOException} naming the object.
 * An object of {@link #MULTIPART_FROM} bytes or more goes up as a multipart upload (a failed part is
 * retried alone, and a failed upload is aborted so no parts are left to pay for); S3 shows it only
 * once complete, like a put. The client is thread-safe, and so is the store.
 */
public final class S3ArtifactStore implements ArtifactStore {

    /** User metadata holding the SHA-256 of the object's bytes (sent as {@code x-amz-meta-sha256}). */
    public static final String SHA256 = "sha256";

    /**
     * Objects from this size up are uploaded in parts: a 10,000-page guide is ~200 MB, which one
     * signed PUT to s3proxy (128 MB at most) or a flaky link would not carry whole.
     */
    public static final int MULTIPART_FROM = 64 << 20;
    /** S3's smallest part is 5 MiB (all but the last); at most 10,000 parts. */
    static final int SMALLEST_PART = 5 << 20;
    private static final int PART_SIZE = 16 << 20;

    private final S3Client s3;
    private final String bucket;
    private final String prefix;
    private final int multipartFrom;
    private final int partSize;

    public S3ArtifactStore(S3Client s3, String bucket, String prefix) {
        this(s3, bucket, prefix, MULTIPART_FROM, PART_SIZE);
    }

    /** For tests: smaller objects in smaller parts, so the multipart path is cheap to exercise. */
    S3ArtifactStore(S3Client s3, String bucket, String prefix, int multipartFrom, int partSize) {
        if (partSize < SMALLEST_PART || multipartFrom < partSize) {
            throw new IllegalArgumentException("parts of at least 5 MiB, and objects in parts from at least one part: "
                    + multipartFrom + " / " + partSize);
        }
        this.s3 = s3;
        this.bucket = bucket;
        this.prefix = Keys.prefix(prefix);
        this.multipartFrom = multipartFrom;
        this.partSize = partSize;
    }

    @Override
    public boolean put(Artifact artifact, Optional<String> known) {
        Keys.artifact(prefix, artifact.key());
        if (known.isPresent()) {
            // The caller's record names the object there: the same version costs nothing, another is
            // replaced without a HEAD (one that would only find bytes a crashed publish already wrote).
            return !known.get().equals(artifact.version()) && create(artifact);
        }
        return put(artifact);
    }

    @Override
    public boolean put(Artifact artifact) {
        String key = Keys.artifact(prefix, artifact.key());
        try {
            Optional<HeadObjectResponse> existing = head(key);
            if (existing.isPresent() && artifact.digest().equals(existing.get().metadata().get(SHA256))
                    && sameMediaType(artifact.contentType(), existing.get().contentType())
                    && artifact.cache().header().equals(existing.get().cacheControl())) {
                return false;
            }
            upload(key, artifact);
            return true;
        } catch (SdkException e) {
            throw failure("cannot write", key, e);
        }
    }

    @Override
    public boolean create(Artifact artifact) {
        String key = Keys.artifact(prefix, artifact.key());
        try {
            upload(key, artifact);
            return true;
        } catch (SdkException e) {
            throw failure("cannot write", key, e);
        }
    }

    @Override
    public Optional<Set<String>> heldKeys() {
        try {
            return Optional.of(s3.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(prefix)).contents().stream()
                    .map(object -> object.key().substring(prefix.length()))
                    .collect(Collectors.toUnmodifiableSet()));
        } catch (SdkException e) {
            throw failure("cannot list", prefix, e);
        }
    }

    private void upload(String key, Artifact artifact) {
        byte[] bytes = artifact.bytes();
        if (bytes.length >= multipartFrom) {
            uploadInParts(key, artifact, bytes);
            return;
        }
        s3.putObject(b -> b.bucket(bucket).key(key)
                        .contentType(artifact.contentType())
                        .cacheControl(artifact.cache().header())
                        .metadata(Map.of(SHA256, artifact.digest())),
                RequestBody.fromBytes(bytes));
    }

    private void uploadInParts(String key, Artifact artifact, byte[] bytes) {
        String upload = s3.createMultipartUpload(b -> b.bucket(bucket).key(key)
                .contentType(artifact.contentType())
                .cacheControl(artifact.cache().header())
                .metadata(Map.of(SHA256, artifact.digest()))).uploadId();
        try {
            List<CompletedPart> parts = new ArrayList<>();
            for (int from = 0, number = 1; from < bytes.length; from += partSize, number++) {
                int part = number;
                byte[] slice = Arrays.copyOfRange(bytes, from, Math.min(bytes.length, from + partSize));
                String etag = s3.uploadPart(b -> b.bucket(bucket).key(key).uploadId(upload).partNumber(part),
                        RequestBody.fromBytes(slice)).eTag();
                parts.add(CompletedPart.builder().partNumber(part).eTag(etag).build());
            }
            s3.completeMultipartUpload(b -> b.bucket(bucket).key(key).uploadId(upload)
                    .multipartUpload(m -> m.parts(parts)));
        } catch (RuntimeException e) {
            try {
                s3.abortMultipartUpload(b -> b.bucket(bucket).key(key).uploadId(upload));
            } catch (SdkException abort) {
                e.addSuppressed(abort); // the bucket's lifecycle rule clears what is left
            }
            throw e;
        }
    }

    @Override
    public void delete(String key) {
        String full = Keys.artifact(prefix, key);
        try {
            s3.deleteObject(b -> b.bucket(bucket).key(full));
        } catch (SdkException e) {
            throw failure("cannot delete", full, e);
        }
    }

    private UncheckedIOException failure(String what, String key, SdkException e) {
        String message = what + " s3://" + bucket + "/" + key + ": " + e.getMessage();
        return new UncheckedIOException(message, new IOException(message, e));
    }

    /** Content types compared as HTTP does: case and spaces around parameters do not matter. */
    static boolean sameMediaType(String a, String b) {
        return b != null && Artifact.normalMediaType(a).equals(Artifact.normalMediaType(b));
    }

    private Optional<HeadObjectResponse> head(String key) {
        try {
            return Optional.of(s3.headObject(b -> b.bucket(bucket).key(key)));
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return Optional.empty();
            }
            throw e;
        }
    }
}
