package dev.hubpress.aws;

import dev.hubpress.core.content.ContentFile;
import dev.hubpress.core.content.ContentTree;
import dev.hubpress.core.port.ContentSource;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Object;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The content tree from a bucket's {@code content/} prefix, as {@code aws s3 sync content/ s3://…/content/}
 * leaves it. Like the folder source it leaves out hidden files and folders (a name starting with
 * '.', e.g. {@code .DS_Store}), editor backups ending in '~', and "folder" marker keys ending in '/'.
 * Objects are read a few at a time in parallel; the listing is paginated.
 *
 * <p>A source remembers the objects of its last read by their listed version (ETag, size and
 * last-modified time): the next read lists the prefix and reads only the objects whose version
 * changed, so a warm container reads what a push changed, not the whole tree. With an index
 * object ({@link #S3ContentSource(S3Client, String, String, String, String)}) it writes what it
 * remembers there after a read that changed it, and a source that remembers nothing (a cold
 * container) starts from that index: one request instead of one per object. The index is checked
 * (a SHA-256 over it) and its entries are used only where the listing shows the same version, so a
 * stale, damaged or missing index costs reads, never a wrong byte.
 */
public final class S3ContentSource implements ContentSource {

    private static final int PARALLEL_READS = 8;
    /** The most bytes of content remembered between reads; a larger tree is read whole every time. */
    private static final long MEMORY_BYTES = 128L << 20;

    /**
     * One object under the prefix as the listing shows it.
     *
     * @param lastModified to the second, as S3 lists it
     */
    public record Listed(String key, String eTag, long size, Instant lastModified) {

        /** Whether another listing of this key shows the same object (the same write). */
        boolean sameAs(Listed other) {
            return other != null && eTag.equals(other.eTag) && size == other.size && lastModified.equals(other.lastModified);
        }
    }

    record Remembered(Listed version, byte[] bytes) {
    }

    private final S3Client s3;
    private final String bucket;
    private final String prefix;
    private final int pageSize;
    private final String indexBucket;
    private final String indexKey;
    private volatile Map<String, Remembered> remembered = Map.of();

    public S3ContentSource(S3Client s3, String bucket, String prefix) {
        this(s3, bucket, prefix, 1000, null, null);
    }

    /**
     * A source that keeps what it remembers in an index object between containers.
     *
     * @param indexBucket a private bucket (not the content bucket: a write there would notify the ingest)
     */
    public S3ContentSource(S3Client s3, String bucket, String prefix, String indexBucket, String indexKey) {
        this(s3, bucket, prefix, 1000, indexBucket, indexKey);
    }

    /** With a listing page size of its own (tests page through small trees). */
    S3ContentSource(S3Client s3, String bucket, String prefix, int pageSize) {
        this(s3, bucket, prefix, pageSize, null, null);
    }

    private S3ContentSource(S3Client s3, String bucket, String prefix, int pageSize, String indexBucket, String indexKey) {
        this.s3 = s3;
        this.bucket = bucket;
        this.prefix = Keys.prefix(prefix);
        this.pageSize = pageSize;
        this.indexBucket = indexBucket;
        this.indexKey = indexKey;
    }

    public String bucket() {
        return bucket;
    }

    public String prefix() {
        return prefix;
    }

    /** Whether an object key (under the prefix) is part of the content tree. */
    public boolean includes(String key) {
        if (!key.startsWith(prefix) || key.length() == prefix.length() || key.endsWith("/")) {
            return false;
        }
        for (String part : key.substring(prefix.length()).split("/")) {
            if (part.isEmpty() || part.startsWith(".") || part.endsWith("~")) {
                return false;
            }
        }
        return true;
    }

    /**
     * Every object under the prefix as it is now, by key in key order: content, hidden files (a push
     * marker) and backups alike, as the bucket's notifications see them. One request per 1,000 keys.
     *
     * @throws UncheckedIOException when the bucket cannot be listed
     */
    public Map<String, Listed> list() {
        Map<String, Listed> listed = new TreeMap<>();
        try {
            for (S3Object object : s3.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(prefix).maxKeys(pageSize)).contents()) {
                listed.put(object.key(), new Listed(object.key(), String.valueOf(object.eTag()), object.size(),
                        object.lastModified().truncatedTo(ChronoUnit.SECONDS)));
            }
        } catch (SdkException e) {
            throw new UncheckedIOException(new IOException("cannot list s3://" + bucket + "/" + prefix + ": " + e.getMessage(), e));
        }
        return listed;
    }

    @Override
    public ContentTree read() {
        List<Listed> objects = list().values().stream().filter(o -> includes(o.key())).toList();
        Map<String, Remembered> known = remembered;
        if (known.isEmpty() && indexBucket != null) {
            known = ContentIndex.read(s3, indexBucket, indexKey);
        }
        List<Remembered> contents = new ArrayList<>(objects.size());
        List<Integer> toRead = new ArrayList<>();
        for (Listed object : objects) {
            Remembered r = known.get(object.key());
            contents.add(r != null && r.version().sameAs(object) ? r : null);
            if (contents.get(contents.size() - 1) == null) {
                toRead.add(contents.size() - 1);
            }
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(PARALLEL_READS, toRead.size())));
        try {
            List<Future<Remembered>> reads = new ArrayList<>();
            for (int i : toRead) {
                Listed object = objects.get(i);
                reads.add(pool.submit(() -> get(object)));
            }
            for (int r = 0; r < reads.size(); r++) {
                int i = toRead.get(r);
                try {
                    contents.set(i, reads.get(r).get());
                } catch (ExecutionException e) {
                    throw new UncheckedIOException(new IOException("cannot read s3://" + bucket + "/" + objects.get(i).key() + ": "
                            + e.getCause().getMessage(), e.getCause()));
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UncheckedIOException(new IOException("interrupted reading s3://" + bucket + "/" + prefix, e));
        } finally {
            pool.shutdownNow();
        }
        List<ContentFile> files = new ArrayList<>(objects.size());
        Map<String, Remembered> next = new HashMap<>();
        long bytes = 0;
        for (int i = 0; i < objects.size(); i++) {
            Remembered r = contents.get(i);
            files.add(new ContentFile(objects.get(i).key().substring(prefix.length()), r.bytes()));
            bytes += r.bytes().length;
            next.put(objects.get(i).key(), r);
        }
        remembered = bytes <= MEMORY_BYTES ? next : Map.of();
        if (indexBucket != null && bytes <= MEMORY_BYTES && (!toRead.isEmpty() || !next.keySet().equals(known.keySet()))) {
            ContentIndex.write(s3, indexBucket, indexKey, next);
        }
        return new ContentTree(files);
    }

    /** One object's bytes, remembered under the version the read returned (the object may have changed since the listing). */
    private Remembered get(Listed listed) {
        ResponseBytes<GetObjectResponse> object = s3.getObjectAsBytes(b -> b.bucket(bucket).key(listed.key()));
        GetObjectResponse response = object.response();
        Listed read = new Listed(listed.key(), String.valueOf(response.eTag()),
                response.contentLength() == null ? object.asByteArray().length : response.contentLength(),
                response.lastModified() == null ? Instant.EPOCH : response.lastModified().truncatedTo(ChronoUnit.SECONDS));
        return new Remembered(read, object.asByteArray());
    }
}
