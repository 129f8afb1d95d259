package dev.hubpress.guide;

import dev.hubpress.core.content.ContentFile;
import dev.hubpress.core.testing.ContentFixtures;
import org.apache.fontbox.ttf.TTFParser;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.pdfbox.io.RandomAccessReadBuffer;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/** The bundled fonts cover every character the guide can print. */
class FontCoverageTest {

    /** Characters the guide itself writes (· in the footer, ↑ back-references) and typographic ones editors use. */
    private static final String EXTRA = "·↑–—‘’“”…→€✓×©";

    @Test
    void everyCharacterOfTheContentAndTheGuideIsInTheBodyFontOrItsFallbacks() throws IOException {
        // GIVEN every character of content/ (Markdown, hub.yaml and data) plus what the guide adds
        TreeSet<Integer> used = new TreeSet<>();
        for (ContentFile file : ContentFixtures.repositoryTree().files()) {
            new String(file.bytes(), StandardCharsets.UTF_8).codePoints().filter(c -> c >= 0x20).forEach(used::add);
        }
        EXTRA.codePoints().forEach(used::add);

        // WHEN each is looked up in the cmap of the serif body font, then the symbol fallbacks
        List<TrueTypeFont> chain = new ArrayList<>();
        for (String family : List.of(GuideFonts.SERIF, GuideFonts.SYMBOLS, GuideFonts.SYMBOLS2)) {
            chain.add(load(family, 400));
        }
        List<String> missing = new ArrayList<>();
        for (int c : used) {
            if (!covered(chain, c)) {
                missing.add(String.format("U+%04X %s", c, Character.getName(c)));
            }
        }

        // THEN none is missing
        assertThat(missing).isEmpty();
        assertThat(used).contains((int) '–', (int) '—', (int) '’', (int) '“', (int) '”', (int) '→', (int) '€', (int) '✓', (int) '…');
    }

    @Test
    void theSansAndEveryStyleOfTheSerifCoverTheContentsText() throws IOException {
        TreeSet<Integer> used = new TreeSet<>();
        for (ContentFile file : ContentFixtures.repositoryTree().files()) {
            new String(file.bytes(), StandardCharsets.UTF_8).codePoints().filter(c -> c >= 0x20).forEach(used::add);
        }
        for (GuideFonts.Face face : GuideFonts.FACES) {
            if (face.family().equals(GuideFonts.SERIF) || face.family().equals(GuideFonts.SANS)) {
                TrueTypeFont font = parse(face);
                for (int c : used) {
                    assertThat(font.getUnicodeCmapLookup().getGlyphId(c)).as(face.file() + " has U+%04X", c).isPositive();
                }
            }
        }
    }

    @Test
    void theFontsAreOflLicensedWithTheLicenseBesideThem() throws IOException {
        Path fonts = Path.of("src/main/resources/fonts");
        assertThat(Files.readString(fonts.resolve("OFL.txt"))).contains("SIL Open Font License", "Version 1.1");
        for (GuideFonts.Face face : GuideFonts.FACES) {
            assertThat(fonts.resolve(face.file())).exists();
            TrueTypeFont font = parse(face);
            // name id 13: the license description inside the font itself
            assertThat(font.getNaming().getNameRecords().stream().filter(r -> r.getNameId() == 13).findFirst()
                    .map(r -> r.getString())).as(face.file()).hasValueSatisfying(s -> assertThat(s).contains("Open Font License"));
        }
    }

    private static boolean covered(List<TrueTypeFont> chain, int c) throws IOException {
        for (TrueTypeFont font : chain) {
            if (font.getUnicodeCmapLookup().getGlyphId(c) > 0) {
                return true;
            }
        }
        return false;
    }

    private static TrueTypeFont load(String family, int weight) throws IOException {
        for (GuideFonts.Face face : GuideFonts.FACES) {
            if (face.family().equals(family) && face.weight() == weight) {
                return parse(face);
            }
        }
        throw new AssertionError("no face " + family);
    }

    private static final Map<String, TrueTypeFont> PARSED = new java.util.HashMap<>();

    private static synchronized TrueTypeFont parse(GuideFonts.Face face) throws IOException {
        TrueTypeFont font = PARSED.get(face.file());
        if (font == null) {
            font = new TTFParser().parse(new RandomAccessReadBuffer(GuideFonts.bytes(face)));
            PARSED.put(face.file(), font);
        }
        return font;
    }
}
