package dev.hubpress.site;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hubpress.core.channel.Artifact;
import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * The site's browser tests' Chromium: the system's ({@code /usr/bin/chromium}, or where the system
 * property {@code hubpress.chromium} says), driven by a script under {@code src/test/node} with
 * playwright-core from {@code emulators/}. Without Chromium a test fails when {@code CI=true}, and
 * is skipped, saying why, otherwise.
 */
final class Chromium {

    static final String PATH = System.getProperty("hubpress.chromium", "/usr/bin/chromium");

    private Chromium() {
    }

    /** Fails or skips the test (see above) when Chromium is missing; {@code check} says what it would have checked. */
    static void require(String check) {
        if (Files.isExecutable(Path.of(PATH))) {
            return;
        }
        String missing = "Chromium is not installed at " + PATH + " (apt-get install -y chromium, or -Dhubpress.chromium=PATH): "
                + check;
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            fail(missing);
        }
        Assumptions.abort(missing + "; skipped (CI is not set)");
    }

    /** Writes a render's artifacts into a folder, as the local publish does; returns the folder. */
    static Path publish(List<Artifact> artifacts, Path site) throws IOException {
        for (Artifact artifact : artifacts) {
            Path file = site.resolve(artifact.key());
            Files.createDirectories(file.getParent());
            Files.write(file, artifact.bytes());
        }
        return site;
    }

    /**
     * Runs {@code src/test/node/<script>} with the site folder, the node modules and Chromium's path,
     * then these arguments; its JSON report on standard output.
     */
    static JsonNode run(String script, Path site, Path work, String... args) throws Exception {
        Path root = repositoryRoot();
        Path modules = root.resolve("emulators/node_modules");
        assertThat(modules.resolve("playwright-core/package.json"))
                .as("playwright-core in emulators/node_modules (the build installs it: npm ci in emulators/)").isRegularFile();
        List<String> command = new ArrayList<>(List.of("node", root.resolve("channels/site/src/test/node/" + script).toString(),
                site.toString(), modules.toString(), PATH));
        command.addAll(List.of(args));
        Path out = work.resolve(script + ".json");
        Path err = work.resolve(script + ".log");
        Process node = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!node.waitFor(180, TimeUnit.SECONDS)) {
            node.destroyForcibly();
            fail("the browser script took over 180 s: " + Files.readString(err));
        }
        assertThat(node.exitValue()).as("browser script exit; its log:\n" + Files.readString(err)).isZero();
        return new ObjectMapper().readTree(out.toFile());
    }

    private static Path repositoryRoot() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("emulators/package-lock.json"))) {
                return dir;
            }
        }
        throw new IllegalStateException("no emulators/package-lock.json above " + Path.of("").toAbsolutePath());
    }
}
