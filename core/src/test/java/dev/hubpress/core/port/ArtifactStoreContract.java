package dev.hubpress.core.port;

import dev.hubpress.core.channel.Artifact;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What every {@link ArtifactStore} promises (its Javadoc), run against each implementation: the
 * in-memory fake, the site folder and the site bucket. A subclass supplies a store on empty storage
 * for each test and says what a reader of that storage gets: the keys, each object's bytes and,
 * where the store keeps them, its content type and cache policy.
 */
public abstract class ArtifactStoreContract {

    /**
     * What a reader gets for one key.
     *
     * @param contentType  the Content-Type header; null where the store keeps none
     * @param cacheControl the Cache-Control header; null where the store keeps none
     */
    public record Stored(byte[] bytes, String contentType, String cacheControl) {
        public String text() {
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }

    /** The store under test, on storage of its own. */
    protected ArtifactStore store;

    /** A store on fresh, empty storage. */
    protected abstract ArtifactStore createStore();

    /** What a reader of the storage gets for a site path, if anything. */
    protected abstract Optional<Stored> read(String key);

    /** Every site path the storage holds, sorted. */
    protected abstract List<String> keys();

    /** Whether the store keeps each object's content type and cache policy (an HTTP store does, a folder does not). */
    protected abstract boolean keepsHeaders();

    @BeforeEach
    void freshStore() {
        store = createStore();
    }

    protected static Artifact page(String key, String text) {
        return Artifact.text(key, text, "text/html; charset=utf-8", Artifact.CachePolicy.SHORT);
    }

    private Stored stored(String key) {
        return read(key).orElseThrow(() -> new AssertionError("nothing stored under " + key + "; keys: " + keys()));
    }

    /** The headers of a stored object, as HTTP compares them (s3proxy, for one, drops the space before a parameter). */
    private void assertHeaders(String key, Artifact expected) {
        Stored stored = stored(key);
        if (keepsHeaders()) {
            assertThat(stored.contentType()).as("content type of " + key).isNotNull();
            assertThat(stored.contentType().replace(" ", "")).as("content type of " + key)
                    .isEqualToIgnoringCase(expected.contentType().replace(" ", ""));
            assertThat(stored.cacheControl()).as("cache control of " + key).isEqualTo(expected.cache().header());
        } else {
            assertThat(stored.contentType()).isNull();
            assertThat(stored.cacheControl()).isNull();
        }
    }

    @Test
    void aNewObjectIsWrittenAndReadsBackWithItsHeaders() {
        // GIVEN an empty store, a nested page and a fingerprinted asset
        Artifact page = page("careers/mid-to-senior.html", "<p>senior</p>");
        Artifact css = Artifact.text("assets/site.0123abcd.css", "body{}", "text/css; charset=utf-8", Artifact.CachePolicy.IMMUTABLE);

        // WHEN both are put
        boolean pageWritten = store.put(page);
        boolean cssWritten = store.put(css);

        // THEN both are written under their site paths, with their bytes, and with their content
        // type and cache policy where the store keeps them
        assertThat(pageWritten).isTrue();
        assertThat(cssWritten).isTrue();
        assertThat(keys()).containsExactly("assets/site.0123abcd.css", "careers/mid-to-senior.html");
        assertThat(stored("careers/mid-to-senior.html").text()).isEqualTo("<p>senior</p>");
        assertThat(stored("assets/site.0123abcd.css").text()).isEqualTo("body{}");
        assertHeaders("careers/mid-to-senior.html", page);
        assertHeaders("assets/site.0123abcd.css", css);
    }

    @Test
    void anIdenticalObjectIsNotWrittenAgain() {
        // GIVEN an object already published
        store.put(page("index.html", "<p>home</p>"));

        // WHEN an identical object (another instance with the same key, bytes and headers) is put
        boolean written = store.put(page("index.html", "<p>home</p>"));

        // THEN nothing is written, and the object is as it was
        assertThat(written).isFalse();
        assertThat(stored("index.html").text()).isEqualTo("<p>home</p>");
        assertThat(keys()).containsExactly("index.html");
    }

    @Test
    void changedBytesReplaceTheObject() {
        // GIVEN an object already published
        store.put(page("index.html", "one"));

        // WHEN new bytes are put under its key
        boolean written = store.put(page("index.html", "two, and longer"));

        // THEN they are written, and a reader gets the new bytes only
        assertThat(written).isTrue();
        assertThat(stored("index.html").text()).isEqualTo("two, and longer");
        assertThat(keys()).containsExactly("index.html");
    }

    @Test
    void theSameBytesWithOtherHeadersAreWrittenWhereTheStoreKeepsHeaders() {
        // GIVEN a page published with the short cache policy
        store.put(page("guide/r1.pdf", "%PDF"));

        // WHEN the same bytes are put as immutable, then as another content type
        Artifact immutable = Artifact.text("guide/r1.pdf", "%PDF", "text/html; charset=utf-8", Artifact.CachePolicy.IMMUTABLE);
        boolean recached = store.put(immutable);
        Artifact retyped = Artifact.text("guide/r1.pdf", "%PDF", "application/pdf", Artifact.CachePolicy.IMMUTABLE);
        boolean retypedWritten = store.put(retyped);

        // THEN each is a change, written, where the store keeps headers (and identical, not written, where it does not)
        assertThat(recached).isEqualTo(keepsHeaders());
        assertThat(retypedWritten).isEqualTo(keepsHeaders());
        assertHeaders("guide/r1.pdf", retyped);
        // AND the same object again is identical everywhere
        assertThat(store.put(Artifact.text("guide/r1.pdf", "%PDF", "application/pdf", Artifact.CachePolicy.IMMUTABLE))).isFalse();
    }

    @Test
    void anObjectTheCallerKnowsIsThereIsNotWrittenAgain() {
        // GIVEN an object published, and the version the caller recorded for it
        Artifact home = page("index.html", "<p>home</p>");
        store.put(home);

        // WHEN the same object is put with that version known
        boolean written = store.put(page("index.html", "<p>home</p>"), Optional.of(home.version()));

        // THEN nothing is written, and the object is as it was
        assertThat(written).isFalse();
        assertThat(stored("index.html").text()).isEqualTo("<p>home</p>");
        assertHeaders("index.html", home);
    }

    @Test
    void aChangeIsWrittenWhateverTheCallerKnew() {
        // GIVEN an object published as "one"
        Artifact one = page("index.html", "one");
        store.put(one);

        // WHEN new bytes are put with the old version known, new headers likewise, and a new key with nothing known
        boolean changed = store.put(page("index.html", "two"), Optional.of(one.version()));
        Artifact immutable = Artifact.text("index.html", "two", "text/html; charset=utf-8", Artifact.CachePolicy.IMMUTABLE);
        boolean recached = store.put(immutable, Optional.of(page("index.html", "two").version()));
        boolean added = store.put(page("faq.html", "faq"), Optional.empty());

        // THEN each is written (the new headers where the store keeps them), and reads back as put
        assertThat(changed).isTrue();
        assertThat(recached).isEqualTo(keepsHeaders());
        assertThat(added).isTrue();
        assertThat(stored("index.html").text()).isEqualTo("two");
        assertHeaders("index.html", immutable);
        assertThat(keys()).containsExactly("faq.html", "index.html");
    }

    @Test
    void objectsPutFromSeveralThreadsAtOnceAreAllWrittenWhole() throws Exception {
        // GIVEN 48 pages and eight threads
        List<Artifact> pages = new ArrayList<>();
        for (int i = 0; i < 48; i++) {
            pages.add(page("pages/p" + i + ".html", ("<p>page " + i + "</p>").repeat(50)));
        }
        ExecutorService pool = Executors.newFixedThreadPool(8);

        // WHEN every page is put, eight at a time
        List<Boolean> written = new ArrayList<>();
        try {
            List<Future<Boolean>> puts = new ArrayList<>();
            for (Artifact artifact : pages) {
                puts.add(pool.submit(() -> store.put(artifact)));
            }
            for (Future<Boolean> put : puts) {
                written.add(put.get());
            }
        } finally {
            pool.shutdownNow();
        }

        // THEN each was written once and reads back whole
        assertThat(written).hasSize(48).containsOnly(true);
        assertThat(keys()).hasSize(48);
        for (Artifact artifact : pages) {
            assertThat(stored(artifact.key()).bytes()).as(artifact.key()).isEqualTo(artifact.bytes());
        }
    }

    @Test
    void deleteRemovesTheObjectAndLeavesTheOthers() {
        // GIVEN two objects
        store.put(page("a/b/c.html", "c"));
        store.put(page("index.html", "home"));

        // WHEN one is deleted
        store.delete("a/b/c.html");

        // THEN it is gone and the other stays
        assertThat(read("a/b/c.html")).isEmpty();
        assertThat(keys()).containsExactly("index.html");
        assertThat(stored("index.html").text()).isEqualTo("home");
    }

    @Test
    void deletingAnAbsentObjectIsANoOp() {
        // GIVEN one object, deleted once
        store.put(page("feeds/rss.xml", "<rss/>"));
        store.delete("feeds/rss.xml");

        // WHEN it is deleted again, and a key that never was is deleted
        store.delete("feeds/rss.xml");
        store.delete("never/there.html");

        // THEN nothing failed and the store is empty
        assertThat(keys()).isEmpty();
    }

    @Test
    void dotsInsideANameAreAnOrdinaryKey() {
        // GIVEN a store

        // WHEN pages whose names hold dots, two of them together, but no "." or ".." segment, are put
        boolean twoDots = store.put(page("notes/a..b.html", "a..b"));
        boolean dotFirst = store.put(page(".well-known/security.txt", "Contact: mailto:security@hub.test"));

        // THEN they are written under those names, inside the store
        assertThat(twoDots).isTrue();
        assertThat(dotFirst).isTrue();
        assertThat(keys()).containsExactly(".well-known/security.txt", "notes/a..b.html");
        assertThat(stored("notes/a..b.html").text()).isEqualTo("a..b");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/etc/passwd", "../outside.html", "a/../../outside.html", "a/..", "..", ".", "a/./b.html",
            "a\\b.html", "C:\\x", "c:x", "a\0.html", "line\nbreak", "tab\there", "", "a/", "a//b.html"})
    void keysThatCouldLeaveTheStoreAreRefused(String key) {
        // GIVEN a store

        // WHEN / THEN a key that could name something outside the store, or another object than
        // meant, is refused for put (whatever the caller knows) and delete alike, and nothing is written
        assertThatThrownBy(() -> store.put(page(key, "x"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.put(page(key, "x"), Optional.of(page(key, "x").version()))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.delete(key)).isInstanceOf(IllegalArgumentException.class);
        assertThat(keys()).isEmpty();
    }
}
