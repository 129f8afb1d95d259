package dev.hubpress.site;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hubpress.core.channel.Artifact;
import dev.hubpress.core.channel.Edition;
import dev.hubpress.core.content.ContentTree;
import dev.hubpress.core.testing.ContentFixtures;
import dev.hubpress.core.testing.Editions;
import dev.hubpress.core.testing.InMemoryRenderCache;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The site's static search index: how text becomes terms, how pages are cut into sections, how the
 * index is sharded and encoded, that its bytes depend on the content only, and that a page is
 * tokenized again only when it changed.
 */
class SearchIndexTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern SCRIPT = Pattern.compile("hubSearch\\.loaded\\(\"([a-z0-9.]+)\",(.*)\\);\n", Pattern.DOTALL);

    private static final String GUIDE = ContentFixtures.page("Résumé writing", "How to write a résumé.", "guides", 1, """
            Start with the **impact** you had.[^1]

            ## Lead with outcomes

            Numbers beat adjectives: "cut p99 latency by 40 %".

            | Role | Signal |
            |------|--------|
            | Staff | Cross-team design |

            ## The API's GraphQL schema

            ```java
            ConnectionPool pool = new ConnectionPool();
            ```

            [^1]: A footnote that is not searchable text of any section.
            """);

    @Test
    void termsAreFoldedLowerCasedAndCutAtPunctuationWithoutOneLetterOrFunctionWords() {
        assertThat(SearchTerms.of("The API's GraphQL-based Résumé, 2nd edition: a p99 of 40 ms!"))
                .containsExactly("2nd", "40", "api", "based", "edition", "graphql", "ms", "p99", "resume");
    }

    @Test
    void aPageIsCutIntoItsOpeningAndOneSectionPerHeading() {
        Edition edition = Editions.firstEdition(ContentFixtures.tree("guides/resume.md", GUIDE));
        List<SearchSections.Section> sections = SearchSections.sections(edition.hub().page("guides/resume").orElseThrow());

        assertThat(sections).extracting(SearchSections.Section::anchor)
                .containsExactly("", "lead-with-outcomes", "the-apis-graphql-schema");
        assertThat(sections).extracting(SearchSections.Section::heading)
                .containsExactly("Résumé writing", "Lead with outcomes", "The API’s GraphQL schema");
        // the opening: the summary and the text before the first heading; the title is its heading
        assertThat(sections.get(0).snippet()).isEqualTo("How to write a résumé. Start with the impact you had.");
        assertThat(sections.get(0).headingTerms()).containsExactly("resume", "writing");
        // a table's cells, not its rule row; the page title's terms find every section of the page
        assertThat(sections.get(1).snippet()).contains("Role Signal Staff Cross-team design").doesNotContain("---");
        assertThat(sections.get(1).bodyTerms()).contains("staff", "latency", "p99", "resume", "writing")
                .doesNotContain("lead", "outcomes");
        // code is searchable text; a footnote is not
        assertThat(sections.get(2).bodyTerms()).contains("connectionpool").doesNotContain("footnote", "searchable");
    }

    @Test
    void aLongSectionShowsItsStartCutAtAWord() {
        String text = "word ".repeat(100).trim();
        String snippet = SearchSections.snippet(text);
        assertThat(snippet).endsWith("word…").hasSizeLessThanOrEqualTo(SearchSections.SNIPPET + 1);
        assertThat(SearchSections.snippet("Short text.")).isEqualTo("Short text.");
    }

    @Test
    void eachTermListsTheSectionsWhoseHeadingOrTextHasIt() throws Exception {
        Map<String, JsonNode> files = index(new SiteRenderer(Editions.MARKDOWN)
                .render(Editions.firstEdition(ContentFixtures.tree("guides/resume.md", GUIDE))));
        JsonNode manifest = files.get("manifest");
        List<String> sections = sectionUrls(manifest, files);
        assertThat(sections).containsExactly("index.html", "index.html#welcome", "guides/resume.html",
                "guides/resume.html#lead-with-outcomes", "guides/resume.html#the-apis-graphql-schema");

        JsonNode graphql = term(manifest, files, "graphql");
        assertThat(decode(graphql.get(0).asText())).containsExactly(4);
        assertThat(decode(graphql.get(1).asText())).isEmpty();
        JsonNode resume = term(manifest, files, "resume");
        assertThat(decode(resume.get(0).asText())).containsExactly(2);
        assertThat(decode(resume.get(1).asText())).containsExactly(3, 4);
    }

    @Test
    void aLargeHubIsShardedByTermRangeAndBySectionsAndEveryTermIsInTheShardItsRangeNames() throws Exception {
        // GIVEN 300 pages with words of their own each and a word they share
        List<String> entries = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            entries.add("guides/p" + i + ".md");
            entries.add(ContentFixtures.page("Page " + i, "guides", i + 1,
                    "## Shared\n\nEvery page says common. This one says unique" + word(i) + ", alpha" + word(i)
                            + " and omega" + word(i) + ".\n"));
        }
        Map<String, JsonNode> files = index(new SiteRenderer(Editions.MARKDOWN)
                .render(Editions.firstEdition(ContentFixtures.tree(entries.toArray(String[]::new)))));
        JsonNode manifest = files.get("manifest");

        // THEN there are several shards of each kind, ranges in order, sections in full shards
        int sections = manifest.get("sections").asInt();
        assertThat(sections).isEqualTo(2 + 300 * 2);
        assertThat(manifest.get("docs")).hasSize((sections + SearchIndex.SECTIONS_PER_SHARD - 1) / SearchIndex.SECTIONS_PER_SHARD);
        List<String> firsts = new ArrayList<>();
        manifest.get("terms").forEach(range -> firsts.add(range.get(0).asText()));
        assertThat(firsts).hasSizeGreaterThan(1).isSorted();
        for (int t = 0; t < firsts.size(); t++) {
            JsonNode shard = files.get(termShard(manifest, t));
            String first = firsts.get(t);
            String next = t + 1 < firsts.size() ? firsts.get(t + 1) : "\uffff";
            assertThat(shard.fieldNames().next()).isEqualTo(first);
            shard.fieldNames().forEachRemaining(term -> assertThat(term).isGreaterThanOrEqualTo(first).isLessThan(next));
        }
        // and a term on every page lists every page's "Shared" section; a page's own word, its one section
        List<Integer> shared = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            shared.add(2 + i * 2 + 1);
        }
        assertThat(decode(term(manifest, files, "common").get(1).asText())).containsExactlyElementsOf(shared);
        assertThat(decode(term(manifest, files, "unique" + word(123)).get(1).asText())).containsExactly(2 + 123 * 2 + 1);
        assertThat(sectionUrls(manifest, files).get(2 + 123 * 2 + 1)).isEqualTo("guides/p123.html#shared");
    }

    @Test
    void aNewWordRewritesOnlyTheTermShardItLandsIn() {
        // GIVEN an index of 4,000 sections, each with a word of its own: many term shards
        List<SearchIndex.IndexedPage> pages = new ArrayList<>();
        for (int i = 0; i < 4_000; i++) {
            pages.add(new SearchIndex.IndexedPage("p" + i + ".html", "P" + i, List.of(new SearchSections.Section(
                    "", "P" + i, "text", List.of(), List.of("common", "zz" + word(i), "mm" + word(i))))));
        }
        List<String> before = SearchIndex.build(pages).stream().map(Artifact::key).filter(k -> k.contains("/t.")).toList();
        assertThat(before).hasSizeGreaterThan(10);

        // WHEN the last section gains a word that sorts before every other (so every shard lies after it)
        SearchIndex.IndexedPage last = pages.remove(pages.size() - 1);
        SearchSections.Section section = last.sections().get(0);
        List<String> terms = new ArrayList<>(section.bodyTerms());
        terms.add("aardvark");
        pages.add(new SearchIndex.IndexedPage(last.sitePath(), last.title(), List.of(new SearchSections.Section(
                section.anchor(), section.heading(), section.snippet(), section.headingTerms(), terms))));
        List<String> after = SearchIndex.build(pages).stream().map(Artifact::key).filter(k -> k.contains("/t.")).toList();

        // THEN only the first shard (it got the word; split in two at most) and the shards holding that
        // section's own words ("common", "mm…", "zz…") are new; every other shard keeps its name
        List<String> added = after.stream().filter(k -> !before.contains(k)).toList();
        List<String> gone = before.stream().filter(k -> !after.contains(k)).toList();
        assertThat(gone).hasSizeLessThanOrEqualTo(4);
        assertThat(added).hasSizeLessThanOrEqualTo(5);
    }

    @Test
    void theIndexIsTheSameBytesForTheSameContentAndHoldsNoMarkup() {
        ContentTree tree = ContentFixtures.repositoryTree();
        List<Artifact> first = searchFiles(new SiteRenderer(Editions.MARKDOWN).render(Editions.firstEdition(tree)));
        List<Artifact> second = searchFiles(new SiteRenderer(Editions.MARKDOWN).render(Editions.firstEdition(tree)));

        assertThat(second).containsExactlyElementsOf(first);
        // every <, > and & of the text is a JSON escape: no file can carry markup
        for (Artifact file : first) {
            assertThat(Editions.text(file)).as(file.key()).doesNotContain("<", ">", "&");
        }
    }

    @Test
    void theRealHubsIndexIsUnder100Kilobytes() {
        // the acceptance budget of issue 16, item 7
        List<Artifact> index = searchFiles(new SiteRenderer(Editions.MARKDOWN)
                .render(Editions.firstEdition(ContentFixtures.repositoryTree())));
        assertThat(index.stream().mapToLong(Artifact::size).sum()).isLessThan(100_000);
    }

    @Test
    void anUnchangedPageIsNotTokenizedAgainInThisProcessOrTheNext() {
        // GIVEN the real hub rendered by a renderer with a render cache
        ContentTree tree = ContentFixtures.repositoryTree();
        InMemoryRenderCache cache = new InMemoryRenderCache();
        SiteRenderer renderer = new SiteRenderer(Editions.MARKDOWN, cache);
        Edition first = Editions.firstEdition(tree);
        renderer.render(first);
        assertThat(renderer.pagesIndexed()).isEqualTo(first.hub().pages().size());

        // WHEN one section of one page is edited, and a fresh renderer on the cache, then the same renderer, render it
        String path = "skills/distributed-systems.md";
        String text = new String(tree.file(path).orElseThrow().bytes(), StandardCharsets.UTF_8);
        ContentTree edited = ContentFixtures.with(tree, path, text.replaceFirst("\n## ", "\nA sentence about zanzibar.\n\n## ")
                .getBytes(StandardCharsets.UTF_8));
        Edition second = Editions.nextEdition(first, tree, edited);
        SiteRenderer freshProcess = new SiteRenderer(Editions.MARKDOWN, cache);
        List<Artifact> fromCache = freshProcess.render(second);
        List<Artifact> incremental = renderer.render(second);

        // THEN each tokenized only the edited page, and both made exactly what a renderer with nothing kept makes
        assertThat(renderer.pagesIndexed()).isEqualTo(first.hub().pages().size() + 1);
        assertThat(freshProcess.pagesIndexed()).isEqualTo(1);
        List<Artifact> fresh = new SiteRenderer(Editions.MARKDOWN).render(second);
        assertThat(searchFiles(incremental)).containsExactlyElementsOf(searchFiles(fresh));
        assertThat(searchFiles(fromCache)).containsExactlyElementsOf(searchFiles(fresh));
        assertThat(searchFiles(fresh).stream().map(Editions::text)).anyMatch(t -> t.contains("\"zanzibar\""));
    }

    private static String word(int i) {
        // letters only, so each page's word is one term: 0 -> "a", 27 -> "bb"
        StringBuilder s = new StringBuilder();
        for (int n = i; ; n = n / 26 - 1) {
            s.insert(0, (char) ('a' + n % 26));
            if (n < 26) {
                return s.toString();
            }
        }
    }

    private static List<Artifact> searchFiles(List<Artifact> site) {
        return site.stream().filter(a -> a.key().startsWith(SearchIndex.FOLDER)).toList();
    }

    /** The name of the manifest's t-th term shard (and its file, less ".js"). */
    private static String termShard(JsonNode manifest, int t) {
        return "t." + manifest.get("terms").get(t).get(1).asText();
    }

    /** Every index file's data by its name (manifest, t.<fingerprint>…, d0…), checking each file names itself and its fingerprint. */
    static Map<String, JsonNode> index(List<Artifact> site) throws Exception {
        Map<String, JsonNode> files = new LinkedHashMap<>();
        for (Artifact file : searchFiles(site)) {
            Matcher m = SCRIPT.matcher(Editions.text(file));
            assertThat(m.matches()).as(file.key()).isTrue();
            String name = m.group(1);
            assertThat(file.key()).startsWith(SearchIndex.FOLDER + name + ".");
            files.put(name, JSON.readTree(m.group(2)));
        }
        JsonNode manifest = files.get("manifest");
        for (int t = 0; t < manifest.get("terms").size(); t++) {
            assertThat(site).extracting(Artifact::key)
                    .contains(SearchIndex.FOLDER + termShard(manifest, t) + ".js");
        }
        for (int d = 0; d < manifest.get("docs").size(); d++) {
            assertThat(site).extracting(Artifact::key)
                    .contains(SearchIndex.FOLDER + "d" + d + "." + manifest.get("docs").get(d).asText() + ".js");
        }
        return files;
    }

    /** The term's heading and text lists, from the shard whose range holds it. */
    private static JsonNode term(JsonNode manifest, Map<String, JsonNode> files, String term) {
        int shard = 0;
        for (int t = 0; t < manifest.get("terms").size(); t++) {
            if (manifest.get("terms").get(t).get(0).asText().compareTo(term) <= 0) {
                shard = t;
            }
        }
        JsonNode postings = files.get(termShard(manifest, shard)).get(term);
        assertThat(postings).as(term).isNotNull();
        return postings;
    }

    /** Every section's link, in section-number order. */
    private static List<String> sectionUrls(JsonNode manifest, Map<String, JsonNode> files) {
        List<String> urls = new ArrayList<>();
        for (int d = 0; d < manifest.get("docs").size(); d++) {
            JsonNode shard = files.get("d" + d);
            for (JsonNode section : shard.get("sections")) {
                String page = shard.get("pages").get(section.get(0).asInt()).get(0).asText();
                urls.add(page + (section.get(1).asText().isEmpty() ? "" : "#" + section.get(1).asText()));
            }
        }
        return urls;
    }

    /** Section numbers from their gaps: what search.js reads. */
    private static List<Integer> decode(String encoded) {
        String digits = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_";
        List<Integer> ids = new ArrayList<>();
        int previous = -1;
        int value = 0;
        int shift = 0;
        for (char c : encoded.toCharArray()) {
            int digit = digits.indexOf(c);
            value |= (digit & 31) << shift;
            if ((digit & 32) != 0) {
                shift += 5;
            } else {
                previous += value + 1;
                ids.add(previous);
                value = 0;
                shift = 0;
            }
        }
        return ids;
    }
}
