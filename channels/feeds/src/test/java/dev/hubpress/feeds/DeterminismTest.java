package dev.hubpress.feeds;

import dev.hubpress.core.testing.Editions;
import dev.hubpress.core.content.ContentTree;
import dev.hubpress.core.channel.Artifact;
import dev.hubpress.core.channel.Edition;
import dev.hubpress.core.testing.ContentFixtures;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.TimeZone;

import static org.assertj.core.api.Assertions.assertThat;

/** Same edition, same bytes: whatever the renderer instance, the JVM's time zone or its locale. */
class DeterminismTest {

    @Test
    void twoRendersOfOneRevisionAreByteIdentical() {
        // given the real hub after one edit
        ContentTree first = ContentFixtures.repositoryTree();
        ContentTree second = ContentFixtures.with(first, "faq.md",
                (new String(first.files().stream().filter(f -> f.path().equals("faq.md")).findFirst().orElseThrow().bytes(),
                        StandardCharsets.UTF_8) + "\nOne more line.\n").getBytes(StandardCharsets.UTF_8));
        Edition edition = Editions.nextEdition(Editions.firstEdition(first), first, second);

        // when it is rendered twice, by two renderers, the second time in another zone and locale
        List<Artifact> a = new FeedRenderer(Editions.MARKDOWN).render(edition);
        TimeZone zone = TimeZone.getDefault();
        Locale locale = Locale.getDefault();
        List<Artifact> b;
        try {
            TimeZone.setDefault(TimeZone.getTimeZone("Pacific/Chatham"));
            Locale.setDefault(Locale.forLanguageTag("ar-EG"));
            b = new FeedRenderer(dev.hubpress.core.markdown.MarkdownEngine.standard()).render(edition);
        } finally {
            TimeZone.setDefault(zone);
            Locale.setDefault(locale);
        }

        // then every object is the same, byte for byte (and there is something to compare)
        assertThat(a).hasSizeGreaterThan(4).allSatisfy(artifact -> assertThat(artifact.size()).isGreaterThan(100));
        assertThat(b).isEqualTo(a);
        assertThat(Editions.text(a.get(0))).contains("<pubDate>Mon, 02 Nov 2026 09:30:00 GMT</pubDate>");
    }
}
