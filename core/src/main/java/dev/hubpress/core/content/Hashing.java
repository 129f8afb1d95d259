package dev.hubpress.core.content;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/** SHA-256 in lowercase hex: the one digest used for blobs, trees, sections and artifacts. */
public final class Hashing {

    private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-f]{64}");

    private Hashing() {
    }

    /** Whether the text is a SHA-256 as this class writes it: 64 lowercase hex digits. */
    public static boolean isSha256Hex(String text) {
        return text != null && SHA256_HEX.matcher(text).matches();
    }

    public static String sha256Hex(byte[] bytes) {
        return hex(digest().digest(bytes));
    }

    /** The raw SHA-256 of the first {@code length} bytes. */
    public static byte[] sha256(byte[] bytes, int length) {
        MessageDigest digest = digest();
        digest.update(bytes, 0, length);
        return digest.digest();
    }

    public static String sha256Hex(String text) {
        return sha256Hex(text.getBytes(StandardCharsets.UTF_8));
    }

    /** A SHA-256 to feed in pieces (bytes hashed as they are made); {@link #hex} writes its result as the rest of this class does. */
    public static MessageDigest newSha256() {
        return digest();
    }

    /** Bytes in lower-case hex. */
    public static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }

    private static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JRE ships SHA-256", e);
        }
    }
}
