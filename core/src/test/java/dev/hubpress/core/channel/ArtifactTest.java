package dev.hubpress.core.channel;

import dev.hubpress.core.content.Hashing;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** An artifact's digest and version: its bytes' SHA-256, however often and through whichever artifact it is asked. */
class ArtifactTest {

    @Test
    void theDigestIsTheBytesSha256ForEveryArtifactSharingThemAndOthersHaveTheirOwn() {
        // GIVEN the book under its two names (one array) and another object with other bytes
        byte[] book = "%PDF-1.7 the book".getBytes(StandardCharsets.US_ASCII);
        Artifact latest = new Artifact("guide/book.pdf", book, "application/pdf", Artifact.CachePolicy.SHORT);
        Artifact revision = new Artifact("guide/r7.pdf", book, "application/pdf", Artifact.CachePolicy.IMMUTABLE);
        Artifact other = Artifact.text("index.html", "<p>hi</p>", "text/html; charset=utf-8", Artifact.CachePolicy.SHORT);

        // WHEN their digests and versions are asked, twice
        String first = latest.digest();

        // THEN each is the SHA-256 of its own bytes, the same each time, and the versions tell the cache policies apart
        assertThat(first).isEqualTo(Hashing.sha256Hex(book)).isEqualTo(latest.digest()).isEqualTo(revision.digest());
        assertThat(other.digest()).isEqualTo(Hashing.sha256Hex("<p>hi</p>".getBytes(StandardCharsets.UTF_8))).isNotEqualTo(first);
        assertThat(latest.version()).isNotEqualTo(revision.version()).isEqualTo(latest.version());
    }

    @Test
    void anArtifactKnownByItsDigestIsMadeOnlyWhenItsBytesAreAskedForAndOnlyOnce() {
        // GIVEN a feed's bytes, and an artifact known by their digest and size that counts how often it is made
        byte[] feed = "<feed>entries</feed>".getBytes(StandardCharsets.UTF_8);
        AtomicInteger made = new AtomicInteger();
        Artifact known = Artifact.ofDigest("feeds/atom.xml", "application/atom+xml", Artifact.CachePolicy.SHORT,
                Hashing.sha256Hex(feed), feed.length, () -> {
                    made.incrementAndGet();
                    return feed.clone();
                });
        Artifact given = new Artifact("feeds/atom.xml", feed, "application/atom+xml", Artifact.CachePolicy.SHORT);

        // WHEN its digest, version, size and equality with the same object given its bytes are asked
        String version = known.version();

        // THEN none of that made it
        assertThat(version).isEqualTo(given.version());
        assertThat(known.digest()).isEqualTo(given.digest());
        assertThat(known.size()).isEqualTo(feed.length);
        assertThat(known.made()).isFalse();
        assertThat(made).hasValue(0);
        // AND its bytes, asked twice, are made once
        assertThat(known.bytes()).isEqualTo(feed).isSameAs(known.bytes());
        assertThat(made).hasValue(1);
        assertThat(known).isEqualTo(given);
    }

    @Test
    void bytesMadeAgainThatAreNotTheOnesKnownAreRefused() {
        // GIVEN an artifact known by one text's digest, whose bytes come out as another text of the same length
        byte[] known = "written before".getBytes(StandardCharsets.UTF_8);
        Artifact artifact = Artifact.ofDigest("feeds/rss.xml", "application/rss+xml", Artifact.CachePolicy.SHORT,
                Hashing.sha256Hex(known), known.length, () -> "written  after".getBytes(StandardCharsets.UTF_8));

        // WHEN its bytes are asked, THEN they are refused, naming the object
        assertThatThrownBy(artifact::bytes).isInstanceOf(IllegalStateException.class).hasMessageContaining("feeds/rss.xml");
        assertThatThrownBy(() -> Artifact.ofDigest("a", "t", Artifact.CachePolicy.SHORT, "not hex", 1, () -> known))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
