package dev.hubpress.core.revision;

import dev.hubpress.core.revision.SectionDiff.Hunk;
import dev.hubpress.core.revision.SectionDiff.Mark;
import dev.hubpress.core.revision.SectionDiff.Run;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** A section's word diff: the fewest words changed, context around each change, and bounds on what is shown. */
class RedlineTest {

    private static String words(String prefix, int count) {
        return IntStream.range(0, count).mapToObj(i -> prefix + i).collect(Collectors.joining(" "));
    }

    @Test
    void oneSentenceReplacedIsOneHunkWithTheOldAndNewSentence() {
        // given
        String before = "Intro words here. Most teams ship weekly. Closing words there.";
        String after = "Intro words here. Most teams deploy every day. Closing words there.";
        // when
        SectionDiff diff = new Redline().changed(before, after);
        // then
        assertThat(diff.hunks()).singleElement().satisfies(h -> {
            assertThat(h.runs()).containsExactly(
                    new Run(Mark.KEPT, "Intro words here. Most teams"),
                    new Run(Mark.REMOVED, "ship weekly."),
                    new Run(Mark.ADDED, "deploy every day."),
                    new Run(Mark.KEPT, "Closing words there."));
            assertThat(h.cutBefore()).isFalse();
            assertThat(h.cutAfter()).isFalse();
        });
        assertThat(diff.moreWords()).isZero();
    }

    @Test
    void changesFarApartAreSeparateHunksWithContextCutAtBothEnds() {
        // given: 40 words, the 10th and the 30th changed
        String before = words("w", 40);
        String after = before.replace("w10 ", "X ").replace("w30 ", "Y ");
        // when
        SectionDiff diff = new Redline().changed(before, after);
        // then
        assertThat(diff.hunks()).hasSize(2);
        Hunk first = diff.hunks().get(0);
        assertThat(first.before()).isEqualTo("w4 w5 w6 w7 w8 w9 w10 w11 w12 w13 w14 w15 w16");
        assertThat(first.after()).isEqualTo("w4 w5 w6 w7 w8 w9 X w11 w12 w13 w14 w15 w16");
        assertThat(first.cutBefore()).isTrue();
        assertThat(first.cutAfter()).isTrue();
        assertThat(diff.hunks().get(1).after()).isEqualTo("w24 w25 w26 w27 w28 w29 Y w31 w32 w33 w34 w35 w36");
    }

    @Test
    void changesCloseTogetherShareOneHunk() {
        String before = words("w", 20);
        String after = before.replace("w5 ", "X ").replace("w9 ", "Y ");
        assertThat(new Redline().changed(before, after).hunks()).hasSize(1);
    }

    @Test
    void aSectionShowsAtMostItsBoundAndCountsTheRest() {
        // given: every one of 300 words replaced
        String before = words("old", 300);
        String after = words("new", 300);
        // when
        SectionDiff diff = new Redline().changed(before, after);
        // then: what is shown fits the bound, and every changed word is shown or counted
        int shown = diff.hunks().stream().flatMap(h -> h.runs().stream()).mapToInt(r -> r.text().length() + 1).sum();
        assertThat(shown).isLessThanOrEqualTo(Redline.SECTION_CHARS);
        int shownWords = diff.hunks().stream().flatMap(h -> h.runs().stream()).mapToInt(r -> r.text().split(" ").length).sum();
        assertThat(shownWords + diff.moreWords()).isEqualTo(600);
        assertThat(diff.moreWords()).isPositive();
        assertThat(diff.hunks().get(diff.hunks().size() - 1).cutAfter()).isTrue();
    }

    @Test
    void aRevisionShowsAtMostItsBoundOverAllItsSections() {
        // given: a bound of 100 characters for the revision, 60 for a section
        Redline redline = new Redline(60, 100);
        String before = words("a", 30);
        // when
        List<SectionDiff> diffs = IntStream.range(0, 5).mapToObj(i -> redline.changed(before, before.replace("a3 ", "b3 "))).toList();
        // then: the first sections show their change, the later ones only count it
        assertThat(diffs.get(0).hunks()).hasSize(1);
        assertThat(diffs.get(4).hunks()).isEmpty();
        assertThat(diffs.get(4).moreWords()).isEqualTo(2);
        assertThat(diffs.get(4).textChanged()).isTrue();
    }

    @Test
    void identicalWordsAreNoTextChange() {
        SectionDiff diff = new Redline().changed("Same   words\nhere.", "Same words here.");
        assertThat(diff).isEqualTo(SectionDiff.NO_TEXT_CHANGE);
        assertThat(diff.textChanged()).isFalse();
    }

    @Test
    void theDiffIsMinimalAcrossInsertionsAndDeletions() {
        // given
        List<WordDiff.Word> diff = WordDiff.between("a b c d e f", "a c d x e f g");
        // then: b removed, x and g added, the rest kept
        assertThat(diff).extracting(w -> w.mark() + ":" + w.text()).containsExactly(
                "KEPT:a", "REMOVED:b", "KEPT:c", "KEPT:d", "ADDED:x", "KEPT:e", "KEPT:f", "ADDED:g");
    }

    @Test
    void aWordLeftStandingInARewrittenSentenceJoinsTheReplacement() {
        // given: "page" is kept between two changes at least as long as it
        List<WordDiff.Word> diff = WordDiff.between("Editors review every page once a quarter. Next.",
                "Editors review each page after every release. Next.");
        // then: one replacement, the sentence's old words then its new ones
        assertThat(diff).extracting(w -> w.mark() + ":" + w.text()).containsExactly(
                "KEPT:Editors", "KEPT:review",
                "REMOVED:every", "REMOVED:page", "REMOVED:once", "REMOVED:a", "REMOVED:quarter.",
                "ADDED:each", "ADDED:page", "ADDED:after", "ADDED:every", "ADDED:release.",
                "KEPT:Next.");
    }

    @Test
    void aWholeRewriteBeyondTheEditBoundIsGivenAsReplaced() {
        String before = words("p", WordDiff.MAX_EDITS + 10);
        String after = words("q", WordDiff.MAX_EDITS + 10);
        List<WordDiff.Word> diff = WordDiff.between(before, after);
        assertThat(diff).hasSize(2 * (WordDiff.MAX_EDITS + 10));
        assertThat(diff.get(0).mark()).isEqualTo(Mark.REMOVED);
        assertThat(diff.get(diff.size() - 1).mark()).isEqualTo(Mark.ADDED);
    }

    @Test
    void laterEditsOfASectionFollowTheEarlierOnesAndAnExcerptCountsWhatItLeavesOut() {
        Redline redline = new Redline();
        SectionDiff first = redline.changed("a b c", "a x c");
        SectionDiff second = redline.changed("a x c", "a x y");
        SectionDiff both = first.then(second);
        assertThat(both.hunks()).hasSize(2);
        assertThat(both.first(1).hunks()).containsExactly(first.hunks().get(0));
        assertThat(both.first(1).moreWords()).isEqualTo(2);
    }
}
