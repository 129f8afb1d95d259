package dev.hubpress.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.io.SyndFeedInput;
import dev.hubpress.core.content.Hashing;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xml.sax.InputSource;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 16's dates acceptance: every channel reads "when did this page last change" from the
 * revision log and they all agree, page by page — the sitemap's {@code lastmod}, the page's
 * JSON-LD {@code dateModified} and its visible "Updated" date, and the newest RSS, Atom and JSON
 * Feed entry about it; the feeds' own {@code updated}/{@code lastBuildDate} is the newest change.
 * {@code ./hub publish} runs in-process on a copy of the repository's content, every output read
 * back from the site folder (Rome for RSS and Atom, Jackson for JSON Feed and JSON-LD).
 */
class LastModifiedTest {

    static final Instant D1 = Instant.ofEpochSecond(1_740_823_200L);
    static final Instant D2 = D1.plusSeconds(3 * 86_400 + 3_600);
    static final String BASE = "https://hub.example.com";
    static final String EDITED = "careers/first-backend-role";
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;
    PublishedCopy hub;

    @BeforeEach
    void copyContent() throws IOException {
        hub = new PublishedCopy(tmp);
    }

    int publish(Instant at) {
        return hub.publish(at);
    }

    @Test
    void everyChannelReportsTheRevisionWhereEachPageLastChangedAndANoOpPushChangesNothing() throws Exception {
        // GIVEN the hub published as r1 at D1
        assertThat(publish(D1)).as(hub.printed()).isZero();
        // AND one section of one page edited and published as r2 at D2
        Path page = hub.content.resolve(EDITED + ".md");
        Files.writeString(page, Files.readString(page).replace("## What it pays\n", "## What it pays\n\nBands moved in 2026.\n"));
        assertThat(publish(D2)).as(hub.printed()).isZero();
        Map<String, String> afterR2 = digests(hub.site);
        long revisions = revisionCount();

        // WHEN the identical tree is pushed again, later still
        assertThat(publish(D2.plusSeconds(86_400))).as(hub.printed()).isZero();

        // THEN no revision was made and not one byte of the site changed
        assertThat(revisionCount()).isEqualTo(revisions).isEqualTo(2);
        assertThat(digests(hub.site)).isEqualTo(afterR2);

        // AND the sitemap says D2 for the edited page and D1 for every other one
        Map<String, String> lastmod = sitemap();
        assertThat(lastmod).hasSizeGreaterThan(20).containsKey(url(EDITED));
        lastmod.forEach((url, date) -> assertThat(date).as("sitemap lastmod of " + url).isEqualTo(day(expected(url))));

        // AND each page's visible "Updated" date and its JSON-LD dateModified say the same
        for (String url : lastmod.keySet()) {
            String html = Files.readString(hub.site.resolve(file(url)));
            assertThat(updatedLine(html)).as("visible Updated date of " + url).isEqualTo(day(expected(url)));
            dateModified(html).ifPresent(modified ->
                    assertThat(modified).as("JSON-LD dateModified of " + url).isEqualTo(expected(url).toString()));
        }
        assertThat(dateModified(Files.readString(hub.site.resolve(file(url(EDITED)))))).contains(D2.toString());

        // AND the newest entry about each page in RSS, Atom and JSON Feed has that page's date
        SyndFeed rss = rome("feeds/rss.xml");
        SyndFeed atom = rome("feeds/atom.xml");
        JsonNode jsonFeed = JSON.readTree(hub.site.resolve("feeds/feed.json").toFile());
        Map<String, Instant> rssDates = newestPerPage(rss.getEntries(), SyndEntry::getLink, e -> e.getPublishedDate().toInstant());
        Map<String, Instant> atomDates = newestPerPage(atom.getEntries(), SyndEntry::getLink, e -> e.getUpdatedDate().toInstant());
        List<JsonNode> items = new ArrayList<>();
        jsonFeed.get("items").forEach(items::add);
        Map<String, Instant> jsonDates = newestPerPage(items, i -> i.get("url").asText(), i -> Instant.parse(i.get("date_modified").asText()));
        for (Map<String, Instant> feed : List.of(rssDates, atomDates, jsonDates)) {
            assertThat(feed).containsKey(url(EDITED)).hasSizeGreaterThan(20);
            feed.forEach((url, date) -> assertThat(date).as("feed date of " + url).isEqualTo(expected(url)));
        }
        // AND the feeds as a whole were last updated at D2
        assertThat(((com.rometools.rome.feed.atom.Feed) atom.originalWireFeed()).getUpdated().toInstant()).isEqualTo(D2);
        assertThat(((com.rometools.rome.feed.rss.Channel) rss.originalWireFeed()).getLastBuildDate().toInstant()).isEqualTo(D2);
    }

    static String url(String slug) {
        return slug.equals("index") ? BASE + "/" : BASE + "/" + slug + ".html";
    }

    static Instant expected(String url) {
        return url.equals(url(EDITED)) ? D2 : D1;
    }

    static String day(Instant instant) {
        return LocalDate.ofInstant(instant, ZoneOffset.UTC).toString();
    }

    static String file(String url) {
        String path = url.substring(BASE.length() + 1);
        return path.isEmpty() ? "index.html" : path;
    }

    /** Page URL to lastmod, for every page in sitemap.xml (the changelog, which has none, left out). */
    Map<String, String> sitemap() throws IOException {
        Map<String, String> dates = new TreeMap<>();
        Matcher m = Pattern.compile("<url><loc>([^<]+)</loc><lastmod>([^<]+)</lastmod></url>")
                .matcher(Files.readString(hub.site.resolve("sitemap.xml")));
        while (m.find()) {
            dates.put(m.group(1), m.group(2));
        }
        return dates;
    }

    static String updatedLine(String html) {
        Matcher m = Pattern.compile("<p class=\"page-meta\">Updated <time datetime=\"([^\"]+)\">").matcher(html);
        assertThat(m.find()).as("a visible Updated date").isTrue();
        return m.group(1);
    }

    /** The Article's dateModified in the page's JSON-LD; empty for a page that is no Article (the home page). */
    static Optional<String> dateModified(String html) throws IOException {
        Matcher m = Pattern.compile("<script type=\"application/ld\\+json\">(.*?)</script>", Pattern.DOTALL).matcher(html);
        assertThat(m.find()).as("JSON-LD").isTrue();
        for (JsonNode node : JSON.readTree(m.group(1)).get("@graph")) {
            if (node.has("dateModified")) {
                return Optional.of(node.get("dateModified").asText());
            }
        }
        return Optional.empty();
    }

    SyndFeed rome(String key) throws Exception {
        SyndFeedInput input = new SyndFeedInput();
        input.setAllowDoctypes(false);
        input.setPreserveWireFeed(true);
        try (InputStream in = Files.newInputStream(hub.site.resolve(key))) {
            return input.build(new InputSource(in));
        }
    }

    /** Page URL (without the section anchor) to the date of the first, that is newest, entry linking to it. */
    static <T> Map<String, Instant> newestPerPage(List<T> entries, java.util.function.Function<T, String> link,
                                                  java.util.function.Function<T, Instant> date) {
        Map<String, Instant> newest = new LinkedHashMap<>();
        for (T entry : entries) {
            newest.putIfAbsent(link.apply(entry).replaceFirst("#.*", ""), date.apply(entry));
        }
        return newest;
    }

    long revisionCount() throws IOException {
        try (Stream<String> lines = Files.lines(hub.out.resolve("state/revisions.jsonl"))) {
            return lines.filter(l -> l.startsWith("{\"type\":\"revision\"")).count();
        }
    }

    /** Every file of a folder, by relative path, as a SHA-256. */
    static Map<String, String> digests(Path folder) throws IOException {
        Map<String, String> digests = new TreeMap<>();
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                digests.put(folder.relativize(file).toString(), Hashing.sha256Hex(Files.readAllBytes(file)));
            }
        }
        return digests;
    }
}
