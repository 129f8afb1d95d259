package dev.hubpress.cli;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The site is what the content says, whatever was done to its folder since: a publish with no
 * content change puts back the files changed or deleted since they were published, and only those.
 * {@code ./hub publish} runs in-process on a copy of the repository's content.
 */
class SiteFilesPutBackTest {

    static final Instant D1 = Instant.ofEpochSecond(1_740_823_200L);
    static final String PAGE = "careers/index.html";
    static final String FEED = "feeds/atom.xml";
    static final String GUIDE = "guide/backend-engineer-hub.pdf";

    @TempDir
    Path tmp;
    PublishedCopy hub;

    @BeforeEach
    void publishR1() throws IOException {
        hub = new PublishedCopy(tmp);
        assertThat(publish()).as(printed()).isZero();
    }

    int publish() {
        return hub.publish(D1);
    }

    String printed() {
        return hub.printed();
    }

    @Test
    void filesDeletedOrChangedByHandArePutBackByAPublishWithNoContentChange() throws Exception {
        // GIVEN r1's site, and three of its files: a page deleted, a feed edited in place, the guide cut short
        byte[] page = Files.readAllBytes(hub.site.resolve(PAGE));
        byte[] feed = Files.readAllBytes(hub.site.resolve(FEED));
        byte[] guide = Files.readAllBytes(hub.site.resolve(GUIDE));
        Files.delete(hub.site.resolve(PAGE));
        Files.writeString(hub.site.resolve(FEED), new String(feed, StandardCharsets.UTF_8).replace("<feed", "<feed "));
        Files.write(hub.site.resolve(GUIDE), java.util.Arrays.copyOf(guide, guide.length / 2));

        // WHEN ./hub publish runs with the content as it was
        int status = publish();

        // THEN it says which files it found changed, and puts them back as r1 published them, with no new revision
        assertThat(status).as(printed()).isZero();
        assertThat(printed()).contains("No changes since r1, but 3 files of " + hub.site + "/ changed or went missing since it "
                + "was published (" + PAGE + ", " + FEED + ", " + GUIDE + "): publishing it again.")
                .contains("Rebuilt r1:").doesNotContain("r2");
        assertThat(Files.readAllBytes(hub.site.resolve(PAGE))).isEqualTo(page);
        assertThat(Files.readAllBytes(hub.site.resolve(FEED))).isEqualTo(feed);
        assertThat(Files.readAllBytes(hub.site.resolve(GUIDE))).isEqualTo(guide);
        // AND the next publish finds nothing to do
        assertThat(publish()).as(printed()).isZero();
        assertThat(printed()).contains("No changes since r1: nothing published.").doesNotContain("Rebuilt");
    }

    @Test
    void aFileOnlyTouchedIsNotChanged() throws Exception {
        // GIVEN r1's site, one of whose pages was touched: a later time, the same bytes
        Files.setLastModifiedTime(hub.site.resolve(PAGE), FileTime.from(Instant.now().plusSeconds(60)));

        // WHEN ./hub publish runs with the content as it was
        int status = publish();

        // THEN nothing is published
        assertThat(status).as(printed()).isZero();
        assertThat(printed()).contains("No changes since r1: nothing published.").doesNotContain("Rebuilt");
    }

    @Test
    void aFileNoChannelMakesAgainIsSaidOnceAndThenNoLongerLookedFor() throws Exception {
        // GIVEN r2 published on top of r1, and r1's copy of the guide (which only r1 made) deleted
        Path page = hub.content.resolve("faq.md");
        Files.writeString(page, Files.readString(page) + "\nOne more line.\n");
        assertThat(publish()).as(printed()).isZero();
        assertThat(printed()).contains("Published r2");
        Files.delete(hub.site.resolve("guide/r1.pdf"));

        // WHEN ./hub publish runs twice with the content as it is
        int first = publish();
        String firstPrinted = printed();
        int second = publish();

        // THEN the first publishes r2 again and says r1's copy cannot be put back; the second does nothing
        assertThat(first).as(firstPrinted).isZero();
        assertThat(firstPrinted).contains("1 file of " + hub.site + "/ changed or went missing")
                .contains("Not put back, as no channel makes again what an earlier revision published: guide/r1.pdf.");
        assertThat(hub.site.resolve("guide/r1.pdf")).doesNotExist();
        assertThat(second).as(printed()).isZero();
        assertThat(printed()).contains("No changes since r2: nothing published.").doesNotContain("Rebuilt");
    }
}
