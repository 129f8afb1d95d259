package dev.hubpress.aws;

import dev.hubpress.core.testing.Gates;
import dev.hubpress.lambda.S3Notifications;
import dev.hubpress.core.content.ContentFile;
import dev.hubpress.core.content.ContentTree;
import dev.hubpress.core.content.GateError;
import dev.hubpress.core.gate.GateLimits;
import dev.hubpress.core.gate.GateResult;
import dev.hubpress.core.gate.PublishGate;
import dev.hubpress.core.markdown.MarkdownEngine;
import dev.hubpress.core.channel.Artifact;
import dev.hubpress.core.testing.ContentFixtures;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Hostile object keys, in unit tests because s3proxy itself refuses keys with {@code ..} (which
 * would hide a bug): keys are URL-decoded once, the content source leaves out what could climb out
 * of the content prefix, the gate refuses every name that is not a safe URL segment with a clear
 * error, and every key an adapter writes stays under its prefix.
 */
class ObjectKeysTest {

    private final PublishGate gate = Gates.gate();
    private final S3ContentSource source = new S3ContentSource(null, "content-bucket", "content/");

    private static String notification(String encodedKey) {
        return "{\"Records\":[{\"eventSource\":\"aws:s3\",\"eventName\":\"ObjectCreated:Put\",\"s3\":{\"bucket\":{\"name\":\"b\"},"
                + "\"object\":{\"key\":\"" + encodedKey + "\",\"sequencer\":\"01\"}}}]}";
    }

    private static String key(String encodedKey) throws Exception {
        return S3Notifications.parse(notification(encodedKey)).get(0).key();
    }

    private List<GateError> errorsWith(String path, byte[] bytes) {
        return gate.inspect(ContentFixtures.with(ContentFixtures.tree(), path, bytes)).errors();
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void keysInNotificationsAreDecodedExactlyOnce() throws Exception {
        // GIVEN keys as S3 encodes them in notifications: form-encoded, a space as '+', '+' as %2B
        // WHEN decoded THEN once: an encoded percent stays a percent, a plus is a space
        assertThat(key("content/a+b%2Bc.md")).isEqualTo("content/a b+c.md");
        assertThat(key("content/a%2520b.md")).isEqualTo("content/a%20b.md");
        assertThat(key("content/caf%C3%A9.md")).isEqualTo("content/café.md");
        assertThat(key("content/..%2F..%2Fstate%2Fblobs")).isEqualTo("content/../../state/blobs");
    }

    @Test
    void theContentSourceLeavesOutKeysThatClimbOutOfTheContentPrefix() {
        // GIVEN listed keys that try to leave content/ or hide themselves
        // THEN none of them is part of the content tree; plain keys are
        assertThat(List.of("content/../state/blobs/x", "content/a/../../x.md", "content/./x.md", "content//x.md",
                "content/..", "content/", "content/.git/config", "contentx/a.md", "state/a.md", "content/a.md~"))
                .allSatisfy(k -> assertThat(source.includes(k)).as(k).isFalse());
        assertThat(source.includes("content/a.md")).isTrue();
        assertThat(source.includes("content/careers/a-b_c.md")).isTrue();
    }

    @Test
    void aKeyWithASpaceOrAPlusIsRefusedByTheGateWithItsName() {
        // GIVEN the decoded key "a b+c.md" in the tree
        List<GateError> errors = errorsWith("a b+c.md", utf8(ContentFixtures.page("A", "guides", 1, "Text.\n")));

        // THEN the gate names the file and says what names may hold
        assertThat(errors).singleElement().satisfies(e -> {
            assertThat(e.path()).isEqualTo("a b+c.md");
            assertThat(e.message()).contains("may use only letters, digits, hyphens and underscores");
        });
    }

    @Test
    void unicodeNfcAndNfdTwinsAreBothRefusedSoTheyCanNeverBecomeOnePage() {
        // GIVEN the same name twice: é as U+00E9 (NFC) and as e + U+0301 (NFD, as macOS writes it)
        String nfc = Normalizer.normalize("guides/caf\u00e9.md", Normalizer.Form.NFC);
        String nfd = Normalizer.normalize(nfc, Normalizer.Form.NFD);
        assertThat(nfc).isNotEqualTo(nfd);
        byte[] page = utf8(ContentFixtures.page("Cafe", "guides", 1, "Text.\n"));
        ContentTree tree = ContentFixtures.with(ContentFixtures.with(ContentFixtures.tree(), nfc, page), nfd, page);

        // WHEN the gate inspects the tree
        GateResult result = gate.inspect(tree);

        // THEN both are refused by name (names are ASCII URL segments), so no two keys can collide on one URL
        assertThat(result.passed()).isFalse();
        assertThat(result.errors()).extracting(GateError::path).containsExactlyInAnyOrder(nfc, nfd);
        assertThat(result.errors()).allSatisfy(e -> assertThat(e.message()).contains("may use only letters"));
    }

    @Test
    void theLongestKeyS3AllowsIsRefusedWithAClearError() {
        // GIVEN a key of 1,024 bytes, the most S3 allows: content/ and a 1,013-character name
        String name = "a".repeat(1024 - "content/".length() - ".md".length());
        assertThat(("content/" + name + ".md").getBytes(StandardCharsets.UTF_8)).hasSize(1024);

        // WHEN it is in the tree
        List<GateError> errors = errorsWith(name + ".md", utf8(ContentFixtures.page("Long", "guides", 1, "Text.\n")));

        // THEN the gate refuses it: a name longer than a file system or a URL segment takes comfortably
        assertThat(errors).singleElement().satisfies(e -> {
            assertThat(e.path()).isEqualTo(name + ".md");
            assertThat(e.message()).contains("at most 100 characters each");
        });
        // AND the limit is 100 characters a name: 100 pass, 101 do not
        assertThat(errorsWith("guides/" + "b".repeat(100) + ".md", utf8(ContentFixtures.page("B", "guides", 2, "Text.\n")))).isEmpty();
        assertThat(errorsWith("guides/" + "b".repeat(101) + ".md", utf8(ContentFixtures.page("B", "guides", 2, "Text.\n")))).hasSize(1);
    }

    @Test
    void nonMarkdownAndBinaryFilesAreRefusedByName() {
        assertThat(errorsWith("guides/photo.png", new byte[] {(byte) 0x89, 'P', 'N', 'G', 0, 0}))
                .singleElement().satisfies(e -> assertThat(e.message()).startsWith("unsupported file"));
        assertThat(errorsWith("guides/notes.md", new byte[] {'-', '-', '-', '\n', 0, 1, 2, '\n'}))
                .singleElement().satisfies(e -> assertThat(e.message()).contains("NUL character"));
        assertThat(errorsWith("guides/latin1.md", new byte[] {'c', 'a', 'f', (byte) 0xE9, '\n'}))
                .singleElement().satisfies(e -> assertThat(e.message()).contains("invalid UTF-8"));
        assertThat(errorsWith("guides/bell.md", utf8(ContentFixtures.page("Bell", "guides", 1, "## A\n\nA bell \u0007 and an escape \u001b[2J.\n"))))
                .extracting(GateError::line, GateError::message)
                .containsExactly(
                        tuple(9, "control character U+0007: only tabs and line breaks may appear in text"),
                        tuple(9, "control character U+001B: only tabs and line breaks may appear in text"));
        assertThat(errorsWith("guides/c1.md", utf8(ContentFixtures.page("C1", "guides", 1, "Next line \u0085.\n"))))
                .singleElement().satisfies(e -> assertThat(e.message()).contains("U+0085"));
    }

    @Test
    void aTenMegabyteFileIsRefusedWithItsSizeAndTheLimit() {
        // GIVEN a 10 MB page (in memory)
        byte[] big = new byte[10 * 1024 * 1024];
        java.util.Arrays.fill(big, (byte) 'a');

        // THEN the gate refuses it by size, without reading it as Markdown
        assertThat(errorsWith("guides/big.md", big)).singleElement().satisfies(e -> {
            assertThat(e.path()).isEqualTo("guides/big.md");
            assertThat(e.message()).isEqualTo("file is 10485760 bytes; the limit is " + GateLimits.DEFAULT.maxFileBytes());
        });
    }

    @Test
    void tenThousandFilesAreHandledAndOneMoreThanTheLimitIsRefusedAsAWhole() {
        // GIVEN 10,000 small pages
        List<ContentFile> files = new ArrayList<>(ContentFixtures.tree().files());
        for (int i = 0; files.size() < 10_000; i++) {
            files.add(new ContentFile("guides/p" + i + ".md", utf8(ContentFixtures.page("Page " + i, "guides", i + 1, "Text " + i + ".\n"))));
        }

        // WHEN the gate inspects them THEN they pass
        GateResult result = gate.inspect(new ContentTree(files));
        assertThat(result.errors()).isEmpty();
        assertThat(result.hub().orElseThrow().pages()).hasSize(9_999);

        // AND a tree over the file limit is refused as a whole, with one error
        PublishGate small = Gates.gate(new GateLimits(GateLimits.DEFAULT.maxFileBytes(),
                GateLimits.DEFAULT.maxTotalBytes(), 9_999));
        assertThat(small.inspect(new ContentTree(files)).errors())
                .singleElement().satisfies(e -> assertThat(e.message()).isEqualTo("the content tree has 10000 files; the limit is 9999"));
    }

    @Test
    void everyKeyAnAdapterWritesStaysUnderItsPrefix() {
        // GIVEN keys a renderer could be tricked into producing
        for (String hostile : List.of("../state/blobs/x", "a/../../x", "..", "/etc/passwd", "a\\..\\x", "a//b", "./a",
                "a/.", "c:/x", "a\u0000b", "a\nb")) {
            // THEN the site store refuses them before any request
            assertThatThrownBy(() -> Keys.artifact("site/", hostile)).as(hostile).isInstanceOf(IllegalArgumentException.class);
        }
        assertThatThrownBy(() -> Keys.prefix("../site")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Keys.blob("blobs/", "../../" + "0".repeat(58))).isInstanceOf(IllegalArgumentException.class);
        assertThat(Keys.artifact("site/", "careers/a-b.html")).isEqualTo("site/careers/a-b.html");
        assertThat(Keys.artifact("site/", "%2e%2e/x")).as("a literal key, not a path").isEqualTo("site/%2e%2e/x");
        assertThatThrownBy(() -> new S3ArtifactStore(null, "site", "").put(
                Artifact.text("../state/x", "x", "text/plain", Artifact.CachePolicy.SHORT))).isInstanceOf(IllegalArgumentException.class);
    }
}
