package dev.hubpress.aws;

import dev.hubpress.core.mail.TokenKeys;
import dev.hubpress.core.mail.Tokens;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TokenSecretTest {

    static final String OLD = "Gq7xYt2mWv9bLk4sNp8rDf3hJz6cVa1eRu5oTi0wQy2nMx7b";
    static final String NEW = "Pz4kLm8nQw2eRt6yUi0oPa3sDf7gHj1kLz5xCv9bNm4qWe8r";

    @Test
    void aPlainSecretIsKeyK1AndAJsonSecretHoldsEveryKeyById() {
        // GIVEN the secret as the stack generated it, and as it is after a rotation
        TokenKeys plain = TokenSecret.keys(OLD, "k1");
        TokenKeys rotated = TokenSecret.keys("{\"k1\":\"" + OLD + "\",\"k2\":\"" + NEW + "\"}", "k2");

        // WHEN a link is signed before the rotation and checked after it
        String before = new Tokens(plain, Duration.ofHours(72), Clock.systemUTC()).issue(Tokens.Purpose.UNSUBSCRIBE, "s1");
        String after = new Tokens(rotated, Duration.ofHours(72), Clock.systemUTC()).issue(Tokens.Purpose.UNSUBSCRIBE, "s1");

        // THEN the old link still verifies with the rotated set, and new links name k2
        assertThat(new Tokens(rotated, Duration.ofHours(72), Clock.systemUTC()).verify(Tokens.Purpose.UNSUBSCRIBE, before)).contains("s1");
        assertThat(before).startsWith("k1.");
        assertThat(after).startsWith("k2.");
        assertThat(rotated.currentId()).isEqualTo("k2");
    }

    @Test
    void aSecretThatCannotBeReadOrLacksTheCurrentKeyIsRefusedWithoutShowingAKey() {
        for (String[] bad : new String[][] {{"{not json", "k1"}, {"{\"k1\": 7}", "k1"}, {"{\"k1\":\"" + OLD + "\"}", "k2"},
                {"{\"k1\":\"short\"}", "k1"}, {"", "k1"}}) {
            assertThatThrownBy(() -> TokenSecret.keys(bad[0], bad[1])).as(bad[0]).isInstanceOf(IllegalArgumentException.class)
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain(OLD).doesNotContain("short"));
        }
    }
}
