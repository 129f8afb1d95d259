package dev.hubpress.bench;

import dev.hubpress.core.channel.Channels;
import dev.hubpress.core.channel.Edition;
import dev.hubpress.core.content.ContentTree;
import dev.hubpress.core.gate.GateLimits;
import dev.hubpress.core.gate.PublishGate;
import dev.hubpress.core.load.ContentReader;
import dev.hubpress.core.markdown.MarkdownEngine;
import dev.hubpress.core.model.Hub;
import dev.hubpress.core.revision.ChangeSets;
import dev.hubpress.core.revision.Revision;
import dev.hubpress.guide.GuideRenderer;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.rendering.ImageType;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.pdfbox.text.PDFTextStripper;

import javax.imageio.ImageIO;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The README's picture of a guide page flagged as changed: the guide of a second revision
 * ({@code --after}, a content folder) on top of a first ({@code --before}), and the page on which
 * {@code --heading} stands as a line of its own, rendered to a PNG at 100 dpi. Not part of the build:
 * the picture is committed, and this is how it was made (see README.md).
 */
final class GuidePicture {

    private GuidePicture() {
    }

    static void main(String[] args) throws IOException {
        Path before = Path.of(GuideBench.stringArg(args, "--before", "content"));
        Path after = Path.of(GuideBench.stringArg(args, "--after", ""));
        String heading = GuideBench.stringArg(args, "--heading", "");
        Path out = Path.of(GuideBench.stringArg(args, "--out", "docs/img/guide-changed-page.png"));
        if (heading.isEmpty() || after.toString().isEmpty()) {
            throw new IllegalArgumentException("usage: bench/run guide-picture --before DIR --after DIR --heading TEXT [--out PNG] [--pdf PDF]");
        }
        MarkdownEngine markdown = MarkdownEngine.standard();
        PublishGate gate = new PublishGate(new ContentReader(markdown), GateLimits.DEFAULT, Channels.discover());
        ContentTree first = GuideBench.read(before);
        ContentTree second = GuideBench.read(after);
        Edition r1 = GuideBench.edition(gate, first);
        Hub hub = gate.inspect(second).hub().orElseThrow(() -> new IllegalStateException("--after fails the gate: "
                + gate.inspect(second).errors().stream().limit(5).toList()));
        Revision one = r1.revision();
        Revision two = new Revision(one.hub(), 2, second.hash(), 1, one.createdAt().plusSeconds(86_400), "", "bench",
                one.status(), List.of(), ChangeSets.between(r1.hub().pages(), first.manifest(), hub, second.manifest()), java.util.Map.of());
        byte[] pdf = new GuideRenderer(markdown).render(new Edition(hub, two, List.of(two, one))).get(0).bytes();
        String keep = GuideBench.stringArg(args, "--pdf", "");
        if (!keep.isEmpty()) {
            Files.write(Path.of(keep), pdf);
        }
        try (PDDocument document = Loader.loadPDF(pdf)) {
            PDFTextStripper stripper = new PDFTextStripper();
            for (int i = 1; i <= document.getNumberOfPages(); i++) {
                stripper.setStartPage(i);
                stripper.setEndPage(i);
                if (stripper.getText(document).lines().map(String::strip).anyMatch(heading::equals)) {
                    Files.createDirectories(out.toAbsolutePath().getParent());
                    ImageIO.write(new PDFRenderer(document).renderImageWithDPI(i - 1, 100, ImageType.RGB), "png", out.toFile());
                    System.out.println("page " + i + " of r2's guide (" + two.changes().summary() + ") -> " + out);
                    return;
                }
            }
        }
        throw new IllegalStateException("no page of the guide has the heading " + heading);
    }
}
