package dev.hubpress.core.channel;

import dev.hubpress.core.model.Hub;
import dev.hubpress.core.model.Page;
import dev.hubpress.core.revision.Announcements;
import dev.hubpress.core.revision.ChannelStatus;
import dev.hubpress.core.revision.ChangeKind;
import dev.hubpress.core.revision.PageChange;
import dev.hubpress.core.revision.Revision;
import dev.hubpress.core.revision.SectionChange;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The entries of every feed of an edition ({@link FeedTopic}), read once from its history: one per
 * page change of each announced revision ({@link Announcements}), newest revision first and in
 * change-set order within one, each feed cut to its last {@code limit}. The hub's feed has them
 * all; a section's, the changes of the pages now in it; a page's, its own. The feeds channel
 * writes them and the site lists their heads on the landing pages, so both show the same entries.
 *
 * <p>A removed page is no longer in the hub, and a change set does not record sections: its entry
 * goes to the section of the pages left in its folder when they all share one (a page removed from
 * {@code careers/} is a careers change), else to the hub's feed only. Its own feed goes on
 * ({@link #gone()}): a reader who follows it learns that the page went, and where, instead of
 * finding the feed gone one day.
 */
public final class FeedTopics {

    private final List<Item> hub = new ArrayList<>();
    private final Map<String, List<Item>> sections = new HashMap<>();
    private final Map<String, List<Item>> pages = new HashMap<>();
    private final List<Gone> gone = new ArrayList<>();

    private FeedTopics() {
    }

    /**
     * A page no longer in the hub whose feed still has entries in the history read (its removal,
     * and before it its own changes): the feeds keep publishing its feed, ending with the removal,
     * until the history no longer reaches any of its changes.
     *
     * @param slug    the page's slug, which names its feed
     * @param title   its title as its newest entry has it
     * @param movedTo the slug of the page it moved to ({@link dev.hubpress.core.revision.Moves}), when
     *                the edition's redirects send its old address to a page of the hub
     */
    public record Gone(String slug, String title, Optional<String> movedTo) {
    }

    /** One entry: a page change as a revision announced it (its own changes, with any held back merged in). */
    public record Item(Revision revision, PageChange change) {

        /** "New: …", "Updated: …" ("Restored: …" for a rollback's) or "Removed: …", with the page's title as of then. */
        public String title() {
            String verb = switch (change.kind()) {
                case ADDED -> revision.isRollback() ? "Restored" : "New";
                case CHANGED -> revision.isRollback() ? "Restored" : "Updated";
                case REMOVED -> "Removed";
            };
            return verb + ": " + change.title();
        }

        /**
         * Where a reader goes, as a site path: the page at its first changed section that is still
         * there, the page for a new one, or the revision in the changelog for a page that is gone.
         */
        public String target(Hub hub) {
            Optional<Page> page = change.kind() == ChangeKind.REMOVED ? Optional.empty() : hub.page(change.slug());
            if (page.isEmpty()) {
                return "changelog.html#" + revision.id();
            }
            String anchor = change.kind() == ChangeKind.CHANGED ? firstChangedAnchor(change, page.get()) : "";
            return page.get().sitePath() + (anchor.isEmpty() ? "" : "#" + anchor);
        }
    }

    /** The heading id of the first changed (or added) section the page still has; "" for its top. */
    public static String firstChangedAnchor(PageChange change, Page page) {
        for (SectionChange section : change.sections()) {
            if (section.kind() == ChangeKind.REMOVED) {
                continue;
            }
            if (section.anchor().isEmpty() || page.hasAnchor(section.anchor())) {
                return section.anchor();
            }
        }
        return "";
    }

    /**
     * The entries of every feed of the edition, at most {@code limit} each, as the feeds publish
     * them: a revision whose site is not DONE is held back ({@link Announcements}).
     */
    public static FeedTopics of(Edition edition, int limit) {
        return of(edition, limit, false);
    }

    /**
     * The same entries as the site shows them while it publishes the edition: its own revision
     * counts as announced whatever its status says so far (none yet, or FAILED on the try before),
     * as it will be once this publish is DONE; two tries of one revision make the same pages.
     */
    public static FeedTopics asTheSitePublishes(Edition edition, int limit) {
        return of(edition, limit, true);
    }

    private static FeedTopics of(Edition edition, int limit, boolean ownRevisionPublished) {
        FeedTopics topics = new FeedTopics();
        Hub hub = edition.hub();
        Map<String, Optional<String>> folders = new HashMap<>();
        long upTo = edition.revision().seq();
        // The history is the log's; a revision newer than this edition is not part of it.
        List<Revision> shown = edition.history().stream().filter(r -> r.seq() <= upTo)
                .map(r -> ownRevisionPublished && r.seq() == upTo && r.accepted() && !Announcements.sitePublished(r)
                        ? r.withChannel(Announcements.SITE, ChannelStatus.done(0, 0, 0, "")) : r)
                .toList();
        for (Announcements.Announcement announcement : Announcements.of(shown)) {
            for (PageChange change : announcement.changes().pages()) {
                Item item = new Item(announcement.revision(), change);
                add(topics.hub, item, limit);
                Optional<String> section = hub.page(change.slug()).map(Page::section)
                        .or(() -> folders.computeIfAbsent(folder(change.slug()), f -> sectionOfFolder(hub, f)));
                section.ifPresent(s -> add(topics.sections.computeIfAbsent(s, k -> new ArrayList<>()), item, limit));
                add(topics.pages.computeIfAbsent(change.slug(), k -> new ArrayList<>()), item, limit);
            }
        }
        // Only the few slugs gone from the hub are sorted (for a stable order), not every page's.
        Map<String, String> redirects = edition.revision().changes().moved();
        topics.pages.keySet().stream().filter(slug -> hub.page(slug).isEmpty()).sorted().forEach(slug -> {
            Optional<String> movedTo = Optional.ofNullable(redirects.get(slug)).filter(to -> hub.page(to).isPresent());
            topics.gone.add(new Gone(slug, topics.pages.get(slug).get(0).change().title(), movedTo));
        });
        return topics;
    }

    /** The pages gone from the hub whose feeds still have entries, by slug. */
    public List<Gone> gone() {
        return List.copyOf(gone);
    }

    /** A feed's entries, newest first. */
    public List<Item> of(FeedTopic topic) {
        List<Item> items = switch (topic.scope()) {
            case HUB -> hub;
            case SECTION -> sections.get(topic.id());
            case PAGE -> pages.get(topic.id());
        };
        return items == null ? List.of() : List.copyOf(items);
    }

    private static void add(List<Item> items, Item item, int limit) {
        if (items.size() < limit) {
            items.add(item);
        }
    }

    private static String folder(String slug) {
        int slash = slug.lastIndexOf('/');
        return slash < 0 ? "" : slug.substring(0, slash + 1);
    }

    private static Optional<String> sectionOfFolder(Hub hub, String folder) {
        List<String> found = hub.pages().stream().filter(p -> folder(p.slug()).equals(folder))
                .map(Page::section).distinct().limit(2).toList();
        return found.size() == 1 ? Optional.of(found.get(0)) : Optional.empty();
    }
}
