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
 * {@code keyId "." base64url(purpose|subscriberId|expiry|nonce) "." base64url(HMAC-SHA256(key, keyId "." payload))}:
 * the key id names the {@link TokenKeys} key that signed it (so keys can be rotated), expiry is
 * epoch seconds (0: never), and the nonce is a confirm link's ({@link Subscriber#confirmationNonce()},
 * empty otherwise). The MAC is compared in constant time ({@link MessageDigest#isEqual}) before the
 * payload is trusted. A token is bound to its purpose: a confirm token cannot unsubscribe and the
 * reverse. Confirm tokens expire and carry a nonce; unsubscribe and manage tokens do not expire
 * (an old digest's unsubscribe link must keep working, as RFC 8058 expects).
 * <p>
 * Unsubscribe and manage tokens issued before key ids existed ({@code base64url(purpose|subscriberId|0) "." mac},
 * signed with key {@value TokenKeys#FIRST_KEY_ID}) still verify; such confirm tokens do not, as
 * they carry no nonce (they expired long since anyway).
 * <p>
 * Every failure (malformed, forged, expired, wrong purpose, unknown key, non-canonical encoding)
 * is the same empty answer, so a caller cannot tell them apart and neither can whoever sent the token.
 */
public final class Tokens {

    /** What a token lets its holder do. */
    public enum Purpose {
        CONFIRM,
        UNSUBSCRIBE,
        MANAGE
    }

    /** What a valid confirm token says: whose subscription, and which confirmation email it came in. */
    public record ConfirmLink(String subscriberId, String nonce) {
    }

    /** A sensible default for how long a confirmation link works. */
    public static final Duration DEFAULT_CONFIRM_VALIDITY = Duration.ofHours(72);
    /** Shortest secret accepted: the HMAC key should be as long as the hash. */
    public static final int MIN_SECRET_BYTES = TokenKeys.MIN_KEY_BYTES;
    private static final int MAX_TOKEN_LENGTH = 512;
    private static final Pattern PAYLOAD = Pattern.compile("[A-Za-z0-9_-]{1,400}");
    private static final Pattern MAC = Pattern.compile("[A-Za-z0-9_-]{43}");
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private final TokenKeys keys;
    private final Duration confirmValidity;
    private final Clock clock;

    /**
     * @param keys            the key that signs and the keys that verify
     * @param confirmValidity how long a confirmation link works
     */
    public Tokens(TokenKeys keys, Duration confirmValidity, Clock clock) {
        if (confirmValidity.isNegative() || confirmValidity.isZero()) {
            throw new IllegalArgumentException("confirm tokens must be valid for some time");
        }
        this.keys = keys;
        this.confirmValidity = confirmValidity;
        this.clock = clock;
    }

    /** With one key, {@value TokenKeys#FIRST_KEY_ID}, at least {@value #MIN_SECRET_BYTES} bytes. */
    public Tokens(byte[] secret, Duration confirmValidity, Clock clock) {
        this(TokenKeys.single(secret), confirmValidity, clock);
    }

    public Duration confirmValidity() {
        return confirmValidity;
    }

    /** An unsubscribe or manage token for the subscriber; it does not expire. */
    public String issue(Purpose purpose, String subscriberId) {
        if (purpose == Purpose.CONFIRM) {
            throw new IllegalArgumentException("a confirm token carries its email's nonce: issueConfirm");
        }
        return sign(purpose, subscriberId, 0, "");
    }

    /** A confirm token for the subscriber's pending confirmation; it expires after the configured validity. */
    public String issueConfirm(String subscriberId, String nonce) {
        if (nonce == null || !ID.matcher(nonce).matches()) {
            throw new IllegalArgumentException("a confirmation nonce is 1-64 letters, digits, '-' or '_'");
        }
        return sign(Purpose.CONFIRM, subscriberId, clock.instant().plus(confirmValidity).getEpochSecond(), nonce);
    }

    /**
     * The subscriber id a valid unsubscribe or manage token of that purpose was issued for; empty
     * for anything else. Whether that subscriber still exists is the caller's question.
     */
    public Optional<String> verify(Purpose purpose, String token) {
        if (purpose == Purpose.CONFIRM) {
            throw new IllegalArgumentException("a confirm token is checked with its nonce: verifyConfirm");
        }
        return payload(token).filter(p -> p.purpose().equals(purpose.name()) && p.expiry() == 0 && p.nonce().isEmpty())
                .map(Payload::subscriberId);
    }

    /** What a valid, unexpired confirm token names; empty for anything else. */
    public Optional<ConfirmLink> verifyConfirm(String token) {
        return payload(token).filter(p -> p.purpose().equals(Purpose.CONFIRM.name()) && !p.nonce().isEmpty()
                        && p.expiry() > 0 && clock.instant().getEpochSecond() < p.expiry())
                .map(p -> new ConfirmLink(p.subscriberId(), p.nonce()));
    }

    private String sign(Purpose purpose, String subscriberId, long expiry, String nonce) {
        if (!ID.matcher(subscriberId).matches()) {
            throw new IllegalArgumentException("subscriber ids are 1-64 letters, digits, '-' or '_'");
        }
        String signed = keys.currentId() + "." + ENCODER.encodeToString(
                (purpose.name() + "|" + subscriberId + "|" + expiry + "|" + nonce).getBytes(StandardCharsets.UTF_8));
        return signed + "." + ENCODER.encodeToString(mac(keys.current(), signed.getBytes(StandardCharsets.US_ASCII)));
    }

    /** The fields of an authentic token. */
    private record Payload(String purpose, String subscriberId, long expiry, String nonce) {
    }

    private Optional<Payload> payload(String token) {
        if (token == null || token.length() > MAX_TOKEN_LENGTH) {
            return Optional.empty();
        }
        String[] parts = token.split("\\.", -1);
        String keyId;
        String payloadText;
        String macText;
        if (parts.length == 3) {
            keyId = parts[0];
            payloadText = parts[1];
            macText = parts[2];
            if (!TokenKeys.KEY_ID.matcher(keyId).matches()) {
                return Optional.empty();
            }
        } else if (parts.length == 2) {
            keyId = null;
            payloadText = parts[0];
            macText = parts[1];
        } else {
            return Optional.empty();
        }
        if (!PAYLOAD.matcher(payloadText).matches() || !MAC.matcher(macText).matches()) {
            return Optional.empty();
        }
        Optional<SecretKeySpec> key = keys.key(keyId == null ? TokenKeys.FIRST_KEY_ID : keyId);
        byte[] payload;
        byte[] given;
        try {
            payload = DECODER.decode(payloadText);
            given = DECODER.decode(macText);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        if (key.isEmpty()) {
            return Optional.empty();
        }
        // Only the canonical spelling: another encoding of the same bytes is not the token we issued.
        boolean canonical = ENCODER.encodeToString(payload).equals(payloadText) && ENCODER.encodeToString(given).equals(macText);
        byte[] signed = keyId == null ? payload : (keyId + "." + payloadText).getBytes(StandardCharsets.US_ASCII);
        if (!canonical || !MessageDigest.isEqual(mac(key.get(), signed), given)) {
            return Optional.empty();
        }
        String[] fields = new String(payload, StandardCharsets.UTF_8).split("\\|", -1);
        // A token without key id has the three fields it had before nonces: purpose, id, expiry.
        if (fields.length != (keyId == null ? 3 : 4) || !ID.matcher(fields[1]).matches()) {
            return Optional.empty();
        }
        long expiry;
        try {
            expiry = Long.parseLong(fields[2]);
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        return Optional.of(new Payload(fields[0], fields[1], expiry, keyId == null ? "" : fields[3]));
    }

    private static byte[] mac(SecretKeySpec key, byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }
}
