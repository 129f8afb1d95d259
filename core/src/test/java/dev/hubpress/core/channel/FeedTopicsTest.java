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
    void theSiteShowsItsOwnRevisionWhateverItsStatusSaysAndTheFeedsHoldItBackTillItsSiteIsDone() {
        // GIVEN r1 with its site published, and r2 editing one page
        ContentTree tree = ContentFixtures.repositoryTree();
        Edition first = Editions.firstEdition(tree);
        String path = "skills/distributed-systems.md";
        ContentTree edited = ContentFixtures.with(tree, path, (new String(tree.file(path).orElseThrow().bytes(),
                StandardCharsets.UTF_8) + "\nOne more line.\n").getBytes(StandardCharsets.UTF_8));
        Edition second = Editions.nextEdition(first, tree, edited);
        Revision r1 = second.history().get(1).withChannel(Announcements.SITE, ChannelStatus.done(1, 1, 1, ""));
        Revision r2 = second.revision();

        Revision failed = r2.withChannel(Announcements.SITE, ChannelStatus.failed(5, "S3 went away"));

        // WHEN the site reads its feeds' entries with r2's site not recorded yet, FAILED on a first try, and DONE
        List<List<String>> entries = List.of(r2, failed, r2.withChannel(Announcements.SITE, ChannelStatus.done(1, 1, 1, "")))
                .stream()
                .map(r -> page(FeedTopics.asTheSitePublishes(new Edition(second.hub(), r, List.of(r, r1)), 10)))
                .toList();

        // THEN the page's feed holds r2's change and r1's the same way each time: a retried site publish makes the same pages
        assertThat(entries.get(0)).containsExactly("r2 CHANGED", "r1 ADDED");
        assertThat(entries).allMatch(e -> e.equals(entries.get(0)));
        // AND the feeds themselves hold r2 back while its site is FAILED: they announce only what the site has
        assertThat(page(FeedTopics.of(new Edition(second.hub(), failed, List.of(failed, r1)), 10))).containsExactly("r1 ADDED");
    }

    private static List<String> page(FeedTopics topics) {
        return topics.of(FeedTopic.page("skills/distributed-systems")).stream()
                .map(i -> i.revision().id() + " " + i.change().kind()).toList();
    }
}
