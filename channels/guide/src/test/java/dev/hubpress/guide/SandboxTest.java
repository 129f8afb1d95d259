package dev.hubpress.guide;

import com.sun.net.httpserver.HttpServer;
import dev.hubpress.core.channel.Edition;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDResources;
import org.apache.pdfbox.pdmodel.graphics.PDXObject;
import org.apache.pdfbox.pdmodel.graphics.form.PDFormXObject;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** SSRF: whatever a document references, the renderer fetches nothing and embeds nothing. */
class SandboxTest {

    private HttpServer trap;
    private final AtomicInteger requests = new AtomicInteger();
    private String base;

    @BeforeEach
    void startTrap() throws IOException {
        trap = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        trap.createContext("/", exchange -> {
            requests.incrementAndGet();
            byte[] body = "TRAPPED-CONTENT".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        trap.start();
        base = "http://127.0.0.1:" + trap.getAddress().getPort();
    }

    @AfterEach
    void stopTrap() {
        trap.stop(0);
    }

    @Test
    void aDocumentReferencingTheLoopbackAndLocalFilesFetchesAndEmbedsNothing() throws IOException {
        // GIVEN a document whose images, stylesheets, fonts, SVG images and backgrounds point at a
        // loopback trap server and at file:///etc/passwd (the publish gate keeps such markup out of
        // content, so the document is made by hand at the renderer level)
        String xhtml = "<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"en\"><head><title>Trap</title>"
                + "<link rel=\"stylesheet\" href=\"" + base + "/style.css\"/>"
                + "<style>@import url(" + base + "/import.css);"
                + "@font-face { font-family: Trap; src: url(" + base + "/font.ttf); }"
                + "body { background-image: url(" + base + "/bg.png); }"
                + ".p { background-image: url(file:///etc/passwd); }</style></head><body>"
                + "<p class=\"p\" style=\"font-family: Trap, 'Noto Serif'\">Hello</p>"
                + "<img src=\"" + base + "/image.png\" alt=\"trap\"/>"
                + "<img src=\"file:///etc/passwd\" alt=\"passwd\"/>"
                + "<img src=\"jar:file:///etc/passwd!/x.png\" alt=\"jar\"/>"
                + "<object data=\"" + base + "/object\" type=\"image/png\">x</object>"
                + "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"100\" height=\"100\" alt=\"svg\">"
                + "<image href=\"" + base + "/svg.png\" width=\"10\" height=\"10\"/>"
                + "<image xmlns:xlink=\"http://www.w3.org/1999/xlink\" xlink:href=\"file:///etc/passwd\" width=\"10\" height=\"10\"/>"
                + "</svg>"
                + "</body></html>";
        Document document = GuideDocument.parse(xhtml);
        Edition edition = GuideFixtures.repositoryEdition();
        Sandbox sandbox = new Sandbox();

        // WHEN it is laid out with the guide's sandbox
        byte[] pdf = GuideRenderer.pdf(document, edition.hub().config(), edition.revision(), sandbox);

        // THEN the trap saw no request, nothing was embedded, and the engine did ask (and was refused)
        assertThat(requests.get()).isZero();
        assertThat(sandbox.refused()).anyMatch(uri -> uri.contains("127.0.0.1")).anyMatch(uri -> uri.contains("/etc/passwd"));
        String raw = new String(pdf, StandardCharsets.ISO_8859_1);
        assertThat(raw).doesNotContain("TRAPPED-CONTENT").doesNotContain("root:x:0:0");
        try (PDDocument read = Loader.loadPDF(pdf)) {
            for (PDPage page : read.getPages()) {
                assertThat(images(page.getResources())).isZero();
            }
            String text = new PDFTextStripper().getText(read);
            assertThat(text).contains("Hello").doesNotContain("TRAPPED").doesNotContain("root:");
        }
    }

    @Test
    void theCloudMetadataAddressAndLinksToTheTrapAreNeverFetched() throws IOException {
        // GIVEN a document pointing images, stylesheets, imports, fonts and links at the instance
        // metadata service (169.254.169.254, where a Lambda's credentials could be read), at the
        // loopback trap and at the process environment
        String metadata = "http://169.254.169.254/latest/meta-data/iam/security-credentials/";
        String xhtml = "<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"en\"><head><title>Metadata</title>"
                + "<link rel=\"stylesheet\" href=\"" + metadata + "style.css\"/>"
                + "<style>@import url(" + metadata + "import.css);"
                + "@import url(file:///proc/self/environ);"
                + "@font-face { font-family: Meta; src: url(" + metadata + "font.ttf); }"
                + "h1 { background: url(http://[fd00:ec2::254]/latest/meta-data/); }</style></head><body>"
                + "<h1 style=\"font-family: Meta, 'Noto Serif'\">Hello</h1>"
                + "<img src=\"" + metadata + "role.png\" alt=\"metadata\"/>"
                + "<img src=\"http://169.254.170.2/v2/credentials\" alt=\"container credentials\"/>"
                + "<p><a href=\"" + base + "/clicked\">a link to the trap</a> and "
                + "<a href=\"" + metadata + "\">one to the metadata service</a></p>"
                + "</body></html>";
        Sandbox sandbox = new Sandbox();
        Edition edition = GuideFixtures.repositoryEdition();

        // WHEN it is laid out with the guide's sandbox
        byte[] pdf = GuideRenderer.pdf(GuideDocument.parse(xhtml), edition.hub().config(), edition.revision(), sandbox);

        // THEN every resource was refused before any connection, links were not followed, nothing was embedded
        assertThat(sandbox.refused()).anyMatch(uri -> uri.contains("169.254.169.254"))
                .anyMatch(uri -> uri.contains("/proc/self/environ"))
                .noneMatch(uri -> uri.contains("/clicked"));
        assertThat(requests.get()).isZero();
        try (PDDocument read = Loader.loadPDF(pdf)) {
            for (PDPage page : read.getPages()) {
                assertThat(images(page.getResources())).isZero();
            }
            assertThat(new PDFTextStripper().getText(read)).contains("Hello");
        }
        assertThat(new String(pdf, StandardCharsets.ISO_8859_1)).doesNotContain("AccessKeyId").doesNotContain("AWS_SECRET");
    }

    @Test
    void theRealGuideAsksForNothingAtAll() {
        Sandbox sandbox = new Sandbox();
        Edition edition = GuideFixtures.repositoryEdition();

        GuideFixtures.RENDERER.pdf(edition.hub(), edition.revision(), sandbox);

        assertThat(sandbox.refused()).isEmpty();
        assertThat(requests.get()).isZero();
    }

    private static int images(PDResources resources) throws IOException {
        if (resources == null) {
            return 0;
        }
        int n = 0;
        for (COSName name : resources.getXObjectNames()) {
            PDXObject x = resources.getXObject(name);
            if (x instanceof PDImageXObject) {
                n++;
            } else if (x instanceof PDFormXObject form) {
                n += images(form.getResources());
            }
        }
        return n;
    }
}
