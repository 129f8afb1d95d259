package dev.hubpress.it;

import java.nio.file.Files;
import java.nio.file.Path;

/** The repository root, found from the module's working directory. */
final class Repository {

    private Repository() {
    }

    static Path root() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null) {
            if (Files.isRegularFile(dir.resolve("template.yaml")) && Files.isDirectory(dir.resolve("functions"))) {
                return dir;
            }
            dir = dir.getParent();
        }
        throw new IllegalStateException("no template.yaml above " + Path.of("").toAbsolutePath());
    }
}
