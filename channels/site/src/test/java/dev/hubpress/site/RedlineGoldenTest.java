package dev.hubpress.site;

import dev.hubpress.core.channel.Artifact;
import dev.hubpress.core.channel.Edition;
import dev.hubpress.core.content.ContentTree;
import dev.hubpress.core.testing.ContentFixtures;
import dev.hubpress.core.testing.GoldenFiles;
import dev.hubpress.core.testing.Editions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Golden files for the redline pages: the hub under {@code golden/redline/r1} and its second
 * revision {@code golden/redline/r2} (a sentence edited, sections and pages added and removed, a
 * link target and a summary changed) must give exactly the pages under
 * {@code golden/redline/expected/changes}. Regenerate after an intended change with
 * {@code mvn -pl channels/site test -Dtest=RedlineGoldenTest -Dgolden.update=true} and read the diff.
 */
class RedlineGoldenTest {

    private static final Path GOLDEN = Path.of("src/test/resources/golden/redline");

    @TestFactory
    Stream<DynamicTest> redlinePagesMatchTheGoldenFiles() {
        // given the two revisions, rendered as the second edition
        ContentTree r1 = ContentFixtures.read(GOLDEN.resolve("r1"));
        ContentTree r2 = ContentFixtures.read(GOLDEN.resolve("r2"));
        Edition second = Editions.nextEdition(Editions.firstEdition(r1), r1, r2);
        List<Artifact> redlines = new SiteRenderer(Editions.MARKDOWN).render(second).stream()
                .filter(a -> a.key().startsWith("changes/")).toList();
        if (GoldenFiles.updating()) {
            redlines.forEach(RedlineGoldenTest::write);
        }

        // then there is one page per revision, each equal to its expected file
        assertThat(redlines).extracting(Artifact::key).containsExactly("changes/r2.html", "changes/r1.html");
        return redlines.stream().map(a -> DynamicTest.dynamicTest(a.key(), () ->
                assertThat(Editions.text(a)).isEqualTo(Files.readString(GOLDEN.resolve("expected").resolve(a.key())))));
    }

    private static void write(Artifact artifact) {
        GoldenFiles.write(GOLDEN.resolve("expected"), artifact);
    }
}
