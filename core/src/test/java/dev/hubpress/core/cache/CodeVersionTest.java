package dev.hubpress.core.cache;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The build's code version of a module covers every file in it, resources such as the guide's
 * fonts included: the guide's part keys rely on it for the faces' bytes.
 */
class CodeVersionTest {

    @Test
    void theVersionChangesWithAnyFileOfTheModuleAndOnlyThen(@TempDir Path classes) throws IOException {
        // GIVEN a module's classes folder with a class and a font
        Files.write(classes.resolve("Layout.class"), new byte[] {(byte) 0xCA, (byte) 0xFE, 1});
        Path font = Files.createDirectories(classes.resolve("fonts")).resolve("Face.ttf");
        Files.write(font, new byte[] {0, 1, 0, 0, 7});

        // WHEN its version is written, again unchanged, and again after one byte of the font changed
        String first = version(classes);
        String again = version(classes);
        Files.write(font, new byte[] {0, 1, 0, 0, 8});
        String changed = version(classes);

        // THEN the same files give the same version, and the font's byte another one
        assertThat(again).isEqualTo(first);
        assertThat(changed).isNotEqualTo(first);
    }

    private static String version(Path classes) throws IOException {
        CodeVersion.main(new String[] {classes.toString(), "module"});
        return Files.readString(classes.resolve(CodeVersion.FOLDER + "module.code-version"));
    }

    @Test
    void theBuildsVersionNamesEveryLibraryWhoseOutputIsCached() {
        // GIVEN the core as this build wrote its version (the root pom's code-version execution)
        // WHEN its version is read
        String version = CodeVersion.of("core").orElseThrow();

        // THEN it names each library whose output a cache keeps, so that upgrading one retires what
        // the old one wrote (a feed kept by its digest, say, is remade with the new one)
        assertThat(version).contains("flexmark ", "rome ", "jackson ", "openhtmltopdf ", "pdfbox ", "snakeyaml ", "jte ");
    }
}
