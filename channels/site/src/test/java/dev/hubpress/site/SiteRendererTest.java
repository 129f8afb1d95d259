package dev.hubpress.site;

import dev.hubpress.core.testing.Editions;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hubpress.core.content.ContentTree;
import dev.hubpress.core.channel.Artifact;
import dev.hubpress.core.channel.Edition;
import dev.hubpress.core.testing.ContentFixtures;
import dev.hubpress.core.testing.ThirdPartyRequests;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** What the site channel promises readers and crawlers, checked on the rendered hub. */
class SiteRendererTest {

    private static final String HOST = "hub.example.com";
    private static final Pattern JSON_LD = Pattern.compile("<script type=\"application/ld\\+json\">(.*?)</script>", Pattern.DOTALL);

    private final SiteRenderer renderer = new SiteRenderer(Editions.MARKDOWN);
    private final ContentTree repository = ContentFixtures.repositoryTree();

    @Test
    void everyContentPageIsPublishedWithTheGeneratedPages() {
        // given the hub's content
        Edition edition = Editions.firstEdition(repository);

        // when the site is rendered
        List<String> keys = renderer.render(edition).stream().map(Artifact::key).toList();

        // then every page and every generated file is there
        edition.hub().pages().forEach(p -> assertThat(keys).contains(p.sitePath()));
        assertThat(keys).contains("index.html", "changelog.html", "404.html", "sitemap.xml", "robots.txt");
        assertThat(keys).anyMatch(k -> k.matches("assets/site\\.[0-9a-f]{10}\\.css"));
    }

    @Test
    void theNotFoundPageCarriesItsStylesheetSoItIsStyledOpenedFromDisk() {
        // GIVEN the rendered site
        List<Artifact> site = renderer.render(Editions.firstEdition(repository));
        String css = Editions.text(site.stream().filter(a -> a.key().matches("assets/site\\.[0-9a-f]{10}\\.css")).findFirst().orElseThrow());

        // WHEN the 404 page (served for any path, at any depth, with root-absolute links) is read
        String notFound = Editions.text(Editions.find(site, "404.html"));

        // THEN the stylesheet is inside it, not linked from the server's root; other pages link it
        assertThat(notFound).contains("<style>" + css + "</style>").doesNotContain("rel=\"stylesheet\"");
        assertThat(Editions.text(Editions.find(site, "index.html"))).contains("<link rel=\"stylesheet\" href=\"assets/site.")
                .doesNotContain("<style>");
    }

    @Test
    void pagesLoadNothingFromAnotherHost() {
        // given the rendered site, its feeds pages included
        List<Artifact> site = renderer.render(Editions.firstEdition(repository));
        assertThat(site).extracting(Artifact::key).contains("follow/index.html", "follow/sections/careers.html");

        // then no page or stylesheet makes a reader's browser ask another host for anything
        for (Artifact artifact : site) {
            if (artifact.key().endsWith(".html")) {
                assertThat(ThirdPartyRequests.inHtml(Editions.text(artifact), HOST)).as(artifact.key()).isEmpty();
            } else if (artifact.key().endsWith(".css")) {
                assertThat(ThirdPartyRequests.inCss(Editions.text(artifact), HOST)).as(artifact.key()).isEmpty();
            }
        }
    }

    @Test
    void theThirdPartyCheckCatchesATrackingPixelPlantedInAPage() {
        // given a rendered feeds page with a third-party image planted in it
        String page = Editions.text(Editions.find(renderer.render(Editions.firstEdition(repository)), "follow/index.html"));
        String planted = page.replace("</main>", "<img src=\"https://tracker.example.org/p.gif\" alt=\"\" width=\"1\" height=\"1\"></main>");

        // then the check names it
        assertThat(ThirdPartyRequests.inHtml(page, HOST)).isEmpty();
        assertThat(ThirdPartyRequests.inHtml(planted, HOST)).containsExactly("<img src=\"https://tracker.example.org/p.gif\">");
    }

    @Test
    void pagesCarryCanonicalOpenGraphAndStructuredData() throws Exception {
        // given the rendered site
        List<Artifact> site = renderer.render(Editions.firstEdition(repository));

        // when the FAQ and a career page are read
        String faq = Editions.text(Editions.find(site, "faq.html"));
        String career = Editions.text(Editions.find(site, "careers/mid-to-senior.html"));

        // then both have absolute canonical and Open Graph URLs
        assertThat(career).contains("<link rel=\"canonical\" href=\"https://hub.example.com/careers/mid-to-senior.html\">")
                .contains("<meta property=\"og:url\" content=\"https://hub.example.com/careers/mid-to-senior.html\">")
                .contains("<meta property=\"og:type\" content=\"article\">");
        // and parseable JSON-LD: an Article with breadcrumbs, and a FAQPage with all eight questions
        assertThat(types(career)).contains("Article", "BreadcrumbList");
        JsonNode faqGraph = jsonLd(faq).get("@graph");
        JsonNode faqPage = find(faqGraph, "FAQPage");
        assertThat(faqPage.get("mainEntity")).hasSize(8);
        faqPage.get("mainEntity").forEach(q -> {
            assertThat(q.get("name").asText()).endsWith("?");
            assertThat(q.at("/acceptedAnswer/text").asText()).hasSizeGreaterThan(80);
        });
        JsonNode crumbs = find(jsonLd(career).get("@graph"), "BreadcrumbList").get("itemListElement");
        assertThat(crumbs).hasSize(3);
        assertThat(crumbs.get(2).get("item").asText()).isEqualTo("https://hub.example.com/careers/mid-to-senior.html");
    }

    @Test
    void jsonLdCannotBeClosedByHostileText() {
        // given a page whose title tries to close the script element
        ContentTree tree = ContentFixtures.tree("guides/x.md",
                ContentFixtures.page("'</script><script>alert(1)</script>'", "guides", 1, "Text.\n"));

        // when it is rendered
        String html = Editions.text(Editions.find(renderer.render(Editions.firstEdition(tree)), "guides/x.html"));

        // then the only script elements are the JSON-LD one, and the title is escaped everywhere
        assertThat(html.split("<script", -1)).hasSize(2);
        assertThat(html).containsIgnoringCase("\\u003c/script\\u003e").contains("&lt;/script&gt;");
    }

    @Test
    void sitemapListsEveryPageWithItsDate() throws Exception {
        // given the rendered site
        Edition edition = Editions.firstEdition(repository);
        List<Artifact> site = renderer.render(edition);

        // when the sitemap is parsed as XML (with DOCTYPEs refused)
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        Document sitemap = factory.newDocumentBuilder().parse(new ByteArrayInputStream(Editions.find(site, "sitemap.xml").bytes()));

        // then it lists every page plus the changelog, each page with the revision's date
        NodeList locs = sitemap.getElementsByTagNameNS("http://www.sitemaps.org/schemas/sitemap/0.9", "loc");
        assertThat(locs.getLength()).isEqualTo(edition.hub().pages().size() + 1);
        assertThat(locs.item(0).getTextContent()).isEqualTo("https://hub.example.com/");
        assertThat(sitemap.getElementsByTagNameNS("http://www.sitemaps.org/schemas/sitemap/0.9", "lastmod").item(1).getTextContent())
                .isEqualTo("2026-11-01");
        assertThat(Editions.text(Editions.find(site, "robots.txt"))).contains("Sitemap: https://hub.example.com/sitemap.xml");
    }

    @Test
    void compensationChartIsAnAccessibleSvgWithTheFiguresAsText() {
        // given the rendered home page
        String home = Editions.text(Editions.find(renderer.render(Editions.firstEdition(repository)), "index.html"));

        // then the chart is inline SVG with a title and description, and a table has the same figures
        assertThat(home).contains("<svg class=\"chart-svg\"").contains("role=\"img\"")
                .contains("<title id=\"chart-compensation-title\">")
                .contains("<desc id=\"chart-compensation-desc\">")
                .contains("<caption>Compensation by level");
        assertThat(home).contains("$360,000–$540,000").contains("$520,000–$820,000").contains("$750,000–$1,500,000+")
                .contains("$140,000–$200,000");
    }

    @Test
    void changelogNamesTheEditedSectionWithALinkToIt() {
        // given a second revision that edits one section of one page
        Edition first = Editions.firstEdition(repository);
        String path = "careers/mid-to-senior.md";
        String edited = new String(repository.file(path).orElseThrow().bytes(), StandardCharsets.UTF_8)
                .replace("## What it pays\n", "## What it pays\n\nA sentence added in the second revision.\n");
        ContentTree next = ContentFixtures.with(repository, path, edited.getBytes(StandardCharsets.UTF_8));
        Edition second = Editions.nextEdition(first, repository, next);

        // when the site is rendered
        String changelog = Editions.text(Editions.find(renderer.render(second), "changelog.html"));

        // then the newest entry names the page and links the changed section
        int r2 = changelog.indexOf("Revision 2");
        int r1 = changelog.indexOf("Revision 1");
        assertThat(r2).isPositive().isLessThan(r1);
        String entry = changelog.substring(r2, r1);
        assertThat(entry).contains("<a href=\"careers/mid-to-senior.html\">Make senior backend engineer</a>")
                .contains("<a href=\"careers/mid-to-senior.html#what-it-pays\">What it pays</a>")
                .contains("1 page changed");
    }

    @Test
    void aOnePageEditRewritesOnlyThatPageAndTheIndexesThatListChanges() {
        // given a second revision that edits one page
        Edition first = Editions.firstEdition(repository);
        String path = "skills/distributed-systems.md";
        String edited = new String(repository.file(path).orElseThrow().bytes(), StandardCharsets.UTF_8) + "\nOne more line.\n";
        ContentTree next = ContentFixtures.with(repository, path, edited.getBytes(StandardCharsets.UTF_8));
        Edition second = Editions.nextEdition(first, repository, next);

        // when both revisions are rendered
        List<Artifact> before = renderer.render(first);
        List<Artifact> after = renderer.render(second);

        // then every other page is byte-identical, so it need not be uploaded again; the feeds pages
        // of the hub and of the page's section list the edit among their latest entries
        List<String> changed = after.stream().filter(a -> !before.contains(a)).map(Artifact::key).toList();
        assertThat(changed.stream().filter(k -> !k.startsWith(SearchIndex.FOLDER)))
                .containsExactlyInAnyOrder("skills/distributed-systems.html", "index.html", "changelog.html", "sitemap.xml",
                        "changes/r2.html", "digests/r2.html", "digests/index.html", "digests/feed.atom",
                        "follow/index.html", "follow/sections/skills.html");
        // and of the search index, only the manifest, the page's section shard and the term shards of
        // the words the page gained (at most three: "one", "more", "line"; its sections keep their numbers)
        assertThat(changed.stream().filter(k -> k.startsWith(SearchIndex.FOLDER)))
                .contains(SearchIndex.MANIFEST).hasSizeBetween(2, 5);
    }

    @Test
    void twoRendersOfOneRevisionAreByteIdentical() {
        // given one edition
        Edition edition = Editions.firstEdition(repository);

        // when it is rendered twice, by two renderers
        List<Artifact> a = renderer.render(edition);
        List<Artifact> b = new SiteRenderer(Editions.MARKDOWN).render(edition);

        // then every artifact is identical
        assertThat(b).containsExactlyElementsOf(a);
    }

    private static JsonNode jsonLd(String html) throws Exception {
        Matcher m = JSON_LD.matcher(html);
        assertThat(m.find()).as("a JSON-LD script").isTrue();
        return new ObjectMapper().readTree(m.group(1));
    }

    private static List<String> types(String html) throws Exception {
        List<String> types = new ArrayList<>();
        jsonLd(html).get("@graph").forEach(n -> types.add(n.get("@type").asText()));
        return types;
    }

    private static JsonNode find(JsonNode graph, String type) {
        for (JsonNode node : graph) {
            if (node.get("@type").asText().equals(type)) {
                return node;
            }
        }
        throw new AssertionError("no " + type + " in " + graph);
    }

    @Test
    void aRollbackRepublishesTheRestoredRevisionsPagesWithTheirDatesAndSaysSoInTheChangelog() {
        // given r1, r2 editing one page, and r3 restoring r1
        Edition first = Editions.firstEdition(repository);
        String path = "skills/distributed-systems.md";
        String edited = new String(repository.file(path).orElseThrow().bytes(), StandardCharsets.UTF_8) + "\nOne more line.\n";
        ContentTree next = ContentFixtures.with(repository, path, edited.getBytes(StandardCharsets.UTF_8));
        Edition second = Editions.nextEdition(first, repository, next);
        Edition third = Editions.rollbackEdition(second, next, first, repository);

        // when r1 and r3 are rendered
        List<Artifact> before = renderer.render(first);
        List<Artifact> after = renderer.render(third);

        // then every object is r1's, byte for byte (the page keeps r1's date, not r3's), except those
        // that show the history: the home page's latest changes, the changelog, the redline pages
        // of r2 and r3 (each revision's stays published), r2's digest in the archive (it may have been
        // mailed; the rollback itself never is, so it has no digest page), and the feeds' latest
        // entries: the hub's and the section's feeds pages, and the page's own "Follow this page" block
        List<String> feeds = List.of("follow/index.html", "follow/sections/skills.html", "skills/distributed-systems.html");
        List<String> redlines = List.of("changes/r3.html", "changes/r2.html", "digests/r2.html");
        assertThat(after).extracting(Artifact::key).filteredOn(key -> !redlines.contains(key))
                .containsExactlyElementsOf(before.stream().map(Artifact::key).toList());
        assertThat(after).extracting(Artifact::key).containsAll(redlines).doesNotContain("digests/r3.html");
        assertThat(after.stream().filter(a -> !before.contains(a)).map(Artifact::key).toList())
                .containsExactlyInAnyOrder("index.html", "changelog.html", "changes/r3.html", "changes/r2.html", "digests/r2.html",
                        "digests/index.html", "digests/feed.atom", feeds.get(0), feeds.get(1), feeds.get(2));
        assertThat(Editions.text(Editions.find(after, feeds.get(2)))).contains("Restored: Distributed systems");
        // and the changelog says which revision r3 restores, above r2 and r1
        String changelog = Editions.text(Editions.find(after, "changelog.html"));
        int r3 = changelog.indexOf("Revision 3");
        int r2 = changelog.indexOf("Revision 2");
        assertThat(r3).isPositive().isLessThan(r2);
        assertThat(changelog.substring(r3, r2)).contains("Restores r1: 1 page changed.")
                .contains("<a href=\"skills/distributed-systems.html\">");
        assertThat(changelog).contains("Revision 1");
        assertThat(new dev.hubpress.core.testing.NuHtmlChecker().errors(changelog)).isEmpty();
    }
}
