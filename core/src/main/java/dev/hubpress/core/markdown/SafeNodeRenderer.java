package dev.hubpress.core.markdown;

import com.vladsch.flexmark.ast.AutoLink;
import com.vladsch.flexmark.ast.FencedCodeBlock;
import com.vladsch.flexmark.ast.Image;
import com.vladsch.flexmark.ast.ImageRef;
import com.vladsch.flexmark.ast.Link;
import com.vladsch.flexmark.ast.LinkRef;
import com.vladsch.flexmark.ast.MailLink;
import com.vladsch.flexmark.ast.Reference;
import com.vladsch.flexmark.ext.tables.TableCell;
import com.vladsch.flexmark.html.HtmlRenderer;
import com.vladsch.flexmark.html.HtmlWriter;
import com.vladsch.flexmark.html.renderer.NodeRenderer;
import com.vladsch.flexmark.html.renderer.NodeRendererContext;
import com.vladsch.flexmark.html.renderer.NodeRenderingHandler;
import com.vladsch.flexmark.util.ast.Node;
import com.vladsch.flexmark.util.data.MutableDataHolder;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Renders every link and image so that nothing unsafe or external-loading reaches a channel:
 * <ul>
 *   <li>links survive only as http, https, mailto, same-page anchors or hub pages (rewritten to the
 *       channel's URL form); anything else renders as its text alone;</li>
 *   <li>images never render as {@code <img>} (renderers load no external resource): their alt text
 *       is shown instead;</li>
 *   <li>{@code ```hub-chart} blocks render the channel's figure of that name.</li>
 * </ul>
 */
final class SafeNodeRenderer implements NodeRenderer {

    static final String FIGURE_INFO = "hub-chart";

    static HtmlRenderer.HtmlRendererExtension extension() {
        return new HtmlRenderer.HtmlRendererExtension() {
            @Override
            public void rendererOptions(MutableDataHolder options) {
                // no options of its own
            }

            @Override
            public void extend(HtmlRenderer.Builder builder, String rendererType) {
                builder.nodeRendererFactory(options -> new SafeNodeRenderer());
            }
        };
    }

    /**
     * Table cells carry their column alignment as a style instead of the {@code align} attribute,
     * which HTML5 made obsolete (the Nu Html Checker reports it as an error).
     */
    private void tableCell(TableCell node, NodeRendererContext ctx, HtmlWriter html) {
        String tag = node.isHeader() ? "th" : "td";
        if (node.getAlignment() != null) {
            html.attr("style", "text-align: " + node.getAlignment().name().toLowerCase(Locale.ROOT));
        }
        if (node.getSpan() > 1) {
            html.attr("colspan", String.valueOf(node.getSpan()));
        }
        html.srcPos(node.getText()).withAttr().tag(tag);
        ctx.renderChildren(node);
        html.tag("/" + tag);
    }

    @Override
    public Set<NodeRenderingHandler<?>> getNodeRenderingHandlers() {
        return Set.of(
                new NodeRenderingHandler<>(Link.class, (node, ctx, html) -> link(node, node.getUrl().unescape(), ctx, html)),
                new NodeRenderingHandler<>(LinkRef.class, this::linkRef),
                new NodeRenderingHandler<>(AutoLink.class, (node, ctx, html) -> autoLink(node.getText().unescape(), ctx, html)),
                new NodeRenderingHandler<>(MailLink.class, (node, ctx, html) -> autoLink("mailto:" + node.getText().unescape(), ctx, html)),
                new NodeRenderingHandler<>(Image.class, (node, ctx, html) -> altText(node, ctx, html)),
                new NodeRenderingHandler<>(ImageRef.class, (node, ctx, html) -> altText(node, ctx, html)),
                new NodeRenderingHandler<>(FencedCodeBlock.class, this::fencedCode),
                new NodeRenderingHandler<>(TableCell.class, this::tableCell));
    }

    private void linkRef(LinkRef node, NodeRendererContext ctx, HtmlWriter html) {
        Reference reference = node.isDefined() ? node.getReferenceNode(node.getDocument()) : null;
        if (reference == null) {
            ctx.delegateRender();
            return;
        }
        link(node, reference.getUrl().unescape(), ctx, html);
    }

    private static void link(Node node, String destination, NodeRendererContext ctx, HtmlWriter html) {
        Optional<String> href = href(destination, ctx);
        if (href.isEmpty()) {
            ctx.renderChildren(node);
            return;
        }
        html.attr("href", href.get()).withAttr().tag("a");
        ctx.renderChildren(node);
        html.tag("/a");
    }

    private static void autoLink(String destination, NodeRendererContext ctx, HtmlWriter html) {
        Optional<String> href = href(LinkPolicy.autolinkDestination(destination), ctx);
        String text = destination.startsWith("mailto:") ? destination.substring("mailto:".length()) : destination;
        if (href.isEmpty()) {
            html.text(text);
            return;
        }
        html.attr("href", href.get()).withAttr().tag("a");
        html.text(text);
        html.tag("/a");
    }

    private static void altText(Node node, NodeRendererContext ctx, HtmlWriter html) {
        html.withAttr().attr("class", "image-alt").tag("span");
        ctx.renderChildren(node);
        html.tag("/span");
    }

    private void fencedCode(FencedCodeBlock node, NodeRendererContext ctx, HtmlWriter html) {
        if (!FIGURE_INFO.equals(node.getInfo().toString().trim())) {
            ctx.delegateRender();
            return;
        }
        String name = node.getContentChars().toString().trim();
        RenderContext context = MarkdownEngine.RENDER_CONTEXT.get(ctx.getDocument());
        Optional<String> figure = context.figures().apply(name);
        if (figure.isPresent()) {
            html.line().raw(figure.get()).line();
        } else {
            html.withAttr().attr("class", "figure-missing").tag("p");
            html.text("(The “" + name + "” chart is not available in this format.)");
            html.tag("/p").line();
        }
    }

    private static Optional<String> href(String destination, NodeRendererContext ctx) {
        RenderContext context = MarkdownEngine.RENDER_CONTEXT.get(ctx.getDocument());
        LinkPolicy.Target target = LinkPolicy.classify(destination, context.pageSlug());
        if (target instanceof LinkPolicy.External external) {
            return Optional.of(external.url());
        }
        if (target instanceof LinkPolicy.Internal internal) {
            return Optional.of(context.linkTo(internal.slug(), internal.anchor()));
        }
        if (target instanceof LinkPolicy.SamePage same) {
            return Optional.of(context.baseUrl() == null
                    ? "#" + same.anchor()
                    : context.linkTo(context.pageSlug(), same.anchor()));
        }
        return Optional.empty();
    }
}
