package dev.hubpress.guide;

import dev.hubpress.core.cache.CachedEntries;
import dev.hubpress.core.cache.CodeVersion;
import dev.hubpress.core.channel.Artifact;
import dev.hubpress.core.channel.Edition;
import dev.hubpress.core.content.ContentTree;
import dev.hubpress.core.port.RenderCache;
import dev.hubpress.core.testing.ContentFixtures;
import dev.hubpress.core.testing.InMemoryRenderCache;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;

import static org.assertj.core.api.Assertions.assertThat;

/** Laid-out parts kept in the render cache for the next process: reused exactly, never trusted. */
class GuidePartCacheTest {

    /** A home page and two sections' pages linking across sections. */
    private static ContentTree tree(String extra) {
        return ContentFixtures.tree(
                "guides/a.md", ContentFixtures.page("Alpha", "guides", 1, "## First\n\nSee [beta](b.md#second) and [home](../index.md).\n"),
                "guides/b.md", ContentFixtures.page("Beta", "guides", 2, "## Second\n\nBack to [alpha](a.md)." + extra + "\n"));
    }

    private static final Edition EDITION = GuideFixtures.edition(tree(""), 3);

    private static List<byte[]> bytes(List<Artifact> artifacts) {
        return artifacts.stream().map(Artifact::bytes).toList();
    }

    @Test
    void theBuildGivesTheGuideACodeVersion() {
        // without one nothing would be kept between processes (and the tests below would fail)
        assertThat(CodeVersion.of("core", "channel-guide")).isPresent();
    }

    @Test
    void aFreshProcessReusesEveryPartAndGivesTheSameBytesAsOneWithoutCache() {
        InMemoryRenderCache cache = new InMemoryRenderCache();
        GuideRenderer first = new GuideRenderer(GuideFixtures.MARKDOWN, cache);
        List<Artifact> miss = first.render(EDITION);
        assertThat(first.laidOut()).isEqualTo(GuideParts.plan(EDITION.hub().pages()).size());

        // WHEN another renderer (as in a new process) renders the same edition from the cache
        GuideRenderer second = new GuideRenderer(GuideFixtures.MARKDOWN, cache);
        List<Artifact> hit = second.render(EDITION);

        // THEN it lays out nothing, makes no font, and every object is byte for byte what a render without cache gives
        assertThat(second.laidOut()).isZero();
        assertThat(first.fontsMade()).isPositive();
        assertThat(second.fontsMade()).isZero();
        List<Artifact> clean = new GuideRenderer(GuideFixtures.MARKDOWN, RenderCache.NONE).render(EDITION);
        assertThat(bytes(hit)).usingRecursiveComparison().isEqualTo(bytes(miss));
        assertThat(bytes(hit)).usingRecursiveComparison().isEqualTo(bytes(clean));
    }

    @Test
    void anEditLaysOutOnlyThePartHoldingThePage() {
        InMemoryRenderCache cache = new InMemoryRenderCache();
        new GuideRenderer(GuideFixtures.MARKDOWN, cache).render(EDITION);
        Edition edited = GuideFixtures.edition(tree(" An edit."), 4);

        GuideRenderer next = new GuideRenderer(GuideFixtures.MARKDOWN, cache);
        List<Artifact> incremental = next.render(edited);

        assertThat(next.laidOut()).isEqualTo(1);
        assertThat(bytes(incremental)).usingRecursiveComparison()
                .isEqualTo(bytes(new GuideRenderer(GuideFixtures.MARKDOWN, RenderCache.NONE).render(edited)));
    }

    @Test
    void anEditCopiesTheSourcesItDidNotChangeAndGivesTheBytesOfABookBoundWhole() throws java.io.IOException {
        // GIVEN a render of an edition, kept in the cache
        InMemoryRenderCache cache = new InMemoryRenderCache();
        GuideRenderer renderer = new GuideRenderer(GuideFixtures.MARKDOWN, cache);
        renderer.render(EDITION);
        long copied = renderer.sourcesCopied();
        long fonts = renderer.fontsMade();

        // WHEN a page is edited, and the edition rendered in this process and in a fresh one
        Edition edited = GuideFixtures.edition(tree(" An edit."), 4);
        List<Artifact> warm = renderer.render(edited);
        GuideRenderer fresh = new GuideRenderer(GuideFixtures.MARKDOWN, cache);
        List<Artifact> cold = fresh.render(edited);

        // THEN what the edit did not change (the home part, the contents) is copied, not bound again
        assertThat(renderer.sourcesCopied() - copied).isPositive();
        assertThat(fresh.sourcesCopied()).isPositive();
        // and a font is made only for a face whose glyphs the edit changed; the fresh process finds every one kept
        assertThat(renderer.fontsMade() - fonts).isLessThan(fonts);
        assertThat(fresh.fontsMade()).isZero();
        // and every book is byte for byte the one a render without any cache binds whole
        List<byte[]> clean = bytes(new GuideRenderer(GuideFixtures.MARKDOWN, RenderCache.NONE).render(edited));
        assertThat(bytes(warm)).usingRecursiveComparison().isEqualTo(clean);
        assertThat(bytes(cold)).usingRecursiveComparison().isEqualTo(clean);
        try (org.apache.pdfbox.pdmodel.PDDocument pdf = org.apache.pdfbox.Loader.loadPDF(warm.get(0).bytes())) {
            assertThat(PdfChecks.links(pdf)[0]).as("links inside the book").isPositive();
        }
    }

    @Test
    void anEditAssemblesOnlyTheBooksItTouchesAndLaysEachFrontMatterOutOnce() {
        InMemoryRenderCache cache = new InMemoryRenderCache();
        GuideRenderer renderer = new GuideRenderer(GuideFixtures.MARKDOWN, cache);
        List<Artifact> first = renderer.render(EDITION);
        long books = renderer.assembled();
        long fronts = renderer.frontLayouts();
        // the whole book and each section's (the revision copy is the whole book's bytes)
        assertThat(books).isEqualTo(first.size() - 1).isEqualTo(3);

        // WHEN a page of the guides section is edited
        Edition edited = GuideFixtures.edition(tree(" An edit."), 4);
        List<Artifact> next = renderer.render(edited);

        // THEN the whole book (it names the revision) and that section's are assembled, the home section's is kept
        assertThat(renderer.assembled() - books).isEqualTo(2);
        // each front matter laid out once, its length guessed from the last render
        assertThat(renderer.frontLayouts() - fronts).isEqualTo(2);
        assertThat(section(next, "home")).isEqualTo(section(first, "home"));
        assertThat(section(next, "guides")).isNotEqualTo(section(first, "guides"));

        // and a fresh process finds the section books in the cache: only the whole book is assembled, same bytes
        GuideRenderer fresh = new GuideRenderer(GuideFixtures.MARKDOWN, cache);
        List<Artifact> again = fresh.render(edited);
        assertThat(bytes(again)).usingRecursiveComparison().isEqualTo(bytes(next));
        assertThat(fresh.assembled()).isEqualTo(1);
        // every part found on its section's shelf, as the warm render left it
        assertThat(fresh.laidOut()).isZero();
        // with the page counts the cache kept beside them: the site's facts, without reading a book back
        assertThat(fresh.facts(again)).isEqualTo(renderer.facts(next)).containsKeys("section.home", "section.guides");
        assertThat(fresh.booksRead()).isZero();
        // and the digests the cache kept beside the books (the versions the store compares) are the books' own
        again.forEach(a -> assertThat(a.digest()).as(a.key()).isEqualTo(dev.hubpress.core.content.Hashing.sha256Hex(a.bytes())));
        assertThat(bytes(next)).usingRecursiveComparison()
                .isEqualTo(bytes(new GuideRenderer(GuideFixtures.MARKDOWN, RenderCache.NONE).render(edited)));
    }

    @Test
    void aFreshProcessLaysEachFrontMatterOutOnceWhereTheEstimateIsShort() {
        // GIVEN a page whose contents entries wrap (long headings), so the estimate of the front matter's length is short
        StringBuilder body = new StringBuilder();
        for (int i = 1; i <= 40; i++) {
            body.append("## Heading ").append(i).append(" that is long enough to wrap onto a second line and a third line")
                    .append(" of the contents in this narrow column of the printed guide\n\nText.\n\n");
        }
        java.util.function.IntFunction<Edition> edition = n -> GuideFixtures.edition(ContentFixtures.tree(
                "guides/a.md", ContentFixtures.page("Alpha", "guides", 1, body + "Edit " + n + ".\n")), n);
        GuideRenderer guessing = new GuideRenderer(GuideFixtures.MARKDOWN, RenderCache.NONE);
        guessing.render(edition.apply(3));
        assertThat(guessing.frontLayouts()).as("without a kept length, a book's front is laid out twice")
                .isGreaterThan(guessing.assembled());

        InMemoryRenderCache cache = new InMemoryRenderCache();
        new GuideRenderer(GuideFixtures.MARKDOWN, cache).render(edition.apply(3));

        // WHEN a fresh process renders the next edition from the same cache
        GuideRenderer fresh = new GuideRenderer(GuideFixtures.MARKDOWN, cache);
        List<Artifact> next = fresh.render(edition.apply(4));

        // THEN it lays out each book's front matter once, and the bytes are a clean render's
        assertThat(fresh.assembled()).isPositive();
        assertThat(fresh.frontLayouts()).isEqualTo(fresh.assembled());
        assertThat(bytes(next)).usingRecursiveComparison()
                .isEqualTo(bytes(new GuideRenderer(GuideFixtures.MARKDOWN, RenderCache.NONE).render(edition.apply(4))));
    }

    private static byte[] section(List<Artifact> artifacts, String section) {
        return artifacts.stream().filter(a -> dev.hubpress.core.channel.GuideInfo.sectionOf(a.key()).equals(Optional.of(section)))
                .findFirst().orElseThrow().bytes();
    }

    @Test
    void aDamagedOrForeignCachedPartOrBookIsIgnored() {
        InMemoryRenderCache cache = new InMemoryRenderCache();
        List<Artifact> clean = new GuideRenderer(GuideFixtures.MARKDOWN, cache).render(EDITION);
        SortedSet<String> names = cache.names();
        // the parts (a shelf per section), each section's book, each book's front matter (its pieces and its length), the books' bound parts
        assertThat(names).isNotEmpty().allMatch(n -> n.startsWith("guide-part-") || n.startsWith("guide-book-")
                || n.startsWith("guide-front-") || n.startsWith("guide-contents-") || n.startsWith("guide-bound-")
                || n.startsWith("guide-fonts-"));
        assertThat(names).anyMatch(n -> n.startsWith("guide-bound-"));
        assertThat(names.stream().filter(n -> n.startsWith("guide-fonts-")).count()).as("a shelf of fonts per book").isEqualTo(3);
        long parts = GuideParts.plan(EDITION.hub().pages()).size();
        assertThat(names.stream().filter(n -> n.startsWith("guide-part-")).count()).as("one shelf of parts per section").isEqualTo(2);
        long pieces = names.stream().filter(n -> n.startsWith("guide-contents-")).count();
        assertThat(pieces).isEqualTo(3);
        long sections = names.stream().filter(n -> n.startsWith("guide-book-")).count();
        assertThat(sections).isEqualTo(2);
        String first = names.first();
        byte[] kept = cache.stored(first).orElseThrow();

        for (String name : names) {
            // damaged: one byte flipped; truncated; another part's value under this name
            byte[] flipped = cache.stored(name).orElseThrow();
            flipped[flipped.length / 2] ^= 1;
            cache.replace(name, name.equals(first) ? flipped : kept);
        }
        if (names.size() == 1) {
            cache.replace(first, java.util.Arrays.copyOf(kept, kept.length - 1));
        }
        GuideRenderer damaged = new GuideRenderer(GuideFixtures.MARKDOWN, cache);
        assertThat(bytes(damaged.render(EDITION))).usingRecursiveComparison().isEqualTo(bytes(clean));
        assertThat(damaged.laidOut()).isEqualTo(parts);
        assertThat(damaged.piecesLaidOut()).isGreaterThanOrEqualTo(pieces);
        assertThat(damaged.assembled()).isEqualTo(1 + sections);

        // another build's part under the right name (a bogus one: it must not be read back)
        for (String name : cache.names()) {
            CachedEntries<RenderedPart> foreign = new CachedEntries<>(cache, name, Optional.of("another build"), RenderedPart.CODEC);
            foreign.get("whatever", () -> new RenderedPart(new byte[] {1, 2, 3}, 1, Map.of()));
            foreign.endRound();
        }
        GuideRenderer other = new GuideRenderer(GuideFixtures.MARKDOWN, cache);
        assertThat(bytes(other.render(EDITION))).usingRecursiveComparison().isEqualTo(bytes(clean));
        assertThat(other.laidOut()).isEqualTo(parts);
        assertThat(other.piecesLaidOut()).isGreaterThanOrEqualTo(pieces);
        assertThat(other.assembled()).isEqualTo(1 + sections);
    }
}
