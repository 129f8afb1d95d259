package dev.hubpress.core.content;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class FingerprintTest {

    private static String of(String... fields) {
        Fingerprint fingerprint = new Fingerprint(16);
        for (String field : fields) {
            fingerprint.add(field);
        }
        return fingerprint.sha256Hex();
    }

    @Test
    void theSameFieldsGiveTheSameHashAndDifferentListsDifferentOnes() {
        // GIVEN lists whose fields, run together, read the same, and a missing field beside an empty one
        // WHEN each is fingerprinted
        // THEN only the same list gives the same hash
        assertThat(of("ab", "c")).isEqualTo(of("ab", "c")).isNotEqualTo(of("a", "bc")).isNotEqualTo(of("abc"));
        assertThat(of((String) null)).isNotEqualTo(of("")).isNotEqualTo(of("-"));
        assertThat(of("1:a")).isNotEqualTo(of("a"));
        assertThat(of("x")).isEqualTo(Hashing.sha256Hex("1:x\n")).satisfies(h -> assertThat(Hashing.isSha256Hex(h)).isTrue());
    }
}
