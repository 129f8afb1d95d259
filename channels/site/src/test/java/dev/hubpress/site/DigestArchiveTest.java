package dev.hubpress.site;

import dev.hubpress.core.channel.Artifact;
import dev.hubpress.core.channel.Edition;
import dev.hubpress.core.content.ContentTree;
import dev.hubpress.core.mail.DigestArchive;
import dev.hubpress.core.testing.AtomSchema;
import dev.hubpress.core.testing.ContentFixtures;
import dev.hubpress.core.testing.Editions;
import dev.hubpress.core.testing.GoldenFiles;
import dev.hubpress.core.testing.HtmlDom;
import dev.hubpress.core.testing.NuHtmlChecker;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The public digest archive the site publishes: for the redline golden hub's second edition, a
 * page per digest ({@code digests/r1.html}, {@code digests/r2.html}) equal to its golden file,
 * an index and an Atom feed; valid HTML in the site's layout, a feed valid against RFC 4287,
 * nothing personal, and a footer link to it on every page.
 */
class DigestArchiveTest {

    private static final Path GOLDEN = Path.of("src/test/resources/golden/redline");
    private static final ContentTree R1 = ContentFixtures.read(GOLDEN.resolve("r1"));
    private static final ContentTree R2 = ContentFixtures.read(GOLDEN.resolve("r2"));
    private static final Edition FIRST = Editions.firstEdition(R1);
    private static final Edition SECOND = Editions.nextEdition(FIRST, R1, R2);

    private final List<Artifact> site = new SiteRenderer(Editions.MARKDOWN).render(SECOND);
    private final List<Artifact> archive = site.stream().filter(a -> a.key().startsWith(DigestArchive.FOLDER)).toList();

    @TestFactory
    Stream<DynamicTest> eachDigestPageMatchesItsGoldenFile() {
        List<Artifact> pages = archive.stream().filter(a -> a.key().matches("digests/r[0-9]+\\.html")).toList();
        if (Boolean.getBoolean("golden.update")) {
            pages.forEach(a -> GoldenFiles.write(GOLDEN.resolve("expected"), a));
        }
        assertThat(pages).extracting(Artifact::key).containsExactly("digests/r2.html", "digests/r1.html");
        return pages.stream().map(a -> DynamicTest.dynamicTest(a.key(), () ->
                assertThat(Editions.text(a)).isEqualTo(Files.readString(GOLDEN.resolve("expected").resolve(a.key())))));
    }

    @Test
    void aDigestPageTellsWhatTheEmailToldInTheSiteLayout() {
        String r2 = Editions.text(Editions.find(site, "digests/r2.html"));
        // the site's frame: its header, navigation and footer, linked relative to the page
        assertThat(r2).contains("<header class=\"site-header\">").contains("<footer class=\"site-footer\">")
                .contains("<link rel=\"canonical\" href=\"" + FIRST.hub().config().absoluteUrl("digests/r2.html") + "\">");
        // the changed pages with their sections, a sentence's words removed and added, and the whole redline
        assertThat(HtmlDom.texts(r2, "h2")).isNotEmpty().allMatch(h -> h.startsWith("New page ") || h.startsWith("Updated "));
        assertThat(HtmlDom.texts(r2, "del")).isNotEmpty();
        assertThat(HtmlDom.texts(r2, "ins")).isNotEmpty();
        assertThat(r2).contains("<a href=\"../changes/r2.html\">").contains("<a href=\"index.html\">All digests</a>");
    }

    @Test
    void everyArchivePageIsValidHtml() {
        NuHtmlChecker checker = new NuHtmlChecker();
        List<Artifact> pages = archive.stream().filter(a -> a.key().endsWith(".html")).toList();
        assertThat(pages).extracting(Artifact::key).contains(DigestArchive.INDEX);
        for (Artifact page : pages) {
            assertThat(checker.errors(Editions.text(page))).as(page.key()).isEmpty();
        }
    }

    @Test
    void theArchiveCarriesNothingPersonalAndLoadsNothingFromElsewhere() {
        for (Artifact a : archive) {
            String text = Editions.text(a).toLowerCase(java.util.Locale.ROOT);
            assertThat(text).as(a.key()).doesNotContain("unsubscribe").doesNotContain("token").doesNotContain("mailto:")
                    .doesNotContain("/api/").doesNotContain("manage");
        }
    }

    @Test
    void theIndexListsEveryDigestAndTheFeed() {
        String index = Editions.text(Editions.find(site, DigestArchive.INDEX));
        assertThat(HtmlDom.texts(index, "li")).filteredOn(li -> li.startsWith("Revision ")).containsExactly(
                "Revision 2 · 2 November 2026 · 3 pages updated, 1 new page, 1 page removed", "Revision 1 · 1 November 2026 · 4 new pages");
        assertThat(index).contains("<a href=\"r2.html\">Revision 2</a>").contains("<a href=\"r1.html\">Revision 1</a>")
                .contains("<a href=\"feed.atom\" type=\"application/atom+xml\">");
        // and every page of the site leads to it from its footer
        assertThat(Editions.text(Editions.find(site, "guides/style.html"))).contains("<a href=\"../digests/index.html\">Email digests</a>");
    }

    @Test
    void theFeedIsValidAtomWithAnEntryPerDigestWhoseIdsStayAcrossRevisions() throws Exception {
        byte[] feed = Editions.find(site, DigestArchive.FEED).bytes();
        assertThat(AtomSchema.errors(feed)).isEmpty();
        String xml = new String(feed, StandardCharsets.UTF_8);
        String r1Id = "<id>" + FIRST.hub().config().absoluteUrl("digests/r1.html") + "</id>";
        assertThat(xml).contains("<id>" + FIRST.hub().config().absoluteUrl("digests/r2.html") + "</id>").contains(r1Id)
                .contains("<updated>" + SECOND.revision().createdAt() + "</updated>");
        // the first edition's feed has r1's entry with the same id and dates
        byte[] earlier = Editions.find(new SiteRenderer(Editions.MARKDOWN).render(FIRST), DigestArchive.FEED).bytes();
        assertThat(AtomSchema.errors(earlier)).isEmpty();
        String first = new String(earlier, StandardCharsets.UTF_8);
        assertThat(first).contains(r1Id).doesNotContain("digests/r2.html");
        assertThat(entry(first, r1Id)).isEqualTo(entry(xml, r1Id));
    }

    @Test
    void digestPagesAreKeptOnceTheHistoryNoLongerRendersThem() {
        SiteRenderer renderer = new SiteRenderer(Editions.MARKDOWN);
        assertThat(renderer.retains("digests/r1.html")).isTrue();
        assertThat(renderer.retains("guides/style.html")).isFalse();
    }

    private static String entry(String xml, String id) {
        int at = xml.indexOf(id);
        return xml.substring(xml.lastIndexOf("<entry>", at), xml.indexOf("</entry>", at));
    }
}
