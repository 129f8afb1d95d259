package dev.hubpress.guide;

import dev.hubpress.core.content.Hashing;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

class HashedOutputTest {

    @Test
    void theDigestIsThatOfEveryByteWrittenInOrder() throws IOException {
        // GIVEN 3 MB written in pieces of every size, single bytes among them, far more than wait to be hashed at once
        byte[] book = new byte[3 << 20];
        new Random(7).nextBytes(book);
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        HashedOutput out = new HashedOutput(file);

        // WHEN they pass through it
        write(out, book, 11);
        out.close();

        // THEN the file holds them and the digest is theirs
        assertThat(file.toByteArray()).isEqualTo(book);
        assertThat(out.sha256Hex()).isEqualTo(Hashing.sha256Hex(book));
    }

    @Test
    void booksWrittenSideBySideEachGetTheirOwnDigest() {
        // GIVEN two books written at once on two threads (the whole book and a section's), sharing the hashing thread
        List<byte[]> books = List.of(new byte[2 << 20], new byte[1 << 20]);
        books.get(0)[12345] = 1;
        books.get(1)[0] = 2;

        // WHEN each is written through an output of its own
        List<String> digests = books.stream().map(book -> CompletableFuture.supplyAsync(() -> {
            try {
                HashedOutput out = new HashedOutput(new ByteArrayOutputStream());
                write(out, book, book.length);
                return out.sha256Hex();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        })).toList().stream().map(CompletableFuture::join).toList();

        // THEN each digest is its own book's
        assertThat(digests).containsExactly(Hashing.sha256Hex(books.get(0)), Hashing.sha256Hex(books.get(1)));
    }

    /** Writes the bytes in pieces of 1 byte up to about 64 KB, varied by the seed, some a byte at a time. */
    private static void write(HashedOutput out, byte[] bytes, long seed) throws IOException {
        Random sizes = new Random(seed);
        int at = 0;
        while (at < bytes.length) {
            int n = Math.min(bytes.length - at, 1 + sizes.nextInt(1 << 16));
            if (n < 64) {
                for (int i = 0; i < n; i++) {
                    out.write(bytes[at + i]);
                }
            } else {
                out.write(bytes, at, n);
            }
            at += n;
        }
    }
}
