package dev.hubpress.core.markdown;

import com.vladsch.flexmark.ext.footnotes.Footnote;
import com.vladsch.flexmark.ext.footnotes.FootnoteBlock;
import com.vladsch.flexmark.html.HtmlRenderer;
import com.vladsch.flexmark.html.HtmlWriter;
import com.vladsch.flexmark.html.renderer.NodeRendererContext;
import com.vladsch.flexmark.html.renderer.NodeRenderingHandler;
import com.vladsch.flexmark.html.renderer.PhasedNodeRenderer;
import com.vladsch.flexmark.html.renderer.RenderingPhase;
import com.vladsch.flexmark.util.ast.Document;
import com.vladsch.flexmark.util.ast.Node;
import com.vladsch.flexmark.util.data.MutableDataHolder;
import com.vladsch.flexmark.util.data.NullableDataKey;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Footnotes numbered by their label when the label is a number, so {@code [^5]} reads "5" on
 * every page and matches source 5 on the sources page (Flexmark's own renderer renumbers them per
 * page). Notes are listed at the end of the body in order of first citation, each with links
 * back to every place it is cited.
 */
final class FootnoteRenderer implements PhasedNodeRenderer {

    private static final NullableDataKey<Notes> NOTES = new NullableDataKey<>("HUB_FOOTNOTES", (Notes) null);

    /** Forgets a document's footnote bookkeeping, so it renders the same every time. */
    static void reset(Document document) {
        document.remove(NOTES);
    }

    static HtmlRenderer.HtmlRendererExtension extension() {
        return new HtmlRenderer.HtmlRendererExtension() {
            @Override
            public void rendererOptions(MutableDataHolder options) {
                // no options of its own
            }

            @Override
            public void extend(HtmlRenderer.Builder builder, String rendererType) {
                builder.nodeRendererFactory(options -> new FootnoteRenderer());
            }
        };
    }

    @Override
    public Set<NodeRenderingHandler<?>> getNodeRenderingHandlers() {
        return Set.of(
                new NodeRenderingHandler<>(Footnote.class, this::reference),
                // Definitions are listed together at the end, not where they are written.
                new NodeRenderingHandler<>(FootnoteBlock.class, (node, ctx, html) -> { }));
    }

    @Override
    public Set<RenderingPhase> getRenderingPhases() {
        return Set.of(RenderingPhase.BODY_BOTTOM);
    }

    private void reference(Footnote node, NodeRendererContext ctx, HtmlWriter html) {
        FootnoteBlock block = node.getFootnoteBlock();
        if (block == null) {
            html.text("[^" + node.getText() + "]");
            return;
        }
        Notes notes = Notes.of(ctx.getDocument());
        String id = notes.id(block);
        int k = notes.nextReference(block);
        html.raw("<sup class=\"footnote-ref\" id=\"fnref-" + id + (k == 1 ? "" : "-" + k) + "\"><a href=\"#fn-" + id + "\">"
                + notes.number(block) + "</a></sup>");
    }

    @Override
    public void renderDocument(NodeRendererContext ctx, HtmlWriter html, Document document, RenderingPhase phase) {
        Notes notes = Notes.of(document);
        if (notes.order.isEmpty()) {
            return;
        }
        html.line().raw("<section class=\"footnotes\" aria-label=\"Notes\">").line().raw("<ol>").line();
        for (Map.Entry<FootnoteBlock, Integer> entry : notes.order.entrySet()) {
            FootnoteBlock block = entry.getKey();
            String id = notes.id(block);
            html.raw("<li id=\"fn-" + id + "\" value=\"" + notes.number(block) + "\">").line();
            ctx.renderChildren(block);
            for (int k = 1; k <= entry.getValue(); k++) {
                html.raw("<a href=\"#fnref-" + id + (k == 1 ? "" : "-" + k) + "\" class=\"footnote-backref\" aria-label=\"Back to citation "
                        + (entry.getValue() == 1 ? "" : k + " of note ") + notes.number(block) + "\">↩</a>").line();
            }
            html.raw("</li>").line();
        }
        html.raw("</ol>").line().raw("</section>").line();
    }

    /** The notes of one document: cited definitions in order of first citation, with citation counts. */
    private static final class Notes {
        private final Map<FootnoteBlock, Integer> order = new LinkedHashMap<>();
        private final Map<FootnoteBlock, Integer> rendered = new LinkedHashMap<>();

        static Notes of(Document document) {
            Notes notes = NOTES.get(document);
            if (notes == null) {
                notes = new Notes();
                for (Node node : document.getDescendants()) {
                    if (node instanceof Footnote footnote && footnote.getFootnoteBlock() != null) {
                        notes.order.merge(footnote.getFootnoteBlock(), 1, Integer::sum);
                    }
                }
                document.set(NOTES, notes);
            }
            return notes;
        }

        int nextReference(FootnoteBlock block) {
            return rendered.merge(block, 1, Integer::sum);
        }

        String number(FootnoteBlock block) {
            String label = block.getText().toString();
            if (label.matches("[0-9]{1,4}")) {
                return String.valueOf(Integer.parseInt(label));
            }
            int i = 1;
            for (FootnoteBlock b : order.keySet()) {
                if (b == block) {
                    return String.valueOf(i);
                }
                i++;
            }
            return "?";
        }

        String id(FootnoteBlock block) {
            return block.getText().toString().replaceAll("[^A-Za-z0-9_-]", "-");
        }
    }
}
