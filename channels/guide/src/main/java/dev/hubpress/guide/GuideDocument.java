package dev.hubpress.guide;

import dev.hubpress.core.markdown.MarkdownEngine;
import dev.hubpress.core.markdown.RenderContext;
import dev.hubpress.core.model.Compensation;
import dev.hubpress.core.model.Heading;
import dev.hubpress.core.model.Hub;
import dev.hubpress.core.model.HubConfig;
import dev.hubpress.core.model.Page;
import dev.hubpress.core.revision.Revision;
import dev.hubpress.core.chart.CompensationChart;
import dev.hubpress.guide.view.BackView;
import dev.hubpress.guide.view.Bookmark;
import dev.hubpress.guide.view.Chapter;
import dev.hubpress.guide.view.ChartView;
import dev.hubpress.guide.view.FrontView;
import dev.hubpress.guide.view.PartView;
import dev.hubpress.guide.view.TocEntry;
import dev.hubpress.guide.view.Link;
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
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The guide's XHTML documents for the layout engine: the {@linkplain #front front matter} (cover,
 * table of contents) and {@linkplain #part parts} (runs of chapters, one per page in reading
 * order, with their bookmark trees), written by the JTE templates under
 * {@code src/main/jte} from the views in {@code dev.hubpress.guide.view} and parsed as XML.
 * Page bodies come from the core's Markdown engine; in the parsed document their ids are made
 * unique per chapter ({@code p-<slug>--<id>}) and links between hub pages become links to those
 * in-document anchors.
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
    private static final String CHART_CSS = "text{font-family:" + GuideFonts.Stack.SANS.css('\'') + ";font-size:12px;fill:#1a1a1a}"
            + ".chart-axis{fill:#555;font-size:11px}.chart-grid{stroke:#ddd;stroke-width:1}"
            + ".chart-bar{fill:#0b4f9c}.chart-bar-base{fill:#7fa7d6}.chart-open{fill:#0b4f9c}";

    private GuideDocument() {
    }

    /** The chapter anchor of a page. */
    static String chapterId(String slug) {
        return "p-" + slug.replace('/', '-');
    }

    /** The id of a chapter's title (its chapter's id and this): where the chapter starts. */
    static final String CHAPTER_START = ".start";
    /** Said of a chapter's id: where the chapter ends (its last page, the bottom of its text). */
    static final String CHAPTER_END = ".end";

    /** The ids of a document's chapters (its {@code div.chapter} elements), as the layout met them. */
    static Set<String> chapterIds(Document document) {
        Set<String> ids = new HashSet<>();
        NodeList divs = document.getElementsByTagNameNS(XHTML, "div");
        for (int i = 0; i < divs.getLength(); i++) {
            Element div = (Element) divs.item(i);
            if (div.getAttribute("class").equals("chapter") && !div.getAttribute("id").isEmpty()) {
                ids.add(div.getAttribute("id"));
            }
        }
        return ids;
    }

    /** The anchor of a heading (or any id) inside a page. */
    static String anchorId(String slug, String id) {
        return chapterId(slug) + "--" + id;
    }

    /**
     * The whole book as one document (cover, contents, every chapter), for laying it out with other
     * engines side by side (the benchmark's WeasyPrint run); the guide itself is laid out in
     * {@linkplain #part parts} and assembled (see {@link GuideBook}). Its contents name no page numbers.
     */
    static Document build(MarkdownEngine markdown, Hub hub, Revision revision, Paper paper) {
        ChangedSections changes = ChangedSections.of(revision);
        Document book = front(hub, Optional.of(revision), paper, Cover.of(hub), hub.pages(), changes, false, id -> "");
        Document chapters = part(markdown, hub, hub.pages(), paper);
        Element body = (Element) book.getElementsByTagNameNS(XHTML, "body").item(0);
        NodeList divs = chapters.getElementsByTagNameNS(XHTML, "div");
        for (int i = 0; i < divs.getLength(); i++) {
            Element div = (Element) divs.item(i);
            if (div.getAttribute("class").equals("chapter")) {
                body.appendChild(book.importNode(div, true));
            }
        }
        return book;
    }

    /** What a book's cover and metadata say: the whole hub's, or one section's. */
    record Cover(String title, String subtitle, String description) {

        static Cover of(Hub hub) {
            HubConfig config = hub.config();
            return new Cover(config.title(), config.subtitle(), config.description());
        }

        /** A section's book: the hub's title and the section's, then the hub's description. */
        static Cover of(Hub hub, String section) {
            HubConfig config = hub.config();
            String name = config.section(section).map(HubConfig.SectionInfo::title).orElse(section);
            return new Cover(config.title() + " — " + name, config.subtitle(), config.description());
        }
    }

    /**
     * The most chapters whose contents list their section headings too. A longer book lists its
     * chapters only (a chapter is flagged when any of its sections is): with every section, a
     * 10,000-chapter book's contents take 1,130 pages, more than a reader can use, and laying them
     * out at once took more than the guide's 2 GB. The bookmarks still hold every heading.
     */
    static final int SECTION_ENTRIES_UP_TO = 2_000;

    /** Whether the contents of these chapters list their section headings. */
    static boolean listsSections(List<Page> pages) {
        return pages.size() <= SECTION_ENTRIES_UP_TO;
    }

    /**
     * The front matter: cover and table of contents of these pages, each entry naming the page its
     * target is printed on ({@code pageOf}, by anchor id; laid out once the parts are, so the
     * numbers are known) and flagged when this edition changed it. Entries link to the pages' site
     * URLs, which assembly turns into links inside the book. The appendix's entry, when the book
     * has one, is last.
     */
    static Document front(Hub hub, Optional<Revision> edition, Paper paper, Cover cover, List<Page> pages,
                          ChangedSections changes, boolean appendix, Function<String, String> pageOf) {
        return front(hub, edition, paper, cover, pages, changes, appendix, pageOf, listsSections(pages));
    }

    /** The front matter, its contents listing section headings or not, as one document. */
    static Document front(Hub hub, Optional<Revision> edition, Paper paper, Cover cover, List<Page> pages,
                          ChangedSections changes, boolean appendix, Function<String, String> pageOf, boolean sections) {
        return parse(frontPieces(hub, edition, paper, cover, pages, changes, appendix, pageOf, sections, Integer.MAX_VALUE, false).get(0));
    }

    /**
     * Contents of more entries than this (about seven pages) are laid out in pieces: the cover
     * alone, then the entries of each section of the hub from a new page. Each piece is kept by its
     * text, so an edit lays out again only the pieces whose entries it changed (a flag, a title, a
     * page number), not a 113-page contents for a 1,000-chapter book; the real hub's contents stay
     * one run after its cover. Shorter contents are one piece after the whole book's cover, which
     * is a piece of its own either way: only the cover names the revision, so an edit whose flags
     * and page numbers are those of the last edition (the same page edited again) lays out the
     * cover alone.
     */
    static final int CONTENTS_PIECES_FROM = 300;

    /** The contents' entry for the appendix "Changes since edition N". */
    static final String APPENDIX_ENTRY = "Changes in this edition";

    /**
     * The front matter as the XHTML of the pieces it is laid out in, in reading order (see {@link
     * #CONTENTS_PIECES_FROM}): the cover, then the contents in one piece when they have at most
     * {@code piecesFrom} entries. Only the cover names the edition and the keywords, so a piece of
     * the contents is the same text in every edition that leaves its entries alone. A book that
     * names no edition (a section's) keeps short contents in one piece with its cover: its cover
     * changes only with its entries, and a piece of its own would be one more layout.
     */
    static List<String> frontPieces(Hub hub, Optional<Revision> edition, Paper paper, Cover cover, List<Page> pages,
                                    ChangedSections changes, boolean appendix, Function<String, String> pageOf, boolean sections,
                                    int piecesFrom) {
        return frontPieces(hub, edition, paper, cover, pages, changes, appendix, pageOf, sections, piecesFrom, edition.isPresent());
    }

    /** {@link #frontPieces}, or with {@code coverApart} false and short contents, cover and contents as one piece. */
    private static List<String> frontPieces(Hub hub, Optional<Revision> edition, Paper paper, Cover cover, List<Page> pages,
                                            ChangedSections changes, boolean appendix, Function<String, String> pageOf,
                                            boolean sections, int piecesFrom, boolean coverApart) {
        HubConfig config = hub.config();
        String site = config.baseUrl() + "/";
        List<List<TocEntry>> bySection = new ArrayList<>();
        String section = null;
        for (Page page : pages) {
            if (!page.section().equals(section)) {
                bySection.add(new ArrayList<>());
                section = page.section();
            }
            List<TocEntry> toc = bySection.get(bySection.size() - 1);
            boolean chapterChanged = changes.wholeChapter(page.slug()) || changes.head(page.slug())
                    || (!sections && page.headings().stream().anyMatch(h -> h.level() == 2 && changes.flags(page, h)));
            toc.add(new TocEntry(site + page.sitePath(), page.title(), true, pageOf.apply(chapterId(page.slug())), chapterChanged));
            for (Heading h : page.headings()) {
                if (sections && h.level() == 2) {
                    toc.add(new TocEntry(site + page.sitePath() + "#" + h.id(), h.text(), false,
                            pageOf.apply(anchorId(page.slug(), h.id())), changes.flags(page, h)));
                }
            }
        }
        if (bySection.isEmpty()) {
            bySection.add(new ArrayList<>());
        }
        if (appendix) {
            // Named without the edition it compares with (the appendix's own heading names it): an
            // entry that changed with every edition laid the last section's piece out again each time.
            changes.appendix(hub).ifPresent(a -> bySection.get(bySection.size() - 1).add(new TocEntry(bookAnchor(hub, a.id()),
                    APPENDIX_ENTRY, true, pageOf.apply(a.id()), false)));
        }
        Link home = new Link(site, config.baseUrl().replaceFirst("^https?://", ""));
        // The cover (with the edition and the keywords) and/or a run of entries (naming neither); the
        // contents' heading opens the run after the cover or, in pieces, the first section's.
        List<TocEntry> all = bySection.stream().flatMap(List::stream).toList();
        if (all.size() <= piecesFrom && !coverApart) {
            return List.of(frontPiece(hub, edition, paper, cover, pages, home, true, true, all));
        }
        List<String> pieces = new ArrayList<>();
        pieces.add(frontPiece(hub, edition, paper, cover, pages, home, true, true, List.of()));
        if (all.size() <= piecesFrom) {
            pieces.add(frontPiece(hub, edition, paper, cover, pages, home, false, true, all));
        } else {
            bySection.forEach(run -> pieces.add(frontPiece(hub, edition, paper, cover, pages, home, false, run == bySection.get(0), run)));
        }
        return List.copyOf(pieces);
    }

    /** A piece of front matter: the cover (with the edition and the keywords) and/or a run of entries, the first run under the contents' heading. */
    private static String frontPiece(Hub hub, Optional<Revision> edition, Paper paper, Cover cover, List<Page> pages, Link home,
                                     boolean withCover, boolean opens, List<TocEntry> toc) {
        HubConfig config = hub.config();
        return render("front.jte", new FrontView(config.language(), cover.title(), cover.subtitle(), cover.description(), config.author(),
                withCover ? String.join(", ", keywords(pages)) : "", css(paper),
                withCover ? edition.map(Revision::seq).orElse(0L) : 0,
                withCover ? edition.map(r -> HUMAN_DATE.format(r.createdAt())).orElse("") : "",
                home, withCover, opens, toc));
    }

    /**
     * The back matter: the appendix "Changes since edition N", each line naming the page its target
     * is printed on; empty for a first edition. Its links name book anchors ({@link #bookAnchor}),
     * which assembly resolves.
     */
    static Optional<Document> back(Hub hub, Revision revision, Paper paper, ChangedSections changes, Function<String, String> pageOf) {
        return changes.appendix(hub).map(appendix -> {
            List<TocEntry> changed = appendix.changed().stream().map(link -> {
                String id = link.href().substring(1);
                return new TocEntry(bookAnchor(hub, id), link.text(), false, pageOf.apply(id), false);
            }).toList();
            BackView view = new BackView(hub.config().language(), hub.config().title(), css(paper), revision.seq(),
                    appendix.id(), appendix.since(), changed, appendix.removed());
            return parse(render("back.jte", view));
        });
    }

    /**
     * A link to an anchor of the book itself, for what has no page on the site (the appendix) or
     * is named by its anchor: the site's root with that fragment, which assembly turns into a link
     * to where the anchor is printed.
     */
    static String bookAnchor(Hub hub, String id) {
        return hub.config().baseUrl() + "/#" + id;
    }

    /**
     * One part of the book: these consecutive pages as chapters, with their bookmarks. Links
     * between the part's own pages become in-document anchors; links to other hub pages keep
     * their site URL, which assembly resolves (to the target in the book, or the site when the
     * book does not hold it). So a part depends only on its pages and the hub's settings, not on
     * where it lands in the book.
     */
    static Document part(MarkdownEngine markdown, Hub hub, List<Page> pages, Paper paper) {
        HubConfig config = hub.config();
        List<Chapter> chapters = new ArrayList<>();
        for (Page page : pages) {
            String html = markdown.render(page.document(), RenderContext.absolute(page.slug(), config.baseUrl(),
                    name -> figure(hub, name)));
            chapters.add(new Chapter(chapterId(page.slug()), page.slug(), page.title(), page.summary(), outline(page), xmlEntities(html)));
        }
        PartView view = new PartView(config.language(), config.title(), css(paper), chapters);
        Document document = parse(render("part.jte", view));
        List<Element> prose = prose(document, pages);
        Set<String> here = new HashSet<>();
        pages.forEach(p -> here.add(p.slug()));
        for (int i = 0; i < pages.size(); i++) {
            rewrite(prose.get(i), pages.get(i).slug(), hub, here);
        }
        return document;
    }

    /** The stylesheet for this paper, with the font stacks filled in. */
    static String css(Paper paper) {
        String css = CSS.replace("__PAPER__", paper.css());
        for (GuideFonts.Stack stack : GuideFonts.Stack.values()) {
            css = css.replace("__" + stack.name() + "__", stack.css('"'));
        }
        return css;
    }

    /** The outline: the chapter's bookmark, with its headings nested by level below it. */
    private static Bookmark outline(Page page) {
        return new Bookmark(page.title(), "#" + chapterId(page.slug()), nested(page.slug(), page.headings(), 0, page.headings().size()));
    }

    /** The headings in [from, to) that no deeper one encloses, each with the deeper ones after it nested below it. */
    private static List<Bookmark> nested(String slug, List<Heading> headings, int from, int to) {
        List<Bookmark> bookmarks = new ArrayList<>();
        int i = from;
        while (i < to) {
            Heading h = headings.get(i);
            int end = i + 1;
            while (end < to && headings.get(end).level() > h.level()) {
                end++;
            }
            bookmarks.add(new Bookmark(h.text(), "#" + anchorId(slug, h.id()), nested(slug, headings, i + 1, end)));
            i = end;
        }
        return bookmarks;
    }

    /** Each chapter's prose (its page body) in reading order, one per page as the template writes them. */
    private static List<Element> prose(Document document, List<Page> pages) {
        List<Element> prose = new ArrayList<>();
        NodeList divs = document.getElementsByTagNameNS(XHTML, "div");
        for (int i = 0; i < divs.getLength(); i++) {
            Element div = (Element) divs.item(i);
            if (div.getAttribute("class").equals("prose")) {
                prose.add(div);
            }
        }
        if (prose.size() != pages.size()) {
            throw new IllegalStateException("the guide has " + prose.size() + " chapter bodies for " + pages.size() + " pages");
        }
        return prose;
    }

    /** Makes a page's ids unique in the book and points its links at in-document anchors. */
    private static void rewrite(Element root, String slug, Hub hub, Set<String> here) {
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
                    internal(href.substring(site.length()), hub).filter(target -> here.contains(target.slug()))
                            .ifPresent(target -> e.setAttribute("href", "#" + target.id()));
                }
            }
            if (e.getLocalName().equals("a") && "footnote-backref".equals(e.getAttribute("class"))) {
                // U+21A9 is only in the emoji font, in its emoji design; an upwards arrow in the text font says the same.
                e.setTextContent("\u2191");
            }
        }
    }

    /** Where a link into the hub lands: the page, and the anchor id of the chapter or of an element in it. */
    record Target(String slug, String id) {
    }

    /** A site path ({@code careers/index.html#x}) of a hub page as the anchor it lands on; empty for other paths. */
    static Optional<Target> internal(String sitePath, Hub hub) {
        int hash = sitePath.indexOf('#');
        String path = hash < 0 ? sitePath : sitePath.substring(0, hash);
        String anchor = hash < 0 ? "" : sitePath.substring(hash + 1);
        if (!path.endsWith(".html")) {
            return Optional.empty();
        }
        String slug = path.substring(0, path.length() - ".html".length());
        return hub.page(slug).map(p -> new Target(slug, anchor.isEmpty() ? chapterId(slug) : anchorId(slug, anchor)));
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
        return Optional.of(render("chart.jte", new ChartView(CompensationChart.standalone(shaped(data), "chart-compensation", CHART_CSS, 160),
                data.currency(), CompensationChart.mixesMeasures(data), data.source(), rows)));
    }

    /**
     * The data with the labels and currency the chart draws in Arabic contextual forms: the SVG
     * renderer orders right-to-left text but joins no letters. The table beside it keeps the text
     * as written, which the layout engine shapes itself.
     */
    private static Compensation shaped(Compensation data) {
        return new Compensation(ArabicShaping.shape(data.currency()), data.source(), data.basis(), data.levels().stream()
                .map(l -> new Compensation.Level(l.id(), ArabicShaping.shape(l.label()), l.titles(), l.years(), l.min(), l.max(),
                        l.openEnded(), l.measure(), l.note())).toList());
    }

    private static Set<String> keywords(List<Page> pages) {
        Set<String> keywords = new LinkedHashSet<>();
        pages.forEach(p -> keywords.addAll(p.tags()));
        return keywords;
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
