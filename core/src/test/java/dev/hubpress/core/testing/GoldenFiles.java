package dev.hubpress.core.testing;

import dev.hubpress.core.channel.Artifact;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Golden-file tests' expected outputs, written when a test runs with {@code -Dgolden.update=true}. */
public final class GoldenFiles {

    private GoldenFiles() {
    }

    /** Whether this run regenerates the expected files instead of only comparing. */
    public static boolean updating() {
        return Boolean.getBoolean("golden.update");
    }

    /** Writes an artifact as the expected file of a golden test under {@code expected}, at its key. */
    public static void write(Path expected, Artifact artifact) {
        try {
            Path target = expected.resolve(artifact.key());
            Files.createDirectories(target.getParent());
            Files.write(target, artifact.bytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
