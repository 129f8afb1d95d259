package dev.hubpress.aws;

import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * What an {@link S3ContentSource} remembers, as one object: each content object's listed version
 * and bytes, then a SHA-256 of all of it. A cache, never the truth: anything that does not read
 * back whole is ignored, and a failed write only costs the next cold container its reads.
 */
final class ContentIndex {

    private static final String MAGIC = "hubpress content index 1";

    private ContentIndex() {
    }

    /** The index's entries, by key; empty when there is none or it does not check out. */
    static Map<String, S3ContentSource.Remembered> read(S3Client s3, String bucket, String key) {
        byte[] bytes;
        try {
            bytes = s3.getObjectAsBytes(b -> b.bucket(bucket).key(key)).asByteArray();
        } catch (NoSuchKeyException e) {
            return Map.of();
        } catch (SdkException e) {
            return Map.of(); // read the objects instead
        }
        try {
            return parse(bytes);
        } catch (IOException | RuntimeException e) {
            return Map.of();
        }
    }

    /** Writes the entries; a failure is left for the next read to pay for. */
    static void write(S3Client s3, String bucket, String key, Map<String, S3ContentSource.Remembered> entries) {
        try {
            s3.putObject(b -> b.bucket(bucket).key(key).contentType("application/octet-stream"), RequestBody.fromBytes(format(entries)));
        } catch (SdkException e) {
            // Not the content's truth: the next cold container reads the objects instead.
        }
    }

    static byte[] format(Map<String, S3ContentSource.Remembered> entries) {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(buffer)) {
            out.writeUTF(MAGIC);
            out.writeInt(entries.size());
            for (Map.Entry<String, S3ContentSource.Remembered> e : new TreeMap<>(entries).entrySet()) {
                S3ContentSource.Listed v = e.getValue().version();
                out.writeUTF(e.getKey());
                out.writeUTF(v.eTag());
                out.writeLong(v.size());
                out.writeLong(v.lastModified().getEpochSecond());
                out.writeInt(e.getValue().bytes().length);
                out.write(e.getValue().bytes());
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot happen in memory", e);
        }
        byte[] body = buffer.toByteArray();
        byte[] all = Arrays.copyOf(body, body.length + 32);
        System.arraycopy(sha256(body), 0, all, body.length, 32);
        return all;
    }

    static Map<String, S3ContentSource.Remembered> parse(byte[] all) throws IOException {
        if (all.length < 32) {
            return Map.of();
        }
        byte[] body = Arrays.copyOf(all, all.length - 32);
        if (!MessageDigest.isEqual(sha256(body), Arrays.copyOfRange(all, all.length - 32, all.length))) {
            return Map.of();
        }
        Map<String, S3ContentSource.Remembered> entries = new HashMap<>();
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(body))) {
            if (!MAGIC.equals(in.readUTF())) {
                return Map.of();
            }
            int count = in.readInt();
            for (int i = 0; i < count; i++) {
                String key = in.readUTF();
                String eTag = in.readUTF();
                long size = in.readLong();
                Instant lastModified = Instant.ofEpochSecond(in.readLong());
                byte[] bytes = in.readNBytes(in.readInt());
                entries.put(key, new S3ContentSource.Remembered(new S3ContentSource.Listed(key, eTag, size, lastModified), bytes));
            }
        }
        return entries;
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
