package dev.hubpress.core.testing;

import dev.hubpress.core.content.ContentTree;
import dev.hubpress.core.gate.GateLimits;
import dev.hubpress.core.gate.PublishGate;
import dev.hubpress.core.markdown.MarkdownEngine;
import dev.hubpress.core.port.BlobStore;
import dev.hubpress.core.port.RevisionLog;
import dev.hubpress.core.publish.IngestRevision;
import dev.hubpress.core.publish.Snapshots;
import dev.hubpress.core.revision.Revision;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

/**
 * Many pushes at once against one revision log, as concurrent ingest invocations would make
 * them: every push its own thread and its own gate (as its own Lambda container would), all
 * released together. An ingest that gives up (too many lost claims) is delivered again, as SQS
 * would, a bounded number of times.
 */
public final class ConcurrentPushes {

    /** How often one push may be delivered before the test gives up on it. */
    public static final int DELIVERIES = 25;

    private ConcurrentPushes() {
    }

    /** The outcome: the distinct trees pushed, and how many deliveries each push needed. */
    public record Outcome(List<ContentTree> trees, List<Integer> deliveries) {
        public List<String> treeHashes() {
            return trees.stream().map(ContentTree::hash).toList();
        }
    }

    /** The fixture tree plus one page of its own: {@code n} distinct trees that all pass the gate. */
    public static ContentTree push(int n) {
        return ContentFixtures.with(ContentFixtures.tree(), "guides/push-" + n + ".md",
                ContentFixtures.page("Push " + n, "guides", 10 + n, "## Push " + n + "\n\nText of push " + n + ".\n")
                        .getBytes(StandardCharsets.UTF_8));
    }

    public static Outcome run(String hub, int pushes, RevisionLog log, BlobStore blobs) throws Exception {
        return run(hub, pushes, ConcurrentPushes::push, log, blobs);
    }

    public static Outcome run(String hub, int pushes, IntFunction<ContentTree> trees, RevisionLog log, BlobStore blobs)
            throws Exception {
        List<ContentTree> all = new ArrayList<>();
        for (int i = 0; i < pushes; i++) {
            all.add(trees.apply(i));
        }
        CountDownLatch ready = new CountDownLatch(pushes);
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(pushes);
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (ContentTree tree : all) {
                results.add(pool.submit(() -> {
                    IngestRevision ingest = new IngestRevision(hub, Gates.gate(), Gates.loader(),
                            new Snapshots(blobs), log, FixedClock.standard());
                    ready.countDown();
                    go.await();
                    for (int delivery = 1; ; delivery++) {
                        try {
                            ingest.ingest(() -> tree, "push");
                            return delivery;
                        } catch (IllegalStateException lostEveryClaim) {
                            if (delivery == DELIVERIES) {
                                throw lostEveryClaim;
                            }
                        }
                    }
                }));
            }
            if (!ready.await(60, TimeUnit.SECONDS)) {
                throw new IllegalStateException("pushes not ready");
            }
            go.countDown();
            List<Integer> deliveries = new ArrayList<>();
            for (Future<Integer> result : results) {
                deliveries.add(result.get(120, TimeUnit.SECONDS));
            }
            return new Outcome(all, deliveries);
        } finally {
            pool.shutdownNow();
        }
    }

    /** Sequence numbers of the history, oldest first, read back one by one from the log. */
    public static List<Revision> history(RevisionLog log, String hub) {
        List<Revision> history = new ArrayList<>();
        long head = log.recent(hub, 0).latest().map(Revision::seq).orElse(0L);
        for (long seq = 1; seq <= head; seq++) {
            log.get(hub, seq).ifPresent(history::add);
        }
        return history;
    }
}
