package dev.hubpress.core.channel;

import dev.hubpress.core.revision.Announcements;
import dev.hubpress.core.revision.ChannelStatus;
import dev.hubpress.core.revision.Revision;
import dev.hubpress.core.testing.ContentFixtures;
import dev.hubpress.core.testing.Editions;
import dev.hubpress.core.content.ContentTree;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Which entries each feed of an edition holds, whatever state its own site publish is in. */
class FeedTopicsTest {

    @Test
    void anEditionsOwnRevisionIsInItsFeedsWhetherItsSiteIsUnrecordedFailedOrDone() {
        // GIVEN r1 with its site published, and r2 editing one page
        ContentTree tree = ContentFixtures.repositoryTree();
        Edition first = Editions.firstEdition(tree);
        String path = "skills/distributed-systems.md";
        ContentTree edited = ContentFixtures.with(tree, path, (new String(tree.file(path).orElseThrow().bytes(),
                StandardCharsets.UTF_8) + "\nOne more line.\n").getBytes(StandardCharsets.UTF_8));
        Edition second = Editions.nextEdition(first, tree, edited);
        Revision r1 = second.history().get(1).withChannel(Announcements.SITE, ChannelStatus.done(1, 1, 1, ""));
        Revision r2 = second.revision();

        // WHEN its feeds are read with r2's site not recorded yet, FAILED on a first try, and DONE
        List<List<String>> entries = List.of(r2, r2.withChannel(Announcements.SITE, ChannelStatus.failed(5, "S3 went away")),
                        r2.withChannel(Announcements.SITE, ChannelStatus.done(1, 1, 1, "")))
                .stream()
                .map(r -> FeedTopics.of(new Edition(second.hub(), r, List.of(r, r1)), 10).of(FeedTopic.page("skills/distributed-systems"))
                        .stream().map(i -> i.revision().id() + " " + i.change().kind()).toList())
                .toList();

        // THEN the page's feed holds r2's change and r1's the same way each time: a retried site publish makes the same pages
        assertThat(entries.get(0)).containsExactly("r2 CHANGED", "r1 ADDED");
        assertThat(entries).allMatch(e -> e.equals(entries.get(0)));
    }
}
