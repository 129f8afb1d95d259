package dev.hubpress.core.gate;

import dev.hubpress.core.channel.Channels;
import dev.hubpress.core.content.ContentFile;
import dev.hubpress.core.content.ContentTree;
import dev.hubpress.core.content.GateError;
import dev.hubpress.core.load.PageSource;
import dev.hubpress.core.markdown.SitePaths;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What spans pages: a home page, one page per slug, no page on a path a channel publishes, and
 * every internal link and anchor pointing at something that exists.
 */
final class LinkRules {

    private LinkRules() {
    }

    static void check(ContentTree tree, List<PageSource> pages, List<BodyRules.InternalLink> links, Channels channels,
                      List<GateError> errors) {
        Set<String> pageFiles = new HashSet<>();
        tree.files().stream().map(ContentFile::path).filter(p -> p.endsWith(".md")).forEach(pageFiles::add);
        if (!pageFiles.contains("index.md")) {
            errors.add(new GateError("index.md", 1, "the hub needs a home page: index.md is missing"));
        }
        checkSlugs(pageFiles, channels, errors);
        checkLinks(pageFiles, pages, links, errors);
    }

    /** Slugs of every page file, readable or not: unique, and not a path a channel publishes. */
    private static void checkSlugs(Set<String> pageFiles, Channels channels, List<GateError> errors) {
        Map<String, String> seen = new HashMap<>();
        pageFiles.stream().sorted().forEach(path -> {
            String slug = SitePaths.slugOf(path);
            String first = seen.putIfAbsent(slug, path);
            if (first != null) {
                errors.add(new GateError(path, 1, "duplicate slug '" + slug + "': " + first + " already publishes to " + slug + ".html"));
            }
            String sitePath = slug + ".html";
            channels.ownerOf(sitePath).ifPresent(owner -> errors.add(new GateError(path, 1, "this page would publish to "
                    + sitePath + ", a path the " + owner + " channel publishes itself; rename the file")));
        });
    }

    private static void checkLinks(Set<String> pageFiles, List<PageSource> pages, List<BodyRules.InternalLink> links,
                                   List<GateError> errors) {
        Map<String, PageSource> bySlug = new HashMap<>();
        pages.forEach(p -> bySlug.put(p.slug(), p));
        // A link to a page file that could not be read is not reported a second time as broken.
        Set<String> fileSlugs = new HashSet<>();
        pageFiles.forEach(p -> fileSlugs.add(SitePaths.slugOf(p)));
        for (BodyRules.InternalLink link : links) {
            PageSource target = bySlug.get(link.slug());
            if (target == null) {
                if (!fileSlugs.contains(link.slug())) {
                    errors.add(new GateError(link.path(), link.line(), "broken link '" + link.destination()
                            + "': no page " + link.slug() + ".md"));
                }
                continue;
            }
            if (!link.anchor().isEmpty() && target.headings().stream().noneMatch(h -> h.id().equals(link.anchor()))
                    && !isFootnoteAnchor(link.anchor())) {
                errors.add(new GateError(link.path(), link.line(), "broken anchor '" + link.destination()
                        + "': " + target.path() + " has no heading with id '" + link.anchor() + "'"));
            }
        }
    }

    private static boolean isFootnoteAnchor(String anchor) {
        return anchor.startsWith("fn-") || anchor.startsWith("fnref-");
    }
}
