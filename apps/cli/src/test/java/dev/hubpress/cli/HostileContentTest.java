package dev.hubpress.cli;

import dev.hubpress.core.channel.Channels;
import dev.hubpress.core.testing.NuHtmlChecker;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hubpress.core.testing.ContentFixtures;
import jakarta.mail.Multipart;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.interactive.action.PDActionURI;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotation;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotationLink;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Hostile content through every channel, end to end in {@code ./hub}: unsafe markup never gets
 * past the gate, nor do control characters (and a rejected push changes no published byte); text that is hostile but
 * legitimate — markup written as text, {@code ]]>}, quotes, a right-to-left override, emoji —
 * comes out inert and well-formed in the site (Nu Html Checker), the feeds
 * (parsed as XML and JSON), the PDF guide (read back with PDFBox) and the digest email (parsed
 * with Jakarta Mail).
 */
class HostileContentTest {

    private static final String PAGE = "careers/first-backend-role.md";
    /** What the hostile title reads as once escaped correctly. */
    private static final String TITLE = "Pay ]]> <script>alert(\"t\")</script> & \u202Egnp.exe \uD83D\uDE80";
    private static final Pattern EVENT_HANDLER = Pattern.compile("(?i)<[^>]*\\son[a-z]+\\s*=");
    private static final Pattern URL_ATTRIBUTE = Pattern.compile("(?i)\\s(?:href|src|action|formaction|xlink:href)\\s*=\\s*\"([^\"]*)\"");
    /** A script element, but JSON-LD and the site's own search script (a fingerprinted asset, never from content). */
    private static final Pattern SCRIPT = Pattern.compile(
            "(?i)<script(?![^>]*type=\"application/ld\\+json\")(?! src=\"(?:\\.\\./)*assets/search\\.[0-9a-f]{10}\\.js\" defer></script>)");
    private static final NuHtmlChecker NU = new NuHtmlChecker();

    @TempDir
    Path tmp;
    Path content;
    Path out;
    final ByteArrayOutputStream printed = new ByteArrayOutputStream();
    long epoch = 1_740_823_200L;

    @BeforeEach
    void copyContent() throws IOException {
        content = ContentFixtures.copyRepositoryContent(tmp.resolve("content"));
        out = tmp.resolve("out");
    }

    int hub(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.add("--out");
        all.add(out.toString());
        if (args[0].equals("publish")) {
            all.add("--content");
            all.add(content.toString());
        }
        PrintStream print = new PrintStream(printed, true, StandardCharsets.UTF_8);
        return new HubCommand(print, print, Map.of("SOURCE_DATE_EPOCH", Long.toString(epoch),
                LocalMail.SECRET_ENV, "a local test secret of 32+ characters!"), 
                Channels::discover)
                .run(all.toArray(String[]::new));
    }

    String printed() {
        return printed.toString(StandardCharsets.UTF_8);
    }

    Map<String, byte[]> site() throws IOException {
        Map<String, byte[]> files = new TreeMap<>();
        Path root = out.resolve("site");
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.filter(Files::isRegularFile).toList()) {
                files.put(root.relativize(p).toString().replace('\\', '/'), Files.readAllBytes(p));
            }
        }
        return files;
    }

    void edit(String from, String to) throws IOException {
        Path page = content.resolve(PAGE);
        String text = Files.readString(page);
        assertThat(text).contains(from);
        Files.writeString(page, text.replace(from, to));
        epoch += 86_400;
    }

    @Test
    void unsafeMarkupAndControlCharactersAreRejectedAtTheirLineAndNoPublishedByteChanges() throws IOException {
        // GIVEN a published hub
        assertThat(hub("publish")).as(printed()).isZero();
        Map<String, byte[]> before = site();
        String original = Files.readString(content.resolve(PAGE));

        // WHEN a push adds script and event-handler markup and every unsafe link scheme
        edit("## What it pays\n", "## What it pays\n\n<script>alert(1)</script>\n\n<img src=x onerror=alert(1)>\n\n"
                + "[a](javascript:alert(1)) [b](JavaScript:alert(1)) [c](java&#115;cript:alert(1)) "
                + "[d](data:text/html;base64,PHNjcmlwdD4=) [e](vbscript:msgbox(1))\n");
        int markup = hub("publish");

        // THEN it is rejected, each problem named
        assertThat(markup).isEqualTo(1);
        assertThat(printed()).contains(PAGE + ":").contains("raw HTML is not allowed")
                .contains("'javascript:' is not allowed").contains("'data:' is not allowed").contains("'vbscript:' is not allowed");

        // AND WHEN a push carries a control character instead (a terminal escape pasted into a page)
        Files.writeString(content.resolve(PAGE), original);
        edit("## What it pays\n", "## What it pays\n\nA bell \u0007 and an escape \u001b[2J.\n");
        printed.reset();
        int control = hub("publish");

        // THEN it is rejected with its line, and after both the site is byte for byte as it was
        assertThat(control).isEqualTo(1);
        assertThat(printed()).containsPattern(Pattern.quote(PAGE) + ":\\d+: control character U\\+0007");
        Map<String, byte[]> after = site();
        assertThat(after.keySet()).isEqualTo(before.keySet());
        before.forEach((key, bytes) -> assertThat(after.get(key)).as(key).isEqualTo(bytes));
    }

    @Test
    void aPageAtEveryLimitOfTheGatePublishesInEveryChannel() throws IOException {
        // GIVEN a page as deep and as dense as the gate allows: 32 nested block quotes, a list
        // nested 64 levels, 500 links in a paragraph and 1,000 code spans in another
        StringBuilder body = new StringBuilder("## Deep\n\n" + ">".repeat(32) + " deep quote\n\n");
        for (int level = 0; level < 64; level++) {
            body.append("  ".repeat(level)).append("- level ").append(level).append('\n');
        }
        body.append('\n').append("[a](https://example.com/x) ".repeat(500)).append("\n\n").append("`c` ".repeat(1_000)).append('\n');
        Files.writeString(content.resolve("faq-deep.md"), ContentFixtures.page("Deep", "faq", 99, body.toString()));

        // WHEN it is published
        int status = hub("publish");

        // THEN every channel published it (no stack overflow in any renderer, the PDF layout included)
        assertThat(status).as(printed()).isZero();
        assertThat(printed()).doesNotContain("FAILED");
        assertThat(Files.readString(out.resolve("site/faq-deep.html"))).contains("level 63").contains("deep quote");
    }

    @Test
    void hostileTextIsInertAndWellFormedInTheSiteTheFeedsTheGuideAndTheDigest() throws Exception {
        // GIVEN a published hub and a subscriber
        assertThat(hub("publish")).as(printed()).isZero();
        assertThat(hub("subscribers", "add", "ann@example.com")).as(printed()).isZero();

        // WHEN an edit gives a page a hostile title and summary, and hostile text in a section
        // (markup as text, CDATA ends, quotes, a right-to-left override, emoji)
        String yamlTitle = TITLE.replace("\\", "\\\\").replace("\"", "\\\"");
        Path page = content.resolve(PAGE);
        String text = Files.readString(page).replaceFirst("(?m)^title: .*$", Matcher.quoteReplacement("title: \"" + yamlTitle + "\""))
                .replaceFirst("(?m)^summary: .*$", Matcher.quoteReplacement("summary: \"</title><script>alert('s')</script> ]]> \u202Eevil\""));
        Files.writeString(page, text);
        edit("## What it pays\n", "## What it pays\n\nWrite `<script>alert(1)</script>` and &lt;img onerror=x&gt; as text; "
                + "end a CDATA with ]]> and a comment with -->; a right-to-left \u202Eoverride\u202C. \uD83D\uDE80\n");
        assertThat(hub("publish")).as(printed()).isZero();
        assertThat(hub("digest")).as(printed()).isZero();

        // THEN the site: every page valid HTML, no script but structured data, no event handler,
        // only web, mail and relative links; the hostile text shows as text
        Map<String, byte[]> site = site();
        for (Map.Entry<String, byte[]> file : site.entrySet()) {
            if (!file.getKey().endsWith(".html")) {
                continue;
            }
            String html = new String(file.getValue(), StandardCharsets.UTF_8);
            assertThat(NU.errors(html)).as(file.getKey()).isEmpty();
            assertInert(file.getKey(), html);
        }
        String pageHtml = new String(site.get("careers/first-backend-role.html"), StandardCharsets.UTF_8);
        assertThat(pageHtml).contains("&lt;script&gt;alert(").contains("\u202Egnp.exe");

        // AND the feeds: well-formed XML that gives back the title as text, and JSON that does too
        for (String feed : List.of("feeds/atom.xml", "feeds/rss.xml")) {
            Document xml = parseXml(site.get(feed));
            NodeList titles = xml.getElementsByTagNameNS("*", "title");
            List<String> texts = new ArrayList<>();
            for (int i = 0; i < titles.getLength(); i++) {
                texts.add(titles.item(i).getTextContent());
            }
            assertThat(texts).as(feed).anySatisfy(t -> assertThat(t).contains(TITLE));
            String raw = new String(site.get(feed), StandardCharsets.UTF_8);
            assertThat(raw).as(feed).doesNotContain("<script");
            NodeList contents = xml.getElementsByTagNameNS("*", feed.endsWith("atom.xml") ? "content" : "description");
            for (int i = 0; i < contents.getLength(); i++) {
                assertInert(feed, contents.item(i).getTextContent());
            }
        }
        JsonNode json = new ObjectMapper().readTree(site.get("feeds/feed.json"));
        assertThat(json.path("items").findValuesAsText("title")).anySatisfy(t -> assertThat(t).contains(TITLE));
        for (JsonNode item : json.path("items")) {
            assertInert("feeds/feed.json", item.path("content_html").asText());
        }

        // AND the guide: a PDF that opens, shows the title as text, and links only to the web, mail or itself
        String pdfKey = site.keySet().stream().filter(k -> k.matches("guide/r\\d+\\.pdf")).max(String::compareTo).orElseThrow();
        try (PDDocument pdf = Loader.loadPDF(site.get(pdfKey))) {
            String pdfText = new PDFTextStripper().getText(pdf);
            assertThat(pdfText).contains("<script>alert(").contains("]]>");
            for (PDPage p : pdf.getPages()) {
                for (PDAnnotation annotation : p.getAnnotations()) {
                    if (annotation instanceof PDAnnotationLink link && link.getAction() instanceof PDActionURI uri) {
                        assertThat(uri.getURI()).as(pdfKey).matches("(https?|mailto):.*");
                    }
                }
            }
        }

        // AND the digest: one well-formed message whose subject is the title as text and whose
        // HTML part is valid and inert
        List<Path> outbox;
        try (Stream<Path> list = Files.list(out.resolve("outbox"))) {
            outbox = list.filter(p -> p.toString().endsWith(".eml")).toList();
        }
        assertThat(outbox).hasSize(1);
        MimeMessage message;
        try (InputStream in = Files.newInputStream(outbox.get(0))) {
            message = new MimeMessage(Session.getInstance(new Properties()), in);
        }
        assertThat(message.getSubject()).contains(TITLE.replace("\u202E", "").substring(0, 10)).doesNotContain("\n");
        Multipart parts = (Multipart) message.getContent();
        String plain = (String) parts.getBodyPart(0).getContent();
        String html = (String) parts.getBodyPart(1).getContent();
        assertThat(plain).contains("<script>alert(\"t\")</script>");
        assertThat(NU.errors(html)).isEmpty();
        assertInert("digest", html);
        assertThat(html).contains("&lt;script&gt;alert(");
    }

    /** No script element but JSON-LD and the search script, no event-handler attribute, no URL but web, mail, fragment or relative. */
    private static void assertInert(String where, String html) {
        assertThat(SCRIPT.matcher(html).find()).as(where + ": a script element").isFalse();
        assertThat(EVENT_HANDLER.matcher(html).find()).as(where + ": an event-handler attribute").isFalse();
        Matcher url = URL_ATTRIBUTE.matcher(html);
        while (url.find()) {
            String value = url.group(1).replaceAll("[\\s\\u0000-\\u001f]", "").toLowerCase(java.util.Locale.ROOT);
            assertThat(value).as(where).doesNotStartWith("javascript:").doesNotStartWith("vbscript:").doesNotStartWith("data:")
                    .doesNotContain("&#");
        }
    }

    private static Document parseXml(byte[] bytes) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        DocumentBuilder builder = factory.newDocumentBuilder();
        builder.setErrorHandler(null);
        return builder.parse(new java.io.ByteArrayInputStream(bytes));
    }
}
