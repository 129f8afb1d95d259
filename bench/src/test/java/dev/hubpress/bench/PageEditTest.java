package dev.hubpress.bench;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The one-page edit changes one paragraph of the first section, differently each round. */
class PageEditTest {

    @TempDir
    Path tmp;

    @Test
    void addsANumberedSentenceToTheFirstParagraphUnderTheFirstHeading() {
        String page = "---\ntitle: T\n---\n\nIntro.\n\n## One\n\nFirst paragraph.\n\nSecond.\n\n## Two\n\nMore.\n";

        String edited = PageEdit.apply(page, 3);

        assertThat(edited).isEqualTo("---\ntitle: T\n---\n\nIntro.\n\n## One\n\nFirst paragraph. Edit number 3 of this section.\n\nSecond.\n\n## Two\n\nMore.\n");
        assertThat(PageEdit.apply(edited, 4)).contains("Edit number 3 of this section. Edit number 4 of this section.");
    }

    @Test
    void aSectionAtTheEndOfThePageIsEditedBeforeTheFinalNewline() {
        assertThat(PageEdit.apply("## Only\n\nText.\n".replaceFirst("^", "x\n"), 1)).isEqualTo("x\n## Only\n\nText. Edit number 1 of this section.\n");
    }

    @Test
    void theEditedPageIsTheFirstOneInsideAFolderNotAnIndexNorData() throws Exception {
        for (String p : new String[] {"index.md", "faq.md", "a/index.md", "b/z.md", "b/a.md", "data/x.md"}) {
            Files.createDirectories(tmp.resolve(p).getParent());
            Files.writeString(tmp.resolve(p), "## H\n\nx\n");
        }

        assertThat(PageEdit.firstPage(tmp)).isEqualTo("b/a.md");
    }
}
