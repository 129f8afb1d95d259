package dev.hubpress.it;

import dev.hubpress.aws.AwsClients;
import dev.hubpress.aws.DynamoRevisionLog;
import dev.hubpress.aws.S3ArtifactStore;
import dev.hubpress.aws.S3BlobStore;
import dev.hubpress.aws.S3ContentSource;
import dev.hubpress.aws.testing.Emulators;
import dev.hubpress.aws.testing.RequestCounter;
import dev.hubpress.core.channel.Channels;
import dev.hubpress.core.testing.ContentFixtures;
import dev.hubpress.functions.ChannelFunction;
import dev.hubpress.functions.IngestFunction;
import dev.hubpress.lambda.Env;
import dev.hubpress.lambda.JsonLog;
import dev.hubpress.lambda.Metrics;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.s3.S3Client;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Requests follow the change, not the hub (issue 12, item 11): after a hub of many pages is
 * published, a one-page edit costs each function fewer than 50 S3 requests, counted on the
 * emulators by an SDK interceptor ({@link RequestCounter}) on each function's own client, as each
 * Lambda has its own: whether the edit finds the same function instances (warm containers) or new
 * ones that remember nothing (cold containers, which start from the ingest's content index and the
 * snapshot's pack). The figures at scale are the benchmark's ({@code bench/publish-requests},
 * docs/benchmarks.md).
 */
@ExtendWith(Emulators.class)
class PublishRequestsIT {

    /** Enough pages that a request per page or per site object would pass the bound several times over. */
    private static final int PAGES = 150;
    private static final int BOUND = 50;

    private final Stack stack = new Stack();
    private final ByteArrayOutputStream logs = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(logs, true, StandardCharsets.UTF_8);
    private final Clock clock = Clock.systemUTC();
    /** One counter per function, by function name. */
    private final Map<String, RequestCounter> requests = new TreeMap<>();

    /** An S3 client counting its requests under the function's name. */
    private S3Client counted(String function) {
        RequestCounter counter = requests.computeIfAbsent(function, f -> new RequestCounter());
        return AwsClients.s3Builder().overrideConfiguration(o -> o.addExecutionInterceptor(counter)).build();
    }

    /** The channel function on its own counting client: its blobs, its revision log's large parts and the site bucket. */
    private ChannelFunction channel(String channel) {
        S3Client s3 = counted(channel);
        S3BlobStore blobs = new S3BlobStore(s3, stack.stateBucket, Env.BLOBS_PREFIX);
        return new ChannelFunction(Channels.discover(), channel, blobs, new DynamoRevisionLog(stack.dynamo, stack.table, blobs),
                new S3ArtifactStore(s3, stack.siteBucket, ""), new JsonLog(channel, out, clock), new Metrics(channel, "test", out, clock));
    }

    private IngestFunction ingest() {
        S3Client s3 = counted("ingest");
        S3BlobStore blobs = new S3BlobStore(s3, stack.stateBucket, Env.BLOBS_PREFIX);
        return new IngestFunction(Stack.HUB, stack.contentBucket,
                new S3ContentSource(s3, stack.contentBucket, Env.CONTENT_PREFIX, stack.stateBucket, Env.CONTENT_INDEX_KEY),
                blobs, new DynamoRevisionLog(stack.dynamo, stack.table, blobs), clock, new JsonLog("ingest", out, clock),
                new Metrics("ingest", "test", out, clock), Stack.QUIET, Stack.POLL);
    }

    private static String guide(int n, String extra) {
        return ContentFixtures.page("Guide " + n, "guides", n, "## Part " + n + "\n\nText of guide " + n + ".\n" + extra);
    }

    private static Map<String, byte[]> hub(int edited) {
        List<String> pathsAndTexts = new ArrayList<>();
        for (int n = 1; n <= PAGES; n++) {
            pathsAndTexts.add("guides/guide-" + n + ".md");
            pathsAndTexts.add(guide(n, n == edited ? "\nA paragraph added by the edit.\n" : ""));
        }
        return Stack.files(ContentFixtures.tree(pathsAndTexts.toArray(String[]::new)));
    }

    @Test
    void aOnePageEditOfALargeHubCostsEachWarmFunctionFewerThanFiftyS3Requests() {
        aOnePageEditCostsEachFunctionFewerThanFiftyS3Requests(false);
    }

    @Test
    void aOnePageEditOfALargeHubCostsEachColdFunctionFewerThanFiftyS3Requests() {
        aOnePageEditCostsEachFunctionFewerThanFiftyS3Requests(true);
    }

    private void aOnePageEditCostsEachFunctionFewerThanFiftyS3Requests(boolean cold) {
        // GIVEN the functions on counting clients, fed as template.yaml feeds them (the dispatcher, their queues)
        IngestFunction ingest = ingest();
        RevisionStream stream = consume(stack.stream);
        // AND a hub of 150 pages published as r1
        Map<String, byte[]> first = hub(0);
        assertThat(ingest.handleRequest(AwsEvents.sqsEvent(stack.push(first)), null).getBatchItemFailures()).as(logs()).isEmpty();
        stream.settle();
        int objects = stack.siteKeys().size();
        assertThat(objects).as("objects in the site bucket").isGreaterThan(PAGES);
        Map<String, Long> wholeHub = totals();
        if (cold) {
            // AND, for the edit, new function instances that remember nothing (new containers), counted afresh
            requests.clear();
            ingest = ingest();
            consume(stream);
        } else {
            requests.values().forEach(RequestCounter::reset);
        }

        // WHEN one page is edited and pushed, and the stream publishes r2
        Map<String, byte[]> edit = Map.of("guides/guide-75.md", hub(75).get("guides/guide-75.md"));
        assertThat(ingest.handleRequest(AwsEvents.sqsEvent(stack.push(edit)), null).getBatchItemFailures()).as(logs()).isEmpty();
        List<RevisionStream.Delivery> deliveries = stream.settle();

        // THEN r2 reached every channel
        assertThat(deliveries).extracting(RevisionStream.Delivery::function).contains("SiteFunction", "FeedFunction", "GuideFunction");
        assertThat(stack.revisions.get(Stack.HUB, 2)).hasValueSatisfying(r -> assertThat(r.changes().summary()).isEqualTo("1 page changed"));
        // AND each function made fewer than 50 S3 requests, where the whole hub made more than the hub has pages
        // (a PUT per object; one listing of the bucket instead of a HEAD per object)
        Map<String, Long> edited = totals();
        assertThat(edited).as("S3 requests of the edit; whole hub: %s; by operation: %s", wholeHub, byOperation())
                .containsOnlyKeys("ingest", "site", "feeds", "guide")
                .allSatisfy((function, count) -> assertThat(count).as(function).isPositive().isLessThan(BOUND));
        assertThat(wholeHub.get("site")).as("the site's requests for the whole hub").isGreaterThan(PAGES);
        // AND the bucket holds the edit
        assertThat(stack.siteText("guides/guide-75.html")).contains("A paragraph added by the edit.");
    }

    /** The channel functions, new instances each on a new counting client, fed by their queues as the dispatcher feeds them. */
    private RevisionStream consume(RevisionStream stream) {
        return stream.consume("SiteFunction", stack.sqs, stack.queues.get("site"), channel("site"))
                .consume("FeedFunction", stack.sqs, stack.queues.get("feeds"), channel("feeds"))
                .consume("GuideFunction", stack.sqs, stack.queues.get("guide"), channel("guide"));
    }

    private Map<String, Long> totals() {
        Map<String, Long> totals = new TreeMap<>();
        requests.forEach((function, counter) -> totals.put(function, counter.total("S3")));
        return totals;
    }

    private Map<String, Map<String, Long>> byOperation() {
        Map<String, Map<String, Long>> all = new TreeMap<>();
        requests.forEach((function, counter) -> all.put(function, counter.counts()));
        return all;
    }

    private String logs() {
        return logs.toString(StandardCharsets.UTF_8);
    }
}
