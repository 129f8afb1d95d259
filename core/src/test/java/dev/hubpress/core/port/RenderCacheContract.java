package dev.hubpress.core.port;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What every {@link RenderCache} promises (its Javadoc), run against each implementation: the
 * in-memory fake, the folder and the bucket. A subclass supplies a cache on empty storage for each
 * test and another handle on the same storage.
 */
public abstract class RenderCacheContract {

    /** The cache under test, on storage of its own. */
    protected RenderCache cache;

    /** A cache on fresh, empty storage. */
    protected abstract RenderCache createCache();

    /** Another cache on the same storage as {@link #cache} (another process), or the cache itself where there is none. */
    protected RenderCache sameStorage() {
        return cache;
    }

    @BeforeEach
    void freshCache() {
        cache = createCache();
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aValueReadsBackUnderItsNameFromAnyProcess() {
        // GIVEN bytes put under a name
        cache.put("page-outlines", utf8("outlines"));

        // WHEN they are got, from this handle and another on the same storage
        // THEN they are the bytes put
        assertThat(cache.get("page-outlines")).hasValueSatisfying(b -> assertThat(b).isEqualTo(utf8("outlines")));
        assertThat(sameStorage().get("page-outlines")).hasValueSatisfying(b -> assertThat(b).isEqualTo(utf8("outlines")));
    }

    @Test
    void aNameNeverPutHasNoValue() {
        // GIVEN an empty cache, WHEN a name is got, THEN it has nothing
        assertThat(cache.get("site-bodies")).isEmpty();
    }

    @Test
    void theLastPutWins() {
        // GIVEN two puts under one name
        cache.put("site-bodies", utf8("first, and longer than the second"));
        cache.put("site-bodies", utf8("second"));

        // WHEN it is got, THEN it is the second value, whole
        assertThat(sameStorage().get("site-bodies")).hasValueSatisfying(b -> assertThat(b).isEqualTo(utf8("second")));
    }

    @Test
    void namesAreKeptApart() {
        // GIVEN values under two names
        cache.put("site-bodies", utf8("site"));
        cache.put("feed-bodies", utf8("feeds"));

        // THEN each reads back its own
        assertThat(cache.get("site-bodies")).hasValueSatisfying(b -> assertThat(b).isEqualTo(utf8("site")));
        assertThat(cache.get("feed-bodies")).hasValueSatisfying(b -> assertThat(b).isEqualTo(utf8("feeds")));
    }

    @Test
    void emptyAndLargeValuesReadBackWhole() {
        // GIVEN an empty value and a 3 MB one
        byte[] large = new byte[3 * 1024 * 1024];
        for (int i = 0; i < large.length; i++) {
            large[i] = (byte) (i * 31);
        }
        cache.put("empty", new byte[0]);
        cache.put("large", large);

        // THEN both read back exactly
        assertThat(sameStorage().get("empty")).hasValueSatisfying(b -> assertThat(b).isEmpty());
        assertThat(sameStorage().get("large")).hasValueSatisfying(b -> assertThat(b).isEqualTo(large));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "../state", "a/b", "Upper", ".hidden", "-dash", "with space", "x\u0000y",
            "a-name-that-is-longer-than-sixty-four-characters-which-the-cache-refuses-to-take"})
    void aNameThatCouldEscapeOrCollideIsRefused(String name) {
        // WHEN a bad name is put or got, THEN it is refused, naming it, and nothing is stored
        assertThatThrownBy(() -> cache.put(name, utf8("x"))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a cache name");
        assertThatThrownBy(() -> cache.get(name)).isInstanceOf(IllegalArgumentException.class);
    }
}
