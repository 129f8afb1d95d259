package dev.hubpress.core.load;

import dev.hubpress.core.cache.CachedEntries;
import dev.hubpress.core.content.ContentFile;
import dev.hubpress.core.content.ContentTree;
import dev.hubpress.core.gate.GateLimits;
import dev.hubpress.core.gate.GateResult;
import dev.hubpress.core.gate.PublishGate;
import dev.hubpress.core.markdown.MarkdownEngine;
import dev.hubpress.core.markdown.RenderContext;
import dev.hubpress.core.model.Page;
import dev.hubpress.core.testing.ContentFixtures;
import dev.hubpress.core.testing.Gates;
import dev.hubpress.core.testing.InMemoryRenderCache;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static dev.hubpress.core.testing.ContentFixtures.page;
import static dev.hubpress.core.testing.ContentFixtures.tree;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A reader in a fresh process finds the outlines of pages an earlier process read in the render
 * cache, and does not parse those pages; what it reads is what parsing them would give, and a
 * cache that is damaged or another build's is not believed.
 */
class ContentReaderCacheTest {

    private static final MarkdownEngine MARKDOWN = MarkdownEngine.standard();

    private final InMemoryRenderCache cache = new InMemoryRenderCache();

    private static PublishGate gate(ContentReader reader) {
        return new PublishGate(reader, GateLimits.DEFAULT, Gates.channels());
    }

    private static String html(Page page) {
        return MARKDOWN.render(page.document(), RenderContext.relative(page.slug(), name -> Optional.empty()));
    }

    @Test
    void aFreshProcessReadsCachedPagesWithoutParsingThemAndGetsTheSameHub() {
        // GIVEN the repository's content read and gated by one process, with a cache
        ContentTree tree = ContentFixtures.repositoryTree();
        ContentReader first = new ContentReader(MARKDOWN, cache);
        GateResult before = gate(first).inspect(tree);
        assertThat(first.pagesParsed()).isPositive();

        // WHEN a fresh process on the same cache gates it
        ContentReader fresh = new ContentReader(MARKDOWN, cache);
        GateResult after = gate(fresh).inspect(tree);

        // THEN it parsed no page, and nothing was parsed behind its back either
        assertThat(fresh.pagesParsed()).isZero();
        List<Page> pages = after.hub().orElseThrow().pages();
        assertThat(pages).allSatisfy(p -> assertThat(p.body().isParsed()).isFalse());
        // AND the hub is the same: pages, headings, and the HTML their documents render to once parsed
        List<Page> expected = before.hub().orElseThrow().pages();
        assertThat(pages).extracting(Page::slug).containsExactlyElementsOf(expected.stream().map(Page::slug).toList());
        for (int i = 0; i < pages.size(); i++) {
            assertThat(pages.get(i).headings()).isEqualTo(expected.get(i).headings());
            assertThat(html(pages.get(i))).isEqualTo(html(expected.get(i)));
        }
    }

    @Test
    void pagesWithErrorsAreReportedTheSameFromTheCache() {
        // GIVEN a page with body errors, gated by a process that cached its outline
        ContentTree tree = tree("guides/bad.md", page("Bad", "guides", 1,
                "# Top\n\n<div>raw</div>\n\n#### Jump\n\n![x](x.png)\n\n[evil](javascript:alert(1)) and [gone](nope.md#x)\n\n"
                        + "Cited[^1] and [^2].\n\n[^1]: One.\n\n[^3]: Never cited.\n\n```hub-chart\nsalaries\n```\n"));
        GateResult before = gate(new ContentReader(MARKDOWN, cache)).inspect(tree);
        assertThat(before.errors()).hasSizeGreaterThanOrEqualTo(8);

        // WHEN a fresh process gates it from the cache
        ContentReader fresh = new ContentReader(MARKDOWN, cache);
        GateResult after = gate(fresh).inspect(tree);

        // THEN it reports exactly the same errors, without parsing the page
        assertThat(fresh.pagesParsed()).isZero();
        assertThat(after.errors()).isEqualTo(before.errors());
    }

    @Test
    void aDamagedCacheIsNotBelieved() {
        // GIVEN the repository's content read by a process with a cache, whose stored outlines are then damaged
        ContentTree tree = ContentFixtures.repositoryTree();
        GateResult before = gate(new ContentReader(MARKDOWN, cache)).inspect(tree);
        byte[] stored = cache.stored(ContentReader.OUTLINES).orElseThrow();
        stored[stored.length / 3] ^= 0x01;
        cache.replace(ContentReader.OUTLINES, stored);

        // WHEN a fresh process reads it
        ContentReader fresh = new ContentReader(MARKDOWN, cache);
        GateResult after = gate(fresh).inspect(tree);

        // THEN it parses every page again, and gets the same hub
        long pages = tree.files().stream().filter(f -> f.path().endsWith(".md")).count();
        assertThat(fresh.pagesParsed()).isEqualTo(pages);
        assertThat(after.hub().orElseThrow().pages()).extracting(Page::headings)
                .isEqualTo(before.hub().orElseThrow().pages().stream().map(Page::headings).toList());
    }

    @Test
    void outlinesWrittenByAnotherBuildAreNotBelieved() {
        // GIVEN a cache holding, under the outlines' name and each page file's hash, outlines that
        // another build of the code wrote (here: empty ones, which would hide every error)
        ContentTree tree = tree("guides/bad.md", page("Bad", "guides", 1, "<b>raw</b>\n\n[gone](nope.md)\n"));
        CachedEntries<BodyOutline> otherBuild = new CachedEntries<>(cache, ContentReader.OUTLINES,
                Optional.of("core 0000 flexmark 0.1"), BodyOutline.CODEC);
        for (ContentFile file : tree.files()) {
            otherBuild.get(file.blobHash(), () -> new BodyOutline(List.of(), List.of()));
        }
        otherBuild.endRound();

        // WHEN this build's reader gates the tree
        ContentReader reader = new ContentReader(MARKDOWN, cache);
        GateResult result = gate(reader).inspect(tree);

        // THEN it parsed the pages itself, and the errors are reported
        assertThat(reader.pagesParsed()).isEqualTo(2);
        assertThat(result.errors()).extracting(e -> e.message().substring(0, 12))
                .containsExactly("raw HTML is ", "raw HTML is ", "broken link ");
    }
}
