package dev.hubpress.it;

import dev.hubpress.aws.S3ContentSource;
import dev.hubpress.aws.testing.Emulators;
import dev.hubpress.core.revision.Revision;
import dev.hubpress.core.testing.ConcurrentPushes;
import dev.hubpress.core.testing.ContentFixtures;
import dev.hubpress.functions.IngestFunction;
import dev.hubpress.lambda.Env;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.sync.RequestBody;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

/**
 * One push is one revision however long it takes (issue 12, item 10): an {@code aws s3 sync} that
 * writes files for longer than the ingest queue's batching window reaches the ingest function in
 * several batches, delivered as the template's event source mapping delivers them
 * ({@link IngestQueue}: its batch size and concurrency, a window scaled down with the function's
 * quiet period so that the test takes seconds, not minutes), and still becomes exactly one revision,
 * so one INSERT on the stream (one digest at most).
 */
@ExtendWith(Emulators.class)
class SlowPushIT {

    /** The template's batching window (10 s) and the deployed quiet period (10 s), scaled down: 2 s and 3 s. */
    private static final Duration WINDOW = Duration.ofSeconds(2);
    private static final Duration QUIET = Duration.ofSeconds(3);
    private static final Duration POLL = Duration.ofMillis(250);
    /** Time between two files of the sync: the push lasts 60 × 100 ms = 6 s, three windows. */
    private static final Duration PACE = Duration.ofMillis(100);

    private static Map<String, Object> ingestEvent() {
        return TemplateTest.map(TemplateTest.map(TemplateTest.map(TemplateTest.functions().get("IngestFunction").get("Events"))
                .get("ContentPushed")).get("Properties"));
    }

    /** A stack holding r1, published: the small fixture hub with one guide page, guides/old.md. */
    private static Stack published() {
        Stack stack = new Stack();
        assertThat(stack.ingest(stack.push(Stack.files(ContentFixtures.tree("guides/old.md",
                ContentFixtures.page("Old", "guides", 1, "## Old\n\nText.\n"))))).getBatchItemFailures()).as(stack.logs()).isEmpty();
        stack.stream.settle();
        return stack;
    }

    private static IngestQueue queue(IngestFunction function) {
        Map<String, Object> event = ingestEvent();
        int batchSize = (Integer) event.get("BatchSize");
        int concurrency = (Integer) TemplateTest.map(event.get("ScalingConfig")).get("MaximumConcurrency");
        return new IngestQueue(function, WINDOW, batchSize, concurrency);
    }

    private static String page(int n) {
        return ContentFixtures.page("Synced " + n, "guides", 100 + n, "## Part " + n + "\n\nText of page " + n + ".\n");
    }

    /**
     * Writes the pages one at a time, each notified right after its write as S3 notifies; returns the
     * longest gap between two writes (a machine stalling longer than the quiet period would make the
     * scenario another one: a push with a pause in it).
     */
    private static Duration sync(Stack stack, IngestQueue queue, int from, int to) throws InterruptedException {
        long longest = 0;
        long last = System.nanoTime();
        for (int n = from; n < to; n++) {
            queue.send(stack.push(Map.of("guides/synced-" + n + ".md", page(n).getBytes(StandardCharsets.UTF_8))));
            long now = System.nanoTime();
            longest = Math.max(longest, now - last);
            last = now;
            Thread.sleep(PACE.toMillis());
        }
        return Duration.ofNanos(longest);
    }

    private static void writeMarker(Stack stack, IngestQueue queue) {
        String key = Env.CONTENT_PREFIX + ".publish";
        stack.s3.putObject(b -> b.bucket(stack.contentBucket).key(key), RequestBody.fromString("pushed"));
        queue.send(List.of(AwsEvents.sqsMessage(AwsEvents.s3Notification("ObjectCreated:Put", stack.contentBucket, key, 6))));
    }

    private static List<String> outcomes(String logs) {
        List<String> outcomes = new ArrayList<>();
        logs.lines().filter(l -> l.contains("\"level\":") && l.contains("\"outcome\":\"")).forEach(l -> {
            int at = l.indexOf("\"outcome\":\"") + 11;
            outcomes.add(l.substring(at, l.indexOf('"', at)));
        });
        return outcomes;
    }

    @Test
    void aSyncLongerThanTheBatchingWindowBecomesOneRevision() throws Exception {
        // GIVEN r1 published, and the ingest queue in front of the ingest function
        Stack stack = published();
        IngestFunction function = stack.ingestFunction(stack.revisions, QUIET, POLL);
        int mark = stack.logMark();

        try (IngestQueue queue = queue(function)) {
            // WHEN sixty pages are synced one by one over three batching windows, and one page is deleted half-way
            Duration longest = sync(stack, queue, 0, 30);
            stack.s3.deleteObject(b -> b.bucket(stack.contentBucket).key(Env.CONTENT_PREFIX + "guides/old.md"));
            queue.send(List.of(AwsEvents.sqsMessage(AwsEvents.s3Notification("ObjectRemoved:Delete", stack.contentBucket,
                    Env.CONTENT_PREFIX + "guides/old.md", 0))));
            Duration rest = sync(stack, queue, 30, 60);
            assumeThat(longest.plus(rest).compareTo(QUIET)).as("no write stalled for the quiet period").isLessThan(0);
            queue.drain(Duration.ofSeconds(60));

            // THEN the push reached the function in several batches
            assertThat(queue.batches()).as("batches").hasSizeGreaterThanOrEqualTo(3);
        }

        // AND it made exactly one revision, r2, holding the bucket as the push left it
        List<Revision> history = ConcurrentPushes.history(stack.revisions, Stack.HUB);
        assertThat(history).extracting(Revision::seq).containsExactly(1L, 2L);
        assertThat(history.get(1).treeHash()).isEqualTo(
                new S3ContentSource(stack.s3, stack.contentBucket, Env.CONTENT_PREFIX).read().hash());
        assertThat(history.get(1).changes().summary()).isEqualTo("60 pages added, 1 removed");
        // AND every other batch stood down for the batch of a later change (or found r2 already there)
        List<String> outcomes = outcomes(stack.logsSince(mark));
        assertThat(outcomes).containsOnlyOnce("accepted").isSubsetOf("accepted", "superseded", "unchanged");
        // AND the stream carries one new revision: one INSERT (to the guide, whose outcome wakes the site, then the digest planner), so one digest at most
        assertThat(stack.stream.settle()).filteredOn(d -> d.eventName().equals("INSERT") && d.function().equals("GuideFunction"))
                .extracting(RevisionStream.Delivery::sk).containsExactly(dev.hubpress.aws.DynamoRevisionLog.sk(2));
    }

    @Test
    void withAMarkerAPushThatPausesLongerThanTheQuietPeriodIsStillOneRevisionIngestedAtItsMarker() throws Exception {
        // GIVEN r1 published by a push that wrote the marker last (so pushes to this hub end with one)
        Stack stack = published();
        IngestFunction function = stack.ingestFunction(stack.revisions, QUIET, POLL);
        try (IngestQueue queue = queue(function)) {
            writeMarker(stack, queue);
            queue.drain(Duration.ofSeconds(30));
        }
        int mark = stack.logMark();

        try (IngestQueue queue = queue(function)) {
            // WHEN a push writes ten pages, pauses for longer than the quiet period, writes ten more, then the marker
            sync(stack, queue, 0, 10);
            Thread.sleep(QUIET.plusSeconds(1).toMillis());
            sync(stack, queue, 10, 20);
            writeMarker(stack, queue);
            queue.drain(Duration.ofSeconds(60));
        }

        // THEN the pause did not cut the push in two: one revision, ingested by the marker's batch at once
        List<Revision> history = ConcurrentPushes.history(stack.revisions, Stack.HUB);
        assertThat(history).extracting(Revision::seq).containsExactly(1L, 2L);
        assertThat(history.get(1).changes().summary()).isEqualTo("20 pages added");
        String logs = stack.logsSince(mark);
        assertThat(logs.lines().filter(l -> l.contains("\"level\":") && l.contains("\"outcome\":\"accepted\""))).singleElement()
                .satisfies(l -> assertThat(l).contains("\"settle\":\"marked\""));
        assertThat(outcomes(logs)).isSubsetOf("accepted", "superseded");
    }
}
