package dev.hubpress.feeds;

import dev.hubpress.core.markdown.HtmlText;
import dev.hubpress.core.cache.RenderedBodies;
import dev.hubpress.core.content.Fingerprint;
import dev.hubpress.core.markdown.MarkdownEngine;
import dev.hubpress.core.markdown.RenderContext;
import dev.hubpress.core.model.HubConfig;
import dev.hubpress.core.model.Page;
import dev.hubpress.core.channel.Edition;
import dev.hubpress.core.channel.FeedTopic;
import dev.hubpress.core.channel.FeedTopics;
import dev.hubpress.core.revision.ChangeKind;
import dev.hubpress.core.revision.Announcements;
import dev.hubpress.core.revision.PageChange;
import dev.hubpress.core.revision.RedlineExcerpt;
import dev.hubpress.core.revision.Revision;
import dev.hubpress.core.revision.SectionChange;
import dev.hubpress.core.work.Parallel;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The entries of an edition's feeds (the hub's, each section's, each page's, as {@link FeedTopics}
 * sorts them): one per page change of each announced revision in the history ({@link Announcements}:
 * a revision whose site failed waits, and its changes go with the next revision whose site is
 * published), newest revision first and in change-set order within a revision, cut to the last N
 * per feed. An entry is the same object, so the same bytes, in every feed that carries it.
 *
 * <p>A rollback's entries are its change set, as any revision's, told as what they are: a page
 * it brought back or changed back is "Restored: …" with "Back as it was in revision N." before
 * what changed, a page it took away "Removed: …". The entries of the revisions it undid stay
 * (a feed is history, and their ids never change); a reader sees them followed by the way back.
 *
 * <p>Titles come from the change set (the page's title as of that revision), so an entry reads
 * the same after later edits. Content is rendered from the edition's own pages (the renderer has
 * no older trees), with absolute URLs: the whole page for a new one, the changed sections for an
 * updated one, after a short redline of its words (made at ingest, so it is the revision's own).
 * An entry's HTML is made only when a feed that carries it is written ({@link EntryContent}): an
 * edit rewrites a handful of a large hub's feeds.
 */
final class FeedEntries {

    private final MarkdownEngine markdown;
    private final RenderedBodies bodies;

    /**
     * @param bodies page bodies as feeds render them (absolute links), kept between renders
     */
    FeedEntries(MarkdownEngine markdown, RenderedBodies bodies) {
        this.markdown = markdown;
        this.bodies = bodies;
    }

    /**
     * The entries of these feeds of the edition, as {@code topics} read them from its history,
     * newest first. An entry several feeds carry (the hub's, its section's, its page's) is built once.
     */
    Map<FeedTopic, List<FeedEntry>> of(Edition edition, FeedTopics topics, List<FeedTopic> feeds) {
        Builder builder = new Builder(edition);
        Map<FeedTopic, List<FeedTopics.Item>> shown = new LinkedHashMap<>();
        feeds.forEach(feed -> shown.put(feed, topics.of(feed)));
        // Each item once (by identity: it is one object in every list it is in, and a revision
        // is costly to hash), on every core: a changed page's entry writes its redline, and a
        // new hub's first publish has an entry for every page.
        Map<FeedTopics.Item, FeedEntry> built = Parallel.mapEachOnce(shown.values(), builder::entry);
        Map<FeedTopic, List<FeedEntry>> byFeed = new LinkedHashMap<>();
        shown.forEach((feed, items) -> byFeed.put(feed, items.stream().map(built::get).toList()));
        return byFeed;
    }

    /**
     * Ends a render, once the feeds that changed are written (their entries' HTML made): keeps
     * the page bodies it used, and those of entries it did not make, for the next render. An
     * entry made later (a store asking for an unchanged feed's bytes) counts in the next render.
     */
    void endRender() {
        bodies.endRender();
    }

    /** How many page bodies the entries used (rendered, or kept from an earlier render) so far. */
    long bodiesUsed() {
        return bodies.rendered() + bodies.reused();
    }

    /** How many page bodies the entries rendered (not kept from an earlier render) so far. */
    long bodiesRendered() {
        return bodies.rendered();
    }

    /** Builds the entries of one edition, rendering each page at most once (from any number of threads). */
    private final class Builder {
        private final Edition edition;
        private final HubConfig config;
        private final EntryIds ids;
        private final Map<String, PageFragments> rendered = new ConcurrentHashMap<>();
        /** Each page's body key, once per page however many entries it has (and its body kept once). */
        private final Map<String, String> bodyKeys = new ConcurrentHashMap<>();

        Builder(Edition edition) {
            this.edition = edition;
            this.config = edition.hub().config();
            this.ids = new EntryIds(config.baseUrl());
        }

        FeedEntry entry(FeedTopics.Item item) {
            Revision revision = item.revision();
            PageChange change = item.change();
            String id = ids.of(change.slug(), revision);
            Optional<Page> page = edition.hub().page(change.slug());
            return switch (change.kind()) {
                case ADDED -> added(id, item.title(), revision, page);
                case CHANGED -> changed(id, item.title(), revision, change, page);
                case REMOVED -> removed(id, item.title(), revision, change);
            };
        }

        /** What a rollback's entry says first: which revision the page is back to. */
        private String restored(Revision revision) {
            return revision.isRollback() ? "Back as it was in revision " + revision.restores() + ". " : "";
        }

        private FeedEntry added(String id, String title, Revision revision, Optional<Page> page) {
            if (page.isEmpty()) {
                return gone(id, title, restored(revision) + "A new page, since removed from the hub.", revision);
            }
            Page shown = page.get();
            String url = pageUrl(shown);
            String summary = restored(revision) + shown.summary();
            String head = lead(summary);
            String tail = readMore(url, "Read it on the site");
            EntryContent content = EntryContent.made(recipe("whole page", shown, head, tail, List.of()),
                    () -> head + fragments(shown).whole() + tail);
            return new FeedEntry(id, title, url, summary, content, revision.createdAt());
        }

        private FeedEntry changed(String id, String title, Revision revision, PageChange change, Optional<Page> page) {
            String summary = restored(revision) + changeSummary(change);
            if (page.isEmpty()) {
                return gone(id, title, summary + " The page has since been removed from the hub.", revision);
            }
            Page shown = page.get();
            String url = pageUrl(shown);
            // The redline is the revision's own (a few sections' words): written now, into the recipe.
            String head = lead(summary) + redline(revision, change);
            String tail = readMore(url, "Read the whole page");
            List<SectionChange> sections = change.sections().stream().filter(section -> section.kind() != ChangeKind.REMOVED).toList();
            EntryContent content = EntryContent.made(recipe("changed sections", shown, head, tail, sections),
                    () -> changedSections(head, sections, fragments(shown), tail));
            // The same section the site's feed pages link: the first changed one still on the page.
            String anchor = FeedTopics.firstChangedAnchor(change, shown);
            String target = anchor.isEmpty() ? url : url + "#" + anchor;
            return new FeedEntry(id, title, target, summary, content, revision.createdAt());
        }

        /** A changed page's entry: the redline, then each changed section as the page has it now, its notes, a link. */
        private String changedSections(String head, List<SectionChange> sections, PageFragments fragments, String tail) {
            StringBuilder html = new StringBuilder(head);
            Set<Integer> cut = new LinkedHashSet<>();
            List<String> gone = new ArrayList<>();
            for (SectionChange section : sections) {
                Optional<Integer> index = fragments.indexOf(section.anchor());
                if (index.isEmpty()) {
                    // Changed then, gone from the page since.
                    gone.add(sectionTitle(section));
                    continue;
                }
                if (cut.add(index.get())) {
                    fragments.section(section.anchor()).ifPresent(html::append);
                }
            }
            if (!gone.isEmpty()) {
                html.append("<p>No longer on the page: ").append(HtmlText.escape(String.join(", ", gone))).append(".</p>\n");
            }
            if (html.indexOf("class=\"footnote-ref\"") >= 0) {
                html.append(fragments.notes());
            }
            return html.append(tail).toString();
        }

        /**
         * Everything an entry's HTML is made from besides the code: the text around the page's
         * body, the body itself by its cache key (the page's Markdown, slug and base URL) and the
         * sections cut from it. Keeps the body for the next render, which may have to make it.
         */
        private String recipe(String kind, Page page, String head, String tail, List<SectionChange> sections) {
            String body = bodyKeys.computeIfAbsent(page.slug(), slug -> {
                String key = bodies.key(page, bodyContext(page));
                bodies.keep(key);
                return key;
            });
            Fingerprint recipe = new Fingerprint(head.length() + tail.length() + 256).add(kind).add(head).add(tail)
                    .add(body).add(pageUrl(page)).add(Integer.toString(sections.size()));
            sections.forEach(section -> recipe.add(section.anchor()).add(section.title()));
            return recipe.sha256Hex();
        }

        /** The words removed and added, a few sections' worth, and a link to the revision's whole redline. */
        private String redline(Revision revision, PageChange change) {
            RedlineExcerpt excerpt = RedlineExcerpt.of(change);
            if (excerpt.isEmpty()) {
                return "";
            }
            String url = config.absoluteUrl(RedlineExcerpt.sitePath(revision)) + "#" + change.slug();
            StringBuilder html = new StringBuilder("<p>What changed in the words (<a href=\"" + HtmlText.escape(url)
                    + "\">the whole redline of revision " + revision.seq() + "</a>):</p>\n");
            for (RedlineExcerpt.Section section : excerpt.sections()) {
                html.append("<p><strong>").append(HtmlText.escape(section.anchor().isEmpty() ? "Opening text" : section.title()))
                        .append("</strong></p>\n").append(RedlineExcerpt.html(section.diff(), "", ""));
            }
            if (!excerpt.moreSections().isEmpty()) {
                html.append("<p>").append(HtmlText.escape(excerpt.moreSections())).append("</p>\n");
            }
            return html.toString();
        }

        private FeedEntry removed(String id, String title, Revision revision, PageChange change) {
            String summary = revision.isRollback()
                    ? "The page “" + change.title() + "” was removed from the hub: revision " + revision.restores() + ", restored, did not have it."
                    : "The page “" + change.title() + "” was removed from the hub.";
            return gone(id, title, summary, revision);
        }

        private FeedEntry gone(String id, String title, String summary, Revision revision) {
            String url = config.absoluteUrl("changelog.html") + "#" + revision.id();
            String html = lead(summary) + readMore(url, "See what changed in revision " + revision.seq());
            return new FeedEntry(id, title, url, summary, html, revision.createdAt());
        }

        private PageFragments fragments(Page page) {
            return rendered.computeIfAbsent(page.slug(), slug -> {
                String html = bodies.html(page, bodyContext(page), () -> markdown.render(page.document(),
                        RenderContext.absolute(slug, config.baseUrl(), name -> Optional.empty())));
                return PageFragments.of(html, pageUrl(page));
            });
        }

        /** Every input of a page body's rendering besides its Markdown (see {@link RenderedBodies#html}). */
        private String bodyContext(Page page) {
            return page.slug() + '\0' + config.baseUrl();
        }

        private String pageUrl(Page page) {
            return page.slug().equals("index") ? config.baseUrl() + "/" : config.absoluteUrl(page.sitePath());
        }
    }

    /** "Sections changed: A, B. Sections added: C. Sections removed: D." from a change. */
    static String changeSummary(PageChange change) {
        List<String> changed = new ArrayList<>();
        List<String> added = new ArrayList<>();
        List<String> removed = new ArrayList<>();
        for (SectionChange section : change.sections()) {
            switch (section.kind()) {
                case CHANGED -> changed.add(sectionTitle(section));
                case ADDED -> added.add(sectionTitle(section));
                case REMOVED -> removed.add(sectionTitle(section));
            }
        }
        StringBuilder s = new StringBuilder();
        list(s, "Changed", changed);
        list(s, "Added", added);
        list(s, "Removed", removed);
        if (change.detailsChanged()) {
            s.append(s.isEmpty() ? "" : " ").append("Page details changed (title, summary, section or tags).");
        }
        return s.isEmpty() ? "The page changed." : s.toString();
    }

    private static void list(StringBuilder s, String verb, List<String> titles) {
        if (titles.isEmpty()) {
            return;
        }
        s.append(s.isEmpty() ? "" : " ").append(verb).append(titles.size() == 1 ? " section: " : " sections: ")
                .append(String.join(", ", titles)).append('.');
    }

    private static String sectionTitle(SectionChange section) {
        return section.anchor().isEmpty() ? "the opening text" : "“" + section.title() + "”";
    }

    private static String lead(String summary) {
        return "<p><em>" + HtmlText.escape(summary) + "</em></p>\n";
    }

    private static String readMore(String url, String text) {
        return "<p><a href=\"" + HtmlText.escape(url) + "\">" + HtmlText.escape(text) + "</a></p>\n";
    }
}
