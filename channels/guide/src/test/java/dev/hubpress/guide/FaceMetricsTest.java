package dev.hubpress.guide;

import com.openhtmltopdf.pdfboxout.PdfBoxRawPDFontMetrics;
import dev.hubpress.core.channel.Edition;
import dev.hubpress.core.model.Hub;
import dev.hubpress.core.model.Page;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The faces' metrics the layout engine is given ({@link GuideFonts#metrics()}) are what it would
 * measure itself, and with them a layout loads only the faces its characters need.
 *
 * <p>When a font changes (or openhtmltopdf measures otherwise), write the file again and commit it
 * with them: {@code mvn -B -o -q -pl channels/guide -am test -Dtest=FaceMetricsTest
 * -Dsurefire.failIfNoSpecifiedTests=false -Dguide.metrics.write=true}.
 */
class FaceMetricsTest {

    private static final Path RESOURCE = Path.of("src/main/resources/dev/hubpress/guide", GuideFonts.METRICS);

    @Test
    void theRecordedMetricsAreWhatTheEngineMeasuresOfEachFace() throws IOException {
        // GIVEN each bundled face loaded as a layout loads it, and measured as openhtmltopdf measures it
        StringBuilder expected = new StringBuilder("# What openhtmltopdf measures of each bundled face (GuideFonts.metrics());"
                + " written by FaceMetricsTest.\n# file\tascent\tdescent\tstrikethroughOffset\tstrikethroughThickness"
                + "\tunderlinePosition\tunderlineThickness\ttypoDescent\n");
        for (GuideFonts.Face face : GuideFonts.FACES) {
            try (PDDocument document = new PDDocument()) {
                PDType0Font font = PDType0Font.load(document, GuideFonts.parsed(face), true);
                PdfBoxRawPDFontMetrics m = PdfBoxRawPDFontMetrics.fromPdfBox(font, font.getFontDescriptor());
                expected.append(face.file());
                for (float v : new float[] {m._ascent, m._descent, m._strikethroughOffset, m._strikethroughThickness,
                        m._underlinePosition, m._underlineThickness, m._typoDescent}) {
                    expected.append('\t').append(v);
                }
                expected.append('\n');
            }
        }
        if (Boolean.getBoolean("guide.metrics.write")) {
            Files.writeString(RESOURCE, expected, StandardCharsets.UTF_8);
        }

        // WHEN the recorded file is read, and the engine's cache asked under each face's key
        String recorded = Files.readString(RESOURCE, StandardCharsets.UTF_8);

        // THEN the file is that, to the last bit of every float, and every face has its entry
        assertThat(recorded).isEqualTo(expected.toString());
        for (GuideFonts.Face face : GuideFonts.FACES) {
            assertThat(GuideFonts.metrics().get(GuideFonts.metricsKey(face))).as(face.file()).isNotNull();
        }
    }

    @Test
    void aLayoutOfLatinTextLoadsNoFallbackFace() throws InterruptedException {
        // GIVEN a part of the real hub whose text is Latin only (every stack still lists the CJK, Arabic and emoji faces)
        Edition edition = GuideFixtures.repositoryEdition();
        Hub hub = edition.hub();
        List<List<Page>> plan = GuideParts.plan(hub.pages());
        Paper paper = Paper.of(GuideChannel.PAPER.of(hub.config()));
        List<Page> companies = plan.stream().filter(part -> part.get(0).path().startsWith("companies/")).findFirst().orElseThrow();
        String text = String.join("", companies.stream().map(p -> p.title() + p.summary() + p.source()).toList());
        assertThat(text.codePoints().filter(c -> c > 0x2FF && !"–—‘’“”…→€✓×·".contains(Character.toString(c)))).isEmpty();

        // WHEN it is laid out on a thread of its own
        List<GuideFonts.Face> parsed = GuideFixtures.onNewThread(() -> {
            GuideRenderer.layout(GuideDocument.part(GuideFixtures.MARKDOWN, hub, companies, paper), new Sandbox());
            return GuideFonts.parsedHere();
        });

        // THEN that thread parsed the body and heading faces it prints with, and none of the fallbacks
        assertThat(parsed).extracting(GuideFonts.Face::family).contains(GuideFonts.SERIF)
                .doesNotContain(GuideFonts.CJK, GuideFonts.EMOJI, GuideFonts.ARABIC, GuideFonts.HEBREW);
    }
}
