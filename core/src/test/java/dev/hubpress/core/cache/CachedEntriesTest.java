package dev.hubpress.core.cache;

import dev.hubpress.core.port.RenderCache;
import dev.hubpress.core.testing.InMemoryRenderCache;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Values kept for the next round and the next process, and never trusted when what comes back from
 * the store is not exactly what this code wrote under that name.
 */
class CachedEntriesTest {

    private static final String NAME = "test-values";
    private static final Optional<String> VERSION = Optional.of("core abc123 flexmark 0.64.8");

    private final InMemoryRenderCache store = new InMemoryRenderCache();
    private final AtomicInteger computed = new AtomicInteger();

    private CachedEntries<String> process(RenderCache cache, Optional<String> version) {
        return new CachedEntries<>(cache, NAME, version, CachedEntries.TEXT);
    }

    /** The value of a key: its computation counts, so a test sees whether it was kept or computed. */
    private String get(CachedEntries<String> entries, String key) {
        return entries.get(key, () -> {
            computed.incrementAndGet();
            return "value of " + key;
        });
    }

    /** One round of a process asking for these keys. */
    private void round(CachedEntries<String> entries, String... keys) {
        for (String key : keys) {
            get(entries, key);
        }
        entries.endRound();
    }

    @Test
    void aValuePutRatherThanComputedIsFoundByTheNextProcessAndOnlyByTheSameCode() {
        // GIVEN a process that finds nothing under a key, then puts a value it made elsewhere
        CachedEntries<String> first = process(store, VERSION);
        assertThat(first.find("k")).isEmpty();
        first.put("k", "made elsewhere");
        first.endRound();

        // WHEN a new process looks for it, and one built from other code
        Optional<String> found = process(store, VERSION).find("k");
        Optional<String> foreign = process(store, Optional.of("core def456 flexmark 0.64.8")).find("k");

        // THEN the same code finds it as put, other code finds nothing
        assertThat(found).contains("made elsewhere");
        assertThat(foreign).isEmpty();
        assertThat(process(store, VERSION).find("another key")).isEmpty();
    }

    @Test
    void aNewProcessFindsWhatTheLastOneComputed() {
        // GIVEN a process that computed three values in a round
        round(process(store, VERSION), "a", "b", "c");
        assertThat(computed).hasValue(3);

        // WHEN a new process on the same store asks for them
        CachedEntries<String> next = process(store, VERSION);
        List<String> values = List.of(get(next, "a"), get(next, "b"), get(next, "c"));

        // THEN it computes nothing, and the values are those computed before
        assertThat(computed).hasValue(3);
        assertThat(values).containsExactly("value of a", "value of b", "value of c");
        assertThat(next.reused()).isEqualTo(3);
    }

    @Test
    void aRoundThatComputesNothingWritesNothing() {
        // GIVEN values kept by an earlier process
        round(process(store, VERSION), "a", "b");
        int puts = store.puts();

        // WHEN a new process finds them all
        round(process(store, VERSION), "a", "b");

        // THEN it does not write them again
        assertThat(store.puts()).isEqualTo(puts);
    }

    @Test
    void whatThisProcessDidNotUseIsNotWrittenBack() {
        // GIVEN values a, b kept by an earlier process
        round(process(store, VERSION), "a", "b");

        // WHEN a process reads a tree with a (kept) and c (new), then its parent's b (kept)
        CachedEntries<String> next = process(store, VERSION);
        round(next, "a", "c");
        round(next, "b");

        // THEN b was still found after the first round, and the store now holds what the first
        // round used (the round that computed something), not b: what is kept follows the content
        assertThat(computed).hasValue(3);
        CachedEntries<String> third = process(store, VERSION);
        round(third, "a", "c", "b");
        assertThat(computed).hasValue(4);
    }

    @Test
    void memoryKeepsTheLastTwoRoundsOnly() {
        // GIVEN a long-lived process with a store that keeps nothing
        CachedEntries<String> entries = process(RenderCache.NONE, VERSION);
        round(entries, "a", "b");
        round(entries, "b");
        round(entries, "c");

        // WHEN it asks for a (last used three rounds ago) and b (two rounds ago)
        round(entries, "a", "b");

        // THEN a was forgotten, b was not
        assertThat(computed).hasValue(4);
    }

    @Test
    void damagedTruncatedOrForeignValuesAreIgnoredAndComputedAgain() {
        // GIVEN values kept by an earlier process, and the bytes it stored
        round(process(store, VERSION), "a", "b");
        byte[] good = store.stored(NAME).orElseThrow();
        byte[] otherName = storedBy("other-values", VERSION);
        byte[] otherVersion = storedBy(NAME, Optional.of("core def456 flexmark 0.64.8"));
        List<UnaryOperator<byte[]>> damage = List.of(
                bytes -> Arrays.copyOf(bytes, bytes.length - 1),               // truncated by a byte
                bytes -> Arrays.copyOf(bytes, bytes.length / 2),               // truncated by half
                bytes -> flip(bytes, bytes.length / 2),                        // one bit flipped in a value
                bytes -> flip(bytes, 0),                                       // one bit flipped in the header
                bytes -> flip(bytes, bytes.length - 1),                        // one bit flipped in the checksum
                bytes -> new byte[0],                                          // empty
                bytes -> "not a cache at all".getBytes(),                      // garbage
                bytes -> otherName,                                            // another kind of value's object
                bytes -> otherVersion);                                        // written by another build

        for (UnaryOperator<byte[]> harm : damage) {
            // WHEN the stored object is replaced by its damaged form and a new process asks for the values
            store.replace(NAME, harm.apply(good));
            computed.set(0);
            CachedEntries<String> next = process(store, VERSION);
            List<String> values = List.of(get(next, "a"), get(next, "b"));

            // THEN nothing of it is used: both values are computed again, and are right
            assertThat(computed).hasValue(2);
            assertThat(values).containsExactly("value of a", "value of b");
        }
    }

    /** What a process storing under this name, with code of this version, stores after computing a and b. */
    private byte[] storedBy(String name, Optional<String> version) {
        InMemoryRenderCache own = new InMemoryRenderCache();
        round(new CachedEntries<>(own, name, version, CachedEntries.TEXT), "a", "b");
        return own.stored(name).orElseThrow();
    }

    private static byte[] flip(byte[] bytes, int at) {
        byte[] copy = bytes.clone();
        copy[at] ^= 0x10;
        return copy;
    }

    @Test
    void aStoreThatFailsIsAStoreThatHasNothing() {
        // GIVEN a store whose every read and write fails
        RenderCache failing = new RenderCache() {
            @Override
            public Optional<byte[]> get(String name) {
                throw new IllegalStateException("disk on fire");
            }

            @Override
            public void put(String name, byte[] bytes) {
                throw new IllegalStateException("disk on fire");
            }
        };
        CachedEntries<String> entries = process(failing, VERSION);

        // WHEN a round asks for values and ends, THEN they are computed, and nothing fails
        round(entries, "a", "b");
        assertThat(computed).hasValue(2);
        assertThat(entries.saves()).isZero();
    }

    @Test
    void codeWithoutAVersionNeitherReadsNorWritesTheStore() {
        // GIVEN values kept by a process, WHEN code whose version is unknown asks for them
        round(process(store, VERSION), "a");
        int gets = store.gets();
        int puts = store.puts();
        round(process(store, Optional.empty()), "a", "b");

        // THEN it computes them, and never touches the store
        assertThat(computed).hasValue(3);
        assertThat(store.gets()).isEqualTo(gets);
        assertThat(store.puts()).isEqualTo(puts);
    }

    @Test
    void theSameValuesAreStoredAsTheSameBytes() {
        // GIVEN two processes computing the same values in different orders
        InMemoryRenderCache other = new InMemoryRenderCache();
        round(process(store, VERSION), "a", "b", "c");
        round(process(other, VERSION), "c", "a", "b");

        // THEN they store identical bytes
        assertThat(other.stored(NAME).orElseThrow()).isEqualTo(store.stored(NAME).orElseThrow());
    }
}
