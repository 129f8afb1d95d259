package dev.hubpress.guide;

import org.apache.pdfbox.io.RandomAccessRead;
import org.apache.pdfbox.io.RandomAccessReadBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The guide's reader of PDF bytes answers every call as PDFBox's own buffer does. */
class WrittenBytesTest {

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 5, 8, 13, 21, 34, 55, 89})
    void aThousandRandomCallsAnswerAsPdfBoxsBufferDoes(long seed) throws IOException {
        // GIVEN the same bytes behind both readers
        byte[] bytes = new byte[777];
        new Random(7).nextBytes(bytes);
        Random random = new Random(seed);
        try (RandomAccessRead ours = new WrittenBytes(bytes); RandomAccessRead theirs = new RandomAccessReadBuffer(bytes)) {
            // WHEN a long random sequence of reads, peeks, seeks (also past the end), rewinds, skips and views runs on both
            for (int step = 0; step < 1000; step++) {
                int op = random.nextInt(9);
                int n = random.nextInt(40);
                long to = random.nextInt(bytes.length + 20);
                // THEN each answer, and the position after it, is the same
                assertThat(apply(ours, op, n, to)).as("step %d, operation %d", step, op).isEqualTo(apply(theirs, op, n, to));
                assertThat(ours.getPosition()).as("position after step %d", step).isEqualTo(theirs.getPosition());
                assertThat(ours.isEOF()).isEqualTo(theirs.isEOF());
            }
        }
    }

    @Test
    void aClosedReaderRefusesToRead() throws IOException {
        WrittenBytes reader = new WrittenBytes(new byte[] {1, 2, 3});
        reader.close();
        assertThat(reader.isClosed()).isTrue();
        assertThatThrownBy(reader::read).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> reader.seek(1)).isInstanceOf(IOException.class);
    }

    private static List<Object> apply(RandomAccessRead reader, int op, int n, long to) throws IOException {
        List<Object> answer = new ArrayList<>();
        switch (op) {
            case 0 -> answer.add(reader.read());
            case 1 -> {
                byte[] into = new byte[n + 3];
                answer.add(reader.read(into, 2, n));
                answer.add(Arrays.toString(into));
            }
            case 2 -> answer.add(reader.peek());
            case 3 -> reader.seek(to);
            case 4 -> {
                int back = (int) Math.min(n, reader.getPosition());
                reader.rewind(back);
            }
            case 5 -> {
                if (reader.getPosition() + n <= reader.length()) {
                    reader.skip(n);
                }
            }
            case 6 -> answer.add(reader.available());
            case 7 -> answer.add(reader.length());
            default -> {
                long start = Math.min(to, reader.length());
                long length = Math.min(n, reader.length() - start);
                try (RandomAccessRead view = reader.createView(start, length)) {
                    byte[] into = new byte[n];
                    answer.add(view.read(into, 0, n));
                    answer.add(Arrays.toString(into));
                    answer.add(view.length());
                }
            }
        }
        return answer;
    }
}
