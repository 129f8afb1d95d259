package dev.hubpress.core.mail;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Unforgeable per-subscriber tokens for the links in emails. A token is
 * {@code base64url(purpose|subscriberId|expiry) "." base64url(HMAC-SHA256(secret, payload))}, where
 * expiry is epoch seconds (0: never). The MAC is compared in constant time
 * ({@link MessageDigest#isEqual}) before the payload is trusted. A token is bound to its purpose: a
 * confirm token cannot unsubscribe and the reverse. Confirm tokens expire; unsubscribe and manage
 * tokens do not (an old digest's unsubscribe link must keep working, as RFC 8058 expects).
 * <p>
 * Every failure (malformed, forged, expired, wrong purpose, non-canonical encoding) is the same
 * empty answer, so a caller cannot tell them apart and neither can whoever sent the token.
 */
public final class Tokens {

    /** What a token lets its holder do. */
    public enum Purpose {
        CONFIRM,
        UNSUBSCRIBE,
        MANAGE
    }

    /** A sensible default for how long a confirmation link works. */
    public static final Duration DEFAULT_CONFIRM_VALIDITY = Duration.ofHours(72);
    /** Shortest secret accepted: the HMAC key should be as long as the hash. */
    public static final int MIN_SECRET_BYTES = 32;
    private static final int MAX_TOKEN_LENGTH = 512;
    private static final Pattern SHAPE = Pattern.compile("[A-Za-z0-9_-]{1,400}\\.[A-Za-z0-9_-]{43}");
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private final SecretKeySpec key;
    private final Duration confirmValidity;
    private final Clock clock;

    /**
     * @param secret          the HMAC key, at least {@value #MIN_SECRET_BYTES} bytes; rotating it
     *                        invalidates every link already sent
     * @param confirmValidity how long a confirmation link works
     */
    public Tokens(byte[] secret, Duration confirmValidity, Clock clock) {
        if (secret == null || secret.length < MIN_SECRET_BYTES) {
            throw new IllegalArgumentException("the token secret must be at least " + MIN_SECRET_BYTES + " bytes");
        }
        if (confirmValidity.isNegative() || confirmValidity.isZero()) {
            throw new IllegalArgumentException("confirm tokens must be valid for some time");
        }
        this.key = new SecretKeySpec(secret.clone(), "HmacSHA256");
        this.confirmValidity = confirmValidity;
        this.clock = clock;
    }

    /** A token for the subscriber; a CONFIRM token expires after the configured validity. */
    public String issue(Purpose purpose, String subscriberId) {
        if (!ID.matcher(subscriberId).matches()) {
            throw new IllegalArgumentException("subscriber ids are 1-64 letters, digits, '-' or '_'");
        }
        long expiry = purpose == Purpose.CONFIRM ? clock.instant().plus(confirmValidity).getEpochSecond() : 0;
        byte[] payload = (purpose.name() + "|" + subscriberId + "|" + expiry).getBytes(StandardCharsets.UTF_8);
        return ENCODER.encodeToString(payload) + "." + ENCODER.encodeToString(mac(payload));
    }

    /**
     * The subscriber id a valid token of that purpose was issued for; empty for anything else.
     * Whether that subscriber still exists is the caller's question.
     */
    public Optional<String> verify(Purpose purpose, String token) {
        if (token == null || token.length() > MAX_TOKEN_LENGTH || !SHAPE.matcher(token).matches()) {
            return Optional.empty();
        }
        int dot = token.indexOf('.');
        String payloadText = token.substring(0, dot);
        String macText = token.substring(dot + 1);
        byte[] payload;
        byte[] given;
        try {
            payload = DECODER.decode(payloadText);
            given = DECODER.decode(macText);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        // Only the canonical spelling: another encoding of the same bytes is not the token we issued.
        boolean canonical = ENCODER.encodeToString(payload).equals(payloadText) && ENCODER.encodeToString(given).equals(macText);
        boolean authentic = MessageDigest.isEqual(mac(payload), given);
        if (!canonical || !authentic) {
            return Optional.empty();
        }
        String[] parts = new String(payload, StandardCharsets.UTF_8).split("\\|", -1);
        if (parts.length != 3 || !parts[0].equals(purpose.name()) || !ID.matcher(parts[1]).matches()) {
            return Optional.empty();
        }
        long expiry;
        try {
            expiry = Long.parseLong(parts[2]);
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        if (purpose == Purpose.CONFIRM) {
            if (expiry <= 0 || clock.instant().getEpochSecond() >= expiry) {
                return Optional.empty();
            }
        } else if (expiry != 0) {
            return Optional.empty();
        }
        return Optional.of(parts[1]);
    }

    private byte[] mac(byte[] payload) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac.doFinal(payload);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }
}
