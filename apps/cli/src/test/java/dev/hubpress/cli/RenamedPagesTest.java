package dev.hubpress.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.io.SyndFeedInput;
import dev.hubpress.core.channel.Channels;
import dev.hubpress.core.testing.ContentFixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xml.sax.InputSource;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 16 item 6 through {@code ./hub publish}: a page renamed in r2 keeps its old URL as a
 * redirect page in r2 and after an unrelated edit in r3, and the feed entries published in r1,
 * which link to the old URL (a feed reader keeps them as it read them), still lead to the page
 * (RSS and Atom read with Rome, JSON Feed with Jackson, every hop followed on disk).
 */
class RenamedPagesTest {

    static final String BASE = "https://hub.example.com";
    static final String OLD = "careers/first-backend-role";
    static final String NEW = "careers/landing-your-first-backend-role";
    static final Pattern REFRESH = Pattern.compile("<meta http-equiv=\"refresh\" content=\"0; url=([^\"]+)\">");
    static final Pattern CANONICAL = Pattern.compile("<link rel=\"canonical\" href=\"([^\"]+)\">");

    @TempDir
    Path tmp;
    final ByteArrayOutputStream printed = new ByteArrayOutputStream();

    int publish(Path content, Path out, long day) {
        PrintStream print = new PrintStream(printed, true, StandardCharsets.UTF_8);
        HubCommand command = new HubCommand(print, print,
                Map.of("SOURCE_DATE_EPOCH", Long.toString(Instant.parse("2026-03-01T10:00:00Z").getEpochSecond() + day * 86_400)),
                Channels::discover);
        return command.run("publish", "--content", content.toString(), "--out", out.toString());
    }

    @Test
    void aRenamedPagesOldUrlAndItsOldFeedEntriesStillLeadToIt() throws Exception {
        Path content = ContentFixtures.copyRepositoryContent(tmp.resolve("content"));
        Path out = tmp.resolve("out");
        Path site = out.resolve("site");
        // GIVEN r1 published, its feeds announcing the page at its old URL
        assertThat(publish(content, out, 0)).as(printed.toString(StandardCharsets.UTF_8)).isZero();
        List<String> oldLinks = feedLinks(site).stream().filter(l -> l.startsWith(BASE + "/" + OLD + ".html")).toList();
        assertThat(oldLinks).hasSize(3); // its "New" entry in RSS, Atom and JSON Feed

        // WHEN the file is renamed, unchanged, with the links to it (r2), and another page is edited (r3)
        Files.move(content.resolve(OLD + ".md"), content.resolve(NEW + ".md"));
        try (Stream<Path> files = Files.walk(content)) {
            for (Path md : files.filter(p -> p.toString().endsWith(".md")).toList()) {
                Files.writeString(md, Files.readString(md).replace("first-backend-role.md", "landing-your-first-backend-role.md"));
            }
        }
        assertThat(publish(content, out, 1)).as(printed.toString(StandardCharsets.UTF_8)).isZero();
        Files.writeString(content.resolve("faq.md"), Files.readString(content.resolve("faq.md")) + "\nOne more answer.\n");
        assertThat(publish(content, out, 2)).as(printed.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(printed.toString(StandardCharsets.UTF_8)).contains("Published r3: 1 page changed");

        // THEN in r3 the old URL is a redirect page to the new one, listed in no sitemap and no feed as a page
        Path redirect = site.resolve(OLD + ".html");
        String html = Files.readString(redirect);
        assertThat(only(CANONICAL, html)).isEqualTo(BASE + "/" + NEW + ".html");
        Path target = redirect.getParent().resolve(only(REFRESH, html)).normalize();
        assertThat(target).isEqualTo(site.resolve(NEW + ".html")).isRegularFile();
        assertThat(Files.readString(target)).contains("<link rel=\"canonical\" href=\"" + BASE + "/" + NEW + ".html\">")
                .doesNotContain("http-equiv=\"refresh\"");
        String sitemap = Files.readString(site.resolve("sitemap.xml"));
        assertThat(sitemap).contains(NEW + ".html").doesNotContain(OLD + ".html");

        // AND the links of the r1 feed entries a reader holds lead, through the redirect, to the page
        for (String link : oldLinks) {
            assertThat(site.resolve(link.substring(BASE.length() + 1))).as(link).isEqualTo(redirect).isRegularFile();
        }
        // AND every link of the feeds now published leads to a file of the site
        for (String link : feedLinks(site)) {
            String path = link.substring(BASE.length() + 1).replaceFirst("#.*", "");
            assertThat(site.resolve(path.isEmpty() ? "index.html" : path)).as("what " + link + " leads to").isRegularFile();
        }
    }

    static String only(Pattern pattern, String html) {
        Matcher m = pattern.matcher(html);
        assertThat(m.find()).as(pattern.pattern()).isTrue();
        return m.group(1);
    }

    /** Every entry's link in the RSS, Atom and JSON feeds, in that order. */
    static List<String> feedLinks(Path site) throws Exception {
        List<String> links = new ArrayList<>();
        for (String feed : List.of("feeds/rss.xml", "feeds/atom.xml")) {
            SyndFeedInput input = new SyndFeedInput();
            input.setAllowDoctypes(false);
            try (InputStream in = Files.newInputStream(site.resolve(feed))) {
                input.build(new InputSource(in)).getEntries().stream().map(SyndEntry::getLink).forEach(links::add);
            }
        }
        for (JsonNode item : new ObjectMapper().readTree(site.resolve("feeds/feed.json").toFile()).get("items")) {
            links.add(item.get("url").asText());
        }
        return links;
    }
}
