package dev.hubpress.feeds;

import dev.hubpress.core.testing.Editions;
import com.fasterxml.jackson.databind.JsonNode;
import com.rometools.rome.feed.atom.Feed;
import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.feed.synd.SyndLink;
import dev.hubpress.core.content.ContentTree;
import dev.hubpress.core.channel.Artifact;
import dev.hubpress.core.channel.Edition;
import dev.hubpress.core.testing.ContentFixtures;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXParseException;

import javax.xml.XMLConstants;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The three feeds of the real hub, read back by Rome, Jackson, the DOM and the Atom schema. */
class FeedFormatsTest {

    private static final String BASE = "https://hub.example.com";
    private static final String EDITED = "careers/mid-to-senior.md";

    private static Edition edition;
    private static List<Artifact> feeds;

    @BeforeAll
    static void renderTheHubAfterAnEdit() {
        // The real hub, published, then one page edited: a footnote cited in the opening text.
        ContentTree first = ContentFixtures.repositoryTree();
        String page = new String(first.files().stream().filter(f -> f.path().equals(EDITED)).findFirst().orElseThrow().bytes(),
                StandardCharsets.UTF_8);
        ContentTree second = ContentFixtures.with(first, EDITED,
                page.replaceFirst("\n## ", "\nOne more line, with a note.[^1]\n\n## ").getBytes(StandardCharsets.UTF_8));
        edition = Editions.nextEdition(Editions.firstEdition(first), first, second);
        feeds = new FeedRenderer(Editions.MARKDOWN).render(edition);
    }

    @Test
    void publishesThreeFeedsForTheHubAndEachSectionAnAtomFeedPerPageAndTheIconWithTheirMediaTypes() {
        // then the hub's three feeds come first, then each section's three, in hub.yaml's order
        assertThat(feeds.subList(0, 6)).extracting(Artifact::key).containsExactly(
                "feeds/rss.xml", "feeds/atom.xml", "feeds/feed.json",
                "feeds/sections/home.rss", "feeds/sections/home.atom", "feeds/sections/home.json");
        assertThat(feeds).extracting(Artifact::key).contains("feeds/sections/careers.rss", "feeds/sections/careers.atom",
                "feeds/sections/careers.json", "feeds/sections/sources.json");
        // and one Atom feed per page, every page, then the icon, short-lived in caches
        List<String> pageFeeds = feeds.stream().map(Artifact::key).filter(k -> k.startsWith("feeds/pages/")).toList();
        assertThat(pageFeeds).containsExactlyElementsOf(
                edition.hub().pages().stream().map(p -> "feeds/pages/" + p.slug() + ".atom").toList());
        assertThat(feeds).hasSize(3 + 3 * edition.hub().config().sections().size() + edition.hub().pages().size() + 1);
        assertThat(feeds.get(feeds.size() - 1).key()).isEqualTo("feeds/icon.svg");
        assertThat(feeds).allSatisfy(a -> assertThat(a.contentType()).isEqualTo(switch (a.key().replaceAll(".*\\.", "")) {
            case "rss" -> "application/rss+xml; charset=utf-8";
            case "atom" -> "application/atom+xml; charset=utf-8";
            case "json" -> "application/feed+json; charset=utf-8";
            case "svg" -> "image/svg+xml";
            default -> a.key().equals("feeds/rss.xml") ? "application/rss+xml; charset=utf-8" : "application/atom+xml; charset=utf-8";
        }));
        assertThat(feeds).allSatisfy(a -> assertThat(a.cache()).isEqualTo(Artifact.CachePolicy.SHORT));
    }

    @Test
    void rssParsesBackWithTheChannelMetadataAndOneItemPerPageChange() throws Exception {
        // when Rome reads the RSS feed back
        Artifact rss = Editions.find(feeds, FeedRenderer.RSS);
        SyndFeed feed = FeedParsing.rome(rss);

        // then it is RSS 2.0 with the hub's title, home link, language and the revision's date
        assertThat(feed.getFeedType()).isEqualTo("rss_2.0");
        assertThat(feed.getTitle()).isEqualTo("Backend Engineer Hub");
        assertThat(feed.getLink()).isEqualTo(BASE + "/");
        assertThat(feed.getLanguage()).isEqualTo("en");
        assertThat(feed.getPublishedDate().toInstant()).isEqualTo(edition.revision().createdAt());
        assertThat(feed.getGenerator()).isEqualTo("hubpress");
        // and one item per page change, newest revision first: the edit, then the first publication
        int changes = edition.history().stream().mapToInt(r -> r.changes().pages().size()).sum();
        assertThat(feed.getEntries()).hasSize(changes);
        SyndEntry newest = feed.getEntries().get(0);
        assertThat(newest.getTitle()).isEqualTo("Updated: Make senior backend engineer");
        assertThat(newest.getUri()).isEqualTo("tag:hub.example.com,2026-11-02:careers/mid-to-senior/r2");
        assertThat(newest.getLink()).isEqualTo(BASE + "/careers/mid-to-senior.html");
        assertThat(newest.getPublishedDate().toInstant()).isEqualTo(edition.revision().createdAt());
        assertThat(feed.getEntries().get(1).getTitle()).startsWith("New: ");
        assertThat(feed.getEntries().get(1).getPublishedDate().toInstant()).isEqualTo(Editions.FIRST);
        // and a self link in the Atom namespace, as RSS has none of its own
        Element self = (Element) FeedParsing.dom(rss.bytes()).getElementsByTagNameNS("http://www.w3.org/2005/Atom", "link").item(0);
        assertThat(self.getAttribute("rel")).isEqualTo("self");
        assertThat(self.getAttribute("href")).isEqualTo(BASE + "/feeds/rss.xml");
        assertThat(self.getAttribute("type")).isEqualTo("application/rss+xml");
        // and guids that say they are not URLs
        NodeList guids = FeedParsing.dom(rss.bytes()).getElementsByTagName("guid");
        assertThat(guids.getLength()).isEqualTo(changes);
        assertThat(((Element) guids.item(0)).getAttribute("isPermaLink")).isEqualTo("false");
    }

    @Test
    void atomIsValidByTheRfc4287SchemaAndParsesBackWithItsFeedLevelElements() throws Exception {
        // when the Atom feed is validated and read back
        Artifact atom = Editions.find(feeds, FeedRenderer.ATOM);
        List<String> errors = FeedParsing.atomSchemaErrors(atom.bytes());
        SyndFeed feed = FeedParsing.rome(atom);

        // then the schema finds nothing wrong
        assertThat(errors).isEmpty();
        // and the feed has its title, subtitle, links, author, icon, generator, language and date
        assertThat(feed.getFeedType()).isEqualTo("atom_1.0");
        assertThat(feed.getTitle()).isEqualTo("Backend Engineer Hub");
        assertThat(feed.getDescription()).isEqualTo("Land, level up, and lead at tech companies in 2026");
        assertThat(feed.getUri()).isEqualTo(BASE + "/feeds/atom.xml");
        assertThat(rels(feed.getLinks())).containsExactlyInAnyOrder(
                "alternate text/html " + BASE + "/", "self application/atom+xml " + BASE + "/feeds/atom.xml");
        assertThat(feed.getAuthors()).singleElement().satisfies(a -> assertThat(a.getName()).isEqualTo("Backend Engineer Hub editors"));
        assertThat(feed.getIcon().getUrl()).isEqualTo(BASE + "/feeds/icon.svg");
        assertThat(((Feed) feed.originalWireFeed()).getGenerator().getValue()).isEqualTo("hubpress");
        assertThat(FeedParsing.dom(atom.bytes()).getDocumentElement().getAttributeNS(XMLConstants.XML_NS_URI, "lang")).isEqualTo("en");
        assertThat(feed.getPublishedDate().toInstant()).isEqualTo(edition.revision().createdAt());
        // and every entry has an id, both dates, an alternate link, a summary and HTML content
        assertThat(feed.getEntries()).isNotEmpty().allSatisfy(e -> {
            assertThat(e.getUri()).startsWith("tag:hub.example.com,2026-11-0");
            assertThat(e.getPublishedDate()).isEqualTo(e.getUpdatedDate());
            assertThat(e.getLink()).startsWith(BASE + "/");
            assertThat(e.getDescription().getValue()).isNotBlank();
            assertThat(e.getContents()).singleElement().satisfies(c -> {
                assertThat(c.getType()).isEqualTo("html");
                assertThat(c.getValue()).contains("<p>");
            });
        });
    }

    @Test
    void theAtomSchemaCheckCatchesAnInvalidFeed() throws Exception {
        // given an Atom feed with its required id removed (so the schema check is known to bite)
        String atom = Editions.text(Editions.find(feeds, FeedRenderer.ATOM))
                .replaceFirst("<id>https://hub.example.com/feeds/atom.xml</id>", "");

        // then validation reports it
        assertThat(FeedParsing.atomSchemaErrors(FeedParsing.bytes(atom))).isNotEmpty();
    }

    @Test
    void jsonFeedHasTheFieldsVersionOnePointOneRequires() {
        // when the JSON Feed is read with Jackson
        JsonNode feed = FeedParsing.json(Editions.find(feeds, FeedRenderer.JSON));

        // then the required fields are there: version, title, items with id and content
        assertThat(feed.path("version").asText()).isEqualTo("https://jsonfeed.org/version/1.1");
        assertThat(feed.path("title").asText()).isEqualTo("Backend Engineer Hub");
        assertThat(feed.path("items").isArray()).isTrue();
        assertThat(feed.path("items")).isNotEmpty().allSatisfy(item -> {
            assertThat(item.path("id").isTextual()).isTrue();
            assertThat(item.path("id").asText()).isNotBlank();
            assertThat(item.path("content_html").isTextual() || item.path("content_text").isTextual()).isTrue();
            assertThat(item.path("date_published").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");
        });
        // and the optional ones a reader uses: where the feed and the site are, icon, author, language
        assertThat(feed.path("feed_url").asText()).isEqualTo(BASE + "/feeds/feed.json");
        assertThat(feed.path("home_page_url").asText()).isEqualTo(BASE + "/");
        assertThat(feed.path("icon").asText()).isEqualTo(BASE + "/feeds/icon.svg");
        assertThat(feed.path("authors").get(0).path("name").asText()).isEqualTo("Backend Engineer Hub editors");
        assertThat(feed.path("language").asText()).isEqualTo("en");
    }

    @Test
    void allThreeFeedsCarryTheSameEntriesInTheSameOrder() {
        // when the entry ids of each format are read
        List<String> rss = FeedParsing.rome(Editions.find(feeds, FeedRenderer.RSS)).getEntries().stream().map(SyndEntry::getUri).toList();
        List<String> atom = FeedParsing.rome(Editions.find(feeds, FeedRenderer.ATOM)).getEntries().stream().map(SyndEntry::getUri).toList();
        List<String> json = new ArrayList<>();
        FeedParsing.json(Editions.find(feeds, FeedRenderer.JSON)).path("items").forEach(i -> json.add(i.path("id").asText()));

        // then they agree, and no id repeats
        assertThat(rss).isEqualTo(atom).isEqualTo(json).doesNotHaveDuplicates();
    }

    @Test
    void contentUsesAbsoluteUrlsOnly() {
        // when every entry's HTML in every format is collected
        List<String> contents = new ArrayList<>();
        FeedParsing.rome(Editions.find(feeds, FeedRenderer.RSS)).getEntries().forEach(e -> contents.add(e.getDescription().getValue()));
        FeedParsing.rome(Editions.find(feeds, FeedRenderer.ATOM)).getEntries().forEach(e -> contents.add(e.getContents().get(0).getValue()));
        FeedParsing.json(Editions.find(feeds, FeedRenderer.JSON)).path("items").forEach(i -> contents.add(i.path("content_html").asText()));

        // then there are links (the hub cross-links its pages and cites footnotes) and all are absolute
        List<String> urls = contents.stream().flatMap(c -> FeedParsing.urls(c).stream()).toList();
        assertThat(urls).hasSizeGreaterThan(100)
                .anyMatch(u -> u.startsWith(BASE + "/careers/mid-to-senior.html#fn-"))
                .allSatisfy(u -> assertThat(u).matches("(https?://[^/\\s]+(/.*)?|mailto:.+)"));
    }

    @Test
    void anUpdatedEntryCarriesTheChangedSectionAndTheNotesItCites() {
        // when the entry of the edit is read
        JsonNode item = FeedParsing.json(Editions.find(feeds, FeedRenderer.JSON)).path("items").get(0);
        String html = item.path("content_html").asText();

        // then it has the new text, the footnotes it cites, and not the sections that did not change
        assertThat(item.path("summary").asText()).isEqualTo("Added section: the opening text.");
        assertThat(html).contains("One more line, with a note.").contains("class=\"footnotes\"")
                .doesNotContain("<h2");
    }

    @Test
    void ourXmlParsingRefusesDoctypes() {
        // given a feed that declares a DOCTYPE with an entity
        byte[] hostile = FeedParsing.bytes("<?xml version=\"1.0\"?>\n<!DOCTYPE feed [<!ENTITY x \"boom\">]>\n"
                + "<feed xmlns=\"http://www.w3.org/2005/Atom\"><title>&x;</title></feed>");

        // then the DOM parser, Rome and the schema check all refuse it
        assertThatThrownBy(() -> FeedParsing.dom(hostile)).isInstanceOf(SAXParseException.class).hasMessageContaining("DOCTYPE");
        assertThatThrownBy(() -> FeedParsing.rome(new Artifact("feeds/atom.xml", hostile, "application/atom+xml", Artifact.CachePolicy.SHORT)))
                .isInstanceOf(AssertionError.class);
        assertThatThrownBy(() -> FeedParsing.atomSchemaErrors(hostile)).satisfiesAnyOf(
                e -> assertThat(e).hasMessageContaining("DOCTYPE"),
                e -> assertThat(e).isInstanceOf(SAXParseException.class));
    }

    private static List<String> rels(List<SyndLink> links) {
        return links.stream().map(l -> l.getRel() + " " + l.getType() + " " + l.getHref()).toList();
    }

}
