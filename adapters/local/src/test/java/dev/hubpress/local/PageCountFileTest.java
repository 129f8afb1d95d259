package dev.hubpress.local;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.OptionalInt;

import static org.assertj.core.api.Assertions.assertThat;

/** The page count the launcher reads before a publish starts. */
class PageCountFileTest {

    @TempDir
    Path out;

    @Test
    void aCountIsKeptAsOneLineAndReadBack() throws Exception {
        // GIVEN an output folder with no state yet
        // WHEN a count is kept
        PageCountFile.keep(out, 10_000);

        // THEN the file is the number on a line of its own (what the shell's read takes), and reads back
        assertThat(Files.readString(out.resolve(PageCountFile.PATH))).isEqualTo("10000\n");
        assertThat(PageCountFile.read(out)).isEqualTo(OptionalInt.of(10_000));
    }

    @Test
    void theSameCountIsNotWrittenAgainAndAnotherReplacesIt() throws Exception {
        // GIVEN a count kept, its file dated an hour back
        PageCountFile.keep(out, 24);
        Path file = out.resolve(PageCountFile.PATH);
        FileTime hourAgo = FileTime.fromMillis(System.currentTimeMillis() - 3_600_000);
        Files.setLastModifiedTime(file, hourAgo);

        // WHEN the same count is kept, then another
        PageCountFile.keep(out, 24);
        FileTime afterSame = Files.getLastModifiedTime(file);
        PageCountFile.keep(out, 25);

        // THEN the first left the file as it was, the second replaced it
        assertThat(afterSame).isEqualTo(hourAgo);
        assertThat(PageCountFile.read(out)).isEqualTo(OptionalInt.of(25));
    }

    @Test
    void aMissingOrDamagedFileReadsAsNoCount() throws Exception {
        // GIVEN no file, then one that does not hold a count
        assertThat(PageCountFile.read(out)).isEmpty();
        Files.createDirectories(out.resolve("state"));
        Files.writeString(out.resolve(PageCountFile.PATH), "10000 pages\n");

        // THEN neither reads as a count; a count kept replaces the damaged one
        assertThat(PageCountFile.read(out)).isEmpty();
        PageCountFile.keep(out, 7);
        assertThat(PageCountFile.read(out)).isEqualTo(OptionalInt.of(7));
    }

    @Test
    void aCountThatCannotBeWrittenFailsNothing() throws Exception {
        // GIVEN an "output folder" that is a file, so nothing can be written under it
        Path notAFolder = Files.writeString(out.resolve("file"), "x");

        // WHEN a count is kept there THEN nothing is thrown and nothing is read back
        PageCountFile.keep(notAFolder, 10_000);
        assertThat(PageCountFile.read(notAFolder)).isEmpty();
    }
}
