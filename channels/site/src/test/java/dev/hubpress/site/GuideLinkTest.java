package dev.hubpress.site;

import dev.hubpress.core.testing.Editions;
import dev.hubpress.core.testing.NuHtmlChecker;
import dev.hubpress.core.channel.Artifact;
import dev.hubpress.core.channel.Edition;
import dev.hubpress.core.channel.GuideInfo;
import dev.hubpress.core.revision.ChannelStatus;
import dev.hubpress.core.revision.Revision;
import dev.hubpress.core.testing.ContentFixtures;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The home page links to the PDF guide with the size and page count the guide channel recorded. */
class GuideLinkTest {

    private static final GuideInfo GUIDE = new GuideInfo("guide/backend-engineer-hub.pdf", "guide/r1.pdf", 1_234_567, 48);

    @Test
    void homePageLinksToTheGuideWithItsSizeAndPageCountAndStaysValid() {
        // GIVEN revision 1 on which the guide channel recorded its facts
        Edition plain = Editions.firstEdition(ContentFixtures.repositoryTree());
        Revision withGuide = plain.revision().withChannel(GuideInfo.CHANNEL,
                ChannelStatus.done(2, 2 * GUIDE.bytes(), 900, "outputs", GUIDE.facts()));
        Edition edition = new Edition(plain.hub(), withGuide, List.of(withGuide));

        // WHEN the site renders
        List<Artifact> site = new SiteRenderer(Editions.MARKDOWN).render(edition);

        // THEN the home page has the download block, valid HTML, and no other page changes
        String home = Editions.text(Editions.find(site, "index.html"));
        assertThat(home).contains("<a href=\"guide/backend-engineer-hub.pdf\" type=\"application/pdf\">Career guide</a> (PDF, 1.2 MB, 48 pages)",
                "<a href=\"guide/r1.pdf\" type=\"application/pdf\">");
        assertThat(new NuHtmlChecker().errors(home)).isEmpty();
        List<Artifact> without = new SiteRenderer(Editions.MARKDOWN).render(plain);
        assertThat(without.stream().filter(a -> !a.key().equals("index.html")).toList())
                .isEqualTo(site.stream().filter(a -> !a.key().equals("index.html")).toList());
        assertThat(Editions.text(Editions.find(without, "index.html"))).doesNotContain("guide/");
    }

    @Test
    void eachSectionIndexLinksToItsSectionsPdfAndStaysValid() {
        // GIVEN revision 1 on which the guide recorded a PDF for the careers section (and none for skills)
        GuideInfo guide = new GuideInfo(GUIDE.latest(), GUIDE.revision(), GUIDE.bytes(), GUIDE.pages(),
                List.of(new GuideInfo.SectionPdf("careers", GuideInfo.sectionKey("careers"), 170_000, 10)));
        Edition plain = Editions.firstEdition(ContentFixtures.repositoryTree());
        Revision withGuide = plain.revision().withChannel(GuideInfo.CHANNEL,
                ChannelStatus.done(3, 2 * GUIDE.bytes(), 900, "outputs", guide.facts()));

        // WHEN the site renders
        List<Artifact> site = new SiteRenderer(Editions.MARKDOWN).render(new Edition(plain.hub(), withGuide, List.of(withGuide)));

        // THEN the careers index links to its PDF (relative to itself), valid HTML; other pages of the section and other sections do not
        String careers = Editions.text(Editions.find(site, "careers/index.html"));
        assertThat(careers).contains("<a href=\"../guide/sections/careers.pdf\" type=\"application/pdf\">Career levels guide</a> (PDF, 10 pages)");
        assertThat(new NuHtmlChecker().errors(careers)).isEmpty();
        assertThat(Editions.text(Editions.find(site, "skills/index.html"))).doesNotContain("guide/sections/");
        assertThat(site.stream().filter(a -> a.key().endsWith(".html") && !a.key().equals("careers/index.html"))
                .map(Editions::text)).noneMatch(html -> html.contains("guide/sections/"));
    }

    @Test
    void theHomePageNeverShowsTheGuideOfAnotherRevision() {
        // GIVEN r1 whose guide was published, and r2 whose guide is not (yet, or it failed)
        Edition first = Editions.firstEdition(ContentFixtures.repositoryTree());
        Revision r1 = first.revision().withChannel(GuideInfo.CHANNEL,
                ChannelStatus.done(2, 2 * GUIDE.bytes(), 900, "outputs", GUIDE.facts()));
        Revision r2 = Editions.revision(2, 1, Editions.FIRST.plusSeconds(60), ContentFixtures.repositoryTree(),
                first.revision().changes()).withChannel(GuideInfo.CHANNEL, ChannelStatus.failed(10, "layout failed"));

        // WHEN the site of r2 renders
        List<Artifact> site = new SiteRenderer(Editions.MARKDOWN).render(new Edition(first.hub(), r2, List.of(r2, r1)));

        // THEN its home page shows no guide facts at all: not r1's, which the reader would take for r2's
        assertThat(Editions.text(Editions.find(site, "index.html"))).doesNotContain("guide/r1.pdf").doesNotContain("48 pages");
    }

    @Test
    void sizesReadAsPeopleWriteThem() {
        assertThat(SiteViews.megabytes(1_234_567)).isEqualTo("1.2 MB");
        assertThat(SiteViews.megabytes(340_400)).isEqualTo("340 kB");
    }
}
