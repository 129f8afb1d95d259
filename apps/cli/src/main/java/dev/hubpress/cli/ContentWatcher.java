package dev.hubpress.cli;

import dev.hubpress.local.FolderContentSource;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Map;
import java.util.TreeMap;

/**
 * Notices edits to the content folder by polling file sizes and modification times: portable,
 * recursive, and blind to the files the content reader skips.
 */
final class ContentWatcher {

    private final Path root;

    ContentWatcher(Path root) {
        this.root = root;
    }

    /** Path to "size mtime" of every file that counts as content; empty when the folder is gone. */
    Map<String, String> snapshot() {
        Map<String, String> files = new TreeMap<>();
        if (!Files.isDirectory(root)) {
            return files;
        }
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                    return !dir.equals(root) && FolderContentSource.ignored(dir.getFileName().toString())
                            ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    if (!FolderContentSource.ignored(file.getFileName().toString())) {
                        files.put(root.relativize(file).toString(), attrs.size() + " " + attrs.lastModifiedTime().toMillis());
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    // A file that vanished between listing and reading: the next poll sees the new state.
                    files.put(root.relativize(file).toString(), "unreadable");
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            files.put("", "unreadable: " + e.getMessage());
        }
        return files;
    }
}
