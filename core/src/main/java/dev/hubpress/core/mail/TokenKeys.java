package dev.hubpress.core.mail;

import javax.crypto.spec.SecretKeySpec;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The HMAC keys of subscriber tokens, each under a key id, and which one signs new tokens. Every
 * token names the id of the key that signed it, and any key of the set verifies its own tokens:
 * to rotate, add a new key under a new id and make it the current one; links already sent (an
 * old digest's unsubscribe link) keep working while their key stays in the set.
 * <p>
 * Tokens issued before key ids existed name none; they were signed with the deployment's one key,
 * which is {@value #FIRST_KEY_ID} here (a secret that is one plain string is that key), and only
 * their unsubscribe and manage links are still honoured.
 */
public final class TokenKeys {

    /** The id of a lone key, and the key tokens without a key id were signed with. */
    public static final String FIRST_KEY_ID = "k1";
    /** Shortest key accepted: the HMAC key should be as long as the hash. */
    public static final int MIN_KEY_BYTES = 32;
    /** What a key id may be: it is part of every token, so short and URL-safe. */
    public static final Pattern KEY_ID = Pattern.compile("[A-Za-z0-9]{1,16}");

    private final String currentId;
    private final Map<String, SecretKeySpec> keys;

    /**
     * @param currentId the id of the key that signs new tokens; one of {@code keys}
     * @param keys      every key that may verify a token, by id
     */
    public TokenKeys(String currentId, Map<String, byte[]> keys) {
        Map<String, SecretKeySpec> specs = new TreeMap<>();
        keys.forEach((id, key) -> {
            if (id == null || !KEY_ID.matcher(id).matches()) {
                throw new IllegalArgumentException("token key ids are 1-16 letters or digits, not '" + id + "'");
            }
            if (key == null || key.length < MIN_KEY_BYTES) {
                throw new IllegalArgumentException("token key " + id + " must be at least " + MIN_KEY_BYTES + " bytes");
            }
            specs.put(id, new SecretKeySpec(key.clone(), "HmacSHA256"));
        });
        if (!specs.containsKey(currentId)) {
            throw new IllegalArgumentException("the current token key id '" + currentId + "' is not one of " + specs.keySet());
        }
        this.currentId = currentId;
        this.keys = Collections.unmodifiableMap(specs);
    }

    /** One key, {@value #FIRST_KEY_ID}. */
    public static TokenKeys single(byte[] key) {
        return new TokenKeys(FIRST_KEY_ID, Map.of(FIRST_KEY_ID, key));
    }

    /** The id new tokens name. */
    public String currentId() {
        return currentId;
    }

    SecretKeySpec current() {
        return keys.get(currentId);
    }

    Optional<SecretKeySpec> key(String id) {
        return Optional.ofNullable(keys.get(id));
    }
}
