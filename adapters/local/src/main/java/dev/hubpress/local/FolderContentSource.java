package dev.hubpress.local;

import dev.hubpress.core.content.ContentFile;
import dev.hubpress.core.content.ContentTree;
import dev.hubpress.core.port.ContentSource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The content tree from a folder on disk. Every regular file counts except hidden ones (a name
 * starting with '.', at any depth: {@code .git}, {@code .DS_Store}, editor swap files) and editor
 * backups ending in '~'. Symbolic links are never followed out of the folder: a link to a file
 * inside it is read as that file, anything else is skipped with a warning.
 */
public final class FolderContentSource implements ContentSource {

    private final Path root;
    private final Consumer<String> warnings;

    public FolderContentSource(Path root) {
        this(root, message -> System.err.println("warning: " + message));
    }

    public FolderContentSource(Path root, Consumer<String> warnings) {
        this.root = root;
        this.warnings = warnings;
    }

    /** Whether a file or folder name is left out of the tree. */
    public static boolean ignored(String name) {
        return name.startsWith(".") || name.endsWith("~");
    }

    @Override
    public ContentTree read() {
        try {
            Path realRoot = root.toRealPath();
            if (!Files.isDirectory(realRoot)) {
                throw new NotDirectoryException(root.toString());
            }
            List<ContentFile> files = new ArrayList<>();
            Files.walkFileTree(realRoot, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                    return !dir.equals(realRoot) && ignored(dir.getFileName().toString())
                            ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    String name = file.getFileName().toString();
                    if (ignored(name)) {
                        // Editors' and systems' files are skipped quietly; a hidden page is a surprise worth a word.
                        if (name.endsWith(".md") || name.endsWith(".yaml")) {
                            warnings.accept("skipping " + relative(realRoot, file) + ": its name starts with a dot or ends"
                                    + " with ~, so it is not content (rename it to publish it)");
                        }
                        return FileVisitResult.CONTINUE;
                    }
                    String path = relative(realRoot, file);
                    if (attrs.isSymbolicLink()) {
                        Path target;
                        try {
                            target = file.toRealPath();
                        } catch (NoSuchFileException e) {
                            warnings.accept("skipping " + path + ": broken link");
                            return FileVisitResult.CONTINUE;
                        }
                        if (!target.startsWith(realRoot) || !Files.isRegularFile(target)) {
                            warnings.accept("skipping " + path + ": a link to " + target
                                    + (target.startsWith(realRoot) ? " (links to folders are not followed)" : ", outside the content folder"));
                            return FileVisitResult.CONTINUE;
                        }
                    } else if (!attrs.isRegularFile()) {
                        return FileVisitResult.CONTINUE;
                    }
                    files.add(new ContentFile(path, Files.readAllBytes(file)));
                    return FileVisitResult.CONTINUE;
                }
            });
            return new ContentTree(files);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read content folder " + root + ": " + describe(e), e);
        }
    }

    private static String relative(Path root, Path file) {
        List<String> parts = new ArrayList<>();
        for (Path part : root.relativize(file)) {
            parts.add(part.toString());
        }
        return String.join("/", parts);
    }

    private static String describe(IOException e) {
        if (e instanceof NoSuchFileException) {
            return "no such file or folder " + Objects.toString(e.getMessage(), "");
        }
        if (e instanceof NotDirectoryException) {
            return "not a folder";
        }
        return e.toString();
    }
}
