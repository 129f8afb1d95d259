package dev.hubpress.bench;

import dev.hubpress.core.load.ContentReader;
import dev.hubpress.core.channel.Channels;
import dev.hubpress.core.content.ContentTree;
import dev.hubpress.core.gate.GateLimits;
import dev.hubpress.core.gate.PublishGate;
import dev.hubpress.core.markdown.MarkdownEngine;
import dev.hubpress.core.model.Heading;
import dev.hubpress.core.model.Hub;
import dev.hubpress.core.model.HubConfig;
import dev.hubpress.core.model.Page;
import dev.hubpress.core.channel.Artifact;
import dev.hubpress.core.channel.Edition;
import dev.hubpress.core.revision.ChangeKind;
import dev.hubpress.core.revision.ChangeSet;
import dev.hubpress.core.revision.ChangeSets;
import dev.hubpress.core.revision.PageChange;
import dev.hubpress.core.revision.Revision;
import dev.hubpress.core.revision.RevisionStatus;
import dev.hubpress.core.revision.SectionChange;
import dev.hubpress.feeds.FeedRenderer;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * Feed generation over a long revision history: a generated hub, then a seeded history of N
 * accepted revisions (the first adds every page; each later one edits one or two sections of a
 * page, and every 25th also removes a page that is no longer in the hub). Reports the warm median
 * time to render every feed (the hub's three, each section's three, each page's Atom feed) and how
 * many objects that is, with the default entry count (50) and, as a stress figure, with every
 * revision's entries. Run through {@code bench/run feeds}.
 */
final class FeedBench {

    private FeedBench() {
    }

    static void run(String[] args) {
        int revisions = Stats.intArg(args, "--revisions", 10_000);
        int pages = Stats.intArg(args, "--pages", 200);
        int warmup = Stats.intArg(args, "--warmup", 5);
        int runs = Stats.intArg(args, "--runs", 10);

        ContentTree tree = SyntheticHub.generate(pages);
        MarkdownEngine markdown = MarkdownEngine.standard();
        PublishGate gate = new PublishGate(new ContentReader(markdown), GateLimits.DEFAULT, Channels.discover());
        Hub hub = gate.inspect(tree).hub().orElseThrow(() -> new IllegalStateException("generated hub fails the gate"));
        List<Revision> history = history(hub, tree, revisions);
        Edition edition = new Edition(hub, history.get(0), history);
        int changes = history.stream().mapToInt(r -> r.changes().pages().size()).sum();
        System.out.printf(Locale.ROOT, "history: %d revisions, %d page changes, over a hub of %d pages; %d warm-up runs, %d measured%n",
                revisions, changes, pages, warmup, runs);

        FeedRenderer feeds = new FeedRenderer(markdown);
        measure("feeds, default 50 entries", feeds, edition, warmup, runs);
        Edition everything = new Edition(withEntries(hub, changes), edition.revision(), history);
        measure("feeds, all " + changes + " entries (stress)", feeds, everything, Math.min(warmup, 2), Math.min(runs, 3));
    }

    private static void measure(String label, FeedRenderer feeds, Edition edition, int warmup, int runs) {
        for (int i = 0; i < warmup; i++) {
            feeds.render(edition);
        }
        double[] ms = new double[runs];
        long bytes = 0;
        int objects = 0;
        for (int i = 0; i < runs; i++) {
            long t0 = System.nanoTime();
            List<Artifact> artifacts = feeds.render(edition);
            ms[i] = (System.nanoTime() - t0) / 1e6;
            bytes = artifacts.stream().mapToLong(Artifact::size).sum();
            objects = artifacts.size();
        }
        double[] sorted = ms.clone();
        Arrays.sort(sorted);
        // Every feed: the hub's three, each section's three and each page's Atom feed, and the icon.
        System.out.printf(Locale.ROOT, "%s: median %.1f ms (min %.1f, max %.1f) for %d objects (hub, section and page feeds), %.2f MB%n",
                label, sorted[sorted.length / 2], sorted[0], sorted[sorted.length - 1], objects, bytes / 1e6);
    }

    /** Newest first, as the revision log gives it. */
    static List<Revision> history(Hub hub, ContentTree tree, int revisions) {
        Random random = new Random(7);
        Instant start = Instant.parse("2026-01-01T00:00:00Z");
        List<Revision> history = new ArrayList<>(revisions);
        history.add(revision(1, start, ChangeSets.first(hub, tree.manifest())));
        List<Page> pages = hub.pages();
        for (int seq = 2; seq <= revisions; seq++) {
            Page page = pages.get(random.nextInt(pages.size()));
            List<SectionChange> sections = new ArrayList<>();
            List<Heading> headings = page.headings();
            int edits = 1 + random.nextInt(2);
            for (int k = 0; k < edits && !headings.isEmpty(); k++) {
                Heading h = headings.get(random.nextInt(headings.size()));
                if (sections.stream().noneMatch(s -> s.anchor().equals(h.id()))) {
                    sections.add(new SectionChange(h.id(), h.text(), ChangeKind.CHANGED));
                }
            }
            List<PageChange> changes = new ArrayList<>();
            changes.add(new PageChange(page.slug(), page.title(), ChangeKind.CHANGED, false, sections));
            if (seq % 25 == 0) {
                changes.add(new PageChange("retired/page-" + seq, "Retired page " + seq, ChangeKind.REMOVED, false, List.of()));
            }
            history.add(revision(seq, start.plusSeconds(600L * seq), new ChangeSet(changes, List.of())));
        }
        Collections.reverse(history);
        return history;
    }

    private static Revision revision(long seq, Instant at, ChangeSet changes) {
        return new Revision("bench", seq, "tree-" + seq, seq - 1, at, "manifest-" + seq, "bench",
                RevisionStatus.ACCEPTED, List.of(), changes, Map.of());
    }

    private static Hub withEntries(Hub hub, int entries) {
        HubConfig c = hub.config();
        HubConfig config = new HubConfig(c.title(), c.subtitle(), c.description(), c.baseUrl(), c.author(), c.language(),
                c.sections(), Map.of("feeds", Map.of("entries", entries)));
        return new Hub(config, hub.compensation(), hub.pages());
    }

}
