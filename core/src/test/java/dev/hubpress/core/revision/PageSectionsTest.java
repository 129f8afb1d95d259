package dev.hubpress.core.revision;

import com.vladsch.flexmark.util.ast.Document;
import dev.hubpress.core.markdown.LineIndex;
import dev.hubpress.core.markdown.MarkdownEngine;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A page body is cut into sections at its headings, each fingerprinted so edits can be located. */
class PageSectionsTest {

    private static final int BODY_LINE = 7;
    private final MarkdownEngine engine = MarkdownEngine.standard();

    private Map<String, PageSections.Section> sections(String body) {
        Document document = engine.parse(body);
        return PageSections.of(body, BODY_LINE, engine.headings(document, BODY_LINE, LineIndex.of(body)), "Page title");
    }

    @Test
    void bodyIsCutAtEveryHeadingWithTheOpeningTextFirst() {
        // when
        Map<String, PageSections.Section> sections = sections("Opening.\n\n## One\n\nText.\n\n### Detail\n\nMore.\n\n## Two\n");
        // then
        assertThat(sections.keySet()).containsExactly("", "one", "detail", "two");
        assertThat(sections.get("")).extracting(PageSections.Section::title).isEqualTo("Page title");
        assertThat(sections.get("detail")).extracting(PageSections.Section::title).isEqualTo("Detail");
    }

    @Test
    void bodyWithoutOpeningTextHasNoOpeningSection() {
        assertThat(sections("\n\n## One\n\nText.\n").keySet()).containsExactly("one");
    }

    @Test
    void editUnderOneHeadingChangesOnlyThatFingerprint() {
        // given
        Map<String, PageSections.Section> before = sections("Intro.\n\n## One\n\nText.\n\n## Two\n\nOther.\n");
        // when
        Map<String, PageSections.Section> after = sections("Intro.\n\n## One\n\nText, edited.\n\n## Two\n\nOther.\n");
        // then
        assertThat(after.get("one").fingerprint()).isNotEqualTo(before.get("one").fingerprint());
        assertThat(after.get("").fingerprint()).isEqualTo(before.get("").fingerprint());
        assertThat(after.get("two").fingerprint()).isEqualTo(before.get("two").fingerprint());
    }

    @Test
    void trailingWhitespaceAndBlankLinesAreNotAChange() {
        // given
        Map<String, PageSections.Section> before = sections("Intro.\n\n## One\n\nText.\n");
        // when
        Map<String, PageSections.Section> after = sections("Intro.   \r\n\n\n## One  \n\nText.\t\n\n\n");
        // then
        assertThat(after).isEqualTo(before);
    }

    @Test
    void duplicateHeadingsAreSeparateSections() {
        Map<String, PageSections.Section> sections = sections("## One\n\nA.\n\n## One\n\nB.\n");
        assertThat(sections.keySet()).containsExactly("one", "one-1");
        assertThat(sections.get("one").fingerprint()).isNotEqualTo(sections.get("one-1").fingerprint());
    }
}
