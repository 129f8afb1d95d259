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
}
