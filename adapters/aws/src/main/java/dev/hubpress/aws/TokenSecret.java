package dev.hubpress.aws;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hubpress.core.mail.TokenKeys;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The token keys as the Secrets Manager secret holds them: a JSON object of key id to key,
 * {@code {"k1": "…", "k2": "…"}}, or one plain string, which is key {@value TokenKeys#FIRST_KEY_ID}
 * (what template.yaml generates, and what the secret held before key ids). Which key signs new
 * tokens is the function's {@code TOKEN_KEY_ID}, not the secret's: to rotate, first add the new
 * key to the secret, then deploy with the new id.
 */
public final class TokenSecret {

    private TokenSecret() {
    }

    /**
     * @throws IllegalArgumentException when the secret is not one of the two forms, a key is too
     *                                  short, or the current id is not in it (the message names no key)
     */
    public static TokenKeys keys(String secret, String currentKeyId) {
        String text = secret == null ? "" : secret.strip();
        Map<String, byte[]> keys = new LinkedHashMap<>();
        if (text.startsWith("{")) {
            JsonNode json;
            try {
                json = Json.MAPPER.readTree(text);
            } catch (java.io.IOException e) {
                throw new IllegalArgumentException("the token secret starts with '{' but is not a JSON object");
            }
            json.properties().forEach(e -> {
                if (!e.getValue().isTextual()) {
                    throw new IllegalArgumentException("token key " + e.getKey() + " is not a string");
                }
                keys.put(e.getKey(), e.getValue().asText().getBytes(StandardCharsets.UTF_8));
            });
        } else {
            keys.put(TokenKeys.FIRST_KEY_ID, text.getBytes(StandardCharsets.UTF_8));
        }
        return new TokenKeys(currentKeyId, keys);
    }
}
