package dev.hubpress.guide;

import dev.hubpress.core.markdown.HtmlText;
import dev.hubpress.core.markdown.MarkdownEngine;
import dev.hubpress.core.markdown.RenderContext;
import dev.hubpress.core.model.Compensation;
import dev.hubpress.core.model.Heading;
import dev.hubpress.core.model.Hub;
import dev.hubpress.core.model.HubConfig;
import dev.hubpress.core.model.Page;
import dev.hubpress.core.revision.Revision;
import dev.hubpress.core.chart.CompensationChart;
import dev.hubpress.guide.view.ChartView;
import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The guide as one XHTML document for the layout engine: cover, table of contents, one chapter
 * per page in reading order, and the bookmark tree. Page bodies come from the core's Markdown
 * engine; their ids are made unique per chapter ({@code p-<slug>--<id>}) and links between hub
 * pages become links to those in-document anchors.
 */
final class GuideDocument {

    static final String XHTML = "http://www.w3.org/1999/xhtml";
    static final String SVG = "http://www.w3.org/2000/svg";
    static final DateTimeFormatter HUMAN_DATE = DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.ENGLISH).withZone(ZoneOffset.UTC);

    /** Named entities Flexmark writes (typographic quotes and dashes, …), which XML does not know. */
    private static final Map<String, String> ENTITIES = Map.ofEntries(
            Map.entry("nbsp", "\u00a0"), Map.entry("ndash", "\u2013"), Map.entry("mdash", "\u2014"),
            Map.entry("lsquo", "\u2018"), Map.entry("rsquo", "\u2019"), Map.entry("ldquo", "\u201c"),
            Map.entry("rdquo", "\u201d"), Map.entry("laquo", "\u00ab"), Map.entry("raquo", "\u00bb"),
            Map.entry("hellip", "\u2026"), Map.entry("copy", "\u00a9"), Map.entry("reg", "\u00ae"),
            Map.entry("trade", "\u2122"), Map.entry("euro", "\u20ac"), Map.entry("times", "\u00d7"),
            Map.entry("rarr", "\u2192"), Map.entry("larr", "\u2190"), Map.entry("check", "\u2713"),
            Map.entry("middot", "\u00b7"), Map.entry("bull", "\u2022"), Map.entry("deg", "\u00b0"),
            Map.entry("sect", "\u00a7"), Map.entry("para", "\u00b6"), Map.entry("shy", "\u00ad"));
    private static final Pattern ENTITY = Pattern.compile("&([A-Za-z][A-Za-z0-9]*);");
    private static final String CSS = resource("/guide/guide.css");
    /** The templates under src/main/jte, compiled at build time into their own package (see the pom). */
    private static final TemplateEngine TEMPLATES = TemplateEngine.createPrecompiled(null, ContentType.Html, null, "dev.hubpress.guide.jte");
    /** The chart's colours and type, inside the SVG: the guide's stylesheet does not reach into it. */
    private static final String CHART_CSS = "text{font-family:'Noto Sans';font-size:12px;fill:#1a1a1a}"
            + ".chart-axis{fill:#555;font-size:11px}.chart-grid{stroke:#ddd;stroke-width:1}"
            + ".chart-bar{fill:#0b4f9c}.chart-bar-base{fill:#7fa7d6}.chart-open{fill:#0b4f9c}";

    private GuideDocument() {
    }

    /** The chapter anchor of a page. */
    static String chapterId(String slug) {
        return "p-" + slug.replace('/', '-');
    }

    /** The anchor of a heading (or any id) inside a page. */
    static String anchorId(String slug, String id) {
        return chapterId(slug) + "--" + id;
    }

    static Document build(MarkdownEngine markdown, Hub hub, Revision revision, Paper paper) {
        HubConfig config = hub.config();
        String date = HUMAN_DATE.format(revision.createdAt());
        StringBuilder x = new StringBuilder(64 * 1024);
        x.append("<html xmlns=\"").append(XHTML).append("\" lang=\"").append(HtmlText.escape(config.language()))
                .append("\" xml:lang=\"").append(HtmlText.escape(config.language())).append("\">\n<head>\n");
        x.append("<title>").append(HtmlText.escape(config.title())).append("</title>\n");
        meta(x, "author", config.author());
        meta(x, "subject", config.subtitle());
        meta(x, "keywords", String.join(", ", keywords(hub)));
        meta(x, "description", config.description());
        x.append("<style>\n").append(HtmlText.escape(CSS.replace("__PAPER__", paper.css()).replace("__REVISION__", revision.id())))
                .append("</style>\n");
        bookmarks(x, hub);
        x.append("</head>\n<body>\n");
        x.append("<div class=\"running running-title\">").append(HtmlText.escape(config.title())).append("</div>\n");
        cover(x, config, revision, date);
        toc(x, hub);
        for (Page page : hub.pages()) {
            x.append("<div class=\"chapter\" id=\"").append(chapterId(page.slug())).append("\" data-slug=\"")
                    .append(HtmlText.escape(page.slug())).append("\">\n");
            x.append("<div class=\"running running-chapter\">").append(HtmlText.escape(page.title())).append("</div>\n");
            x.append("<h1>").append(HtmlText.escape(page.title())).append("</h1>\n");
            x.append("<p class=\"summary\">").append(HtmlText.escape(page.summary())).append("</p>\n");
            x.append("<div class=\"body\"/>\n</div>\n");
        }
        x.append("</body>\n</html>\n");
        Document document = parse(x.toString());
        NodeList chapters = document.getElementsByTagNameNS(XHTML, "div");
        List<Element> bodies = new ArrayList<>();
        for (int i = 0; i < chapters.getLength(); i++) {
            Element e = (Element) chapters.item(i);
            if (e.getAttribute("class").equals("body")) {
                bodies.add(e);
            }
        }
        for (int i = 0; i < hub.pages().size(); i++) {
            Page page = hub.pages().get(i);
            String html = markdown.render(page.document(), RenderContext.absolute(page.slug(), config.baseUrl(),
                    name -> figure(hub, name)));
            Element fragment = parse("<div xmlns=\"" + XHTML + "\">" + xmlEntities(html) + "</div>").getDocumentElement();
            rewrite(fragment, page.slug(), hub);
            Element body = bodies.get(i);
            for (Node child = fragment.getFirstChild(); child != null; child = child.getNextSibling()) {
                body.appendChild(document.importNode(child, true));
            }
            body.removeAttribute("class");
            body.setAttribute("class", "prose");
        }
        return document;
    }

    private static void cover(StringBuilder x, HubConfig config, Revision revision, String date) {
        x.append("<div class=\"cover\">\n<div class=\"rule\"/>\n");
        x.append("<h1>").append(HtmlText.escape(config.title())).append("</h1>\n");
        x.append("<p class=\"subtitle\">").append(HtmlText.escape(config.subtitle())).append("</p>\n");
        x.append("<p class=\"description\">").append(HtmlText.escape(config.description())).append("</p>\n");
        x.append("<p class=\"edition\">Revision ").append(revision.seq()).append(" · ").append(HtmlText.escape(date)).append("</p>\n");
        x.append("<p class=\"edition\">").append(HtmlText.escape(config.author())).append("</p>\n");
        x.append("<p class=\"edition\"><a href=\"").append(HtmlText.escape(config.baseUrl())).append("/\">")
                .append(HtmlText.escape(config.baseUrl().replaceFirst("^https?://", ""))).append("</a></p>\n");
        x.append("</div>\n");
    }

    private static void toc(StringBuilder x, Hub hub) {
        x.append("<div class=\"toc\">\n<div class=\"running running-chapter\">Contents</div>\n<h1>Contents</h1>\n<ol>\n");
        for (Page page : hub.pages()) {
            x.append("<li class=\"toc-chapter\"><a href=\"#").append(chapterId(page.slug())).append("\">")
                    .append(HtmlText.escape(page.title())).append("</a></li>\n");
            for (Heading h : page.headings()) {
                if (h.level() == 2) {
                    x.append("<li class=\"toc-section\"><a href=\"#").append(HtmlText.escape(anchorId(page.slug(), h.id()))).append("\">")
                            .append(HtmlText.escape(h.text())).append("</a></li>\n");
                }
            }
        }
        x.append("</ol>\n</div>\n");
    }

    /** The outline: one bookmark per chapter, with its headings nested by level below it. */
    private static void bookmarks(StringBuilder x, Hub hub) {
        x.append("<bookmarks>\n");
        for (Page page : hub.pages()) {
            x.append("<bookmark name=\"").append(HtmlText.escape(page.title())).append("\" href=\"#").append(chapterId(page.slug())).append("\">\n");
            List<Integer> open = new ArrayList<>();
            for (Heading h : page.headings()) {
                while (!open.isEmpty() && open.get(open.size() - 1) >= h.level()) {
                    x.append("</bookmark>\n");
                    open.remove(open.size() - 1);
                }
                x.append("<bookmark name=\"").append(HtmlText.escape(h.text())).append("\" href=\"#")
                        .append(HtmlText.escape(anchorId(page.slug(), h.id()))).append("\">\n");
                open.add(h.level());
            }
            x.append("</bookmark>\n".repeat(open.size()));
            x.append("</bookmark>\n");
        }
        x.append("</bookmarks>\n");
    }

    /** Makes a page's ids unique in the book and points its links at in-document anchors. */
    private static void rewrite(Element root, String slug, Hub hub) {
        String site = hub.config().baseUrl() + "/";
        List<Element> elements = new ArrayList<>();
        collect(root, elements);
        for (Element e : elements) {
            if (e.hasAttribute("id")) {
                e.setAttribute("id", anchorId(slug, e.getAttribute("id")));
            }
            if (e.getLocalName().equals("a") && e.hasAttribute("href")) {
                String href = e.getAttribute("href");
                if (href.startsWith("#")) {
                    e.setAttribute("href", "#" + anchorId(slug, href.substring(1)));
                } else if (href.startsWith(site)) {
                    internal(href.substring(site.length()), hub).ifPresent(target -> e.setAttribute("href", target));
                }
            }
            if (e.getLocalName().equals("a") && "footnote-backref".equals(e.getAttribute("class"))) {
                // U+21A9 is in none of the bundled fonts; an upwards arrow says the same.
                e.setTextContent("\u2191");
            }
        }
    }

    /** A site path ({@code careers/index.html#x}) of a hub page as an in-document anchor. */
    private static Optional<String> internal(String sitePath, Hub hub) {
        int hash = sitePath.indexOf('#');
        String path = hash < 0 ? sitePath : sitePath.substring(0, hash);
        String anchor = hash < 0 ? "" : sitePath.substring(hash + 1);
        if (!path.endsWith(".html")) {
            return Optional.empty();
        }
        String slug = path.substring(0, path.length() - ".html".length());
        return hub.page(slug).map(p -> "#" + (anchor.isEmpty() ? chapterId(slug) : anchorId(slug, anchor)));
    }

    private static void collect(Element e, List<Element> out) {
        out.add(e);
        for (Node c = e.getFirstChild(); c != null; c = c.getNextSibling()) {
            if (c instanceof Element child) {
                collect(child, out);
            }
        }
    }

    /** The compensation chart as vector SVG with its colours inline (no stylesheet reaches into it), then its figures. */
    private static Optional<String> figure(Hub hub, String name) {
        if (!name.equals("compensation") || hub.compensation().isEmpty()) {
            return Optional.empty();
        }
        Compensation data = hub.compensation().get();
        List<ChartView.Row> rows = data.levels().stream().map(level -> new ChartView.Row(level.label(), level.years(),
                CompensationChart.range(level, data.currency()), level.measure())).toList();
        return Optional.of(render("chart.jte", new ChartView(CompensationChart.standalone(data, "chart-compensation", CHART_CSS, 160),
                data.currency(), CompensationChart.mixesMeasures(data), data.source(), rows)));
    }

    private static Set<String> keywords(Hub hub) {
        Set<String> keywords = new LinkedHashSet<>();
        hub.pages().forEach(p -> keywords.addAll(p.tags()));
        return keywords;
    }

    private static void meta(StringBuilder x, String name, String content) {
        x.append("<meta name=\"").append(name).append("\" content=\"").append(HtmlText.escape(content)).append("\"/>\n");
    }

    private static String render(String template, Object view) {
        StringOutput out = new StringOutput(64 * 1024);
        TEMPLATES.render(template, view, out);
        return out.toString();
    }

    /** Flexmark's HTML with named entities XML does not define replaced by their characters. */
    static String xmlEntities(String html) {
        Matcher m = ENTITY.matcher(html);
        StringBuilder out = new StringBuilder(html.length());
        while (m.find()) {
            String name = m.group(1);
            String replacement = switch (name) {
                case "amp", "lt", "gt", "quot", "apos" -> m.group();
                default -> ENTITIES.containsKey(name) ? ENTITIES.get(name) : "&amp;" + name + ";";
            };
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString();
    }

    static Document parse(String xml) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setXIncludeAware(false);
            factory.setExpandEntityReferences(false);
            DocumentBuilder builder = factory.newDocumentBuilder();
            builder.setEntityResolver((publicId, systemId) -> {
                throw new SAXException("external entity refused: " + systemId);
            });
            return builder.parse(new InputSource(new StringReader(xml)));
        } catch (ParserConfigurationException | SAXException e) {
            throw new IllegalStateException("the guide's XHTML is not well-formed: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String resource(String name) {
        try (InputStream in = GuideDocument.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
