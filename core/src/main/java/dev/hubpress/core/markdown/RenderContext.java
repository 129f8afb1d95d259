package dev.hubpress.core.markdown;

import java.util.Optional;
import java.util.function.Function;

/**
 * How one channel wants one page rendered: where internal links point (relative for the site,
 * absolute for feeds and email) and how named figures ({@code ```hub-chart} blocks) are drawn.
 *
 * @param pageSlug slug of the page being rendered
 * @param baseUrl  null for links relative to the page; else absolute links under this base
 * @param figures  HTML for a named figure, empty when the channel has none (then a note is shown)
 */
public record RenderContext(String pageSlug, String baseUrl, Function<String, Optional<String>> figures) {

    public static RenderContext relative(String pageSlug, Function<String, Optional<String>> figures) {
        return new RenderContext(pageSlug, null, figures);
    }

    public static RenderContext absolute(String pageSlug, String baseUrl, Function<String, Optional<String>> figures) {
        return new RenderContext(pageSlug, baseUrl, figures);
    }

    /**
     * Whether a page of this Markdown may draw a figure, so that what figures are drawn from is an
     * input of its rendering: a {@code ```hub-chart} block's info string is matched as written, so a
     * page whose text never names it draws none. (A page that only mentions it is counted too.)
     */
    public static boolean mayDrawFigures(String markdown) {
        return markdown.contains(SafeNodeRenderer.FIGURE_INFO);
    }

    /** The URL of another page (by slug) and anchor, as seen from this page. */
    public String linkTo(String slug, String anchor) {
        String target = slug + ".html" + (anchor == null || anchor.isEmpty() ? "" : "#" + anchor);
        return baseUrl == null ? SitePaths.relativize(pageSlug, target) : baseUrl + "/" + target;
    }
}
