package dev.hubpress.core.mail;

import dev.hubpress.core.testing.FixedClock;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TokensTest {

    static final byte[] SECRET = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

    private final Tokens tokens = new Tokens(SECRET, Duration.ofHours(72), FixedClock.standard());

    @Test
    void aTokenVerifiesForItsPurposeOnly() {
        // GIVEN tokens of each purpose for one subscriber
        String confirm = tokens.issue(Tokens.Purpose.CONFIRM, "sub-1");
        String unsubscribe = tokens.issue(Tokens.Purpose.UNSUBSCRIBE, "sub-1");
        // THEN each verifies for its purpose and for no other
        assertThat(tokens.verify(Tokens.Purpose.CONFIRM, confirm)).contains("sub-1");
        assertThat(tokens.verify(Tokens.Purpose.UNSUBSCRIBE, unsubscribe)).contains("sub-1");
        assertThat(tokens.verify(Tokens.Purpose.UNSUBSCRIBE, confirm)).isEmpty();
        assertThat(tokens.verify(Tokens.Purpose.CONFIRM, unsubscribe)).isEmpty();
        assertThat(tokens.verify(Tokens.Purpose.MANAGE, unsubscribe)).isEmpty();
        assertThat(unsubscribe).matches("[A-Za-z0-9_.-]+");
    }

    @Test
    void everyFlippedCharacterIsRefused() {
        String token = tokens.issue(Tokens.Purpose.UNSUBSCRIBE, "sub-1");
        for (int i = 0; i < token.length(); i++) {
            char c = token.charAt(i);
            char flipped = c == 'A' ? 'B' : 'A';
            String forged = token.substring(0, i) + flipped + token.substring(i + 1);
            assertThat(tokens.verify(Tokens.Purpose.UNSUBSCRIBE, forged)).as("flipped at %d", i).isEmpty();
        }
    }

    @Test
    void confirmTokensExpireAndUnsubscribeTokensDoNot() {
        String confirm = tokens.issue(Tokens.Purpose.CONFIRM, "sub-1");
        String unsubscribe = tokens.issue(Tokens.Purpose.UNSUBSCRIBE, "sub-1");
        Tokens later = new Tokens(SECRET, Duration.ofHours(72), FixedClock.at(FixedClock.INSTANT.plus(Duration.ofHours(72))));
        Tokens earlier = new Tokens(SECRET, Duration.ofHours(72), FixedClock.at(FixedClock.INSTANT.plus(Duration.ofHours(71))));
        assertThat(earlier.verify(Tokens.Purpose.CONFIRM, confirm)).contains("sub-1");
        assertThat(later.verify(Tokens.Purpose.CONFIRM, confirm)).isEmpty();
        Tokens muchLater = new Tokens(SECRET, Duration.ofHours(72), FixedClock.at(FixedClock.INSTANT.plus(Duration.ofDays(3650))));
        assertThat(muchLater.verify(Tokens.Purpose.UNSUBSCRIBE, unsubscribe)).contains("sub-1");
    }

    @Test
    void anotherSubscribersIdUnderTheSameMacIsRefused() {
        String token = tokens.issue(Tokens.Purpose.UNSUBSCRIBE, "sub-1");
        String mac = token.substring(token.indexOf('.') + 1);
        String otherPayload = Base64.getUrlEncoder().withoutPadding()
                .encodeToString("UNSUBSCRIBE|sub-2|0".getBytes(StandardCharsets.UTF_8));
        assertThat(tokens.verify(Tokens.Purpose.UNSUBSCRIBE, otherPayload + "." + mac)).isEmpty();
    }

    @Test
    void anotherSecretsTokensAndMalformedInputAreRefused() {
        Tokens other = new Tokens("another secret, 32 bytes or more!!".getBytes(StandardCharsets.US_ASCII),
                Duration.ofHours(72), FixedClock.standard());
        assertThat(tokens.verify(Tokens.Purpose.UNSUBSCRIBE, other.issue(Tokens.Purpose.UNSUBSCRIBE, "sub-1"))).isEmpty();
        for (String bad : new String[]{null, "", ".", "abc", "abc.def", "a.b.c", "x".repeat(600),
                tokens.issue(Tokens.Purpose.UNSUBSCRIBE, "sub-1") + "=", " " + tokens.issue(Tokens.Purpose.UNSUBSCRIBE, "sub-1")}) {
            assertThat(tokens.verify(Tokens.Purpose.UNSUBSCRIBE, bad)).as(String.valueOf(bad)).isEqualTo(Optional.empty());
        }
    }

    @Test
    void aShortSecretIsRefused() {
        assertThatThrownBy(() -> new Tokens(new byte[16], Duration.ofHours(1), FixedClock.standard()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
