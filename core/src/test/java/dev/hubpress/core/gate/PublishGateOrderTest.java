package dev.hubpress.core.gate;

import dev.hubpress.core.content.ContentFile;
import dev.hubpress.core.content.ContentTree;
import dev.hubpress.core.content.GateError;
import dev.hubpress.core.load.ContentReader;
import dev.hubpress.core.markdown.MarkdownEngine;
import dev.hubpress.core.testing.Gates;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static dev.hubpress.core.testing.ContentFixtures.page;
import static dev.hubpress.core.testing.ContentFixtures.tree;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The gate reads and checks pages on every core, yet reports the same errors in the same order
 * every time, none lost or doubled; the reader's problems come in the files' order.
 */
class PublishGateOrderTest {

    private static final int PAGES = 300;

    /** Pages each with a front matter error, body errors and a broken link, on known lines. */
    private static ContentTree manyBrokenPages() {
        List<String> entries = new ArrayList<>();
        for (int i = 0; i < PAGES; i++) {
            String body = "## Part " + i + "\n\n" + "Text ".repeat(i % 50) + "\n\n<b>raw " + i + "</b>\n\n"
                    + "#### Jump\n\n![picture](p.png)\n\nSee [gone](missing-" + i + ".md).\n";
            String text = page("Page " + i, "guides", i, body).replace("order: ", "colour: red\norder: ");
            entries.add(String.format(Locale.ROOT, "guides/p%03d.md", i));
            entries.add(i % 7 == 0 ? text.replace("---\ntitle", "---\ntitle: [unclosed\ntitle") : text);
        }
        return tree(entries.toArray(String[]::new));
    }

    @Test
    void errorsFromManyPagesComeInTheSameOrderEveryTime() {
        // GIVEN 300 pages with errors in their front matter and bodies
        ContentTree tree = manyBrokenPages();

        // WHEN fresh gates inspect the tree, several times
        List<GateError> first = Gates.gate().inspect(tree).errors();
        for (int run = 0; run < 5; run++) {
            // THEN each time the same errors come out, in the same order
            assertThat(Gates.gate().inspect(tree).errors()).isEqualTo(first);
        }

        // AND none is lost or doubled: per page the invalid YAML (every 7th) or the unknown key, two
        // raw HTML tags, the heading jump, the image and the broken link; in path and line order
        assertThat(first).hasSize(PAGES * 6);
        assertThat(first).isSortedAccordingTo(GateError.ORDER);
    }

    @Test
    void theReadersProblemsComeInFileOrderEveryTime() {
        // GIVEN 300 files that cannot be read whole (invalid front matter YAML, a control character)
        ContentTree tree = manyBrokenPages();
        List<ContentFile> files = new ArrayList<>(tree.files());
        for (int i = 1; i < PAGES; i += 5) {
            String path = String.format(Locale.ROOT, "guides/p%03d.md", i);
            files.replaceAll(f -> f.path().equals(path)
                    ? new ContentFile(path, (new String(f.bytes(), StandardCharsets.UTF_8) + "\u0007bell\n").getBytes(StandardCharsets.UTF_8))
                    : f);
        }

        // WHEN fresh readers read them, several times (on every core)
        List<GateError> first = new ContentReader(MarkdownEngine.standard()).read(files).problems();

        // THEN the problems are the same each time, file by file in the order the files were given
        for (int run = 0; run < 5; run++) {
            assertThat(new ContentReader(MarkdownEngine.standard()).read(files).problems()).isEqualTo(first);
        }
        assertThat(first).hasSize((PAGES + 6) / 7 + (PAGES + 3) / 5);
        assertThat(first).extracting(GateError::path).isSorted();
    }
}
