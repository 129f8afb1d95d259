package dev.hubpress.core.mail;

import dev.hubpress.core.testing.FixedClock;
import org.junit.jupiter.api.Test;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TokensTest {

    static final byte[] SECRET = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    static final byte[] NEW_SECRET = "a second key, thirty-two bytes long!".getBytes(StandardCharsets.US_ASCII);

    private final Tokens tokens = new Tokens(SECRET, Duration.ofHours(72), FixedClock.standard());

    @Test
    void aTokenVerifiesForItsPurposeOnly() {
        // GIVEN tokens of each purpose for one subscriber
        String confirm = tokens.issueConfirm("sub-1", "n1");
        String unsubscribe = tokens.issue(Tokens.Purpose.UNSUBSCRIBE, "sub-1");
        String manage = tokens.issue(Tokens.Purpose.MANAGE, "sub-1");
        // THEN each verifies for its purpose and for no other
        assertThat(tokens.verifyConfirm(confirm)).contains(new Tokens.ConfirmLink("sub-1", "n1"));
        assertThat(tokens.verify(Tokens.Purpose.UNSUBSCRIBE, unsubscribe)).contains("sub-1");
        assertThat(tokens.verify(Tokens.Purpose.MANAGE, manage)).contains("sub-1");
        assertThat(tokens.verify(Tokens.Purpose.UNSUBSCRIBE, confirm)).isEmpty();
        assertThat(tokens.verify(Tokens.Purpose.MANAGE, confirm)).isEmpty();
        assertThat(tokens.verifyConfirm(unsubscribe)).isEmpty();
        assertThat(tokens.verify(Tokens.Purpose.MANAGE, unsubscribe)).isEmpty();
        assertThat(tokens.verify(Tokens.Purpose.UNSUBSCRIBE, manage)).isEmpty();
        assertThat(unsubscribe).matches("k1\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]{43}");
        // AND a confirm token cannot be issued or checked without its nonce
        assertThatThrownBy(() -> tokens.issue(Tokens.Purpose.CONFIRM, "sub-1")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> tokens.verify(Tokens.Purpose.CONFIRM, confirm)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void everyFlippedCharacterIsRefused() {
        for (String token : new String[] {tokens.issue(Tokens.Purpose.UNSUBSCRIBE, "sub-1"), tokens.issueConfirm("sub-1", "n1")}) {
            for (int i = 0; i < token.length(); i++) {
                char c = token.charAt(i);
                char flipped = c == 'A' ? 'B' : 'A';
                String forged = token.substring(0, i) + flipped + token.substring(i + 1);
                assertThat(tokens.verify(Tokens.Purpose.UNSUBSCRIBE, forged)).as("flipped at %d", i).isEmpty();
                assertThat(tokens.verifyConfirm(forged)).as("flipped at %d", i).isEmpty();
            }
        }
    }

    @Test
    void confirmTokensExpireAndUnsubscribeTokensDoNot() {
        String confirm = tokens.issueConfirm("sub-1", "n1");
        String unsubscribe = tokens.issue(Tokens.Purpose.UNSUBSCRIBE, "sub-1");
        Tokens later = new Tokens(SECRET, Duration.ofHours(72), FixedClock.at(FixedClock.INSTANT.plus(Duration.ofHours(72))));
        Tokens earlier = new Tokens(SECRET, Duration.ofHours(72), FixedClock.at(FixedClock.INSTANT.plus(Duration.ofHours(71))));
        assertThat(earlier.verifyConfirm(confirm)).isPresent();
        assertThat(later.verifyConfirm(confirm)).isEmpty();
        Tokens muchLater = new Tokens(SECRET, Duration.ofHours(72), FixedClock.at(FixedClock.INSTANT.plus(Duration.ofDays(3650))));
        assertThat(muchLater.verify(Tokens.Purpose.UNSUBSCRIBE, unsubscribe)).contains("sub-1");
    }

    @Test
    void anotherSubscribersIdOrNonceUnderTheSameMacIsRefused() {
        String token = tokens.issueConfirm("sub-1", "n1");
        String[] parts = token.split("\\.");
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
        for (String other : new String[] {payload.replace("sub-1", "sub-2"), payload.replace("|n1", "|n2")}) {
            String forged = parts[0] + "." + b64.encodeToString(other.getBytes(StandardCharsets.UTF_8)) + "." + parts[2];
            assertThat(tokens.verifyConfirm(forged)).as(other).isEmpty();
        }
    }

    @Test
    void anotherSecretsTokensAndMalformedInputAreRefused() {
        Tokens other = new Tokens("another secret, 32 bytes or more!!".getBytes(StandardCharsets.US_ASCII),
                Duration.ofHours(72), FixedClock.standard());
        assertThat(tokens.verify(Tokens.Purpose.UNSUBSCRIBE, other.issue(Tokens.Purpose.UNSUBSCRIBE, "sub-1"))).isEmpty();
        String good = tokens.issue(Tokens.Purpose.UNSUBSCRIBE, "sub-1");
        for (String bad : new String[]{null, "", ".", "..", "abc", "abc.def", "a.b.c", "a.b.c.d", "x".repeat(600),
                good + "=", " " + good, good.replaceFirst("^k1", "k-1"), good.replaceFirst("^k1", "k9"), "." + good}) {
            assertThat(tokens.verify(Tokens.Purpose.UNSUBSCRIBE, bad)).as(String.valueOf(bad)).isEqualTo(Optional.empty());
            assertThat(tokens.verifyConfirm(bad)).as(String.valueOf(bad)).isEqualTo(Optional.empty());
        }
    }

    @Test
    void aShortSecretIsRefused() {
        assertThatThrownBy(() -> new Tokens(new byte[16], Duration.ofHours(1), FixedClock.standard()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new TokenKeys("k2", Map.of("k1", SECRET))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new TokenKeys("k.1", Map.of("k.1", SECRET))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void afterARotationTheOldKeysLinksStillVerifyAndNewLinksNameTheNewKey() {
        // GIVEN links signed with the first key
        String oldUnsubscribe = tokens.issue(Tokens.Purpose.UNSUBSCRIBE, "sub-1");
        String oldConfirm = tokens.issueConfirm("sub-1", "n1");

        // WHEN the keys rotate: k2 is added and signs from now on, k1 stays to verify
        Tokens rotated = new Tokens(new TokenKeys("k2", Map.of("k1", SECRET, "k2", NEW_SECRET)), Duration.ofHours(72),
                FixedClock.standard());
        String newUnsubscribe = rotated.issue(Tokens.Purpose.UNSUBSCRIBE, "sub-1");

        // THEN the old links still work, new links name k2, and k2's links are not k1's
        assertThat(rotated.verify(Tokens.Purpose.UNSUBSCRIBE, oldUnsubscribe)).contains("sub-1");
        assertThat(rotated.verifyConfirm(oldConfirm)).contains(new Tokens.ConfirmLink("sub-1", "n1"));
        assertThat(newUnsubscribe).startsWith("k2.");
        assertThat(rotated.verify(Tokens.Purpose.UNSUBSCRIBE, newUnsubscribe)).contains("sub-1");
        assertThat(tokens.verify(Tokens.Purpose.UNSUBSCRIBE, newUnsubscribe)).as("k2 is unknown before the rotation").isEmpty();
        assertThat(rotated.verify(Tokens.Purpose.UNSUBSCRIBE, "k1" + newUnsubscribe.substring(2))).as("k2's MAC under k1").isEmpty();
        // AND once k1 is dropped from the set, its links stop working
        Tokens k2Only = new Tokens(new TokenKeys("k2", Map.of("k2", NEW_SECRET)), Duration.ofHours(72), FixedClock.standard());
        assertThat(k2Only.verify(Tokens.Purpose.UNSUBSCRIBE, oldUnsubscribe)).isEmpty();
    }

    @Test
    void unsubscribeLinksFromBeforeKeyIdsStillWorkButSuchConfirmLinksDoNot() throws Exception {
        // GIVEN tokens in the format before key ids: base64url(purpose|id|expiry) "." HMAC(k1, payload)
        String legacyUnsubscribe = legacy("UNSUBSCRIBE|sub-1|0", SECRET);
        String legacyManage = legacy("MANAGE|sub-1|0", SECRET);
        String legacyConfirm = legacy("CONFIRM|sub-1|" + FixedClock.INSTANT.plus(Duration.ofHours(1)).getEpochSecond(), SECRET);

        // WHEN they are verified after a rotation to k2 THEN unsubscribe and manage work with k1, confirm does not
        Tokens rotated = new Tokens(new TokenKeys("k2", Map.of("k1", SECRET, "k2", NEW_SECRET)), Duration.ofHours(72),
                FixedClock.standard());
        assertThat(rotated.verify(Tokens.Purpose.UNSUBSCRIBE, legacyUnsubscribe)).contains("sub-1");
        assertThat(rotated.verify(Tokens.Purpose.MANAGE, legacyManage)).contains("sub-1");
        assertThat(rotated.verifyConfirm(legacyConfirm)).isEmpty();
        assertThat(rotated.verify(Tokens.Purpose.UNSUBSCRIBE, legacy("UNSUBSCRIBE|sub-1|0", NEW_SECRET))).isEmpty();
    }

    private static String legacy(String payload, byte[] key) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        byte[] bytes = payload.getBytes(StandardCharsets.UTF_8);
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        return b64.encodeToString(bytes) + "." + b64.encodeToString(mac.doFinal(bytes));
    }
}
