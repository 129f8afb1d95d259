package dev.hubpress.core.load;

import com.vladsch.flexmark.ast.AutoLink;
import com.vladsch.flexmark.ast.FencedCodeBlock;
import com.vladsch.flexmark.ast.Heading;
import com.vladsch.flexmark.ast.HtmlBlockBase;
import com.vladsch.flexmark.ast.HtmlInlineBase;
import com.vladsch.flexmark.ast.Image;
import com.vladsch.flexmark.ast.ImageRef;
import com.vladsch.flexmark.ast.Link;
import com.vladsch.flexmark.ast.Reference;
import com.vladsch.flexmark.ext.footnotes.Footnote;
import com.vladsch.flexmark.ext.footnotes.FootnoteBlock;
import com.vladsch.flexmark.util.ast.Document;
import com.vladsch.flexmark.util.ast.Node;
import dev.hubpress.core.cache.CachedEntries;
import dev.hubpress.core.markdown.LineIndex;
import dev.hubpress.core.markdown.LinkPolicy;
import dev.hubpress.core.markdown.MarkdownEngine;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * What a page body holds that the gate's rules and the content model look at, in document order,
 * each at its file line: the headings (with the ids the renderer gives them), and the elements the
 * body rules check — raw HTML, headings, images, link destinations, footnotes without a definition
 * or without a citation, and charts. One walk over the parsed document, with its line index built
 * once. A pure function of the page file's text, so it is cached by the file's hash, and a page
 * read from the cache is not parsed at all.
 */
public record BodyOutline(List<dev.hubpress.core.model.Heading> headings, List<Element> elements) {

    public BodyOutline {
        headings = List.copyOf(headings);
        elements = List.copyOf(elements);
    }

    /** Kinds of elements the body rules check. */
    public enum Kind {
        /** Raw HTML; text: its source. */
        RAW_HTML,
        /** A heading; level: its level. */
        HEADING,
        /** An image or image reference. */
        IMAGE,
        /** A link, reference definition or autolink; text: its destination. */
        LINK,
        /** A footnote reference with no definition; text: its label. */
        UNDEFINED_FOOTNOTE,
        /** A footnote definition no text cites; text: its label. */
        UNCITED_FOOTNOTE,
        /** A {@code ```hub-chart} block; text: the figure it names. */
        CHART
    }

    /** One element, at a file line. */
    public record Element(Kind kind, int line, int level, String text) {
    }

    /**
     * The outline of a parsed body.
     *
     * @param bodyLine file line of the body's first line
     */
    static BodyOutline of(Document document, String body, int bodyLine) {
        LineIndex lines = LineIndex.of(body);
        List<dev.hubpress.core.model.Heading> headings = new ArrayList<>();
        List<Element> elements = new ArrayList<>();
        for (Node node : document.getDescendants()) {
            int line = bodyLine + lines.line(node.getStartOffset());
            if (node instanceof HtmlBlockBase || node instanceof HtmlInlineBase) {
                elements.add(new Element(Kind.RAW_HTML, line, 0, node.getChars().toString()));
            } else if (node instanceof Heading heading) {
                headings.add(new dev.hubpress.core.model.Heading(heading.getAnchorRefId(), MarkdownEngine.plainText(heading),
                        heading.getLevel(), line));
                elements.add(new Element(Kind.HEADING, line, heading.getLevel(), ""));
            } else if (node instanceof Image || node instanceof ImageRef) {
                elements.add(new Element(Kind.IMAGE, line, 0, ""));
            } else if (node instanceof Link link) {
                elements.add(new Element(Kind.LINK, line, 0, link.getUrl().unescape()));
            } else if (node instanceof Reference reference) {
                elements.add(new Element(Kind.LINK, line, 0, reference.getUrl().unescape()));
            } else if (node instanceof AutoLink autoLink) {
                elements.add(new Element(Kind.LINK, line, 0, LinkPolicy.autolinkDestination(autoLink.getText().unescape())));
            } else if (node instanceof Footnote footnote && footnote.getFootnoteBlock() == null) {
                elements.add(new Element(Kind.UNDEFINED_FOOTNOTE, line, 0, footnote.getText().toString()));
            } else if (node instanceof FootnoteBlock block && !block.isReferenced()) {
                elements.add(new Element(Kind.UNCITED_FOOTNOTE, line, 0, block.getText().toString()));
            } else if (node instanceof FencedCodeBlock code && code.getInfo().toString().trim().equals("hub-chart")) {
                elements.add(new Element(Kind.CHART, line, 0, code.getContentChars().toString().trim()));
            }
        }
        return new BodyOutline(headings, elements);
    }

    /** How an outline is kept in the cache. */
    static final CachedEntries.Codec<BodyOutline> CODEC = new CachedEntries.Codec<>() {
        @Override
        public void write(DataOutputStream out, BodyOutline outline) throws IOException {
            out.writeInt(outline.headings().size());
            for (dev.hubpress.core.model.Heading h : outline.headings()) {
                CachedEntries.writeText(out, h.id());
                CachedEntries.writeText(out, h.text());
                out.writeInt(h.level());
                out.writeInt(h.line());
            }
            out.writeInt(outline.elements().size());
            for (Element e : outline.elements()) {
                CachedEntries.writeText(out, e.kind().name());
                out.writeInt(e.line());
                out.writeInt(e.level());
                CachedEntries.writeText(out, e.text());
            }
        }

        @Override
        public BodyOutline read(DataInputStream in) throws IOException {
            List<dev.hubpress.core.model.Heading> headings = new ArrayList<>();
            for (int i = in.readInt(); i > 0; i--) {
                headings.add(new dev.hubpress.core.model.Heading(CachedEntries.readText(in), CachedEntries.readText(in),
                        in.readInt(), in.readInt()));
            }
            List<Element> elements = new ArrayList<>();
            for (int i = in.readInt(); i > 0; i--) {
                elements.add(new Element(Kind.valueOf(CachedEntries.readText(in)), in.readInt(), in.readInt(),
                        CachedEntries.readText(in)));
            }
            return new BodyOutline(headings, elements);
        }
    };
}
