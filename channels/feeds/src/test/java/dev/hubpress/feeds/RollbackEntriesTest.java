package dev.hubpress.feeds;

import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.feed.synd.SyndFeed;
import dev.hubpress.core.channel.Artifact;
import dev.hubpress.core.channel.Edition;
import dev.hubpress.core.content.ContentTree;
import dev.hubpress.core.testing.ContentFixtures;
import dev.hubpress.core.testing.Editions;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A rollback's feed entries: "Restored" and "Removed", saying which revision the hub is back to, after the entries it undid. */
class RollbackEntriesTest {

    @Test
    void aRollbackIsAnnouncedAsRestoredAndRemovedEntriesAfterTheRevisionItUndid() throws Exception {
        // given r1, r2 editing a section and adding a page, and r3 restoring r1
        ContentTree first = ContentFixtures.tree("guides/a.md", ContentFixtures.page("A", "guides", 1, "## One\n\nFirst.\n"));
        ContentTree second = ContentFixtures.tree("guides/a.md", ContentFixtures.page("A", "guides", 1, "## One\n\nFirst, edited.\n"),
                "guides/b.md", ContentFixtures.page("B", "guides", 2, "## Two\n\nSecond.\n"));
        Edition r1 = Editions.firstEdition(first);
        Edition r2 = Editions.nextEdition(r1, first, second);
        Edition r3 = Editions.rollbackEdition(r2, second, r1, first);

        // when the feeds of r3 are rendered and read back
        List<Artifact> feeds = new FeedRenderer(Editions.MARKDOWN).render(r3);
        SyndFeed atom = FeedParsing.rome(Editions.find(feeds, FeedRenderer.ATOM));

        // then r3's entries come first: the page changed back, restored with r1's text, and the page r1 did not have, removed
        List<String> titles = atom.getEntries().stream().map(SyndEntry::getTitle).toList();
        assertThat(titles).containsExactly("Restored: A", "Removed: B", "Updated: A", "New: B", "New: Home", "New: A");
        SyndEntry restored = atom.getEntries().get(0);
        assertThat(restored.getUri()).endsWith("guides/a/r3");
        assertThat(restored.getPublishedDate().toInstant()).isEqualTo(r3.revision().createdAt());
        String content = restored.getContents().get(0).getValue();
        assertThat(content).contains("Back as it was in revision 1. Changed section: “One”.");
        // (its redline shows r2's words going and r1's coming back; the section itself is r1's)
        assertThat(content).contains("Before: <del>First, edited.</del>").contains("After: <ins>First.</ins>");
        String section = content.substring(content.indexOf("<h2 id=\"one\">"));
        assertThat(section).contains("First.").doesNotContain("edited");
        assertThat(atom.getEntries().get(1).getContents().get(0).getValue())
                .contains("was removed from the hub: revision 1, restored, did not have it.");
        // and r2's entries keep their ids: a feed is history
        assertThat(atom.getEntries().get(2).getUri()).endsWith("guides/a/r2");
        // the feed's date is the rollback's, its newest entry
        assertThat(atom.getPublishedDate().toInstant()).isEqualTo(r3.revision().createdAt());
    }
}
