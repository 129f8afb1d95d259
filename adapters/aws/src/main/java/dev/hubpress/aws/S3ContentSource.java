package dev.hubpress.aws;

import dev.hubpress.core.content.ContentFile;
import dev.hubpress.core.content.ContentTree;
import dev.hubpress.core.port.ContentSource;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The content tree from a bucket's {@code content/} prefix, as {@code aws s3 sync content/ s3://…/content/}
 * leaves it. Like the folder source it leaves out hidden files and folders (a name starting with
 * '.', e.g. {@code .DS_Store}), editor backups ending in '~', and "folder" marker keys ending in '/'.
 * Objects are read a few at a time in parallel; the listing is paginated.
 */
public final class S3ContentSource implements ContentSource {

    private static final int PARALLEL_READS = 8;

    private final S3Client s3;
    private final String bucket;
    private final String prefix;
    private final int pageSize;

    public S3ContentSource(S3Client s3, String bucket, String prefix) {
        this(s3, bucket, prefix, 1000);
    }

    /** With a listing page size of its own (tests page through small trees). */
    S3ContentSource(S3Client s3, String bucket, String prefix, int pageSize) {
        this.s3 = s3;
        this.bucket = bucket;
        this.prefix = Keys.prefix(prefix);
        this.pageSize = pageSize;
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

    @Override
    public ContentTree read() {
        List<String> keys = new ArrayList<>();
        try {
            for (S3Object object : s3.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(prefix).maxKeys(pageSize)).contents()) {
                if (includes(object.key())) {
                    keys.add(object.key());
                }
            }
        } catch (SdkException e) {
            throw new UncheckedIOException(new IOException("cannot list s3://" + bucket + "/" + prefix + ": " + e.getMessage(), e));
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(PARALLEL_READS, keys.size())));
        try {
            List<Future<ContentFile>> reads = new ArrayList<>();
            for (String key : keys) {
                reads.add(pool.submit(() -> new ContentFile(key.substring(prefix.length()),
                        s3.getObjectAsBytes(b -> b.bucket(bucket).key(key)).asByteArray())));
            }
            List<ContentFile> files = new ArrayList<>();
            for (int i = 0; i < reads.size(); i++) {
                try {
                    files.add(reads.get(i).get());
                } catch (ExecutionException e) {
                    throw new UncheckedIOException(new IOException("cannot read s3://" + bucket + "/" + keys.get(i) + ": "
                            + e.getCause().getMessage(), e.getCause()));
                }
            }
            return new ContentTree(files);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UncheckedIOException(new IOException("interrupted reading s3://" + bucket + "/" + prefix, e));
        } finally {
            pool.shutdownNow();
        }
    }
}
