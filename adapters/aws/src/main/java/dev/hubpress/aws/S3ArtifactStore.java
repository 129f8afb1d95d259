package dev.hubpress.aws;

import dev.hubpress.core.port.ArtifactStore;
import dev.hubpress.core.channel.Artifact;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.MetadataDirective;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
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
 * once complete, like a put. An object of {@link #COPY_FROM} bytes or more whose bytes the store
 * has just written under another key (the guide's latest copy and this revision's are one book) is
 * copied inside the bucket instead of uploaded again, if that key still holds them (its ETag as
 * written); otherwise it is uploaded. The client is thread-safe, and so is the store.
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
    /**
     * Objects from this size up are copied from another key holding their bytes, when the store
     * wrote one lately: below it a copy saves too little upload to be worth a request of its own.
     */
    public static final int COPY_FROM = 1 << 20;
    /** How many of the latest big objects the store remembers by their bytes' digest. */
    private static final int REMEMBERED = 16;

    private final S3Client s3;
    private final String bucket;
    private final String prefix;
    private final int multipartFrom;
    private final int partSize;
    /**
     * The latest big objects written, by their bytes' digest: where and as which ETag, or empty when
     * the write failed; not done yet while another thread writes them. A second write of the same
     * bytes waits for the first, then copies it.
     */
    private final Map<String, CompletableFuture<Optional<Written>>> written = new LinkedHashMap<>(REMEMBERED, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, CompletableFuture<Optional<Written>>> eldest) {
            return size() > REMEMBERED;
        }
    };

    /** A big object as the store wrote it: its full key, and the ETag S3 answered. */
    private record Written(String key, String etag) {
    }

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
        if (bytes.length < COPY_FROM) {
            send(key, artifact, bytes);
            return;
        }
        CompletableFuture<Optional<Written>> mine = new CompletableFuture<>();
        CompletableFuture<Optional<Written>> earlier;
        synchronized (written) {
            earlier = written.put(artifact.digest(), mine);
        }
        Optional<Written> done = Optional.empty();
        try {
            Optional<Written> same = earlier == null ? Optional.empty() : earlier.join();
            if (same.isPresent() && !same.get().key().equals(key)) {
                done = copy(same.get(), key, artifact);
            }
            if (done.isEmpty()) {
                done = Optional.of(new Written(key, send(key, artifact, bytes)));
            }
        } finally {
            mine.complete(done);
        }
    }

    /**
     * The bytes of {@code from} copied to {@code key} inside the bucket, with the artifact's headers,
     * if {@code from} still has the ETag it was written with; empty when it has not (another write
     * replaced it since) or the copy failed in any way, and the caller uploads instead.
     */
    private Optional<Written> copy(Written from, String key, Artifact artifact) {
        try {
            String etag = s3.copyObject(b -> b.sourceBucket(bucket).sourceKey(from.key()).copySourceIfMatch(from.etag())
                    .destinationBucket(bucket).destinationKey(key)
                    .metadataDirective(MetadataDirective.REPLACE)
                    .contentType(artifact.contentType())
                    .cacheControl(artifact.cache().header())
                    .metadata(Map.of(SHA256, artifact.digest()))).copyObjectResult().eTag();
            return Optional.of(new Written(key, etag));
        } catch (SdkException e) {
            return Optional.empty();
        }
    }

    /** Uploads the bytes whole or in parts; the ETag S3 answers. */
    private String send(String key, Artifact artifact, byte[] bytes) {
        if (bytes.length >= multipartFrom) {
            return uploadInParts(key, artifact, bytes);
        }
        return s3.putObject(b -> b.bucket(bucket).key(key)
                        .contentType(artifact.contentType())
                        .cacheControl(artifact.cache().header())
                        .metadata(Map.of(SHA256, artifact.digest())),
                RequestBody.fromBytes(bytes)).eTag();
    }

    private String uploadInParts(String key, Artifact artifact, byte[] bytes) {
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
            return s3.completeMultipartUpload(b -> b.bucket(bucket).key(key).uploadId(upload)
                    .multipartUpload(m -> m.parts(parts))).eTag();
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
