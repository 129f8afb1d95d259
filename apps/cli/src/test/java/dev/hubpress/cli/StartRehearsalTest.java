package dev.hubpress.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The launcher's training run edits the first page below a folder, as a user's edit would, and no index page. */
class StartRehearsalTest {

    @TempDir
    Path content;

    @Test
    void theEditAddsASentenceToTheFirstPageInPathOrderBelowAFolderAndLeavesTheRestAlone() throws Exception {
        // GIVEN a hub's index, a section's index and two pages
        Files.writeString(content.resolve("index.md"), "# Hub\n");
        Path section = Files.createDirectories(content.resolve("careers"));
        Files.writeString(section.resolve("index.md"), "# Careers\n");
        Files.writeString(section.resolve("b-page.md"), "# B\n");
        Files.writeString(section.resolve("a-page.md"), "# A\n");

        // WHEN the rehearsal edits it
        StartRehearsal.edit(content);

        // THEN only the first page in path order took a sentence
        assertThat(Files.readString(section.resolve("a-page.md"))).startsWith("# A\n").contains("One more sentence");
        assertThat(Files.readString(section.resolve("b-page.md"))).isEqualTo("# B\n");
        assertThat(Files.readString(section.resolve("index.md"))).isEqualTo("# Careers\n");
        assertThat(Files.readString(content.resolve("index.md"))).isEqualTo("# Hub\n");
    }
}
