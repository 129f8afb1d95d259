package dev.hubpress.site;

import dev.hubpress.core.cache.RenderedBodies;
import dev.hubpress.core.markdown.MarkdownEngine;
import dev.hubpress.core.port.RenderCache;
import dev.hubpress.core.work.Parallel;
import dev.hubpress.core.channel.Artifact;
import dev.hubpress.core.channel.ChannelRenderer;
import dev.hubpress.core.channel.Edition;
import dev.hubpress.core.mail.DigestArchive;
import dev.hubpress.core.revision.Revision;
import dev.hubpress.core.channel.FeedTopic;
import dev.hubpress.core.model.HubConfig;
import dev.hubpress.core.revision.Redirects;
import dev.hubpress.site.view.PageView;
import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The HTML site channel: one page per Markdown page, the home page and section indexes with their
 * listings, a changelog of revisions with a redline page per revision ({@code changes/r<N>.html}),
 * a landing page for the hub's feeds and each section's ({@code follow/}, see {@link FeedTopic}),
 * 404, sitemap.xml, robots.txt, fingerprinted assets, a search page with its static index
 * ({@link SearchIndex}), a redirect page at each old URL of a moved page ({@link Redirects}), and
 * the public archive of email digests ({@link DigestArchive}: a page per digest, an index, an Atom feed).
 * Every internal URL is relative, so the folder also works opened straight from disk; canonical,
 * Open Graph, JSON-LD and sitemap URLs are absolute under the hub's base URL.
 *
 * <p>A renderer remembers what it rendered for the previous edition, so that republishing a large
 * hub after a small edit costs little: a page body is rendered again only when its Markdown, slug
 * or figure data changed (kept across processes too, in the render cache it is given), and a
 * page's HTML is laid out again only when its view (every value the template reads: body,
 * listings, navigation, dates, JSON-LD…) differs. Pages are laid out on every core, and come out
 * in reading order. A page's search entries are likewise kept by what they are made from, so only
 * changed pages are tokenized again. The output is the same bytes as a fresh renderer's.
 */
public final class SiteRenderer implements ChannelRenderer {

    /** Name of the site's page bodies in the render cache. */
    static final String BODIES = "site-bodies";

    private final MarkdownEngine markdown;
    private final TemplateEngine templates;
    private final SiteAssets assets;
    private final RenderedBodies bodies;
    private final SearchSections search;
    /** The previous render's page artifacts, by path and view; replaced (never changed) by each render. */
    private volatile Map<PageKey, Artifact> previousPages = Map.of();
    /** The previous render's pages of the history (redlines, the digest archive), the same way. */
    private volatile Map<PageKey, Artifact> previousHistory = Map.of();
    /** The previous render's feeds pages, the same way. */
    private volatile Map<PageKey, Artifact> previousFeedPages = Map.of();

    /**
     * A page's HTML is a function of its path and its view (a {@link PageView}, a redline's view).
     * The view's hash walks all of it (a record's is not kept), so it is taken once, where the key
     * is made: for the pages, on every core; the map the render keeps then only reads it.
     */
    private record PageKey(String sitePath, Object view, int hash) {
        PageKey(String sitePath, Object view) {
            this(sitePath, view, 31 * sitePath.hashCode() + view.hashCode());
        }

        @Override
        public int hashCode() {
            return hash;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof PageKey other && other.hash == hash && other.sitePath.equals(sitePath) && other.view.equals(view);
        }
    }

    /** A renderer that keeps page bodies in memory only. */
    public SiteRenderer(MarkdownEngine markdown) {
        this(markdown, RenderCache.NONE);
    }

    /** A renderer that also keeps page bodies in this cache, for the next process. */
    public SiteRenderer(MarkdownEngine markdown, RenderCache cache) {
        this.markdown = markdown;
        this.templates = TemplateEngine.createPrecompiled(null, ContentType.Html, null, "dev.hubpress.site.jte");
        this.assets = new SiteAssets();
        this.bodies = new RenderedBodies(cache, BODIES, "channel-site");
        this.search = new SearchSections(cache);
    }

    @Override
    public List<Artifact> render(Edition edition) {
        SiteViews site = new SiteViews(edition, markdown, assets, bodies);
        Map<PageKey, Artifact> previous = previousPages;
        List<Map.Entry<PageKey, Artifact>> laidOut;
        List<SearchIndex.IndexedPage> indexed;
        try {
            laidOut = Parallel.map(edition.hub().pages(), page -> {
                PageKey key = new PageKey(page.sitePath(), site.pageView(page));
                Artifact artifact = previous.get(key);
                return Map.entry(key, artifact != null ? artifact : html(page.sitePath(), templates, "page.jte", key.view()));
            });
            indexed = Parallel.map(edition.hub().pages(), page ->
                    new SearchIndex.IndexedPage(page.sitePath(), page.title(), search.of(page)));
        } finally {
            bodies.endRender();
            search.endRender();
        }
        List<Artifact> artifacts = new ArrayList<>();
        Map<PageKey, Artifact> pages = new HashMap<>();
        for (Map.Entry<PageKey, Artifact> page : laidOut) {
            pages.put(page.getKey(), page.getValue());
            artifacts.add(page.getValue());
        }
        previousPages = pages;
        // Old URLs of moved pages: a page that sends the reader on (no sitemap or feed lists them).
        for (Redirects.Redirect redirect : Redirects.of(edition.hub(), edition.revision().changes())) {
            artifacts.add(html(redirect.sitePath(), templates, "redirect.jte", site.redirectView(redirect)));
        }
        artifacts.add(html("changelog.html", templates, "changelog.jte", site.changelogView()));
        // The history's pages (a redline page per revision, the digest archive's pages) are laid
        // out again only when their view changed (a link, the navigation): a publish renders the
        // whole history's, most of them as they were.
        Map<PageKey, Artifact> previousHistory = this.previousHistory;
        Map<PageKey, Artifact> history = new HashMap<>();
        for (Revision redlined : site.redlined()) {
            artifacts.add(laidOut(previousHistory, history, RedlineEntries.key(redlined), "redline.jte", site.redlineView(redlined)));
        }
        List<Revision> digests = site.digests();
        for (Revision digest : digests) {
            artifacts.add(laidOut(previousHistory, history, DigestArchive.sitePath(digest.seq()), "digest.jte", site.digestView(digest)));
        }
        artifacts.add(laidOut(previousHistory, history, DigestArchive.INDEX, "digests.jte", site.digestIndexView(digests)));
        artifacts.add(Artifact.text(DigestArchive.FEED, site.digestFeed(digests), "application/atom+xml; charset=utf-8",
                Artifact.CachePolicy.SHORT));
        this.previousHistory = history;
        // The feeds' pages, the hub's (listing every section's) and one per section, the same way.
        Map<PageKey, Artifact> previousFeedPages = this.previousFeedPages;
        Map<PageKey, Artifact> feedPages = new HashMap<>();
        artifacts.add(laidOut(previousFeedPages, feedPages, FeedTopic.HUB.landing(), "feed.jte", site.hubFeedView()));
        for (HubConfig.SectionInfo section : site.feedSections()) {
            String key = FeedTopic.section(section.id()).landing();
            artifacts.add(laidOut(previousFeedPages, feedPages, key, "feed.jte", site.sectionFeedView(section)));
        }
        this.previousFeedPages = feedPages;
        artifacts.add(html("404.html", templates, "notfound.jte", site.notFoundView()));
        artifacts.add(html("subscribe.html", templates, "subscribe.jte", site.subscribeView()));
        artifacts.add(html("search.html", templates, "search.jte", site.searchView()));
        artifacts.addAll(SearchIndex.build(indexed));
        artifacts.add(Artifact.text("sitemap.xml", Sitemap.xml(edition.hub(), site.dates(), site.changelogUrl()),
                "application/xml; charset=utf-8", Artifact.CachePolicy.SHORT));
        artifacts.add(Artifact.text("robots.txt", "User-agent: *\nAllow: /\n\nSitemap: "
                + edition.hub().config().absoluteUrl("sitemap.xml") + "\n", "text/plain; charset=utf-8", Artifact.CachePolicy.SHORT));
        artifacts.addAll(assets.artifacts());
        return artifacts;
    }

    /**
     * A revision's redline page keeps its address for good, like the guide's copy of it: the site
     * renders those of the history it reads, and leaves older ones as they were published. So does
     * a digest's page in the archive: an email links to it.
     */
    @Override
    public boolean retains(String key) {
        return key.startsWith(RedlineEntries.FOLDER) || key.startsWith(DigestArchive.FOLDER);
    }

    /** How many page bodies this renderer rendered (not found in memory or in its cache) so far. */
    long bodiesRendered() {
        return bodies.rendered();
    }

    /** How many pages this renderer cut into search sections and tokenized (not found in memory or its cache) so far. */
    long pagesIndexed() {
        return search.tokenized();
    }

    /** The page at {@code key} with this view: the previous render's artifact if it had the same, else laid out now. */
    private Artifact laidOut(Map<PageKey, Artifact> previous, Map<PageKey, Artifact> now, String key, String template, Object view) {
        PageKey page = new PageKey(key, view);
        Artifact artifact = previous.get(page);
        artifact = artifact != null ? artifact : html(key, templates, template, view);
        now.put(page, artifact);
        return artifact;
    }

    private static Artifact html(String key, TemplateEngine templates, String template, Object model) {
        StringOutput out = new StringOutput(16 * 1024);
        templates.render(template, model, out);
        return Artifact.text(key, out.toString(), "text/html; charset=utf-8", Artifact.CachePolicy.SHORT);
    }

}
