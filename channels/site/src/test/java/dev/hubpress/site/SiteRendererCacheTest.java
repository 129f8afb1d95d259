package dev.hubpress.site;

import dev.hubpress.core.testing.Editions;
import dev.hubpress.core.content.ContentTree;
import dev.hubpress.core.channel.Artifact;
import dev.hubpress.core.channel.Edition;
import dev.hubpress.core.testing.ContentFixtures;
import dev.hubpress.core.testing.InMemoryRenderCache;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A renderer that already rendered the previous edition reuses what did not change, and its output
 * is always exactly what a fresh renderer makes of the same edition.
 */
class SiteRendererCacheTest {

    /** Pages the site makes itself, laid out on every render. */
    private static final List<String> GENERATED = List.of("changelog.html", "404.html", "subscribe.html", "search.html");

    private final ContentTree repository = ContentFixtures.repositoryTree();

    private static ContentTree edit(ContentTree tree, String path, String from, String to) {
        String text = new String(tree.file(path).orElseThrow().bytes(), StandardCharsets.UTF_8);
        assertThat(text).contains(from);
        return ContentFixtures.with(tree, path, text.replace(from, to).getBytes(StandardCharsets.UTF_8));
    }

    private static Map<String, Artifact> byKey(List<Artifact> artifacts) {
        return artifacts.stream().collect(Collectors.toMap(Artifact::key, Function.identity()));
    }

    /** Renders the second edition after the first with one renderer, and with a fresh one. */
    private static void assertSameAsFresh(Edition first, Edition second, String... rerendered) {
        SiteRenderer longLived = new SiteRenderer(Editions.MARKDOWN);
        Map<String, Artifact> before = byKey(longLived.render(first));
        List<Artifact> after = longLived.render(second);
        List<Artifact> fresh = new SiteRenderer(Editions.MARKDOWN).render(second);

        // the same objects, in the same order, with the same bytes
        assertThat(after).containsExactlyElementsOf(fresh);
        // pages whose view did not change are the very artifacts of the previous render
        for (Artifact artifact : after) {
            if (artifact.key().endsWith(".html") && !GENERATED.contains(artifact.key()) && before.containsKey(artifact.key())
                    && !List.of(rerendered).contains(artifact.key()) && artifact.equals(before.get(artifact.key()))) {
                assertThat(artifact).as(artifact.key()).isSameAs(before.get(artifact.key()));
            }
        }
        for (String key : rerendered) {
            assertThat(byKey(after).get(key)).as(key).isNotEqualTo(before.get(key));
        }
    }

    @Test
    void aOnePageEditReusesEveryOtherPageAndMatchesAFreshRender() {
        ContentTree next = edit(repository, "skills/distributed-systems.md", "## ", "Added before the first heading.\n\n## ");
        Edition first = Editions.firstEdition(repository);
        Edition second = Editions.nextEdition(first, repository, next);

        assertSameAsFresh(first, second, "skills/distributed-systems.html", "index.html");
    }

    @Test
    void aRendererInAFreshProcessRendersNoBodyItsCacheHolds() {
        // GIVEN an edition rendered by a renderer with a render cache
        InMemoryRenderCache cache = new InMemoryRenderCache();
        Edition edition = Editions.firstEdition(repository);
        SiteRenderer first = new SiteRenderer(Editions.MARKDOWN, cache);
        first.render(edition);
        assertThat(first.bodiesRendered()).isEqualTo(edition.hub().pages().size());

        // WHEN a new renderer on the same cache (a fresh process) renders a one-page edit of it
        ContentTree next = edit(repository, "skills/distributed-systems.md", "## ", "Added before the first heading.\n\n## ");
        Edition second = Editions.nextEdition(edition, repository, next);
        SiteRenderer fresh = new SiteRenderer(Editions.MARKDOWN, cache);
        List<Artifact> cached = fresh.render(second);

        // THEN it rendered only the edited page's body, and made exactly what a renderer without a cache makes
        assertThat(fresh.bodiesRendered()).isEqualTo(1);
        assertThat(cached).containsExactlyElementsOf(new SiteRenderer(Editions.MARKDOWN).render(second));
    }

    @Test
    void unchangedPagesAreNotLaidOutAgain() {
        // given a renderer that rendered an edition
        Edition edition = Editions.firstEdition(repository);
        SiteRenderer renderer = new SiteRenderer(Editions.MARKDOWN);
        List<Artifact> first = renderer.render(edition);

        // when it renders the same edition again
        List<Artifact> second = renderer.render(edition);

        // then every page is the same artifact object
        for (int i = 0; i < first.size(); i++) {
            if (first.get(i).key().endsWith(".html") && !GENERATED.contains(first.get(i).key())) {
                assertThat(second.get(i)).as(first.get(i).key()).isSameAs(first.get(i));
            }
        }
    }

    @Test
    void changedChartDataRedrawsThePagesWithTheChart() {
        // given an edit of the pay data only (no page text changes)
        ContentTree next = edit(repository, "data/compensation.yaml", "min: 140000", "min: 141000");
        Edition first = Editions.firstEdition(repository);
        Edition second = Editions.nextEdition(first, repository, next);

        // then the pages that draw the chart are rendered again, exactly as a fresh renderer does
        assertSameAsFresh(first, second, "careers/index.html", "index.html");
    }

    @Test
    void aChartDataEditRendersOnlyTheBodiesThatDrawTheChart() {
        // GIVEN an edition rendered by a renderer with a render cache
        InMemoryRenderCache cache = new InMemoryRenderCache();
        Edition first = Editions.firstEdition(repository);
        new SiteRenderer(Editions.MARKDOWN, cache).render(first);

        // WHEN a fresh renderer on that cache renders an edit of the pay data only
        ContentTree next = edit(repository, "data/compensation.yaml", "min: 140000", "min: 141000");
        Edition second = Editions.nextEdition(first, repository, next);
        SiteRenderer fresh = new SiteRenderer(Editions.MARKDOWN, cache);
        List<Artifact> cached = fresh.render(second);

        // THEN only the pages whose Markdown holds a chart block were rendered again, and the site is what a fresh render makes
        long drawing = second.hub().pages().stream().filter(p -> p.source().contains("```hub-chart")).count();
        assertThat(drawing).isEqualTo(2);
        assertThat(fresh.bodiesRendered()).isEqualTo(drawing);
        assertThat(cached).containsExactlyElementsOf(new SiteRenderer(Editions.MARKDOWN).render(second));
    }

    @Test
    void aRenamedSectionReachesEveryPageNavigation() {
        // given hub.yaml renames a section: every page's navigation changes, no page text does
        ContentTree next = edit(repository, "hub.yaml", "title: Deep skills }", "title: Deep skills and tools }");
        Edition first = Editions.firstEdition(repository);
        Edition second = Editions.nextEdition(first, repository, next);

        assertSameAsFresh(first, second, "faq.html", "skills/distributed-systems.html");
    }
}
