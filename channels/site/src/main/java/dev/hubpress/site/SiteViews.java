package dev.hubpress.site;

import dev.hubpress.core.cache.RenderedBodies;
import dev.hubpress.core.markdown.MarkdownEngine;
import dev.hubpress.core.markdown.RenderContext;
import dev.hubpress.core.markdown.SitePaths;
import dev.hubpress.core.model.Compensation;
import dev.hubpress.core.model.Heading;
import dev.hubpress.core.model.Hub;
import dev.hubpress.core.model.HubConfig;
import dev.hubpress.core.model.Page;
import dev.hubpress.core.model.PageKind;
import dev.hubpress.core.channel.Edition;
import dev.hubpress.core.channel.FeedTopic;
import dev.hubpress.core.channel.FeedTopics;
import dev.hubpress.core.channel.GuideInfo;
import dev.hubpress.core.mail.Digest;
import dev.hubpress.core.mail.DigestArchive;
import dev.hubpress.core.revision.ChangeKind;
import dev.hubpress.core.revision.PageChange;
import dev.hubpress.core.revision.Redirects;
import dev.hubpress.core.revision.Revision;
import dev.hubpress.core.revision.SectionChange;
import dev.hubpress.site.view.Alternate;
import dev.hubpress.site.view.ChangeEntry;
import dev.hubpress.site.view.FeedView;
import dev.hubpress.site.view.Follow;
import dev.hubpress.site.view.ChangelogView;
import dev.hubpress.site.view.DigestIndexView;
import dev.hubpress.site.view.DigestPageView;
import dev.hubpress.site.view.Layout;
import dev.hubpress.site.view.Link;
import dev.hubpress.site.view.NotFoundView;
import dev.hubpress.site.view.SearchView;
import dev.hubpress.site.view.PageView;
import dev.hubpress.site.view.RedlineView;
import dev.hubpress.site.view.RedirectView;
import dev.hubpress.site.view.SubscribeView;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The views of one edition, every value the site's templates read: pages with their listings,
 * navigation, breadcrumbs, table of contents, dates and JSON-LD; the changelog; the subscribe and
 * 404 pages. Knows where every page lives relative to every other. One per render; its page views
 * may be asked for from several threads at once.
 */
final class SiteViews {

    /** The digest archive's title, on its index and in its pages' breadcrumbs. */
    static final String ARCHIVE_TITLE = "Email digests";
    private static final DateTimeFormatter HUMAN_DATE = DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.ENGLISH).withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter ISO_DATE = DateTimeFormatter.ISO_LOCAL_DATE.withZone(ZoneOffset.UTC);
    private static final int TOC_MIN_HEADINGS = 3;
    private static final int HOME_UPDATES = 3;
    /** Where the feeds channel publishes the hub's feeds ({@link FeedTopic}). */
    static final String FEED_RSS = FeedTopic.HUB.rss().orElseThrow();
    static final String FEED_ATOM = FeedTopic.HUB.atom();
    static final String FEED_JSON = FeedTopic.HUB.json().orElseThrow();
    /** How many latest entries a feed's landing page lists. */
    static final int LANDING_ENTRIES = 10;
    /** How many of its own feed's latest entries a page's "Follow" block lists. */
    static final int PAGE_ENTRIES = 3;
    static final String RSS_TYPE = "application/rss+xml";
    static final String ATOM_TYPE = "application/atom+xml";
    static final String JSON_TYPE = "application/feed+json";
    /** Where the subscribe form posts, relative to subscribe.html: the CDN routes {@code /api/*} to the subscription API. */
    static final String SUBSCRIBE_API = "api/subscribe";
    /** Where the "email me a link to my settings" form posts (the subscription API, like {@link #SUBSCRIBE_API}). */
    static final String PREFERENCE_LINK_API = "api/preference-link";

    private final MarkdownEngine markdown;
    private final SiteAssets assets;
    private final Edition edition;
    private final Hub hub;
    private final HubConfig config;
    private final Revision revision;
    private final PageDates dates;
    /** Per page, the revision whose redline its "see what changed" link opens. */
    private final Map<String, Revision> lastChanged;
    private final RenderedBodies bodies;
    /** What a figure is drawn from (the chart's data, the sources page it links to): an input of the bodies that may draw one. */
    private final String figureInputs;
    /** Every feed's latest entries, as the feeds channel writes them. */
    private final FeedTopics feeds;
    /** Found on first use, from any thread: pages are laid out on every core. */
    private final Map<String, Optional<Page>> landings = new ConcurrentHashMap<>();

    /**
     * @param bodies the page bodies of earlier renders (and processes), reused when nothing they
     *               are rendered from changed
     */
    SiteViews(Edition edition, MarkdownEngine markdown, SiteAssets assets, RenderedBodies bodies) {
        this.markdown = markdown;
        this.assets = assets;
        this.bodies = bodies;
        this.edition = edition;
        this.hub = edition.hub();
        this.config = hub.config();
        this.revision = edition.revision();
        // Dated from the lineage: a rollback's pages keep the dates they had in the revision it restores.
        this.dates = PageDates.of(edition.lineage(), hub, revision);
        // From the lineage too: after a rollback a page links the change it showed in the restored revision.
        this.lastChanged = RedlineEntries.lastChanged(edition.lineage());
        this.feeds = FeedTopics.asTheSitePublishes(edition, LANDING_ENTRIES);
        this.figureInputs = hub.compensation().map(Compensation::toString).orElse("no chart data") + '\0'
                + hub.page("sources").map(Page::sitePath).orElse("no sources page");
    }

    /** Each page's first and last revision, from the edition's lineage. */
    PageDates dates() {
        return dates;
    }

    String changelogUrl() {
        return config.absoluteUrl("changelog.html");
    }

    PageView pageView(Page page) {
        String root = root(page.sitePath());
        String body = body(page, root);
        List<Link> toc = toc(page);
        List<PageView.Entry> listing = listing(page, root);
        boolean home = page.slug().equals("index");
        String listingTitle = home ? "Sections" : "In this section";
        List<ChangeEntry> updates = home
                ? edition.history().stream().limit(HOME_UPDATES).map(r -> changeEntry(r, root)).toList()
                : List.of();
        Layout layout = layout(page.sitePath(), page.title(),
                home ? config.title() + " — " + config.subtitle() : page.title() + " — " + config.title(),
                page.summary(), canonical(page),
                home ? "website" : "article", jsonLd(page), breadcrumbs(page, root), page.section());
        List<Alternate> alternates = new ArrayList<>(layout.alternates());
        if (!home) {
            alternates.addAll(alternates(root, FeedTopic.section(page.section()), sectionTitle(page.section()) + " — " + config.title()));
        }
        alternates.addAll(alternates(root, FeedTopic.page(page.slug()), (home ? "Home page" : page.title()) + " — " + config.title()));
        layout = layout.withAlternates(alternates);
        Instant updated = dates.modified(page.slug());
        return new PageView(layout, page.title(), page.summary(), HUMAN_DATE.format(updated), isoDate(updated),
                body, toc, listing, listingTitle, updates,
                Link.to(root + "changelog.html", "Every change, revision by revision"),
                home ? guideDownload(root) : null,
                !home && page.isSectionIndex() ? sectionDownload(page.section(), root) : null,
                redlineLink(page, root), new PageView.Watch(root + SUBSCRIBE_API, page.slug()),
                follow(page, root));
    }

    /** The page's "Follow" block: its section's (or on the home page the hub's) feeds, and its own. */
    private Follow follow(Page page, String root) {
        FeedTopic own = FeedTopic.page(page.slug());
        boolean home = page.slug().equals("index");
        FeedTopic section = FeedTopic.section(page.section());
        Link hubFeeds = Link.to(root + FeedTopic.HUB.landing(), "the whole hub");
        Link sectionFeeds = Link.to(root + section.landing(), "every page of " + sectionTitle(page.section()));
        String heading;
        List<Link> offered;
        List<Link> more;
        if (home) {
            heading = "Follow the hub";
            offered = formatLinks(root, FeedTopic.HUB);
            more = List.of();
        } else if (page.isSectionIndex()) {
            heading = "Follow this section";
            offered = formatLinks(root, section);
            more = List.of(sectionFeeds, hubFeeds);
        } else {
            heading = "Follow this page";
            offered = List.of();
            more = List.of(sectionFeeds, hubFeeds);
        }
        List<FeedView.EntryHead> entries = heads(feeds.of(own), root).stream().limit(PAGE_ENTRIES).toList();
        return new Follow(heading, offered, root + own.atom(), config.absoluteUrl(own.atom()), entries, more,
                Link.to(root + FeedTopic.HUB.landing(), "What is a feed?"));
    }

    /** The hub's feeds page ({@code follow/index.html}): its feeds, and where every section's are. */
    FeedView hubFeedView() {
        FeedTopic topic = FeedTopic.HUB;
        String key = topic.landing();
        String root = root(key);
        List<FeedView.Followable> sections = config.sections().stream()
                .map(s -> new FeedView.Followable(Link.to(root + FeedTopic.section(s.id()).landing(), s.title()),
                        formatLinks(root, FeedTopic.section(s.id()))))
                .toList();
        return feedView(topic, "Feeds", "Feeds — " + config.title(),
                "Follow every change to " + config.title() + " in a feed reader: the whole hub, one section, or one page.",
                "Each section’s feeds",
                "Only what changes in one section: each section’s page lists its latest entries and a feed for each of its pages.",
                sections, List.of());
    }

    /** A section's feeds page ({@code follow/sections/<id>.html}): its feeds, and each of its pages' own. */
    FeedView sectionFeedView(HubConfig.SectionInfo section) {
        FeedTopic topic = FeedTopic.section(section.id());
        String root = root(topic.landing());
        List<FeedView.Followable> pages = hub.section(section.id()).stream()
                .map(p -> new FeedView.Followable(Link.to(root + p.sitePath(), p.title()),
                        List.of(Link.to(root + FeedTopic.page(p.slug()).atom(), "Atom"))))
                .toList();
        return feedView(topic, section.title() + " feeds", section.title() + " feeds — " + config.title(),
                "Follow what changes in the pages of " + section.title() + ", and nothing else of " + config.title() + ".",
                "A feed for each page",
                "Only what changes in one page: each page’s own Atom feed, also offered at the foot of the page.",
                pages, List.of(Link.to(root + FeedTopic.HUB.landing(), "Feeds"), new Link(section.id() + ".html", section.title(), true)));
    }

    /** The sections whose feeds pages the site publishes: every one hub.yaml lists. */
    List<HubConfig.SectionInfo> feedSections() {
        return config.sections();
    }

    private FeedView feedView(FeedTopic topic, String title, String documentTitle, String intro, String othersTitle,
                              String othersIntro, List<FeedView.Followable> others, List<Link> trail) {
        String key = topic.landing();
        String root = root(key);
        List<Link> crumbs = new ArrayList<>();
        crumbs.add(Link.to(root + "index.html", "Home"));
        crumbs.addAll(trail.isEmpty() ? List.of(new Link("index.html", "Feeds", true)) : trail);
        Layout layout = layout(key, title, documentTitle, intro, config.absoluteUrl(key), "website", "", crumbs, "");
        if (topic.scope() == FeedTopic.Scope.SECTION) {
            layout = layout.withAlternates(alternates(root, topic, sectionTitle(topic.id()) + " — " + config.title()));
        }
        List<Link> absolute = new ArrayList<>();
        absolute.add(Link.to("index.html", "Home"));
        absolute.add(Link.to(FeedTopic.HUB.landing(), "Feeds"));
        if (topic.scope() == FeedTopic.Scope.SECTION) {
            absolute.add(Link.to(key, title));
        }
        layout = layout.withJsonLd(JsonLd.write(JsonLd.object("@context", "https://schema.org",
                "@graph", List.of(breadcrumbList(absolute)))));
        List<SubscribeView.Feed> formats = new ArrayList<>();
        topic.rss().ifPresent(k -> formats.add(new SubscribeView.Feed("RSS 2.0", "for almost any feed reader", root + k,
                config.absoluteUrl(k), RSS_TYPE)));
        formats.add(new SubscribeView.Feed("Atom 1.0", "the same entries, with both published and updated dates",
                root + topic.atom(), config.absoluteUrl(topic.atom()), ATOM_TYPE));
        topic.json().ifPresent(k -> formats.add(new SubscribeView.Feed("JSON Feed 1.1", "for readers and scripts that prefer JSON",
                root + k, config.absoluteUrl(k), JSON_TYPE)));
        return new FeedView(layout, title, intro, formats, heads(feeds.of(topic), root), othersTitle, othersIntro, others);
    }

    /** The entries as a list shows them, with links relative to the page at {@code root}. */
    private List<FeedView.EntryHead> heads(List<FeedTopics.Item> items, String root) {
        return items.stream().map(item -> new FeedView.EntryHead(item.title(), root + item.target(hub),
                HUMAN_DATE.format(item.revision().createdAt()), isoDate(item.revision().createdAt()))).toList();
    }

    /** One link per format of a topic's feeds, relative to the page at {@code root}. */
    private static List<Link> formatLinks(String root, FeedTopic topic) {
        List<Link> links = new ArrayList<>();
        topic.rss().ifPresent(k -> links.add(Link.to(root + k, "RSS")));
        links.add(Link.to(root + topic.atom(), "Atom"));
        topic.json().ifPresent(k -> links.add(Link.to(root + k, "JSON Feed")));
        return links;
    }

    /** A topic's feeds as a head names them for discovery. */
    private static List<Alternate> alternates(String root, FeedTopic topic, String title) {
        List<Alternate> alternates = new ArrayList<>();
        topic.rss().ifPresent(k -> alternates.add(new Alternate(RSS_TYPE, title + " (RSS)", root + k)));
        alternates.add(new Alternate(ATOM_TYPE, title + " (Atom)", root + topic.atom()));
        topic.json().ifPresent(k -> alternates.add(new Alternate(JSON_TYPE, title + " (JSON Feed)", root + k)));
        return alternates;
    }

    private String sectionTitle(String sectionId) {
        return config.section(sectionId).map(HubConfig.SectionInfo::title).orElse(sectionId);
    }

    private Link redlineLink(Page page, String root) {
        Revision changed = lastChanged.get(page.slug());
        return changed == null ? null
                : Link.to(root + RedlineEntries.key(changed) + "#" + page.slug(), "Changed in " + changed.id() + ": see what changed");
    }

    /**
     * The page's body HTML, rendered again only when something it is rendered from changed: its
     * Markdown, its slug (relative links), and for a page that may draw the chart, the chart's data
     * and the sources page the chart links to. An edit of the data renders those pages alone.
     */
    private String body(Page page, String root) {
        String context = page.slug() + '\0' + (RenderContext.mayDrawFigures(page.source()) ? figureInputs : "no figure");
        return bodies.html(page, context, () ->
                markdown.render(page.document(), RenderContext.relative(page.slug(), name -> figure(name, root))));
    }

    /**
     * The PDF guide as the guide channel recorded it on this revision: the site links to it
     * without depending on the guide module, and never shows another revision's guide. Absent
     * while this revision has no published guide; the guide's outcome publishes the site again.
     */
    private PageView.Download guideDownload(String root) {
        return GuideInfo.of(revision)
                .map(g -> new PageView.Download(root + g.latest(), root + g.revision(),
                        "PDF, " + megabytes(g.bytes()) + ", " + g.pages() + (g.pages() == 1 ? " page" : " pages")))
                .orElse(null);
    }

    /** The section's own PDF as the guide channel recorded it on this revision (see {@link #guideDownload}). */
    private PageView.SectionDownload sectionDownload(String section, String root) {
        String title = config.section(section).map(HubConfig.SectionInfo::title).orElse(section);
        return GuideInfo.of(revision).flatMap(g -> g.section(section))
                .map(s -> new PageView.SectionDownload(root + s.path(), title, s.pages()))
                .orElse(null);
    }

    ChangelogView changelogView() {
        int limit = SiteChannel.CHANGELOG_ENTRIES.of(config);
        List<ChangeEntry> entries = edition.history().stream().limit(limit).map(r -> changeEntry(r, "")).toList();
        List<Link> crumbs = List.of(Link.to("index.html", "Home"), new Link("changelog.html", "What changed", true));
        Layout layout = layout("changelog.html", "What changed", "What changed — " + config.title(),
                "Every revision of " + config.title() + ": which pages and sections changed.",
                changelogUrl(), "website", "", crumbs, "");
        layout = layout.withJsonLd(JsonLd.write(JsonLd.object("@context", "https://schema.org",
                "@graph", List.of(breadcrumbList(crumbs)))));
        return new ChangelogView(layout, "What changed",
                "Each revision of the hub, newest first, with the pages and sections it changed.", entries);
    }

    /** The feeds (published by the feeds channel under these keys) and the email digest. */
    SubscribeView subscribeView() {
        List<Link> crumbs = List.of(Link.to("index.html", "Home"), new Link("subscribe.html", "Subscribe", true));
        Layout layout = layout("subscribe.html", "Subscribe", "Subscribe — " + config.title(),
                "Follow " + config.title() + " in a feed reader (RSS, Atom or JSON Feed), or by email digest.",
                config.absoluteUrl("subscribe.html"), "website", "", crumbs, "");
        layout = layout.withJsonLd(JsonLd.write(JsonLd.object("@context", "https://schema.org",
                "@graph", List.of(breadcrumbList(crumbs)))));
        List<SubscribeView.Feed> feeds = List.of(
                new SubscribeView.Feed("RSS 2.0", "for almost any feed reader", FEED_RSS,
                        config.absoluteUrl(FEED_RSS), "application/rss+xml"),
                new SubscribeView.Feed("Atom 1.0", "the same entries with both published and updated dates",
                        FEED_ATOM, config.absoluteUrl(FEED_ATOM), "application/atom+xml"),
                new SubscribeView.Feed("JSON Feed 1.1", "for readers and scripts that prefer JSON", FEED_JSON,
                        config.absoluteUrl(FEED_JSON), "application/feed+json"));
        List<SubscribeView.Section> sections = config.sections().stream().filter(s -> !hub.section(s.id()).isEmpty())
                .map(s -> new SubscribeView.Section(s.id(), s.title())).toList();
        return new SubscribeView(layout, "Subscribe",
                "Follow what changes in " + config.title() + ": in your feed reader, or by email digest.", feeds,
                SUBSCRIBE_API, sections, PREFERENCE_LINK_API);
    }

    /** The search page: its form works without script; the script finds sections in the static index. */
    SearchView searchView() {
        List<Link> crumbs = List.of(Link.to("index.html", "Home"), new Link("search.html", "Search", true));
        Layout layout = layout("search.html", "Search", "Search — " + config.title(),
                "Search every section of " + config.title() + ".", config.absoluteUrl("search.html"), "website", "",
                crumbs, "");
        layout = layout.withJsonLd(JsonLd.write(JsonLd.object("@context", "https://schema.org",
                "@graph", List.of(breadcrumbList(crumbs)))));
        return new SearchView(layout, "Search", assets.searchScriptKey(), SearchIndex.MANIFEST);
    }

    NotFoundView notFoundView() {
        // Served for any missing path at any depth, so links are root-relative here.
        Layout layout = layout("404.html", "Page not found", "Page not found — " + config.title(),
                "This address has no page.", config.absoluteUrl("404.html"), "website", "", List.of(), "")
                .servedAnywhere(assets.stylesheetText(), sectionNav("/", ""));
        List<Link> sections = config.sections().stream()
                .flatMap(s -> landing(s.id()).stream().map(p -> Link.to("/" + p.sitePath(), s.title())))
                .toList();
        return new NotFoundView(layout, sections);
    }

    /** The page left at a moved page's old URL. */
    RedirectView redirectView(Redirects.Redirect redirect) {
        Page target = hub.page(redirect.to()).orElseThrow(() -> new IllegalStateException(
                "redirect from " + redirect.sitePath() + " to a missing page " + redirect.to()));
        return new RedirectView(config.language(), config.title(), target.title(),
                SitePaths.relativize(redirect.sitePath(), target.sitePath()), canonical(target));
    }

    private String canonical(Page page) {
        return page.slug().equals("index") ? config.baseUrl() + "/" : config.absoluteUrl(page.sitePath());
    }

    private Layout layout(String sitePath, String title, String documentTitle, String description, String canonical,
                          String ogType, String jsonLd, List<Link> breadcrumbs, String currentSection) {
        String root = root(sitePath);
        Layout.Footer footer = new Layout.Footer(root + "changelog.html", root + "sitemap.xml",
                root + FeedTopic.HUB.landing(), config.author());
        return new Layout(config.language(), title, documentTitle, description, canonical, root,
                assets.stylesheetKey(), assets.iconKey(), ogType, config.title(), jsonLd,
                sectionNav(root, currentSection), breadcrumbs, footer, "", alternates(root, FeedTopic.HUB, config.title()));
    }

    private List<Link> sectionNav(String root, String currentSection) {
        List<Link> nav = new ArrayList<>();
        for (HubConfig.SectionInfo section : config.sections()) {
            if (section.id().equals("home")) {
                continue;
            }
            landing(section.id()).ifPresent(p ->
                    nav.add(new Link(root + p.sitePath(), section.title(), section.id().equals(currentSection))));
        }
        return nav;
    }

    /**
     * The page a section's navigation link opens: its index page, else its first page. Asked
     * for on every page (navigation, breadcrumbs), so found once per section: a scan per page
     * would make the site quadratic in the size of a section without an index page.
     */
    private Optional<Page> landing(String sectionId) {
        return landings.computeIfAbsent(sectionId, id -> {
            List<Page> pages = hub.section(id);
            return pages.stream().filter(Page::isSectionIndex).findFirst().or(() -> pages.stream().findFirst());
        });
    }

    private List<Link> breadcrumbs(Page page, String root) {
        if (page.slug().equals("index")) {
            return List.of();
        }
        List<Link> crumbs = new ArrayList<>();
        crumbs.add(Link.to(root + "index.html", "Home"));
        Optional<Page> landing = landing(page.section());
        if (landing.isPresent() && !landing.get().slug().equals(page.slug())) {
            String sectionTitle = config.section(page.section()).map(HubConfig.SectionInfo::title).orElse(page.section());
            crumbs.add(Link.to(root + landing.get().sitePath(), sectionTitle));
        }
        crumbs.add(new Link(root + page.sitePath(), page.title(), true));
        return crumbs;
    }

    private List<Link> toc(Page page) {
        List<Heading> main = page.headings().stream().filter(h -> h.level() == 2).toList();
        if (main.size() < TOC_MIN_HEADINGS) {
            return List.of();
        }
        return main.stream().map(h -> Link.to("#" + h.id(), h.text())).toList();
    }

    private List<PageView.Entry> listing(Page page, String root) {
        if (page.slug().equals("index")) {
            List<PageView.Entry> entries = new ArrayList<>();
            for (HubConfig.SectionInfo section : config.sections()) {
                if (!section.id().equals("home")) {
                    landing(section.id()).ifPresent(p ->
                            entries.add(new PageView.Entry(Link.to(root + p.sitePath(), section.title()), p.summary())));
                }
            }
            return entries;
        }
        if (!page.isSectionIndex()) {
            return List.of();
        }
        return hub.section(page.section()).stream()
                .filter(p -> !p.slug().equals(page.slug()))
                .map(p -> new PageView.Entry(Link.to(root + p.sitePath(), p.title()), p.summary()))
                .toList();
    }

    private Optional<String> figure(String name, String root) {
        if (!name.equals("compensation") || hub.compensation().isEmpty()) {
            return Optional.empty();
        }
        var data = hub.compensation().get();
        String sources = hub.page("sources").map(p -> root + p.sitePath()).orElse(null);
        return Optional.of(ChartFigure.compensation(data, "chart-compensation", data.source(), sources));
    }

    private ChangeEntry changeEntry(Revision r, String root) {
        List<ChangeEntry.Item> items = new ArrayList<>();
        for (PageChange change : r.changes().pages()) {
            Optional<Page> current = hub.page(change.slug());
            String href = current.filter(p -> change.kind() != ChangeKind.REMOVED).map(p -> root + p.sitePath()).orElse(null);
            List<ChangeEntry.Section> sections = new ArrayList<>();
            // A removed page's sections are its redline's; the changelog names the page only.
            List<SectionChange> changed = change.kind() == ChangeKind.CHANGED ? change.sections() : List.of();
            for (SectionChange section : changed) {
                sections.add(new ChangeEntry.Section(section.title(), sectionHref(current, href, section),
                        section.kind().name().toLowerCase(Locale.ROOT)));
            }
            String verb = switch (change.kind()) {
                case ADDED -> "New";
                case CHANGED -> "Updated";
                case REMOVED -> "Removed";
            };
            items.add(new ChangeEntry.Item(verb, change.title(), href, change.detailsChanged(), sections));
        }
        return new ChangeEntry(r.id(), "Revision " + r.seq(), HUMAN_DATE.format(r.createdAt()),
                r.createdAt().toString(), summary(r), items, r.changes().files(),
                Link.to(root + RedlineEntries.key(r), "See what changed in revision " + r.seq()));
    }

    private static String summary(Revision r) {
        return r.parent() == 0
                ? "First publication: " + r.changes().pages().size() + " pages."
                : capitalise(r.changes().summary()) + ".";
    }

    /** Link to a changed section while it is on the page (the page itself for its opening text); null otherwise. */
    static String sectionHref(Optional<Page> current, String href, SectionChange section) {
        if (href == null || current.isEmpty() || section.kind() == ChangeKind.REMOVED) {
            return null;
        }
        if (section.anchor().isEmpty()) {
            return href;
        }
        return current.get().hasAnchor(section.anchor()) ? href + "#" + section.anchor() : null;
    }

    /** The redlines the site publishes: one page per revision of the edition's history up to this one. */
    List<Revision> redlined() {
        return edition.history().stream().filter(r -> r.seq() <= revision.seq()).toList();
    }

    /** A revision's redline page: per changed page and section, the words removed and added. */
    RedlineView redlineView(Revision r) {
        String key = RedlineEntries.key(r);
        String root = root(key);
        String title = "Revision " + r.seq() + ": what changed";
        List<Link> crumbs = List.of(Link.to(root + "index.html", "Home"), Link.to(root + "changelog.html", "What changed"),
                new Link(key.substring(RedlineEntries.FOLDER.length()), "Revision " + r.seq(), true));
        Layout layout = layout(key, title, title + " — " + config.title(),
                "The words removed and added in revision " + r.seq() + " of " + config.title() + ".",
                config.absoluteUrl(key), "website", "", crumbs, "");
        layout = layout.withJsonLd(JsonLd.write(JsonLd.object("@context", "https://schema.org",
                "@graph", List.of(breadcrumbList(List.of(Link.to("index.html", "Home"), Link.to("changelog.html", "What changed"),
                        Link.to(key, "Revision " + r.seq())))))));
        return new RedlineView(layout, title, summary(r), HUMAN_DATE.format(r.createdAt()), r.createdAt().toString(),
                RedlineEntries.note(r), RedlineEntries.pages(r, hub, root), r.changes().files(),
                Link.to(root + "changelog.html#" + r.id(), "Revision " + r.seq() + " in the changelog"));
    }

    /** The digest archive's pages: one per revision a digest can tell, newest first ({@link DigestArchive#revisions}). */
    List<Revision> digests() {
        return DigestArchive.revisions(edition);
    }

    /** A digest's public page: what its email told, and nobody's address or links. */
    DigestPageView digestView(Revision r) {
        String key = DigestArchive.sitePath(r.seq());
        String root = root(key);
        String title = "Digest of revision " + r.seq();
        List<Link> crumbs = List.of(Link.to(root + "index.html", "Home"), Link.to("index.html", ARCHIVE_TITLE),
                new Link(key.substring(DigestArchive.FOLDER.length()), "Revision " + r.seq(), true));
        Layout layout = layout(key, title, title + " — " + config.title(),
                "What the email digest of revision " + r.seq() + " of " + config.title() + " told its subscribers.",
                config.absoluteUrl(key), "website", "", crumbs, "");
        layout = layout.withJsonLd(JsonLd.write(JsonLd.object("@context", "https://schema.org",
                "@graph", List.of(breadcrumbList(List.of(Link.to("index.html", "Home"), Link.to(DigestArchive.INDEX, ARCHIVE_TITLE),
                        Link.to(key, "Revision " + r.seq())))))));
        return new DigestPageView(layout, title, ArchiveEntries.intro(r), ArchiveEntries.entries(r, hub, root),
                ArchiveEntries.removed(r), r.changes().files(),
                Link.to(root + RedlineEntries.key(r), "Every word removed and added in revision " + r.seq()),
                Link.to("index.html", "All digests"), Link.to(root + "subscribe.html", "Get the digests by email"));
    }

    /** The archive's index: every digest page of the history, newest first. */
    DigestIndexView digestIndexView(List<Revision> digests) {
        String root = root(DigestArchive.INDEX);
        List<Link> crumbs = List.of(Link.to(root + "index.html", "Home"), new Link("index.html", ARCHIVE_TITLE, true));
        Layout layout = layout(DigestArchive.INDEX, ARCHIVE_TITLE, ARCHIVE_TITLE + " — " + config.title(),
                "Every email digest of " + config.title() + ", as a page anyone can read.",
                config.absoluteUrl(DigestArchive.INDEX), "website", "", crumbs, "");
        layout = layout.withJsonLd(JsonLd.write(JsonLd.object("@context", "https://schema.org",
                "@graph", List.of(breadcrumbList(List.of(Link.to("index.html", "Home"), Link.to(DigestArchive.INDEX, ARCHIVE_TITLE)))))));
        List<DigestIndexView.Item> items = digests.stream().map(r -> new DigestIndexView.Item(
                DigestArchive.sitePath(r.seq()).substring(DigestArchive.FOLDER.length()), "Revision " + r.seq(),
                Digest.counts(r.changes().pages()), HUMAN_DATE.format(r.createdAt()), r.createdAt().toString())).toList();
        return new DigestIndexView(layout, ARCHIVE_TITLE,
                "What each email digest told its subscribers, newest first: one page per revision, without anybody’s address.",
                Link.to(DigestArchive.FEED.substring(DigestArchive.FOLDER.length()), "The digests as an Atom feed"),
                Link.to(root + "subscribe.html", "Get them by email"), items);
    }

    /** The archive's Atom feed. */
    String digestFeed(List<Revision> digests) {
        return ArchiveEntries.atom(config, digests, revision.createdAt());
    }

    private String jsonLd(Page page) {
        String url = page.slug().equals("index") ? config.baseUrl() + "/" : config.absoluteUrl(page.sitePath());
        Map<String, Object> publisher = JsonLd.object("@type", "Organization", "name", config.author());
        List<Object> graph = new ArrayList<>();
        if (page.slug().equals("index")) {
            graph.add(JsonLd.object("@type", "WebSite", "name", config.title(), "url", url,
                    "description", config.description(), "inLanguage", config.language(), "publisher", publisher));
        } else {
            Map<String, Object> article = JsonLd.object("@type", "Article", "headline", page.title(),
                    "description", page.summary(), "url", url, "mainEntityOfPage", url,
                    "inLanguage", config.language(),
                    "datePublished", dates.published(page.slug()).toString(),
                    "dateModified", dates.modified(page.slug()).toString(),
                    "author", publisher, "publisher", publisher);
            if (!page.tags().isEmpty()) {
                article.put("keywords", String.join(", ", page.tags()));
            }
            graph.add(article);
            graph.add(breadcrumbList(breadcrumbs(page, "")));
        }
        if (page.kind() == PageKind.FAQ) {
            List<Object> questions = new ArrayList<>();
            for (FaqEntries.Entry entry : FaqEntries.of(page)) {
                questions.add(JsonLd.object("@type", "Question", "name", entry.question(),
                        "acceptedAnswer", JsonLd.object("@type", "Answer", "text", entry.answer())));
            }
            graph.add(JsonLd.object("@type", "FAQPage", "url", url, "mainEntity", questions));
        }
        return JsonLd.write(JsonLd.object("@context", "https://schema.org", "@graph", graph));
    }

    /** A BreadcrumbList from a trail of links relative to the site root. */
    private Map<String, Object> breadcrumbList(List<Link> trail) {
        List<Object> items = new ArrayList<>();
        for (int i = 0; i < trail.size(); i++) {
            Link crumb = trail.get(i);
            String url = crumb.href().equals("index.html") ? config.baseUrl() + "/" : config.absoluteUrl(crumb.href());
            items.add(JsonLd.object("@type", "ListItem", "position", i + 1, "name", crumb.text(), "item", url));
        }
        return JsonLd.object("@type", "BreadcrumbList", "itemListElement", items);
    }

    static String isoDate(Instant instant) {
        return ISO_DATE.format(instant);
    }

    /** "1.2 MB" (decimal, one digit), or "340 kB" below one megabyte. */
    static String megabytes(long bytes) {
        return bytes >= 1_000_000 ? String.format(Locale.ROOT, "%.1f MB", bytes / 1e6)
                : Math.max(1, Math.round(bytes / 1e3)) + " kB";
    }

    private static String root(String sitePath) {
        return SitePaths.relativize(sitePath, "");
    }

    private static String capitalise(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
