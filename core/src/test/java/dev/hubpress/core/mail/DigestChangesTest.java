package dev.hubpress.core.mail;

import dev.hubpress.core.revision.ChangeKind;
import dev.hubpress.core.revision.ChangeSet;
import dev.hubpress.core.revision.PageChange;
import dev.hubpress.core.revision.Redline;
import dev.hubpress.core.revision.SectionChange;
import dev.hubpress.core.revision.SectionDiff;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.hubpress.core.revision.ChangeKind.ADDED;
import static dev.hubpress.core.revision.ChangeKind.CHANGED;
import static dev.hubpress.core.revision.ChangeKind.REMOVED;
import static org.assertj.core.api.Assertions.assertThat;

class DigestChangesTest {

    static PageChange page(String slug, ChangeKind kind, SectionChange... sections) {
        return new PageChange(slug, "Title of " + slug, kind, false, List.of(sections));
    }

    static SectionChange section(String anchor, ChangeKind kind) {
        return new SectionChange(anchor, "Section " + anchor, kind);
    }

    static ChangeSet changes(PageChange... pages) {
        return new ChangeSet(List.of(pages), List.of());
    }

    @Test
    void aPageChangedThreeTimesAppearsOnceWithTheUnionOfItsSections() {
        // GIVEN three revisions that each change the same page in different sections
        ChangeSet merged = DigestChanges.merge(List.of(
                changes(page("careers/senior", CHANGED, section("pay", CHANGED))),
                changes(page("careers/senior", CHANGED, section("scope", CHANGED), section("pay", CHANGED))),
                changes(page("careers/senior", CHANGED, section("growth", ADDED)))));
        // THEN one page, each section once, in order of first change
        assertThat(merged.pages()).hasSize(1);
        assertThat(merged.pages().get(0).sections()).extracting(SectionChange::anchor).containsExactly("pay", "scope", "growth");
        assertThat(merged.pages().get(0).sections()).extracting(SectionChange::kind).containsExactly(CHANGED, CHANGED, ADDED);
    }

    @Test
    void aSectionEditedInTwoRevisionsShowsBothEditsInOrderAndANewOneNone() {
        // GIVEN a section edited in r2 and again in r3, and one added in r2 then edited in r3
        Redline redline = new Redline();
        SectionDiff first = redline.changed("Teams ship weekly.", "Teams ship daily.");
        SectionDiff second = redline.changed("Teams ship daily.", "Teams deploy daily.");
        ChangeSet merged = DigestChanges.merge(List.of(
                changes(page("p", CHANGED, new SectionChange("pay", "Pay", CHANGED, first),
                        new SectionChange("new", "New", ADDED, redline.whole("Fresh text.", SectionDiff.Mark.ADDED)))),
                changes(page("p", CHANGED, new SectionChange("pay", "Pay", CHANGED, second),
                        new SectionChange("new", "New", CHANGED, redline.changed("Fresh text.", "Fresher text."))))));
        // THEN the edited section carries r2's hunk then r3's; the new one, new to the reader, none
        List<SectionChange> sections = merged.pages().get(0).sections();
        assertThat(sections.get(0).diff().hunks()).extracting(h -> h.before() + " -> " + h.after())
                .containsExactly("Teams ship weekly. -> Teams ship daily.", "Teams ship daily. -> Teams deploy daily.");
        assertThat(sections.get(1).kind()).isEqualTo(ADDED);
        assertThat(sections.get(1).diff()).isNull();
    }

    @Test
    void kindsCompose() {
        ChangeSet merged = DigestChanges.merge(List.of(
                changes(page("a", ADDED), page("b", ADDED), page("c", CHANGED, section("x", CHANGED)), page("d", REMOVED)),
                changes(page("a", CHANGED, section("x", CHANGED)), page("b", REMOVED), page("c", REMOVED), page("d", ADDED))));
        assertThat(merged.pages()).extracting(PageChange::slug, PageChange::kind)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("a", ADDED), org.assertj.core.groups.Tuple.tuple("c", REMOVED),
                        org.assertj.core.groups.Tuple.tuple("d", CHANGED));
        // A page added in the window lists no sections: the whole page is new.
        assertThat(merged.pages().get(0).sections()).isEmpty();
        // Removed then added again: changed, its sections unknown.
        assertThat(merged.pages().get(2).sections()).isEmpty();
    }

    @Test
    void addedThenRemovedThenAddedAgainIsNew() {
        ChangeSet merged = DigestChanges.merge(List.of(changes(page("a", ADDED)), changes(page("a", REMOVED)),
                changes(page("a", ADDED))));
        assertThat(merged.pages()).extracting(PageChange::kind).containsExactly(ADDED);
    }

    @Test
    void aSectionAddedThenRemovedDisappearsAndARenamedHeadingShowsBoth() {
        ChangeSet merged = DigestChanges.merge(List.of(
                changes(page("a", CHANGED, section("new", ADDED), section("old", CHANGED))),
                changes(page("a", CHANGED, section("new", REMOVED), section("old", REMOVED), section("renamed", ADDED)))));
        assertThat(merged.pages().get(0).sections()).extracting(SectionChange::anchor, SectionChange::kind)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("old", REMOVED), org.assertj.core.groups.Tuple.tuple("renamed", ADDED));
    }

    @Test
    void filesAreUnitedAndNothingMergesToNothing() {
        ChangeSet merged = DigestChanges.merge(List.of(new ChangeSet(List.of(), List.of("hub.yaml")),
                new ChangeSet(List.of(), List.of("data/pay.yaml", "hub.yaml"))));
        assertThat(merged.files()).containsExactly("data/pay.yaml", "hub.yaml");
        assertThat(merged.pages()).isEmpty();
        assertThat(DigestChanges.merge(List.of()).isEmpty()).isTrue();
    }
}
