package dev.hubpress.core.content;

/**
 * The SHA-256 of a list of text fields: what a cache key names. Each field is written with its
 * length first, so no two different lists read as the same text, and a missing field (null)
 * apart from an empty one.
 */
public final class Fingerprint {

    private final StringBuilder text;

    /** @param capacity about how many characters the fields hold (to size the buffer once) */
    public Fingerprint(int capacity) {
        this.text = new StringBuilder(capacity);
    }

    /** Adds a field. */
    public Fingerprint add(String value) {
        if (value == null) {
            text.append("-\n");
        } else {
            text.append(value.length()).append(':').append(value).append('\n');
        }
        return this;
    }

    /** The SHA-256 of the fields so far, in lower-case hex. */
    public String sha256Hex() {
        return Hashing.sha256Hex(text.toString());
    }
}
