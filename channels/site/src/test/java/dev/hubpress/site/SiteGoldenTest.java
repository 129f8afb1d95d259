package dev.hubpress.site;

import dev.hubpress.core.testing.Editions;
import dev.hubpress.core.content.ContentTree;
import dev.hubpress.core.channel.Artifact;
import dev.hubpress.core.testing.ContentFixtures;
import dev.hubpress.core.testing.GoldenFiles;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Golden files: a small hub under {@code golden/site/input} rendered by the site channel must give
 * exactly the files under {@code golden/site/expected}. After an intended change to the templates,
 * regenerate with {@code mvn -pl channels/site test -Dtest=SiteGoldenTest -Dgolden.update=true}
 * and read the diff before committing it.
 */
class SiteGoldenTest {

    private static final Path GOLDEN = Path.of("src/test/resources/golden/site");

    @TestFactory
    Stream<DynamicTest> siteMatchesTheGoldenFiles() {
        // given the golden input hub, rendered as its first revision
        ContentTree input = ContentFixtures.read(GOLDEN.resolve("input"));
        List<Artifact> site = new SiteRenderer(Editions.MARKDOWN).render(Editions.firstEdition(input));
        if (GoldenFiles.updating()) {
            site.stream().filter(SiteGoldenTest::isText).forEach(SiteGoldenTest::write);
        }

        // then every text artifact equals its expected file, and no expected file is left over
        Stream<DynamicTest> files = site.stream().filter(SiteGoldenTest::isText).map(a -> DynamicTest.dynamicTest(a.key(), () -> {
            Path expected = GOLDEN.resolve("expected").resolve(a.key());
            assertThat(expected).as("expected file for " + a.key()).isRegularFile();
            assertThat(Editions.text(a)).isEqualTo(Files.readString(expected));
        }));
        DynamicTest complete = DynamicTest.dynamicTest("no expected file without an artifact", () -> {
            List<String> keys = site.stream().map(Artifact::key).toList();
            try (Stream<Path> walk = Files.walk(GOLDEN.resolve("expected"))) {
                assertThat(walk.filter(Files::isRegularFile)
                        .map(p -> GOLDEN.resolve("expected").relativize(p).toString().replace('\\', '/')))
                        .allMatch(keys::contains);
            }
        });
        return Stream.concat(files, Stream.of(complete));
    }

    private static boolean isText(Artifact artifact) {
        return !artifact.key().startsWith("assets/");
    }

    private static void write(Artifact artifact) {
        GoldenFiles.write(GOLDEN.resolve("expected"), artifact);
    }
}
