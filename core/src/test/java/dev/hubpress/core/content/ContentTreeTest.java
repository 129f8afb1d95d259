package dev.hubpress.core.content;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A tree's hash identifies exactly its paths and bytes: not the order files were listed in. */
class ContentTreeTest {

    private static ContentFile file(String path, String text) {
        return new ContentFile(path, text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void hashDoesNotDependOnListingOrder() {
        // given
        ContentTree one = new ContentTree(List.of(file("a.md", "A"), file("b/c.md", "C"), file("hub.yaml", "h")));
        ContentTree two = new ContentTree(List.of(file("hub.yaml", "h"), file("b/c.md", "C"), file("a.md", "A")));
        // when / then
        assertThat(one.hash()).isEqualTo(two.hash()).matches("[0-9a-f]{64}");
        assertThat(one.files()).extracting(ContentFile::path).containsExactly("a.md", "b/c.md", "hub.yaml");
    }

    @Test
    void hashChangesWhenOneByteChanges() {
        // given
        ContentTree before = new ContentTree(List.of(file("a.md", "Hello"), file("b.md", "B")));
        ContentTree after = new ContentTree(List.of(file("a.md", "Hellp"), file("b.md", "B")));
        // when / then
        assertThat(after.hash()).isNotEqualTo(before.hash());
    }

    @Test
    void hashChangesWhenAPathIsRenamed() {
        // given: same bytes, another name
        ContentTree before = new ContentTree(List.of(file("a.md", "Hello")));
        ContentTree after = new ContentTree(List.of(file("b.md", "Hello")));
        // when / then
        assertThat(after.hash()).isNotEqualTo(before.hash());
        assertThat(after.manifest().values()).containsExactlyElementsOf(before.manifest().values());
    }

    @Test
    void hashOfTheManifestEqualsTheTreeHash() {
        ContentTree tree = new ContentTree(List.of(file("z.md", "Z"), file("a.md", "A")));
        assertThat(ContentTree.hashOf(tree.manifest())).isEqualTo(tree.hash());
    }

    @Test
    void totalBytesAndLookupByPath() {
        ContentTree tree = new ContentTree(List.of(file("a.md", "abc"), file("b.md", "é")));
        assertThat(tree.totalBytes()).isEqualTo(5);
        assertThat(tree.file("b.md")).map(ContentFile::size).contains(2);
        assertThat(tree.file("c.md")).isEmpty();
    }

    @Test
    void samePathTwiceIsRefused() {
        assertThatThrownBy(() -> new ContentTree(List.of(file("a.md", "1"), file("a.md", "2"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("a.md");
    }

    @Test
    void fileBytesCannotBeChangedFromOutside() {
        // given
        byte[] bytes = "abc".getBytes(StandardCharsets.UTF_8);
        ContentFile file = new ContentFile("a.md", bytes);
        String hash = file.blobHash();
        // when
        bytes[0] = 'x';
        file.bytes()[1] = 'y';
        // then
        assertThat(file.blobHash()).isEqualTo(hash);
    }
}
