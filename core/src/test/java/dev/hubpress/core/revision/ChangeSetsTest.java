package dev.hubpress.core.revision;

import dev.hubpress.core.testing.Gates;
import dev.hubpress.core.content.ContentTree;
import dev.hubpress.core.gate.GateLimits;
import dev.hubpress.core.gate.PublishGate;
import dev.hubpress.core.markdown.MarkdownEngine;
import dev.hubpress.core.model.Hub;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static dev.hubpress.core.testing.ContentFixtures.HUB_YAML;
import static dev.hubpress.core.testing.ContentFixtures.page;
import static dev.hubpress.core.testing.ContentFixtures.tree;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/** Change sets say which pages were added, removed or changed, and for a changed page which sections. */
class ChangeSetsTest {

    private static final String GUIDE = "## One\n\nFirst text.\n\n## Two\n\nSecond text.\n";

    private final PublishGate gate = Gates.gate();

    private Hub hub(ContentTree tree) {
        return gate.inspect(tree).hub().orElseThrow(() -> new AssertionError(gate.inspect(tree).errors()));
    }

    private ChangeSet between(ContentTree parent, ContentTree current) {
        return ChangeSets.between(hub(parent).pages(), parent.manifest(), hub(current), current.manifest());
    }

    private static PageChange only(ChangeSet changes) {
        assertThat(changes.pages()).hasSize(1);
        return changes.pages().get(0);
    }

    @Test
    void firstRevisionAddsEveryPageInReadingOrder() {
        // given
        ContentTree tree = tree("guides/a.md", page("A", "guides", 1, GUIDE));
        // when
        ChangeSet changes = ChangeSets.first(hub(tree), tree.manifest());
        // then
        assertThat(changes.pages()).extracting(PageChange::slug, PageChange::kind).containsExactly(
                org.assertj.core.groups.Tuple.tuple("index", ChangeKind.ADDED),
                org.assertj.core.groups.Tuple.tuple("guides/a", ChangeKind.ADDED));
        assertThat(changes.files()).containsExactly("hub.yaml");
    }

    @Test
    void identicalTreesHaveNoChanges() {
        ContentTree tree = tree("guides/a.md", page("A", "guides", 1, GUIDE));
        ChangeSet changes = between(tree, tree);
        assertThat(changes.isEmpty()).isTrue();
        assertThat(changes.summary()).isEqualTo("no page changes");
    }

    @Test
    void addedAndRemovedPagesAreListed() {
        // given
        ContentTree parent = tree("guides/a.md", page("A", "guides", 1, GUIDE));
        ContentTree current = tree("guides/b.md", page("B", "guides", 1, GUIDE));
        // when
        ChangeSet changes = between(parent, current);
        // then
        assertThat(changes.pages()).extracting(PageChange::slug, PageChange::kind, PageChange::title).containsExactly(
                org.assertj.core.groups.Tuple.tuple("guides/b", ChangeKind.ADDED, "B"),
                org.assertj.core.groups.Tuple.tuple("guides/a", ChangeKind.REMOVED, "A"));
        assertThat(changes.files()).isEmpty();
    }

    @Test
    void editUnderOneHeadingReportsOnlyThatSection() {
        // given
        ContentTree parent = tree("guides/a.md", page("A", "guides", 1, GUIDE));
        ContentTree current = tree("guides/a.md", page("A", "guides", 1, GUIDE.replace("Second text.", "Second text, revised.")));
        // when
        PageChange change = only(between(parent, current));
        // then
        assertThat(change.slug()).isEqualTo("guides/a");
        assertThat(change.kind()).isEqualTo(ChangeKind.CHANGED);
        assertThat(change.detailsChanged()).isFalse();
        assertThat(change.sections()).extracting(SectionChange::anchor, SectionChange::title, SectionChange::kind)
                .containsExactly(tuple("two", "Two", ChangeKind.CHANGED));
        // and its redline: the sentence as it was and as it is
        SectionDiff diff = change.sections().get(0).diff();
        assertThat(diff.hunks()).singleElement().satisfies(h -> {
            assertThat(h.before()).isEqualTo("Second text.");
            assertThat(h.after()).isEqualTo("Second text, revised.");
        });
    }

    @Test
    void addedAndRemovedSectionsAreReported() {
        // given
        ContentTree parent = tree("guides/a.md", page("A", "guides", 1, GUIDE));
        ContentTree current = tree("guides/a.md", page("A", "guides", 1, "## One\n\nFirst text.\n\n## Three\n\nNew.\n"));
        // when
        PageChange change = only(between(parent, current));
        // then
        assertThat(change.sections()).extracting(SectionChange::anchor, SectionChange::title, SectionChange::kind).containsExactly(
                tuple("three", "Three", ChangeKind.ADDED),
                tuple("two", "Two", ChangeKind.REMOVED));
        // each whole: the new section's words added, the old one's removed
        assertThat(change.sections().get(0).diff().hunks()).singleElement()
                .satisfies(h -> assertThat(h.runs()).containsExactly(new SectionDiff.Run(SectionDiff.Mark.ADDED, "New.")));
        assertThat(change.sections().get(1).diff().hunks()).singleElement()
                .satisfies(h -> assertThat(h.runs()).containsExactly(new SectionDiff.Run(SectionDiff.Mark.REMOVED, "Second text.")));
    }

    @Test
    void frontMatterOnlyChangeReportsDetailsWithoutSections() {
        // given
        ContentTree parent = tree("guides/a.md", page("A", "guides", 1, GUIDE));
        ContentTree current = tree("guides/a.md", page("A", "guides", 1, GUIDE).replace("summary: About A.", "summary: All about A."));
        // when
        PageChange change = only(between(parent, current));
        // then
        assertThat(change.kind()).isEqualTo(ChangeKind.CHANGED);
        assertThat(change.detailsChanged()).isTrue();
        assertThat(change.sections()).isEmpty();
    }

    @Test
    void whitespaceAtLineEndsIsNotAChange() {
        // given: the file's bytes differ, what a reader sees does not
        ContentTree parent = tree("guides/a.md", page("A", "guides", 1, GUIDE));
        ContentTree current = tree("guides/a.md", page("A", "guides", 1, GUIDE.replace("First text.", "First text.   ") + "\n\n"));
        // when
        ChangeSet changes = between(parent, current);
        // then
        assertThat(current.hash()).isNotEqualTo(parent.hash());
        assertThat(changes.pages()).isEmpty();
    }

    @Test
    void hubSettingsAndDataChangesAreListedAsFiles() {
        // given
        ContentTree parent = tree("guides/a.md", page("A", "guides", 1, GUIDE));
        ContentTree current = tree("guides/a.md", page("A", "guides", 1, GUIDE),
                "hub.yaml", HUB_YAML.replace("title: Test Hub", "title: Test Hub 2"),
                "data/compensation.yaml", "currency: USD\nlevels:\n  - { id: a, label: A, min: 1, max: 2 }\n");
        // when
        ChangeSet changes = between(parent, current);
        // then
        assertThat(changes.pages()).isEmpty();
        assertThat(changes.files()).containsExactly("data/compensation.yaml", "hub.yaml");
        assertThat(changes.summary()).isEqualTo("2 settings/data files changed");
    }

    @Test
    void aRemovedPageKeepsItsSectionsWholeInItsRedline() {
        // given
        ContentTree parent = tree("guides/a.md", page("A", "guides", 1, GUIDE));
        ContentTree current = tree("guides/b.md", page("B", "guides", 1, GUIDE));
        // when
        PageChange removed = between(parent, current).pages().get(1);
        // then: its text is gone from the site; the redline keeps it
        assertThat(removed.kind()).isEqualTo(ChangeKind.REMOVED);
        assertThat(removed.sections()).extracting(SectionChange::anchor, s -> s.diff().hunks().get(0).before())
                .containsExactly(tuple("one", "First text."), tuple("two", "Second text."));
    }

    @Test
    void aLinkTargetChangedButNotItsWordsIsNoTextChange() {
        // given: the section's Markdown differs, the words a reader sees do not
        ContentTree parent = tree("guides/a.md", page("A", "guides", 1, GUIDE.replace("First text.", "First [text](https://example.org/a).")));
        ContentTree current = tree("guides/a.md", page("A", "guides", 1, GUIDE.replace("First text.", "First [text](https://example.org/b).")));
        // when
        PageChange change = only(between(parent, current));
        // then
        assertThat(change.sections()).singleElement().satisfies(s -> {
            assertThat(s.kind()).isEqualTo(ChangeKind.CHANGED);
            assertThat(s.diff()).isEqualTo(SectionDiff.NO_TEXT_CHANGE);
            assertThat(s.diff().textChanged()).isFalse();
        });
    }

    @Test
    void theRedlineComparesTheWordsAReaderSeesNotTheMarkdown() {
        // given: emphasis added and one word changed
        ContentTree parent = tree("guides/a.md", page("A", "guides", 1, GUIDE));
        ContentTree current = tree("guides/a.md", page("A", "guides", 1, GUIDE.replace("Second text.", "Second **plain** words.")));
        // when
        SectionDiff diff = only(between(parent, current)).sections().get(0).diff();
        // then
        assertThat(diff.hunks()).singleElement().satisfies(h -> assertThat(h.runs()).containsExactly(
                new SectionDiff.Run(SectionDiff.Mark.KEPT, "Second"),
                new SectionDiff.Run(SectionDiff.Mark.REMOVED, "text."),
                new SectionDiff.Run(SectionDiff.Mark.ADDED, "plain words.")));
    }

    @Test
    void aRevisionRewritingManyPagesShowsABoundedRedlineAndCountsTheRest() {
        // given 40 pages, every word of each rewritten
        String[] before = new String[80];
        String[] after = new String[80];
        for (int i = 0; i < 40; i++) {
            String words = String.join(" ", java.util.Collections.nCopies(60, "old" + i));
            before[2 * i] = after[2 * i] = "guides/p" + i + ".md";
            before[2 * i + 1] = page("P" + i, "guides", i + 1, "## Text\n\n" + words + "\n");
            after[2 * i + 1] = page("P" + i, "guides", i + 1, "## Text\n\n" + words.replace("old", "new") + "\n");
        }
        // when
        ChangeSet changes = between(tree(before), tree(after));
        // then every page is listed with its section, the words shown stay within the revision's
        // bound (what keeps a revision item small), and every changed word is shown or counted
        assertThat(changes.pages()).hasSize(40);
        List<SectionDiff> diffs = changes.pages().stream().flatMap(p -> p.sections().stream()).map(SectionChange::diff).toList();
        assertThat(diffs).hasSize(40).allMatch(SectionDiff::textChanged);
        int shown = diffs.stream().flatMap(d -> d.hunks().stream()).flatMap(h -> h.runs().stream())
                .mapToInt(r -> r.text().length() + 1).sum();
        assertThat(shown).isLessThanOrEqualTo(Redline.REVISION_CHARS);
        int words = diffs.stream().mapToInt(d -> d.moreWords()
                + d.hunks().stream().flatMap(h -> h.runs().stream()).mapToInt(r -> r.text().split(" ").length).sum()).sum();
        assertThat(words).isEqualTo(40 * 120);
        assertThat(diffs.get(39).hunks()).isEmpty();
    }

    @Test
    void summaryNamesPagesOnceAndCountsEachKind() {
        // given
        PageChange added = new PageChange("a", "A", ChangeKind.ADDED, false, List.of());
        PageChange changed = new PageChange("b", "B", ChangeKind.CHANGED, true, List.of());
        PageChange removed = new PageChange("c", "C", ChangeKind.REMOVED, false, List.of());
        // when / then
        assertThat(new ChangeSet(List.of(added, changed, changed), List.of()).summary()).isEqualTo("1 page added, 2 changed");
        assertThat(new ChangeSet(List.of(added, added), List.of()).summary()).isEqualTo("2 pages added");
        assertThat(new ChangeSet(List.of(changed), List.of()).summary()).isEqualTo("1 page changed");
        assertThat(new ChangeSet(List.of(removed, changed), List.of("hub.yaml")).summary())
                .isEqualTo("1 page changed, 1 removed, 1 settings/data file changed");
        assertThat(new ChangeSet(List.of(removed), List.of()).summary()).isEqualTo("1 page removed");
    }
}
