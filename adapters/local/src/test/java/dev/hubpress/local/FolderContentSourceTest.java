package dev.hubpress.local;

import dev.hubpress.core.content.ContentFile;
import dev.hubpress.core.content.ContentTree;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FolderContentSourceTest {

    @TempDir
    Path dir;

    private Path write(String path, String text) throws Exception {
        Path file = dir.resolve("content").resolve(path);
        Files.createDirectories(file.getParent());
        return Files.writeString(file, text);
    }

    @Test
    void readsEveryRegularFileWithRelativeSlashPaths() throws Exception {
        // GIVEN a content folder with nested files, one not valid UTF-8
        write("hub.yaml", "title: T\n");
        write("careers/mid-to-senior.md", "# x\n");
        Path raw = dir.resolve("content/data/raw.yaml");
        Files.createDirectories(raw.getParent());
        Files.write(raw, new byte[]{'a', (byte) 0xC3, '(', '\n'});

        // WHEN it is read
        ContentTree tree = new FolderContentSource(dir.resolve("content")).read();

        // THEN every file is there in path order, bytes untouched
        assertThat(tree.files()).extracting(ContentFile::path)
                .containsExactly("careers/mid-to-senior.md", "data/raw.yaml", "hub.yaml");
        assertThat(tree.file("data/raw.yaml").orElseThrow().bytes()).containsExactly('a', (byte) 0xC3, '(', '\n');
    }

    @Test
    void aHiddenPageIsSkippedWithAWordAndEditorLitterQuietly() throws Exception {
        // GIVEN a page whose name starts with a dot (as "...md" does), and an editor's swap file
        write("index.md", "home\n");
        write("...md", "a page the editor meant to publish\n");
        write("careers/.mid-to-senior.md.swp", "x");
        List<String> warnings = new ArrayList<>();

        // WHEN it is read
        ContentTree tree = new FolderContentSource(dir.resolve("content"), warnings::add).read();

        // THEN neither is content, and only the hidden page is mentioned, by name
        assertThat(tree.files()).extracting(ContentFile::path).containsExactly("index.md");
        assertThat(warnings).singleElement().satisfies(w -> assertThat(w).startsWith("skipping ...md: its name starts with a dot"));
    }

    @Test
    void skipsHiddenFilesHiddenFoldersAndEditorBackups() throws Exception {
        // GIVEN a content folder with the litter of editors and tools
        write("index.md", "home\n");
        write(".DS_Store", "x");
        write(".git/config", "x");
        write("careers/.mid-to-senior.md.swp", "x");
        write("careers/mid-to-senior.md~", "x");
        write("careers/mid-to-senior.md", "page\n");
        write(".drafts/secret.md", "x");

        // WHEN it is read
        ContentTree tree = new FolderContentSource(dir.resolve("content")).read();

        // THEN only the real content counts
        assertThat(tree.files()).extracting(ContentFile::path).containsExactly("careers/mid-to-senior.md", "index.md");
    }

    @Test
    void neverFollowsLinksOutOfTheFolder() throws Exception {
        // GIVEN links to a file outside, to a file inside, and to a folder outside
        write("index.md", "home\n");
        Path secret = Files.writeString(dir.resolve("secret.txt"), "secret");
        Path outsideDir = Files.createDirectories(dir.resolve("elsewhere"));
        Files.writeString(outsideDir.resolve("page.md"), "outside");
        Files.createSymbolicLink(dir.resolve("content/leak.md"), secret);
        Files.createSymbolicLink(dir.resolve("content/alias.md"), dir.resolve("content/index.md"));
        Files.createSymbolicLink(dir.resolve("content/folder"), outsideDir);
        List<String> warnings = new ArrayList<>();

        // WHEN it is read
        ContentTree tree = new FolderContentSource(dir.resolve("content"), warnings::add).read();

        // THEN nothing outside is read; the inside link reads as its target; skips are reported
        assertThat(tree.files()).extracting(ContentFile::path).containsExactly("alias.md", "index.md");
        assertThat(new String(tree.file("alias.md").orElseThrow().bytes(), StandardCharsets.UTF_8)).isEqualTo("home\n");
        assertThat(warnings).anySatisfy(w -> assertThat(w).contains("leak.md"))
                .anySatisfy(w -> assertThat(w).contains("folder"));
    }

    @Test
    void aMissingFolderIsAnIoErrorNamingIt() {
        // GIVEN no content folder
        FolderContentSource source = new FolderContentSource(dir.resolve("nope"));

        // WHEN / THEN reading says which folder is missing
        assertThatThrownBy(source::read).isInstanceOf(UncheckedIOException.class).hasMessageContaining("nope");
    }
}
