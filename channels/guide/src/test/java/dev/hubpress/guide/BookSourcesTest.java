package dev.hubpress.guide;

import org.apache.pdfbox.io.IOUtils;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A book's sources come back in order, read, each failure at its own turn. */
class BookSourcesTest {

    @Test
    void sourcesComeBackInOrderEachReadFromItsOwnBytes() throws IOException {
        // GIVEN three sources of 1, 2 and 3 pages
        List<byte[]> pdfs = List.of(pdf(1), pdf(2), pdf(3));
        List<Supplier<byte[]>> suppliers = new ArrayList<>();
        pdfs.forEach(bytes -> suppliers.add(() -> bytes));

        // WHEN they are taken one by one
        List<Integer> pages = new ArrayList<>();
        try (BookSources sources = new BookSources(suppliers, List.of(true, true, true), IOUtils.createMemoryOnlyStreamCache())) {
            for (int i = 0; i < pdfs.size(); i++) {
                BookSources.Source source = sources.take(i);
                try (PDDocument document = source.document()) {
                    // THEN each is the next one, with its own bytes
                    assertThat(source.bytes()).isSameAs(pdfs.get(i));
                    pages.add(document.getNumberOfPages());
                }
            }
        }
        assertThat(pages).containsExactly(1, 2, 3);
    }

    @Test
    void aSourceNotExpectedIsReadWhenTakenAndOneExpectedButSkippedIsNeverHandedOut() throws IOException {
        // GIVEN four sources: the first and third expected (read ahead), the others not (a bound copy is expected)
        List<byte[]> pdfs = List.of(pdf(1), pdf(2), pdf(3), pdf(4));
        List<Integer> read = java.util.Collections.synchronizedList(new ArrayList<>());
        List<Supplier<byte[]>> suppliers = new ArrayList<>();
        for (int i = 0; i < pdfs.size(); i++) {
            int index = i;
            suppliers.add(() -> {
                read.add(index);
                return pdfs.get(index);
            });
        }

        // WHEN the binding takes the second (not expected) and the fourth, skipping the first and third
        List<Integer> pages = new ArrayList<>();
        try (BookSources sources = new BookSources(suppliers, List.of(true, false, true, false), IOUtils.createMemoryOnlyStreamCache())) {
            for (int i : List.of(1, 3)) {
                try (PDDocument document = sources.take(i).document()) {
                    pages.add(document.getNumberOfPages());
                }
            }
            // THEN each taken one is the one asked for, and one taken out of order is refused
            assertThatThrownBy(() -> sources.take(2)).isInstanceOf(IllegalArgumentException.class);
        }
        assertThat(pages).containsExactly(2, 4);
        // and the ones not expected were read only when taken
        assertThat(read).contains(1, 3);
    }

    @Test
    void aSourceThatFailsToLoadFailsAtItsTurnAfterTheOnesBeforeIt() throws IOException {
        // GIVEN a good source, then one whose bytes cannot be had, then another good one
        List<Supplier<byte[]>> suppliers = List.of(() -> pdf(1), () -> {
            throw new UncheckedIOException(new IOException("part 2 is missing from the cache"));
        }, () -> pdf(3));

        try (BookSources sources = new BookSources(suppliers, List.of(true, true, true), IOUtils.createMemoryOnlyStreamCache())) {
            // WHEN they are taken, THEN the first comes back whole and the second's failure is thrown as it was
            try (PDDocument first = sources.take(0).document()) {
                assertThat(first.getNumberOfPages()).isEqualTo(1);
            }
            assertThatThrownBy(() -> sources.take(1)).isInstanceOf(UncheckedIOException.class).hasMessageContaining("part 2 is missing");
        }
    }

    private static byte[] pdf(int pages) {
        try (PDDocument document = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            for (int i = 0; i < pages; i++) {
                document.addPage(new PDPage());
            }
            document.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
