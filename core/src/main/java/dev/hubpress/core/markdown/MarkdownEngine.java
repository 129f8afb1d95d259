package dev.hubpress.core.markdown;

import com.vladsch.flexmark.ast.Heading;
import com.vladsch.flexmark.ext.autolink.AutolinkExtension;
import com.vladsch.flexmark.ext.footnotes.FootnoteExtension;
import com.vladsch.flexmark.ext.gfm.strikethrough.StrikethroughExtension;
import com.vladsch.flexmark.ext.tables.TablesExtension;
import com.vladsch.flexmark.ext.toc.TocExtension;
import com.vladsch.flexmark.ext.typographic.TypographicExtension;
import com.vladsch.flexmark.html.HtmlRenderer;
import com.vladsch.flexmark.html.renderer.HeaderIdGenerator;
import com.vladsch.flexmark.parser.Parser;
import com.vladsch.flexmark.util.ast.Document;
import com.vladsch.flexmark.util.ast.Node;
import com.vladsch.flexmark.util.data.DataHolder;
import com.vladsch.flexmark.util.data.DataKey;
import com.vladsch.flexmark.util.data.MutableDataSet;
import com.vladsch.flexmark.util.misc.Extension;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Markdown for every channel: Flexmark with the extensions a hub needs (tables, footnotes, heading
 * ids, [TOC], typographic quotes and dashes, autolinks, strikethrough). Parser and renderer are
 * built once per process ({@link #standard()}) and are thread-safe; per-render state (link style, footnote numbering) travels on the
 * parsed {@link Document}, so one document is rendered by one thread at a time.
 *
 * <p>Raw HTML is escaped, never passed through; links and images go through {@link SafeNodeRenderer}.
 */
public final class MarkdownEngine {

    static final DataKey<RenderContext> RENDER_CONTEXT =
            new DataKey<>("HUB_RENDER_CONTEXT", RenderContext.relative("index", name -> Optional.empty()));

    private final DataHolder options;
    private final Parser parser;
    private final HtmlRenderer renderer;

    /** Built on first use: one parser and renderer per process. */
    private static final class Standard {
        static final MarkdownEngine ENGINE = new MarkdownEngine(AutolinksWhereTheyCanBe.create());
    }

    /**
     * The hub's Markdown dialect. There is one: the gate, the loader and every channel parse and
     * render with the same options, so a document parsed by one renders correctly in the others.
     */
    public static MarkdownEngine standard() {
        return Standard.ENGINE;
    }

    /**
     * The dialect with Flexmark's own autolink extension, which scans every text node: what
     * {@link #standard()} must render exactly like (it scans only text that can hold an autolink).
     */
    static MarkdownEngine withStockAutolinks() {
        return new MarkdownEngine(AutolinkExtension.create());
    }

    private MarkdownEngine(Extension autolinks) {
        MutableDataSet set = new MutableDataSet();
        List<Extension> extensions = List.of(
                TablesExtension.create(),
                FootnoteExtension.create(),
                TocExtension.create(),
                TypographicExtension.create(),
                autolinks,
                StrikethroughExtension.create(),
                SafeNodeRenderer.extension(),
                FootnoteRenderer.extension());
        set.set(Parser.EXTENSIONS, extensions);
        set.set(HtmlRenderer.ESCAPE_HTML, true);
        set.set(HtmlRenderer.GENERATE_HEADER_ID, true);
        set.set(HtmlRenderer.RENDER_HEADER_ID, true);
        set.set(HtmlRenderer.SOFT_BREAK, "\n");
        set.set(TablesExtension.CLASS_NAME, "table");
        set.set(TablesExtension.WITH_CAPTION, false);
        set.set(TocExtension.LEVELS, 4 | 8);
        set.set(TocExtension.IS_TEXT_ONLY, true);
        this.options = set.toImmutable();
        this.parser = Parser.builder(options).build();
        // Footnotes are parsed by Flexmark's extension but rendered by FootnoteRenderer.
        MutableDataSet rendering = new MutableDataSet(options);
        rendering.set(Parser.EXTENSIONS, extensions.stream().filter(e -> !(e instanceof FootnoteExtension)).toList());
        this.renderer = HtmlRenderer.builder(rendering.toImmutable()).build();
    }

    public Document parse(String markdown) {
        Document document = parser.parse(markdown);
        new HeaderIdGenerator(options).generateIds(document);
        return document;
    }

    /**
     * Headings of a parsed body with the ids the renderer gives them.
     *
     * @param firstLine source line of the body's first line, so lines match the file
     * @param lines     the body's line index
     */
    public List<dev.hubpress.core.model.Heading> headings(Document document, int firstLine, LineIndex lines) {
        List<dev.hubpress.core.model.Heading> headings = new ArrayList<>();
        for (Node node : document.getDescendants()) {
            if (node instanceof Heading h) {
                headings.add(new dev.hubpress.core.model.Heading(
                        h.getAnchorRefId(), plainText(h), h.getLevel(), firstLine + lines.line(h.getStartOffset())));
            }
        }
        return headings;
    }

    /** Visible text of a node, without Markdown syntax. */
    public static String plainText(Node node) {
        return PlainText.of(node);
    }

    /**
     * Renders a parsed page body to an HTML fragment for one channel. Safe to call from several
     * threads, also for one document: a render keeps its context and footnote numbering on the
     * document, so renders of one document take turns (the guide lays a page out with and without
     * change bars at once).
     */
    public String render(Document document, RenderContext context) {
        synchronized (document) {
            document.set(RENDER_CONTEXT, context);
            FootnoteRenderer.reset(document);
            return renderer.render(document);
        }
    }
}
