package dev.hubpress.aws;

import dev.hubpress.core.port.ArtifactStore;
import dev.hubpress.core.channel.Artifact;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A channel's published objects in the site bucket, each with its Content-Type and the
 * Cache-Control of its {@link Artifact.CachePolicy}. An S3 put replaces an object whole, so readers
 * never see half of one. An object the caller knows is there (its version known) costs no request;
 * otherwise one HEAD, and an object already there with the same bytes (its {@code x-amz-meta-sha256})
 * and the same headers is not uploaded again; a caller with no record at all lists the prefix once
 * ({@link #heldKeys}: one request per 1,000 keys) and writes what it lacks without a HEAD. Keys stay under the store's prefix. A failing
 * request (S3 unreachable, access denied, …) is an {@link UncheckedIOException} naming the object.
 * The client is thread-safe, and so is the store.
 */
public final class S3ArtifactStore implements ArtifactStore {

    /** User metadata holding the SHA-256 of the object's bytes (sent as {@code x-amz-meta-sha256}). */
    public static final String SHA256 = "sha256";

    private final S3Client s3;
    private final String bucket;
    private final String prefix;

    public S3ArtifactStore(S3Client s3, String bucket, String prefix) {
        this.s3 = s3;
        this.bucket = bucket;
        this.prefix = Keys.prefix(prefix);
    }

    @Override
    public boolean put(Artifact artifact, Optional<String> known) {
        Keys.artifact(prefix, artifact.key());
        if (known.isPresent() && known.get().equals(artifact.version())) {
            return false;
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
        s3.putObject(b -> b.bucket(bucket).key(key)
                        .contentType(artifact.contentType())
                        .cacheControl(artifact.cache().header())
                        .metadata(Map.of(SHA256, artifact.digest())),
                RequestBody.fromBytes(artifact.bytes()));
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
