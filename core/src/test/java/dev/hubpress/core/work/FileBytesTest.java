package dev.hubpress.core.work;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A whole file read a piece at a time: the same bytes as one read, without a direct buffer the size of the file. */
class FileBytesTest {

    @TempDir
    Path dir;

    @Test
    void aFileOfSeveralPiecesIsReadWholeAndInOrder() throws Exception {
        // GIVEN a file of two and a half pieces, every byte of it random
        byte[] written = new byte[FileBytes.PIECE * 5 / 2 + 7];
        new Random(42).nextBytes(written);
        Path file = Files.write(dir.resolve("large"), written);

        // WHEN it is read THEN it is those bytes, as Files.readAllBytes gives them
        assertThat(FileBytes.read(file)).isEqualTo(written).isEqualTo(Files.readAllBytes(file));
    }

    @Test
    void anEmptyFileIsNoBytesAndAMissingOneIsNoSuchFile() throws Exception {
        assertThat(FileBytes.read(Files.write(dir.resolve("empty"), new byte[0]))).isEmpty();
        assertThatThrownBy(() -> FileBytes.read(dir.resolve("missing"))).isInstanceOf(NoSuchFileException.class);
    }

    @Test
    void aThreadReadingALargeFileKeepsADirectBufferOfOnePieceNotOfTheFile() throws Exception {
        // GIVEN a file of eight pieces, and a thread that has read nothing yet
        Path file = Files.write(dir.resolve("eight-pieces"), new byte[FileBytes.PIECE * 8]);
        BufferPoolMXBean direct = ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class).stream()
                .filter(pool -> pool.getName().equals("direct")).findFirst().orElseThrow();
        AtomicLong grew = new AtomicLong();
        AtomicReference<Throwable> failed = new AtomicReference<>();
        Thread reader = new Thread(() -> {
            try {
                long before = direct.getTotalCapacity();
                // WHEN the thread reads it whole
                byte[] bytes = FileBytes.read(file);
                grew.set(direct.getTotalCapacity() - before);
                assertThat(bytes).hasSize(FileBytes.PIECE * 8);
            } catch (Throwable e) {
                failed.set(e);
            }
        });
        reader.start();
        reader.join();

        // THEN the direct memory it holds grew by one piece at most (Files.readAllBytes: by the file's size)
        assertThat(failed.get()).isNull();
        assertThat(grew.get()).isLessThanOrEqualTo(FileBytes.PIECE);
    }
}
