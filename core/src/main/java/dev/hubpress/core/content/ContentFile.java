package dev.hubpress.core.content;

import java.util.Arrays;

/**
 * One file of the content tree, as pushed: a path relative to the content root
 * (forward slashes, no leading slash) and its raw bytes. Bytes stay raw so the
 * gate can report invalid UTF-8 with its line instead of silently replacing it.
 */
public record ContentFile(String path, byte[] bytes) {

    public ContentFile {
        if (path == null || path.isBlank()) {
            throw new IllegalArgumentException("content file path is empty");
        }
        bytes = bytes.clone();
    }

    @Override
    public byte[] bytes() {
        return bytes.clone();
    }

    public int size() {
        return bytes.length;
    }

    /** Content address of the blob: lowercase hex SHA-256 of the bytes. */
    public String blobHash() {
        return Hashing.sha256Hex(bytes);
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
