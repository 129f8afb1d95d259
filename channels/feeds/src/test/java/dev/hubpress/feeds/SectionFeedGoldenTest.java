package dev.hubpress.feeds;

import dev.hubpress.core.channel.Artifact;
import dev.hubpress.core.channel.FeedTopic;
import dev.hubpress.core.content.ContentTree;
import dev.hubpress.core.testing.ContentFixtures;
import dev.hubpress.core.testing.Editions;
import dev.hubpress.core.testing.GoldenFiles;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Golden files for one section's feeds and one page's: a small hub under {@code golden/section-feed}
 * published as r1 then r2 (see its README). After an intended change, regenerate with
 * {@code mvn -o -pl core,channels/feeds test -Dtest=SectionFeedGoldenTest -Dgolden.update=true}
 * and read the diff before committing it.
 */
class SectionFeedGoldenTest {

    private static final Path GOLDEN = Path.of("src/test/resources/golden/section-feed");

    @TestFactory
    Stream<DynamicTest> theGuidesSectionsFeedsAndAPagesFeedMatchTheGoldenFiles() {
        ContentTree r1 = ContentFixtures.read(GOLDEN.resolve("r1"));
        ContentTree r2 = ContentFixtures.read(GOLDEN.resolve("r2"));
        List<Artifact> feeds = new FeedRenderer(Editions.MARKDOWN).render(Editions.nextEdition(Editions.firstEdition(r1), r1, r2));
        FeedTopic guides = FeedTopic.section("guides");
        List<String> keys = new ArrayList<>(List.of(guides.rss().orElseThrow(), guides.atom(), guides.json().orElseThrow(),
                FeedTopic.page("guides/style").atom()));
        if (GoldenFiles.updating()) {
            keys.forEach(key -> GoldenFiles.write(GOLDEN.resolve("expected"), Editions.find(feeds, key)));
        }
        return keys.stream().map(key -> DynamicTest.dynamicTest(key, () ->
                assertThat(Editions.text(Editions.find(feeds, key))).isEqualTo(Files.readString(GOLDEN.resolve("expected").resolve(key)))));
    }
}
