package dev.hubpress.core.channel;

import java.util.Optional;

/**
 * What a reader can follow in a feed: the whole hub, one of its sections, or one page. This record
 * is the contract between the feeds channel, which publishes each topic's feeds, and the site,
 * which links them (autodiscovery, "Follow" blocks) and shows each one's landing page; neither
 * module depends on the other. The addresses, all under the hub's base URL:
 * <ul>
 *   <li>the hub: {@code feeds/rss.xml}, {@code feeds/atom.xml}, {@code feeds/feed.json}, shown at
 *       {@code follow/index.html} (which also lists every section's feeds);</li>
 *   <li>a section: {@code feeds/sections/<id>.rss}, {@code .atom}, {@code .json}, shown at
 *       {@code follow/sections/<id>.html};</li>
 *   <li>a page: Atom only, {@code feeds/pages/<slug>.atom}, shown on the page itself under
 *       {@code #follow-feeds} (a page feed's latest entries are that page's own changes).</li>
 * </ul>
 * Section ids are safe in a path: the gate allows only lower-case letters, digits and hyphens.
 *
 * @param id the section's id or the page's slug; empty for the hub
 */
public record FeedTopic(Scope scope, String id) {

    /** How much of the hub a feed follows. */
    public enum Scope { HUB, SECTION, PAGE }

    /** The feeds channel's folder. */
    public static final String FEEDS = "feeds/";
    /** The site's folder of feed landing pages. */
    public static final String LANDINGS = "follow/";
    /** The id of the block on each page that shows its own feed. */
    public static final String PAGE_BLOCK = "follow-feeds";

    public static final FeedTopic HUB = new FeedTopic(Scope.HUB, "");

    public static FeedTopic section(String id) {
        return new FeedTopic(Scope.SECTION, id);
    }

    public static FeedTopic page(String slug) {
        return new FeedTopic(Scope.PAGE, slug);
    }

    /** Site path of the Atom feed; every topic has one. */
    public String atom() {
        return switch (scope) {
            case HUB -> FEEDS + "atom.xml";
            case SECTION -> FEEDS + "sections/" + id + ".atom";
            case PAGE -> FEEDS + "pages/" + id + ".atom";
        };
    }

    /** Site path of the RSS 2.0 feed; none for a page (one format is enough for one page). */
    public Optional<String> rss() {
        return switch (scope) {
            case HUB -> Optional.of(FEEDS + "rss.xml");
            case SECTION -> Optional.of(FEEDS + "sections/" + id + ".rss");
            case PAGE -> Optional.empty();
        };
    }

    /** Site path of the JSON Feed; none for a page. */
    public Optional<String> json() {
        return switch (scope) {
            case HUB -> Optional.of(FEEDS + "feed.json");
            case SECTION -> Optional.of(FEEDS + "sections/" + id + ".json");
            case PAGE -> Optional.empty();
        };
    }

    /**
     * Site path of the page that tells people about this feed, with a fragment for a page's
     * feed ({@code careers/mid-to-senior.html#follow-feeds}).
     */
    public String landing() {
        return switch (scope) {
            case HUB -> LANDINGS + "index.html";
            case SECTION -> LANDINGS + "sections/" + id + ".html";
            case PAGE -> id + ".html#" + PAGE_BLOCK;
        };
    }
}
