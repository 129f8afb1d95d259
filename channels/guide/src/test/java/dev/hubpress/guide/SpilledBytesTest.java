package dev.hubpress.guide;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class SpilledBytesTest {

    @Test
    void bytesKeptInAFileReadBackAsTheyWereAndTheCallersArrayIsNotShared() {
        // GIVEN a megabyte of bytes that differ from one another
        byte[] bytes = new byte[1 << 20];
        new Random(7).nextBytes(bytes);
        byte[] original = bytes.clone();

        // WHEN they are spilled, and the caller's array changes afterwards
        SpilledBytes spilled = SpilledBytes.of(bytes);
        bytes[0]++;

        // THEN they read back as they were, twice
        assertThat(spilled.read()).isEqualTo(original);
        assertThat(spilled.read()).isEqualTo(original);
    }

    @Test
    void aPartKeepsItsPdfOutsideTheHeapAndInflatesItBack() {
        // GIVEN a part laid out from a PDF's bytes
        byte[] pdf = "%PDF-1.7\n%…a part…\n%%EOF\n".repeat(1000).getBytes(java.nio.charset.StandardCharsets.UTF_8);
        RenderedPart part = RenderedPart.laidOut(pdf, 3, java.util.Map.of("p-a", new RenderedPart.Anchor(2, 700f)));

        // THEN what it keeps is deflated, and its PDF comes back whole
        assertThat(part.packed().read().length).isLessThan(pdf.length / 10);
        assertThat(part.pdf()).isEqualTo(pdf);
        assertThat(part.pages()).isEqualTo(3);
    }
    @Test
    void partsShareASegmentFileAndAFullSegmentNoOneNeedsIsDeleted() throws InterruptedException {
        // GIVEN the files spilled bytes are in now
        byte[] kilobyte = new byte[1024];
        new Random(11).nextBytes(kilobyte);
        SpilledBytes.of(kilobyte);
        long before = SpilledBytes.files();

        // WHEN two hundred parts' bytes are spilled
        java.util.List<SpilledBytes> parts = new java.util.ArrayList<>();
        for (int i = 0; i < 200; i++) {
            parts.add(SpilledBytes.of(kilobyte));
        }

        // THEN they went into the same file (one more at most, when a segment filled up), and read back
        assertThat(SpilledBytes.files()).isBetween(before, before + 1);
        assertThat(parts.get(199).read()).isEqualTo(kilobyte);

        // AND WHEN two segments' worth more is spilled and no one refers to any of it any more
        parts.clear();
        long open = SpilledBytes.files();
        byte[] megabyte = new byte[1 << 20];
        for (long spilled = 0; spilled <= 2 * SpilledBytes.SEGMENT_SIZE; spilled += megabyte.length) {
            SpilledBytes.of(megabyte);
        }

        // THEN the segments it filled are deleted, and only the one still taking bytes is left of
        // them (another test's parts, still held, may keep the segment that was open before)
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (SpilledBytes.files() > open + 1 && System.nanoTime() < deadline) {
            System.gc();
            Thread.sleep(50);
        }
        assertThat(SpilledBytes.files()).isLessThanOrEqualTo(open + 1);
    }
}
