package dev.hubpress.site;

import dev.hubpress.core.channel.Artifact;
import dev.hubpress.core.channel.Edition;
import dev.hubpress.core.content.ContentTree;
import dev.hubpress.core.testing.Editions;
import dev.hubpress.core.testing.NuHtmlChecker;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static dev.hubpress.core.testing.ContentFixtures.page;
import static dev.hubpress.core.testing.ContentFixtures.tree;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A moved page's old URL answers with a redirect page (refresh at once, canonical URL of the new
 * page, a visible link): valid HTML, never in the sitemap, and still there revisions later.
 */
class RedirectPagesTest {

    private static final String BODY = "## One\n\nThe text that moves.\n";
    private static NuHtmlChecker checker;

    private final SiteRenderer site = new SiteRenderer(Editions.MARKDOWN);

    @BeforeAll
    static void startTheChecker() {
        checker = new NuHtmlChecker();
    }

    private static Map<String, String> texts(List<Artifact> artifacts) {
        return artifacts.stream().collect(Collectors.toMap(Artifact::key, Editions::text));
    }

    private static Optional<String> attribute(String html, String element, String attribute) {
        Matcher m = Pattern.compile("<" + element + "[^>]*\\s" + attribute + "=\"([^\"]*)\"").matcher(html);
        return m.find() ? Optional.of(m.group(1)) : Optional.empty();
    }

    @Test
    void aRenamedPagesOldUrlRedirectsInItsRevisionAndInLaterOnes() {
        ContentTree r1Tree = tree("guides/old-name.md", page("Old", "guides", 1, BODY), "other.md", page("Other", "guides", 2, "Text.\n"));
        ContentTree r2Tree = tree("guides/deep/new-name.md", page("New", "guides", 1, BODY), "other.md", page("Other", "guides", 2, "Text.\n"));
        ContentTree r3Tree = tree("guides/deep/new-name.md", page("New", "guides", 1, BODY), "other.md", page("Other", "guides", 2, "Edited.\n"));
        Edition r1 = Editions.firstEdition(r1Tree);
        Edition r2 = Editions.nextEdition(r1, r1Tree, r2Tree);
        Edition r3 = Editions.nextEdition(r2, r2Tree, r3Tree);

        assertThat(Editions.text(site.render(r1).stream().filter(a -> a.key().equals("guides/old-name.html")).findFirst().orElseThrow()))
                .doesNotContain("http-equiv");
        Map<String, String> second = texts(site.render(r2));
        Map<String, String> third = texts(site.render(r3));

        for (Map<String, String> edition : List.of(second, third)) {
            String redirect = edition.get("guides/old-name.html");
            assertThat(redirect).as("redirect page").isNotNull();
            assertThat(attribute(redirect, "meta http-equiv=\"refresh\"", "content")).contains("0; url=deep/new-name.html");
            assertThat(attribute(redirect, "link rel=\"canonical\"", "href")).contains("https://hub.test/guides/deep/new-name.html");
            assertThat(redirect).contains("<a href=\"deep/new-name.html\">New</a>").contains("noindex");
            assertThat(checker.errors(redirect)).isEmpty();
            assertThat(edition).containsKey("guides/deep/new-name.html");
            assertThat(edition.get("sitemap.xml")).doesNotContain("old-name").contains("guides/deep/new-name.html");
        }
    }

    @Test
    void aRedirectToTheHomePageUsesTheSiteRootAsCanonical() {
        ContentTree tree = tree("index.md", "---\ntitle: Home\nsummary: Home.\nsection: home\norder: 0\naliases: [start, old/welcome.html]\n---\nHello.\n");

        Map<String, String> pages = texts(site.render(Editions.firstEdition(tree)));

        assertThat(attribute(pages.get("start.html"), "link rel=\"canonical\"", "href")).contains("https://hub.test/");
        assertThat(attribute(pages.get("old/welcome.html"), "meta http-equiv=\"refresh\"", "content")).contains("0; url=../index.html");
        assertThat(checker.errors(pages.get("old/welcome.html"))).isEmpty();
    }

    @Test
    void aHostileTitleIsEscapedOnTheRedirectPage() {
        ContentTree tree = tree("guides/a.md", "---\ntitle: \"<script>alert(1)</script> & co\"\nsummary: S.\nsection: guides\norder: 1\n"
                + "aliases: [guides/b]\n---\nText.\n");

        String redirect = texts(site.render(Editions.firstEdition(tree))).get("guides/b.html");

        assertThat(redirect).doesNotContain("<script").contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; co");
        assertThat(checker.errors(redirect)).isEmpty();
    }
}
