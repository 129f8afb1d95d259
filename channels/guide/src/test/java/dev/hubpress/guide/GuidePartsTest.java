package dev.hubpress.guide;

import dev.hubpress.core.channel.Edition;
import dev.hubpress.core.content.ContentTree;
import dev.hubpress.core.model.Compensation;
import dev.hubpress.core.model.Hub;
import dev.hubpress.core.model.HubConfig;
import dev.hubpress.core.model.Page;
import dev.hubpress.core.testing.ContentFixtures;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** Where the book is cut into parts, and what a part's key names. */
class GuidePartsTest {

    private static final int PAGES = 60;
    /** A first edition's: no page flagged as changed. */

    /** A hub of a home page and sixty pages in one section, each linking to the next. */
    private static ContentTree tree(int edited) {
        List<String> files = new ArrayList<>();
        for (int i = 0; i < PAGES; i++) {
            String body = "## Part " + i + "\n\nText of page " + i + ". [Next](p" + ((i + 1) % PAGES) + ".md)\n"
                    + (i == edited ? "\nAn added paragraph, making the page longer.\n" : "");
            files.add("guides/p" + i + ".md");
            files.add(ContentFixtures.page("Page " + i, "guides", i, body));
        }
        return ContentFixtures.tree(files.toArray(String[]::new));
    }

    private static List<List<String>> slugs(List<List<Page>> plan) {
        return plan.stream().map(part -> part.stream().map(Page::slug).toList()).toList();
    }

    private static List<String> keys(Hub hub) {
        return GuideParts.plan(hub.pages()).stream().map(part -> GuideParts.key(hub, part, Paper.LETTER, "code", "fonts")).toList();
    }

    @Test
    void partsAreRunsOfOneSectionInReadingOrderNeitherOnePagePerPartNorOnePartPerSection() {
        Hub hub = GuideFixtures.hub(tree(-1));

        List<List<Page>> plan = GuideParts.plan(hub.pages());

        assertThat(plan.stream().flatMap(List::stream).toList()).containsExactlyElementsOf(hub.pages());
        assertThat(plan).allSatisfy(part -> assertThat(part).extracting(Page::section).containsOnly(part.get(0).section()));
        assertThat(plan).allSatisfy(part -> assertThat(part).hasSizeLessThanOrEqualTo(GuideParts.MAX_PAGES));
        assertThat(plan.get(0)).extracting(Page::slug).containsExactly("index");
        assertThat(plan.size()).isBetween(3, PAGES / 2);
        // every part but a section's last ends on a page whose path says so (or at the cap)
        for (List<Page> part : plan) {
            Page last = part.get(part.size() - 1);
            boolean sectionEnds = plan.indexOf(part) == plan.size() - 1 || !plan.get(plan.indexOf(part) + 1).get(0).section().equals(last.section());
            assertThat(sectionEnds || GuideParts.endsAPart(last) || part.size() == GuideParts.MAX_PAGES).as(last.slug()).isTrue();
        }
    }

    @Test
    void aPageThatDrawsTheChartIsAPartOfItsOwnAndItsNeighboursKeysDoNotNameTheChart() {
        // GIVEN the repository's hub, whose home page and careers section's index draw the chart
        Hub hub = GuideFixtures.repositoryEdition().hub();

        // WHEN it is cut into parts
        List<List<Page>> plan = GuideParts.plan(hub.pages());

        // THEN each page with a chart block is a part alone, and the careers section's other pages are another part
        List<List<String>> slugs = slugs(plan);
        assertThat(slugs).contains(List.of("index"), List.of("careers/index"));
        List<String> careers = slugs.get(slugs.indexOf(List.of("careers/index")) + 1);
        assertThat(careers).isNotEmpty().allMatch(s -> s.startsWith("careers/")).doesNotContain("careers/index");
        assertThat(plan.stream().flatMap(List::stream).toList()).containsExactlyElementsOf(hub.pages());
        // so other chart data changes the chart's part only
        Compensation data = hub.compensation().orElseThrow();
        Hub otherData = new Hub(hub.config(), Optional.of(new Compensation(data.currency(), data.source() + 1, data.basis(), data.levels())), hub.pages());
        List<String> before = keys(hub);
        List<String> after = keys(otherData);
        for (int i = 0; i < plan.size(); i++) {
            boolean chart = plan.get(i).stream().anyMatch(p -> p.source().contains("hub-chart"));
            assertThat(after.get(i).equals(before.get(i))).as(slugs.get(i).toString()).isEqualTo(!chart);
        }
    }

    @Test
    void anEditMovesNoBoundaryAndChangesTheKeyOfItsPartOnly() {
        Hub before = GuideFixtures.hub(tree(-1));
        Hub after = GuideFixtures.hub(tree(17));

        assertThat(slugs(GuideParts.plan(after.pages()))).isEqualTo(slugs(GuideParts.plan(before.pages())));
        List<String> was = keys(before);
        List<String> is = keys(after);
        int part17 = 0;
        while (GuideParts.plan(before.pages()).get(part17).stream().noneMatch(p -> p.slug().equals("guides/p17"))) {
            part17++;
        }
        for (int i = 0; i < was.size(); i++) {
            if (i == part17) {
                assertThat(is.get(i)).isNotEqualTo(was.get(i));
            } else {
                assertThat(is.get(i)).as("part " + i).isEqualTo(was.get(i));
            }
        }
    }

    @Test
    void aPartsKeyChangesWithEverythingItIsLaidOutFromAndNothingElse() {
        Hub hub = GuideFixtures.repositoryEdition().hub();
        List<List<Page>> plan = GuideParts.plan(hub.pages());
        List<Page> withChart = plan.stream().filter(p -> p.stream().anyMatch(q -> q.slug().equals("careers/index"))).findFirst().orElseThrow();
        List<Page> withoutChart = plan.stream().filter(p -> p.stream().anyMatch(q -> q.slug().equals("faq"))).findFirst().orElseThrow();
        assertThat(withoutChart).noneMatch(p -> p.source().contains("hub-chart"));
        String key = GuideParts.key(hub, withChart, Paper.LETTER, "code", "fonts");
        String other = GuideParts.key(hub, withoutChart, Paper.LETTER, "code", "fonts");

        // its pages
        Page first = withChart.get(0);
        Page edited = new Page(first.path(), first.slug(), first.title(), first.summary(), first.section(), first.order(), first.tags(),
                first.kind(), first.source() + "\nOne more line.\n", first.bodyLine(), first.body(), first.headings(), first.aliases());
        List<Page> editedPart = new ArrayList<>(withChart);
        editedPart.set(0, edited);
        assertThat(GuideParts.key(hub, editedPart, Paper.LETTER, "code", "fonts")).isNotEqualTo(key);

        // the hub's sections (their titles run in the books' covers and links)
        HubConfig c = hub.config();
        List<HubConfig.SectionInfo> sections = new ArrayList<>(c.sections());
        sections.set(0, new HubConfig.SectionInfo(sections.get(0).id(), sections.get(0).title() + " renamed"));
        Hub renamed = new Hub(new HubConfig(c.title(), c.subtitle(), c.description(), c.baseUrl(), c.author(), c.language(), sections,
                c.channels()), hub.compensation(), hub.pages());
        assertThat(GuideParts.key(renamed, withChart, Paper.LETTER, "code", "fonts")).isNotEqualTo(key);

        // the chart's data, for a part that draws the chart only
        Compensation data = hub.compensation().orElseThrow();
        Hub otherData = new Hub(c, Optional.of(new Compensation(data.currency(), data.source() + 1, data.basis(), data.levels())), hub.pages());
        assertThat(GuideParts.key(otherData, withChart, Paper.LETTER, "code", "fonts")).isNotEqualTo(key);
        assertThat(GuideParts.key(otherData, withoutChart, Paper.LETTER, "code", "fonts")).isEqualTo(other);

        // the fonts, the code, the paper
        assertThat(GuideParts.key(hub, withChart, Paper.LETTER, "code", "other fonts")).isNotEqualTo(key);
        assertThat(GuideParts.key(hub, withChart, Paper.LETTER, "other code", "fonts")).isNotEqualTo(key);
        assertThat(GuideParts.key(hub, withChart, Paper.A4, "code", "fonts")).isNotEqualTo(key);

        // and not an edit of a page in another part, nor the revision (no input names it)
        Hub elsewhere = GuideFixtures.hub(ContentFixtures.with(ContentFixtures.repositoryTree(), "faq.md",
                (new String(ContentFixtures.repositoryTree().files().stream().filter(f -> f.path().equals("faq.md")).findFirst()
                        .orElseThrow().bytes(), java.nio.charset.StandardCharsets.UTF_8) + "\nOne more line.\n").getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        assertThat(GuideParts.key(elsewhere, withChart, Paper.LETTER, "code", "fonts")).isEqualTo(key);
        assertThat(GuideParts.key(elsewhere, GuideParts.plan(elsewhere.pages()).stream()
                .filter(p -> p.stream().anyMatch(q -> q.slug().equals("faq"))).findFirst().orElseThrow(), Paper.LETTER, "code", "fonts"))
                .isNotEqualTo(other);
    }

    @Test
    void aSectionBooksKeyNamesItsPartsAndCoverAndNoRevision() {
        Hub hub = GuideFixtures.repositoryEdition().hub();
        String key = GuideParts.bookKey(hub, "careers", Paper.LETTER, "code", List.of("a", "b"));

        assertThat(GuideParts.bookKey(hub, "careers", Paper.LETTER, "code", List.of("a", "c"))).isNotEqualTo(key);
        assertThat(GuideParts.bookKey(hub, "skills", Paper.LETTER, "code", List.of("a", "b"))).isNotEqualTo(key);
        assertThat(GuideParts.bookKey(hub, "careers", Paper.A4, "code", List.of("a", "b"))).isNotEqualTo(key);
        assertThat(GuideParts.bookKey(hub, "careers", Paper.LETTER, "other code", List.of("a", "b"))).isNotEqualTo(key);
        HubConfig c = hub.config();
        Hub otherAuthor = new Hub(new HubConfig(c.title(), c.subtitle(), c.description(), c.baseUrl(), c.author() + " and co", c.language(),
                c.sections(), c.channels()), hub.compensation(), hub.pages());
        assertThat(GuideParts.bookKey(otherAuthor, "careers", Paper.LETTER, "code", List.of("a", "b"))).isNotEqualTo(key);
        // another revision of the same content: the same key
        Hub later = GuideFixtures.edition(ContentFixtures.repositoryTree(), 8).hub();
        assertThat(GuideParts.bookKey(later, "careers", Paper.LETTER, "code", List.of("a", "b"))).isEqualTo(key);
    }
}
