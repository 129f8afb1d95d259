package dev.hubpress.core.gate;

import dev.hubpress.core.content.GateError;
import dev.hubpress.core.load.BodyOutline;
import dev.hubpress.core.load.ContentReader;
import dev.hubpress.core.load.PageSource;
import dev.hubpress.core.markdown.LinkPolicy;

import java.util.List;
import java.util.Set;

/**
 * A page's body: no raw HTML and no images (renderers load nothing external), headings that
 * start at h2 and never skip a level, only safe link schemes, footnotes cited and defined, charts
 * that exist. Checked on the body's outline (what the reader found in it, at its lines), so a page
 * whose outline was cached is checked without being parsed. Internal links are collected for
 * {@link LinkRules}, which sees every page.
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
        for (BodyOutline.Element element : page.outline().elements()) {
            int line = element.line();
            switch (element.kind()) {
                case RAW_HTML -> errors.add(new GateError(path, line, "raw HTML is not allowed: " + excerpt(element.text())));
                case HEADING -> {
                    if (element.level() == 1) {
                        errors.add(new GateError(path, line, "level-1 heading in the body: the front matter title is the "
                                + "page's only h1; start body headings at ##"));
                    } else if (element.level() > previousLevel + 1) {
                        errors.add(new GateError(path, line, "heading level jumps from h" + previousLevel + " to h"
                                + element.level() + "; do not skip levels"));
                    }
                    previousLevel = element.level();
                }
                case IMAGE -> errors.add(new GateError(path, line, "images are not supported (renderers load no external "
                        + "resource): describe it in text or use a hub-chart block"));
                case LINK -> classify(page, line, element.text(), errors, links);
                case UNDEFINED_FOOTNOTE -> errors.add(new GateError(path, line, "footnote [^" + element.text() + "] has no definition"));
                case UNCITED_FOOTNOTE -> errors.add(new GateError(path, line, "footnote [^" + element.text()
                        + "] is defined but never cited"));
                case CHART -> {
                    String name = element.text();
                    if (!FIGURES.contains(name)) {
                        errors.add(new GateError(path, line, "unknown hub-chart '" + name + "' (known: "
                                + String.join(", ", FIGURES) + ")"));
                    } else if (!hasCompensation) {
                        errors.add(new GateError(path, line, "hub-chart '" + name + "' needs " + ContentReader.COMPENSATION_DATA));
                    }
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
