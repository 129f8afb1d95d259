package dev.hubpress.core.gate;

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
import com.vladsch.flexmark.util.ast.Node;
import dev.hubpress.core.content.GateError;
import dev.hubpress.core.load.ContentReader;
import dev.hubpress.core.load.PageSource;
import dev.hubpress.core.markdown.LinkPolicy;

import java.util.List;
import java.util.Set;

/**
 * A page's body: no raw HTML and no images (renderers load nothing external), headings that
 * start at h2 and never skip a level, only safe link schemes, footnotes cited and defined, charts
 * that exist. Internal links are collected for {@link LinkRules}, which sees every page.
 */
final class BodyRules {

    /** Figures a page may embed with a {@code ```hub-chart} block. */
    static final Set<String> FIGURES = Set.of("compensation");

    private BodyRules() {
    }

    /** An internal link, resolved once every page is read. */
    record InternalLink(String path, int line, String destination, String slug, String anchor) {
    }

    static void check(PageSource page, boolean hasCompensation, List<GateError> errors, List<InternalLink> links) {
        String path = page.path();
        int previousLevel = 1;
        for (Node node : page.document().getDescendants()) {
            if (node instanceof HtmlBlockBase || node instanceof HtmlInlineBase) {
                errors.add(new GateError(path, page.lineOf(node), "raw HTML is not allowed: " + excerpt(node.getChars().toString())));
            } else if (node instanceof Heading heading) {
                if (heading.getLevel() == 1) {
                    errors.add(new GateError(path, page.lineOf(node), "level-1 heading in the body: the front matter title is the "
                            + "page's only h1; start body headings at ##"));
                } else if (heading.getLevel() > previousLevel + 1) {
                    errors.add(new GateError(path, page.lineOf(node), "heading level jumps from h" + previousLevel + " to h"
                            + heading.getLevel() + "; do not skip levels"));
                }
                previousLevel = heading.getLevel();
            } else if (node instanceof Image || node instanceof ImageRef) {
                errors.add(new GateError(path, page.lineOf(node), "images are not supported (renderers load no external "
                        + "resource): describe it in text or use a hub-chart block"));
            } else if (node instanceof Link link) {
                classify(page, page.lineOf(node), link.getUrl().unescape(), errors, links);
            } else if (node instanceof Reference reference) {
                classify(page, page.lineOf(node), reference.getUrl().unescape(), errors, links);
            } else if (node instanceof AutoLink autoLink) {
                classify(page, page.lineOf(node), LinkPolicy.autolinkDestination(autoLink.getText().unescape()), errors, links);
            } else if (node instanceof Footnote footnote && footnote.getFootnoteBlock() == null) {
                errors.add(new GateError(path, page.lineOf(node), "footnote [^" + footnote.getText() + "] has no definition"));
            } else if (node instanceof FootnoteBlock block && !block.isReferenced()) {
                errors.add(new GateError(path, page.lineOf(node), "footnote [^" + block.getText() + "] is defined but never cited"));
            } else if (node instanceof FencedCodeBlock code && code.getInfo().toString().trim().equals("hub-chart")) {
                String name = code.getContentChars().toString().trim();
                if (!FIGURES.contains(name)) {
                    errors.add(new GateError(path, page.lineOf(node), "unknown hub-chart '" + name + "' (known: "
                            + String.join(", ", FIGURES) + ")"));
                } else if (!hasCompensation) {
                    errors.add(new GateError(path, page.lineOf(node), "hub-chart '" + name + "' needs " + ContentReader.COMPENSATION_DATA));
                }
            }
        }
    }

    private static void classify(PageSource page, int line, String destination, List<GateError> errors, List<InternalLink> links) {
        LinkPolicy.Target target = LinkPolicy.classify(destination, page.slug());
        if (target instanceof LinkPolicy.Unsafe unsafe) {
            errors.add(new GateError(page.path(), line, "unsafe link: " + unsafe.reason()));
        } else if (target instanceof LinkPolicy.NotAPage) {
            errors.add(new GateError(page.path(), line, "broken link '" + destination + "': links inside the hub must name a .md page"));
        } else if (target instanceof LinkPolicy.Internal internal) {
            links.add(new InternalLink(page.path(), line, destination, internal.slug(), internal.anchor()));
        } else if (target instanceof LinkPolicy.SamePage same) {
            links.add(new InternalLink(page.path(), line, destination, page.slug(), same.anchor()));
        }
    }

    private static String excerpt(String s) {
        String one = s.strip().replaceAll("\\s+", " ");
        return one.length() > 60 ? one.substring(0, 57) + "…" : one;
    }
}
