package dev.hubpress.core.cache;

import dev.hubpress.core.content.Hashing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The version of the code that computed a cached value. Each module whose code computes cached
 * values writes, at build time, a digest of its compiled classes and resources (templates
 * included) and the versions of the libraries whose output is cached too (Markdown, feeds, PDF,
 * YAML, templates) into {@code META-INF/hubpress/<module>.code-version} (the root pom's
 * {@code code-version} execution, which runs {@link #main}).
 * So a value cached by one build is never used by another: any change to those modules changes
 * the version, with nothing to remember to bump, and without git.
 */
public final class CodeVersion {

    static final String FOLDER = "META-INF/hubpress/";

    private CodeVersion() {
    }

    /**
     * The version of these modules (by artifact id) as built into this class path; empty when one
     * of them was built without its digest (then nothing is cached from or for it).
     */
    public static Optional<String> of(String... modules) {
        StringBuilder version = new StringBuilder();
        for (String module : modules) {
            Optional<String> digest = digest(module);
            if (digest.isEmpty()) {
                return Optional.empty();
            }
            version.append(version.isEmpty() ? "" : "; ").append(module).append(' ').append(digest.get());
        }
        return Optional.of(version.toString());
    }

    /**
     * The build's step: {@code CodeVersion <classes folder> <module> [what else the version
     * names…]} writes the module's digest: SHA-256 over the path and bytes of every file under the
     * folder (in path order, the digests themselves left out), then the rest of the arguments.
     */
    public static void main(String[] args) throws IOException {
        Path classes = Path.of(args[0]);
        List<Path> files;
        try (Stream<Path> walk = Files.walk(classes)) {
            files = walk.filter(Files::isRegularFile)
                    .filter(f -> !relative(classes, f).startsWith(FOLDER))
                    .sorted(Comparator.comparing(f -> relative(classes, f)))
                    .toList();
        }
        StringBuilder listing = new StringBuilder();
        for (Path file : files) {
            listing.append(relative(classes, file)).append('\0').append(Hashing.sha256Hex(Files.readAllBytes(file))).append('\n');
        }
        String version = Hashing.sha256Hex(listing.toString())
                + (args.length > 2 ? " " + String.join(" ", Arrays.asList(args).subList(2, args.length)) : "");
        Path target = classes.resolve(FOLDER + args[1] + ".code-version");
        Files.createDirectories(target.getParent());
        Files.writeString(target, version + "\n");
    }

    private static String relative(Path folder, Path file) {
        return folder.relativize(file).toString().replace('\\', '/');
    }

    private static Optional<String> digest(String module) {
        try (InputStream in = CodeVersion.class.getClassLoader().getResourceAsStream(FOLDER + module + ".code-version")) {
            if (in == null) {
                return Optional.empty();
            }
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
            return text.isEmpty() ? Optional.empty() : Optional.of(text);
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
