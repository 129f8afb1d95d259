package dev.hubpress.core.testing;

import dev.hubpress.core.content.ContentFile;
import dev.hubpress.core.content.ContentTree;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** Content trees for tests: the real hub in content/, or small trees written inline. */
public final class ContentFixtures {

    public static final String HUB_YAML = """
            title: Test Hub
            subtitle: A hub for tests
            description: Pages for tests.
            baseUrl: https://hub.test
            author: Test editors
            language: en
            sections:
              - { id: home, title: Home }
              - { id: guides, title: Guides }
            """;

    private ContentFixtures() {
    }

    /** The repository's content/ folder, found from the module's working directory. */
    public static Path repositoryContent() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null) {
            if (Files.isRegularFile(dir.resolve("content/hub.yaml")) && Files.isDirectory(dir.resolve("functions"))) {
                return dir.resolve("content");
            }
            dir = dir.getParent();
        }
        throw new IllegalStateException("no content/ folder above " + Path.of("").toAbsolutePath());
    }

    public static ContentTree read(Path root) {
        List<ContentFile> files = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.filter(Files::isRegularFile).sorted().toList()) {
                files.add(new ContentFile(root.relativize(p).toString().replace('\\', '/'), Files.readAllBytes(p)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new ContentTree(files);
    }

    /** Writes the repository's content into a folder (a user's copy to edit); returns the folder. */
    public static Path copyRepositoryContent(Path target) {
        try {
            for (ContentFile file : repositoryTree().files()) {
                Path to = target.resolve(file.path());
                Files.createDirectories(to.getParent());
                Files.write(to, file.bytes());
            }
            return target;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    public static ContentTree repositoryTree() {
        return read(repositoryContent());
    }

    /** A page with the required front matter and the given body. */
    public static String page(String title, String section, int order, String body) {
        return page(title, "About " + title + ".", section, order, body);
    }

    /** A page with the required front matter, this summary and the given body. */
    public static String page(String title, String summary, String section, int order, String body) {
        return "---\ntitle: " + title + "\nsummary: " + summary + "\nsection: " + section
                + "\norder: " + order + "\n---\n" + body;
    }

    /** A minimal valid tree (hub.yaml and a home page) plus the given path to text entries. */
    public static ContentTree tree(String... pathsAndTexts) {
        Map<String, String> texts = new LinkedHashMap<>();
        texts.put("hub.yaml", HUB_YAML);
        texts.put("index.md", page("Home", "home", 0, "## Welcome\n\nHello.\n"));
        for (int i = 0; i < pathsAndTexts.length; i += 2) {
            texts.put(pathsAndTexts[i], pathsAndTexts[i + 1]);
        }
        List<ContentFile> files = new ArrayList<>();
        texts.forEach((path, text) -> files.add(new ContentFile(path, text.getBytes(StandardCharsets.UTF_8))));
        return new ContentTree(files);
    }

    /** A tree of exactly the given path to text entries (no hub.yaml or home page added). */
    public static ContentTree bare(String... pathsAndTexts) {
        List<ContentFile> files = new ArrayList<>();
        for (int i = 0; i < pathsAndTexts.length; i += 2) {
            files.add(new ContentFile(pathsAndTexts[i], pathsAndTexts[i + 1].getBytes(StandardCharsets.UTF_8)));
        }
        return new ContentTree(files);
    }

    /** The same tree with one file replaced by raw bytes. */
    public static ContentTree with(ContentTree tree, String path, byte[] bytes) {
        List<ContentFile> files = new ArrayList<>(tree.files().stream().filter(f -> !f.path().equals(path)).toList());
        files.add(new ContentFile(path, bytes));
        return new ContentTree(files);
    }

    /** The same tree without one file. */
    public static ContentTree without(ContentTree tree, String path) {
        return new ContentTree(tree.files().stream().filter(f -> !f.path().equals(path)).toList());
    }
}
