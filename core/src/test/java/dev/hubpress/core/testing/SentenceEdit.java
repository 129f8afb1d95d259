package dev.hubpress.core.testing;

import dev.hubpress.core.channel.Edition;
import dev.hubpress.core.content.ContentTree;

import java.nio.charset.StandardCharsets;

/**
 * Issue 16's redline acceptance edit: one sentence of one section of the real hub replaced by
 * another with no word in common, so a word-level redline shows exactly the one deleted and the
 * other added. Every channel's redline test publishes it as r2.
 */
public final class SentenceEdit {

    public static final String PATH = "careers/mid-to-senior.md";
    public static final String SLUG = "careers/mid-to-senior";
    public static final String SECTION = "the-central-plateau";
    public static final String SECTION_TITLE = "The central plateau";
    public static final String BEFORE = "On average, people need 2–3 years to move up from mid-level to senior.";
    public static final String AFTER = "Typical promotions arrive after two or three years.";

    private SentenceEdit() {
    }

    /** The real hub with the sentence replaced. */
    public static ContentTree edited(ContentTree repository) {
        String page = new String(repository.file(PATH).orElseThrow().bytes(), StandardCharsets.UTF_8);
        if (!page.contains(BEFORE)) {
            throw new AssertionError(PATH + " no longer says: " + BEFORE);
        }
        return ContentFixtures.with(repository, PATH, page.replace(BEFORE, AFTER).getBytes(StandardCharsets.UTF_8));
    }

    /** The real hub's first revision, then the edit as the second. */
    public static Edition secondEdition() {
        ContentTree repository = ContentFixtures.repositoryTree();
        return Editions.nextEdition(Editions.firstEdition(repository), repository, edited(repository));
    }
}
