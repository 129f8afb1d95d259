package dev.hubpress.core.markdown;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Relative URLs between site paths climb only out of the folders the two paths do not share. */
class SitePathsTest {

    @Test
    void prefixToTheSiteRootClimbsOneLevelPerFolder() {
        assertThat(SitePaths.relativize("index", "")).isEmpty();
        assertThat(SitePaths.relativize("guides/a", "")).isEqualTo("../");
        assertThat(SitePaths.relativize("guides/a.html", "")).isEqualTo("../");
        assertThat(SitePaths.relativize("guides/deep/a", "assets/site.css")).isEqualTo("../../assets/site.css");
    }

    @Test
    void sharedFoldersAreNotClimbed() {
        assertThat(SitePaths.relativize("guides/a", "guides/b.html")).isEqualTo("b.html");
        assertThat(SitePaths.relativize("guides/deep/a", "guides/b.html#x")).isEqualTo("../b.html#x");
        assertThat(SitePaths.relativize("guides/a", "guidesx/b.html")).isEqualTo("../guidesx/b.html");
        assertThat(SitePaths.relativize("index", "guides/b.html")).isEqualTo("guides/b.html");
    }

    @Test
    void slashesInAnAnchorAreNotFolders() {
        assertThat(SitePaths.relativize("guides/a", "guides/b.html#one/two")).isEqualTo("b.html#one/two");
    }

    @Test
    void slugIsThePathWithoutExtensionInLowerCaseWithHyphens() {
        assertThat(SitePaths.slugOf("Guides/Mid_To_Senior.md")).isEqualTo("guides/mid-to-senior");
    }
}
