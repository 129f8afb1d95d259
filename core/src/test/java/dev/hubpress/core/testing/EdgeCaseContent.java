package dev.hubpress.core.testing;

import dev.hubpress.core.content.ContentTree;

import java.util.List;

/**
 * A hub at the edges of layout: long unbroken words (a 300-character URL, a 200-character
 * identifier, long words in a page title, a section title and the chart's data) in every place a
 * page can hold them — link text, bare text, a footnote, inline code, a code block, a table cell, a
 * heading (and so the table of contents), a list item, a blockquote, a summary, the chart's label
 * and table. Valid for the gate. {@link #tree()} is its first revision, {@link #edited()} a second
 * one that changes the section under the long heading, so the changelog names that heading too.
 */
public final class EdgeCaseContent {

    /** A 300-character URL whose path has one 273-character segment: no slash to break at. */
    public static final String URL = "https://example.org/archive/" + word("releaseNotesForVersion2026", 300 - 28);
    /** A 200-character identifier: letters only, so no break opportunity at all. */
    public static final String IDENTIFIER = word("ConnectionPoolHealthIndicatorAutoConfiguration", 200);
    /** A 100-character word in a page title (titles may have 120 characters). */
    public static final String TITLE_WORD = word("Pneumonoultramicroscopicsilicovolcanoconiosis", 100);
    /** A 60-character word in a section title: in every page's navigation. */
    public static final String SECTION_WORD = word("Unbreakable", 60);
    /** A 60-character word as the chart's level label, in the chart and its table. */
    public static final String LABEL_WORD = word("Distinguished", 60);
    /** A 150-character word in the chart's notes: a cell of its table. */
    public static final String NOTE_WORD = word("Compensationbandnote", 150);

    private static final String HUB_YAML = """
            title: Long Words Hub
            subtitle: URLs and identifiers that never break by themselves
            description: Every place a long unbroken word can appear, for layout tests.
            baseUrl: https://long-words.example.org
            author: Layout testers
            language: en
            sections:
              - { id: home, title: Home }
              - { id: edge, title: %s }
            """.formatted(SECTION_WORD);

    private static final String COMPENSATION = """
            currency: USD
            source: 1
            basis: Example figures
            levels:
              - { id: junior, label: Junior, years: "0–2", min: 100000, max: 150000, measure: base salary, note: example }
              - { id: long, label: %s, years: "5+", min: 250000, max: 400000, openEnded: true, measure: total compensation, note: %s }
            """.formatted(LABEL_WORD, NOTE_WORD);

    private EdgeCaseContent() {
    }

    /** Every long word the hub holds, each of which a reader must be able to read whole. */
    public static List<String> longWords() {
        return List.of(URL, IDENTIFIER, TITLE_WORD, SECTION_WORD, LABEL_WORD, NOTE_WORD);
    }

    /** The first revision. */
    public static ContentTree tree() {
        return tree("It is registered once, at start-up.");
    }

    /**
     * A second revision: the section under the long heading changed, with the long identifier and
     * URL added, so that its redline page holds them inside {@code <ins>}.
     */
    public static ContentTree edited() {
        return tree("It is registered once, at start-up, and never again: " + IDENTIFIER + " at " + URL);
    }

    private static ContentTree tree(String underTheLongHeading) {
        return ContentFixtures.bare(
                "hub.yaml", HUB_YAML,
                "data/compensation.yaml", COMPENSATION,
                "index.md", ContentFixtures.page("Long Words Hub", "Long words in every place a page can hold them.", "home", 0, """
                        ## Start here

                        The [links](edge/links.md), the [identifiers](edge/identifiers.md), a [long title](edge/long-title.md)
                        and the [pay chart](edge/chart.md). A bare URL: %s
                        """.formatted(URL)),
                "edge/index.md", ContentFixtures.page("Long words", "Pages about " + IDENTIFIER + ".", "edge", 0, """
                        ## About these pages

                        Each page puts long words somewhere else. Back [home](../index.md).
                        """),
                "edge/links.md", ContentFixtures.page("Links", "A 300-character URL as link text, bare and in a note.", "edge", 1, """
                        ## As link text

                        Read [%1$s](%1$s) first.

                        ## As bare text

                        Paste %1$s into the browser, or follow <%1$s>.

                        ## In a note

                        The release notes say so.[^1]

                        [^1]: Release notes, %1$s
                        """.formatted(URL)),
                "edge/identifiers.md", ContentFixtures.page("Identifiers", "A 200-character identifier in code, tables, headings, lists and quotes.", "edge", 2, """
                        ## In inline code

                        Call `%1$s` once.

                        ## In a code block

                        ```java
                        var bean = new %1$s();
                        ```

                        ## In a table cell

                        | Name | Kind |
                        |------|------|
                        | %1$s | `%1$s` |

                        ## %1$s

                        %2$s

                        ## In a list

                        - %1$s
                          - nested: %1$s
                        1. numbered: %1$s

                        ## In a quote

                        > %1$s, they said.
                        """.formatted(IDENTIFIER, underTheLongHeading)),
                "edge/long-title.md", ContentFixtures.page("About " + TITLE_WORD, "A page whose title is one long word.", "edge", 3, """
                        ## The word

                        It is in the title: %s.
                        """.formatted(TITLE_WORD)),
                "edge/chart.md", ContentFixtures.page("Pay chart", "The chart with a long level label and a long note.", "edge", 4, """
                        ## The bands

                        ```hub-chart
                        compensation
                        ```
                        """));
    }

    /** {@code seed} repeated, cut to {@code length} characters. */
    private static String word(String seed, int length) {
        return seed.repeat(length / seed.length() + 1).substring(0, length);
    }
}
