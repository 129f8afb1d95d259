package dev.hubpress.core.channel;

import dev.hubpress.core.content.Hashing;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

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
}
