package dev.hubpress.core.cache;

import dev.hubpress.core.port.RenderCache;
import dev.hubpress.core.testing.InMemoryRenderCache;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import java.util.stream.IntStream;

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
    void aValueKeptWithoutBeingAskedForIsWrittenBackAndRemembered() {
        // GIVEN values a, b kept by an earlier process
        round(process(store, VERSION), "a", "b");

        // WHEN a process's round computes c and keeps b without asking for it (and keeps d, which nobody holds)
        CachedEntries<String> next = process(store, VERSION);
        get(next, "c");
        boolean keptB = next.keep("b");
        boolean keptD = next.keep("d");
        next.endRound();

        // THEN b counts as held (d does not), was neither computed nor counted as reused, and the
        // store now holds b and c, not a: a third process finds b and c, and computes a again
        assertThat(keptB).isTrue();
        assertThat(keptD).isFalse();
        assertThat(next.reused()).isZero();
        assertThat(computed).hasValue(3);
        round(process(store, VERSION), "b", "c");
        assertThat(computed).hasValue(3);
        round(process(store, VERSION), "a");
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

    @Test
    void textIsReadBackWhereItLiesAndAValueEndsWhereItWasWritten() {
        // GIVEN values and keys in several scripts, kept by an earlier process
        List<String> keys = List.of("café", "東京", "𝄞 clef", "plain");
        CachedEntries<String> first = process(store, VERSION);
        keys.forEach(k -> first.put(k, "« " + k + " » ünïcödé 漢字 🙂"));
        first.endRound();

        // WHEN a new process reads them, and a codec that reads one int past each value reads the same object
        CachedEntries<String> next = process(store, VERSION);
        List<String> values = keys.stream().map(k -> next.find(k).orElseThrow()).toList();
        CachedEntries.Codec<String> greedy = new CachedEntries.Codec<>() {
            @Override
            public void write(java.io.DataOutputStream out, String value) throws java.io.IOException {
                CachedEntries.writeText(out, value);
            }

            @Override
            public String read(java.io.DataInputStream in) throws java.io.IOException {
                String text = CachedEntries.readText(in);
                in.readInt(); // beyond the value: the next value's bytes must not be there to read
                return text;
            }
        };
        Optional<String> overread = new CachedEntries<>(store, NAME, VERSION, greedy).find("café");

        // THEN every text is what was written, and a value read past its end is no value at all
        assertThat(values).containsExactlyElementsOf(keys.stream().map(k -> "« " + k + " » ünïcödé 漢字 🙂").toList());
        assertThat(overread).isEmpty();
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
    // An object for every page of a hub: large, so an edit writes its changes beside it.

    private static final String CHANGES = NAME + ".changes";

    /** A process on an amended object whose values are about 2 KB each: 600 of them pass {@link CachedEntries#AMEND_FROM}. */
    private CachedEntries<String> hubProcess() {
        return CachedEntries.amended(store, NAME, VERSION, CachedEntries.TEXT);
    }

    private String getLarge(CachedEntries<String> entries, String key) {
        return entries.get(key, () -> {
            computed.incrementAndGet();
            return key.repeat(2048 / key.length());
        });
    }

    /** One round asking for the values of these pages (by number). */
    private void hubRound(CachedEntries<String> entries, IntStream pages) {
        pages.forEach(i -> getLarge(entries, "page-" + i));
        entries.endRound();
    }

    private static IntStream pages(int from, int to) {
        return IntStream.range(from, to);
    }

    /** The values a fresh process finds for these pages, each computed (and counted) if it finds none. */
    private List<String> valuesFound(IntStream pages) {
        CachedEntries<String> fresh = hubProcess();
        return pages.mapToObj(i -> getLarge(fresh, "page-" + i)).toList();
    }

    /** That a fresh process finds a value for each of these pages, and none for the dropped page. */
    private void assertFreshProcessFinds(IntStream kept, int dropped) {
        computed.set(0);
        valuesFound(kept);
        assertThat(computed).as("values computed though kept").hasValue(0);
        valuesFound(pages(dropped, dropped + 1));
        assertThat(computed).as("the dropped value, computed").hasValue(1);
    }

    @Test
    void anEditOfALargeObjectWritesOnlyItsChangesAndTheNextProcessFindsEveryValue() {
        // GIVEN a hub of 600 pages whose values were written whole (1.2 MB)
        hubRound(hubProcess(), pages(0, 600));
        byte[] whole = store.stored(NAME).orElseThrow();
        assertThat(whole.length).isGreaterThan(CachedEntries.AMEND_FROM);

        // WHEN a new process publishes an edit: page 7 is now page 600 (one value dropped, one added)
        hubRound(hubProcess(), IntStream.concat(pages(0, 7), pages(8, 601)));

        // THEN the whole object is untouched, and its changes are written beside it, small
        assertThat(store.stored(NAME).orElseThrow()).isEqualTo(whole);
        assertThat(store.stored(CHANGES).orElseThrow().length).isLessThan(10_000);

        // AND a fresh process finds every value of the edited hub, as computed, and not the dropped one
        assertThat(valuesFound(pages(599, 601))).containsExactly("page-599".repeat(256), "page-600".repeat(256));
        assertFreshProcessFinds(IntStream.concat(pages(0, 7), pages(8, 601)), 7);
    }

    @Test
    void changesSeveralEditsLongAmendTheSameWholeObject() {
        // GIVEN a large object, then three edits by three processes, each adding a page
        hubRound(hubProcess(), pages(0, 600));
        byte[] whole = store.stored(NAME).orElseThrow();
        for (int edit = 1; edit <= 3; edit++) {
            hubRound(hubProcess(), pages(0, 600 + edit));
        }

        // THEN the object is still the first one, and a fresh process finds all 603 values
        assertThat(store.stored(NAME).orElseThrow()).isEqualTo(whole);
        computed.set(0);
        assertThat(valuesFound(pages(0, 603))).hasSize(603);
        assertThat(computed).hasValue(0);
    }

    @Test
    void changesPastAQuarterOfTheObjectWriteItWholeAgain() {
        // GIVEN a large object
        hubRound(hubProcess(), pages(0, 600));
        byte[] whole = store.stored(NAME).orElseThrow();
        int puts = store.puts();

        // WHEN a process changes a third of it
        hubRound(hubProcess(), pages(200, 800));

        // THEN the object is written whole again (one write), with exactly the values that round used
        assertThat(store.stored(NAME).orElseThrow()).isNotEqualTo(whole);
        assertThat(store.puts()).isEqualTo(puts + 1);
        assertFreshProcessFinds(pages(200, 800), 0);
    }

    @Test
    void changesOfAnotherObjectOrDamagedAreIgnoredAndTheWholeObjectStillServes() {
        // GIVEN changes that add page 900 to an object of pages 0–599
        hubRound(hubProcess(), pages(0, 600));
        hubRound(hubProcess(), IntStream.concat(pages(0, 600), pages(900, 901)));
        byte[] stale = store.stored(CHANGES).orElseThrow();
        // ... then that object written whole again (a third changed: pages 200–799), and changes adding page 900 to it
        hubRound(hubProcess(), pages(200, 800));
        hubRound(hubProcess(), IntStream.concat(pages(200, 800), pages(900, 901)));
        byte[] current = store.stored(CHANGES).orElseThrow();
        assertThat(current).isNotEqualTo(stale);

        for (byte[] changes : List.of(stale, flip(current, current.length / 2), Arrays.copyOf(current, current.length - 9))) {
            // WHEN the changes beside the object are those of the object before, or damaged
            store.replace(CHANGES, changes);

            // THEN the object serves every value it holds, and the changes add nothing: page 900 is computed
            assertFreshProcessFinds(pages(200, 800), 900);
        }
        // AND the changes as written add page 900 to it
        store.replace(CHANGES, current);
        assertFreshProcessFinds(IntStream.concat(pages(200, 800), pages(900, 901)), 0);
    }

    @Test
    void aSmallObjectIsWrittenWholeAndNoChangesAreRead() {
        // GIVEN an amended object far below the size from which it takes changes (the real hub's)
        hubRound(hubProcess(), pages(0, 20));
        byte[] whole = store.stored(NAME).orElseThrow();

        // WHEN a process edits one page
        int gets = store.gets();
        hubRound(hubProcess(), pages(1, 21));

        // THEN it read one object, wrote the object whole, and no changes exist
        assertThat(store.gets()).isEqualTo(gets + 1);
        assertThat(store.stored(NAME).orElseThrow()).isNotEqualTo(whole);
        assertThat(store.names()).doesNotContain(CHANGES);
    }

    @Test
    void theSameEditStoresTheSameChanges() {
        // GIVEN two stores holding the same large object, WHEN the same edit is published on each
        InMemoryRenderCache other = new InMemoryRenderCache();
        hubRound(hubProcess(), pages(0, 600));
        other.replace(NAME, store.stored(NAME).orElseThrow());
        hubRound(hubProcess(), pages(1, 601));
        hubRound(CachedEntries.amended(other, NAME, VERSION, CachedEntries.TEXT), IntStream.concat(pages(600, 601), pages(1, 600)));

        // THEN the changes are the same bytes
        assertThat(other.stored(CHANGES).orElseThrow()).isEqualTo(store.stored(CHANGES).orElseThrow());
    }
}
