package dev.hubpress.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * The one-page edit of the side-by-side benchmark: a sentence added to the end of the first
 * paragraph under a page's first {@code ##} heading, numbered so that each round is a new change.
 * The same text edit is applied to our content folder and to the peer's copy of the page.
 */
final class PageEdit {

    private PageEdit() {
    }

    /** The page text with "Edit number {@code n} of this section." ending the first section's first paragraph. */
    static String apply(String text, int n) {
        int heading = text.indexOf("\n## ");
        if (heading < 0) {
            throw new IllegalArgumentException("no ## heading to edit under");
        }
        int paragraph = text.indexOf("\n\n", heading + 1);
        int end = paragraph < 0 ? text.length() : text.indexOf("\n\n", paragraph + 2);
        end = end < 0 ? text.stripTrailing().length() : end;
        return text.substring(0, end) + " Edit number " + n + " of this section." + text.substring(end);
    }

    static void apply(Path page, int n) throws IOException {
        Files.writeString(page, apply(Files.readString(page), n));
    }

    /** The page edited: the first page in path order inside a folder (not a section's index.md). */
    static String firstPage(Path content) throws IOException {
        try (Stream<Path> walk = Files.walk(content)) {
            return walk.filter(p -> p.toString().endsWith(".md") && !p.getFileName().toString().equals("index.md"))
                    .map(p -> content.relativize(p).toString().replace('\\', '/'))
                    .filter(p -> p.contains("/") && !p.startsWith("data/"))
                    .sorted().findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("no page inside a folder in " + content));
        }
    }
}
