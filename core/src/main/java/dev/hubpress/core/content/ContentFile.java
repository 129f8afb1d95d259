package dev.hubpress.core.content;

import java.util.Arrays;

/**
 * One file of the content tree, as pushed: a path relative to the content root
 * (forward slashes, no leading slash) and its raw bytes. Bytes stay raw so the
 * gate can report invalid UTF-8 with its line instead of silently replacing it.
 * Immutable: the bytes are copied in and out, and their hash is computed once.
 */
public final class ContentFile {

    private final String path;
    private final byte[] bytes;
    private volatile String blobHash;

    public ContentFile(String path, byte[] bytes) {
        if (path == null || path.isBlank()) {
            throw new IllegalArgumentException("content file path is empty");
        }
        this.path = path;
        this.bytes = bytes.clone();
    }

    public String path() {
        return path;
    }

    public byte[] bytes() {
        return bytes.clone();
    }

    public int size() {
        return bytes.length;
    }

    /**
     * Content address of the blob: lowercase hex SHA-256 of the bytes. Asked for by the tree hash,
     * the manifest, the snapshot and the reader's cache: computed on the first ask only.
     */
    public String blobHash() {
        String hash = blobHash;
        if (hash == null) {
            hash = Hashing.sha256Hex(bytes);
            blobHash = hash;
        }
        return hash;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ContentFile other && path.equals(other.path) && Arrays.equals(bytes, other.bytes);
    }

    @Override
    public int hashCode() {
        return 31 * path.hashCode() + Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return "ContentFile[" + path + ", " + bytes.length + " bytes]";
    }
}
