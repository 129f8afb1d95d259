package dev.hubpress.feeds;

import com.fasterxml.jackson.databind.JsonNode;
import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.feed.synd.SyndFeed;
import dev.hubpress.core.channel.Artifact;
import dev.hubpress.core.channel.FeedTopic;
import dev.hubpress.core.content.ContentTree;
import dev.hubpress.core.testing.ContentFixtures;
import dev.hubpress.core.testing.InMemoryArtifactStore;
import dev.hubpress.core.testing.SentenceEdit;
import dev.hubpress.core.testing.ThirdPartyRequests;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 15's feeds per section and per page, on the real hub through the real pipeline (ingest,
 * gate, change sets, publish on the in-memory stores): r1 publishes it, r2 edits one sentence of a
 * careers page ({@link SentenceEdit}). Every feed is read back as a consumer reads it.
 */
class TopicFeedsTest {

    private static final Instant T1 = Instant.parse("2026-11-01T09:30:00Z");
    private static final FeedTopic CAREERS = FeedTopic.section("careers");
    private static final FeedTopic SKILLS = FeedTopic.section("skills");
    private static final FeedTopic EDITED = FeedTopic.page(SentenceEdit.SLUG);
    private static final FeedTopic UNEDITED = FeedTopic.page("careers/first-backend-role");

    private static final FeedsPipeline pipeline = new FeedsPipeline("hub");
    private static final InMemoryArtifactStore store = pipeline.store;
    /** Every object as r1 published it, by key. */
    private static Map<String, Artifact> r1;
    /** The keys r2's publish wrote. */
    private static List<String> writtenByR2;

    @BeforeAll
    static void publishTheHubThenTheEdit() {
        ContentTree repository = ContentFixtures.repositoryTree();
        pipeline.accepted(repository, T1);
        r1 = store.keys().stream().collect(Collectors.toMap(k -> k, k -> store.get(k).orElseThrow()));
        int before = store.writes().size();
        pipeline.accepted(SentenceEdit.edited(repository), T1.plusSeconds(3_600));
        writtenByR2 = store.writes().subList(before, store.writes().size()).stream().toList();
    }

    private static Artifact now(String key) {
        return store.get(key).orElseThrow(() -> new AssertionError("not published: " + key));
    }

    private static List<SyndEntry> atomEntries(FeedTopic topic) {
        return FeedParsing.rome(now(topic.atom())).getEntries();
    }

    @TestFactory
    Stream<DynamicTest> everyFeedValidatesInItsFormat() {
        // every feed the channel published: hub, each section (three formats), each page (Atom)
        List<String> keys = store.keys().stream().filter(k -> !k.endsWith(".svg")).sorted().toList();
        assertThat(keys).hasSizeGreaterThan(3 + 7 * 3 + 20);
        return keys.stream().map(key -> DynamicTest.dynamicTest(key, () -> {
            Artifact feed = now(key);
            if (key.endsWith(".json")) {
                // JSON Feed 1.1: the version, its own address, and each item's required fields
                JsonNode json = FeedParsing.json(feed);
                assertThat(json.path("version").asText()).isEqualTo(JsonFeed.VERSION);
                assertThat(json.path("feed_url").asText()).isEqualTo("https://hub.example.com/" + key);
                assertThat(json.path("title").asText()).isNotBlank();
                json.path("items").forEach(item -> assertThat(List.of("id", "url", "title", "content_html", "date_published"))
                        .allSatisfy(field -> assertThat(item.path(field).asText()).as(key + " " + field).isNotBlank()));
            } else if (key.endsWith(".rss") || key.endsWith("rss.xml")) {
                SyndFeed rss = FeedParsing.rome(feed);
                assertThat(rss.getFeedType()).isEqualTo("rss_2.0");
                assertThat(rss.getTitle()).isNotBlank();
            } else {
                // Atom: valid against the RFC 4287 schema, and read back by Rome with its self link
                assertThat(FeedParsing.atomSchemaErrors(feed.bytes())).as(key).isEmpty();
                SyndFeed atom = FeedParsing.rome(feed);
                assertThat(atom.getFeedType()).isEqualTo("atom_1.0");
                assertThat(atom.getUri()).isEqualTo("https://hub.example.com/" + key);
            }
        }));
    }

    @Test
    void noEntryOfAnyFeedMakesAReaderAskAnotherHostForAnything() {
        // every entry's HTML, as a feed reader gets it out of each format
        int entries = 0;
        for (String key : store.keys()) {
            List<String> contents = new ArrayList<>();
            if (key.endsWith(".json")) {
                FeedParsing.json(now(key)).path("items").forEach(item -> contents.add(item.path("content_html").asText()));
            } else if (!key.endsWith(".svg")) {
                for (SyndEntry entry : FeedParsing.rome(now(key)).getEntries()) {
                    contents.add(entry.getContents().isEmpty() ? entry.getDescription().getValue() : entry.getContents().get(0).getValue());
                }
            }
            for (String html : contents) {
                assertThat(ThirdPartyRequests.inHtml(html, "hub.example.com")).as(key).isEmpty();
                entries++;
            }
        }
        assertThat(entries).isGreaterThan(100);
    }

    @Test
    void theEditedSectionsFeedsGainOneEntryAndAnotherSectionsFeedsKeepEveryByte() {
        // then the careers feeds have one entry more than r1's, the edit's, first
        for (String key : List.of(CAREERS.atom(), CAREERS.rss().orElseThrow())) {
            List<SyndEntry> before = FeedParsing.rome(r1.get(key)).getEntries();
            List<SyndEntry> after = FeedParsing.rome(now(key)).getEntries();
            assertThat(after).hasSize(before.size() + 1);
            assertThat(after.get(0).getTitle()).isEqualTo("Updated: Make senior backend engineer");
            assertThat(after.subList(1, after.size())).extracting(SyndEntry::getUri)
                    .containsExactlyElementsOf(before.stream().map(SyndEntry::getUri).toList());
        }
        assertThat(FeedParsing.json(now(CAREERS.json().orElseThrow())).path("items"))
                .hasSize(FeedParsing.json(r1.get(CAREERS.json().orElseThrow())).path("items").size() + 1);
        // and the skills feeds are the same bytes, and r2 did not write them
        for (String key : List.of(SKILLS.atom(), SKILLS.rss().orElseThrow(), SKILLS.json().orElseThrow())) {
            assertThat(now(key)).as(key).isEqualTo(r1.get(key));
            assertThat(writtenByR2).as("r2 rewrote " + key).doesNotContain(key);
        }
    }

    @Test
    void onlyTheFeedsWhoseEntriesChangedAreRewritten() {
        // then r2 wrote the hub's feeds, the careers feeds and the edited page's feed: nothing else
        assertThat(writtenByR2).containsExactlyInAnyOrder(
                "feeds/rss.xml", "feeds/atom.xml", "feeds/feed.json",
                CAREERS.rss().orElseThrow(), CAREERS.atom(), CAREERS.json().orElseThrow(), EDITED.atom());
    }

    @Test
    void aPageFeedHasThatPagesChangesOnlyAndEntryIdsDoNotMove() {
        // then the edited page's feed has its r2 edit, then its r1 arrival, with the hub feed's ids
        List<SyndEntry> page = atomEntries(EDITED);
        assertThat(page).extracting(SyndEntry::getUri).containsExactly(
                "tag:hub.example.com,2026-11-01:careers/mid-to-senior/r2",
                "tag:hub.example.com,2026-11-01:careers/mid-to-senior/r1");
        assertThat(atomEntries(FeedTopic.HUB)).extracting(SyndEntry::getUri).contains(page.get(0).getUri(), page.get(1).getUri());
        assertThat(FeedParsing.rome(r1.get(EDITED.atom())).getEntries().get(0).getUri()).isEqualTo(page.get(1).getUri());
        // and an unedited page's feed has its arrival alone, byte for byte as r1 published it
        assertThat(atomEntries(UNEDITED)).extracting(SyndEntry::getTitle).containsExactly("New: Land your first backend engineer role");
        assertThat(now(UNEDITED.atom())).isEqualTo(r1.get(UNEDITED.atom()));
    }

    @Test
    void entriesOfAnEditLinkToTheChangedSectionAndCarryTheRedline() {
        // in the section's feed and the page's, in every format
        String link = "https://hub.example.com/careers/mid-to-senior.html#" + SentenceEdit.SECTION;
        for (FeedTopic topic : List.of(CAREERS, EDITED)) {
            SyndEntry entry = atomEntries(topic).get(0);
            assertThat(entry.getLink()).isEqualTo(link);
            String html = entry.getContents().get(0).getValue();
            assertThat(html).contains("<del>").contains(SentenceEdit.AFTER)
                    .contains("https://hub.example.com/changes/r2.html#" + SentenceEdit.SLUG);
        }
        assertThat(FeedParsing.rome(now(CAREERS.rss().orElseThrow())).getEntries().get(0).getLink()).isEqualTo(link);
        assertThat(FeedParsing.json(now(CAREERS.json().orElseThrow())).path("items").get(0).path("url").asText()).isEqualTo(link);
    }

    @Test
    void aSectionFeedHasOnlyItsOwnPagesAndSaysWhatItFollows() {
        // then every careers entry is about a careers page, and there is one per careers page (r1) plus the edit
        List<SyndEntry> careers = atomEntries(CAREERS);
        assertThat(careers).allSatisfy(e -> assertThat(e.getUri()).contains(":careers/"));
        assertThat(careers).hasSize(5);
        SyndFeed feed = FeedParsing.rome(now(CAREERS.atom()));
        assertThat(feed.getTitle()).isEqualTo("Career levels — Backend Engineer Hub");
        assertThat(((com.rometools.rome.feed.atom.Feed) feed.originalWireFeed()).getAlternateLinks().get(0).getHref())
                .isEqualTo("https://hub.example.com/follow/sections/careers.html");
        List<String> skills = new ArrayList<>();
        atomEntries(SKILLS).forEach(e -> skills.add(e.getUri()));
        assertThat(skills).isNotEmpty().allMatch(id -> id.contains(":skills/"));
    }
}
