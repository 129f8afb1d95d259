package dev.hubpress.it;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.hubpress.aws.DynamoRevisionLog;
import dev.hubpress.aws.testing.Emulators;
import dev.hubpress.core.channel.GuideInfo;
import dev.hubpress.core.port.RenderCache;
import dev.hubpress.core.revision.ChannelStatus;
import dev.hubpress.core.revision.Revision;
import dev.hubpress.lambda.Env;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentSkipListSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The serverless flow end to end on AWS-API emulators (or a LocalStack): content pushed with the
 * SDK, S3 notifications delivered inside SQS messages to the real IngestFunction, and the
 * revisions table's changes delivered as stream records (through the template's own filters) to
 * the dispatcher, which puts one message per woken channel on that channel's FIFO queue (SQS on
 * ElasticMQ), delivered to the channel functions: the guide publishes a new revision, the site
 * once the guide's status is on it, the feeds once the site's is. Each test deploys its own stack.
 */
@ExtendWith(Emulators.class)
class ServerlessFlowIT {

    private static List<String> failures(SQSBatchResponse response) {
        return response.getBatchItemFailures().stream().map(SQSBatchResponse.BatchItemFailure::getItemIdentifier).toList();
    }

    private static Revision latest(Stack stack) {
        return stack.revisions.recent(Stack.HUB, 0).latest().orElseThrow();
    }

    private static HeadObjectResponse head(Stack stack, String key) {
        return stack.s3.headObject(b -> b.bucket(stack.siteBucket).key(key));
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aContentPushBecomesOneAcceptedRevision() {
        // GIVEN the repository's content pushed with the SDK, one S3 notification per file, plus S3's test event
        Stack stack = new Stack();
        List<SQSEvent.SQSMessage> messages = new ArrayList<>(stack.push(Stack.repositoryContent()));
        messages.add(AwsEvents.sqsMessage("{\"Service\":\"Amazon S3\",\"Event\":\"s3:TestEvent\",\"Bucket\":\"" + stack.contentBucket + "\"}"));

        // WHEN the queue delivers them to the ingest function as one batch
        SQSBatchResponse response = stack.ingest(messages);

        // THEN nothing failed and r1 is recorded, accepted, with every page added
        assertThat(failures(response)).isEmpty();
        Revision r1 = latest(stack);
        assertThat(r1.seq()).isEqualTo(1);
        assertThat(r1.accepted()).isTrue();
        assertThat(r1.changes().pages()).isNotEmpty();
        assertThat(r1.trigger()).startsWith("s3 ObjectCreated:Put content/");
    }

    @Test
    void theStreamPublishesTheGuideAndTheFeedsThenTheSiteEachWithTheirHeaders() {
        // GIVEN r1 ingested
        Stack stack = new Stack();
        assertThat(failures(stack.ingest(stack.push(Stack.repositoryContent())))).isEmpty();

        // WHEN the stream delivers the table's changes until it is quiet
        List<RevisionStream.Delivery> deliveries = stack.stream.settle();

        // THEN the guide got the INSERT; the site only the change the guide's status made, and the
        // feeds only the change the site's made (they announce only what the site published): each
        // woken by the dispatcher, once, in that order
        assertThat(deliveries).filteredOn(d -> d.eventName().equals("INSERT")).extracting(RevisionStream.Delivery::function)
                .containsExactly("GuideFunction");
        assertThat(deliveries).extracting(RevisionStream.Delivery::function)
                .containsExactly("GuideFunction", "SiteFunction", "FeedFunction");
        assertThat(deliveries).filteredOn(d -> !d.function().equals("GuideFunction"))
                .allSatisfy(d -> assertThat(d.eventName()).isEqualTo("MODIFY"));
        // AND every channel is DONE on r1, and the site bucket holds their objects with the right headers
        Revision r1 = stack.revisions.get(Stack.HUB, 1).orElseThrow();
        assertThat(r1.channels()).containsOnlyKeys("feeds", "guide", "site");
        assertThat(r1.channels().values()).extracting(ChannelStatus::state).containsOnly(ChannelStatus.State.DONE);
        List<String> keys = stack.siteKeys();
        assertThat(keys).contains("index.html", "sitemap.xml", "changelog.html", "404.html", "feeds/rss.xml",
                "feeds/atom.xml", "feeds/feed.json", "guide/r1.pdf");
        HeadObjectResponse index = head(stack, "index.html");
        assertThat(index.contentType().replace(" ", "")).isEqualTo("text/html;charset=utf-8");
        assertThat(index.cacheControl()).isEqualTo("public, max-age=300, must-revalidate");
        String css = keys.stream().filter(k -> k.startsWith("assets/") && k.endsWith(".css")).findFirst().orElseThrow();
        assertThat(head(stack, css).cacheControl()).isEqualTo("public, max-age=31536000, immutable");
        assertThat(head(stack, css).contentType()).startsWith("text/css");
        assertThat(head(stack, "feeds/atom.xml").contentType()).startsWith("application/atom+xml");
        assertThat(head(stack, "guide/r1.pdf").contentType()).isEqualTo("application/pdf");
        assertThat(head(stack, "guide/r1.pdf").cacheControl()).contains("immutable");
        String latestPdf = keys.stream().filter(k -> k.startsWith("guide/") && !k.equals("guide/r1.pdf")).findFirst().orElseThrow();
        assertThat(head(stack, latestPdf).cacheControl()).isEqualTo("public, max-age=300, must-revalidate");
        assertThat(stack.s3.getObjectAsBytes(b -> b.bucket(stack.siteBucket).key("guide/r1.pdf")).asByteArray())
                .startsWith("%PDF".getBytes(StandardCharsets.US_ASCII));
        assertThat(stack.logs()).contains("\"function\":\"site\"").contains("\"revision\":\"r1\"").contains("\"Namespace\":\"hubpress\"");
    }

    @Test
    void theSiteOfEachRevisionShowsTheGuideOfThatRevisionFromTheFirstOne() {
        // GIVEN r1 published through the stream
        Stack stack = new Stack().published();

        // THEN r1's home page shows r1's guide, with the size and page count its status recorded
        GuideInfo r1 = GuideInfo.of(stack.revisions.get(Stack.HUB, 1).orElseThrow()).orElseThrow();
        assertThat(r1.revision()).isEqualTo("guide/r1.pdf");
        assertThat(stack.siteText("index.html")).contains("href=\"guide/r1.pdf\"").contains(facts(r1));

        // WHEN an edit becomes r2 and the stream settles
        String faq = new String(Stack.repositoryContent().get("faq.md"), StandardCharsets.UTF_8);
        assertThat(failures(stack.ingest(stack.push(Map.of("faq.md", utf8(faq + "\nA paragraph for r2.\n"))))))
                .isEmpty();
        stack.stream.settle();

        // THEN r2's home page shows r2's guide and nothing of r1's
        GuideInfo r2 = GuideInfo.of(stack.revisions.get(Stack.HUB, 2).orElseThrow()).orElseThrow();
        assertThat(stack.siteText("index.html")).contains("href=\"guide/r2.pdf\"").contains(facts(r2))
                .doesNotContain("guide/r1.pdf");
        assertThat(stack.siteKeys()).contains("guide/r1.pdf", "guide/r2.pdf");
    }

    /** "52 pages", as the home page shows a guide's page count. */
    private static String facts(GuideInfo guide) {
        return String.format(Locale.ROOT, "%d pages", guide.pages());
    }

    @Test
    void aDuplicatedNotificationYieldsNoNewRevision() {
        // GIVEN r1 published, and the notification of a file already ingested, delivered twice (SQS is at-least-once)
        Stack stack = new Stack().published();
        String body = AwsEvents.s3Notification("ObjectCreated:Put", stack.contentBucket, "content/faq.md", 10);

        // WHEN both copies arrive, in one batch and again in another
        SQSBatchResponse first = stack.ingest(List.of(AwsEvents.sqsMessage(body), AwsEvents.sqsMessage(body)));
        SQSBatchResponse second = stack.ingest(List.of(AwsEvents.sqsMessage(body)));

        // THEN no failure, still one revision, and nothing for the stream to deliver
        assertThat(failures(first)).isEmpty();
        assertThat(failures(second)).isEmpty();
        assertThat(latest(stack).seq()).isEqualTo(1);
        assertThat(stack.stream.settle()).isEmpty();
    }

    @Test
    void aBatchWithOneMalformedMessageReportsExactlyThatOneAndTheRestCommitOnce() {
        // GIVEN r1 published, then an edit of one page and the removal of another (with a key S3 must
        // URL-encode), notified in one batch together with one message that is not an S3 notification
        Stack stack = new Stack().published();
        String faq = new String(Stack.repositoryContent().get("faq.md"), StandardCharsets.UTF_8);
        List<SQSEvent.SQSMessage> messages = new ArrayList<>(stack.push(Map.of("faq.md",
                utf8(faq + "\nOne more paragraph, added by the integration test.\n"))));
        String odd = "notes/draft notes ü+1.md";
        messages.addAll(stack.push(Map.of(odd, utf8("not a page, and not in hub.yaml"))));
        stack.s3.deleteObject(b -> b.bucket(stack.contentBucket).key(Env.CONTENT_PREFIX + odd));
        messages.add(AwsEvents.sqsMessage(AwsEvents.s3Notification("ObjectRemoved:Delete", stack.contentBucket,
                Env.CONTENT_PREFIX + odd, 0)));
        SQSEvent.SQSMessage bad = AwsEvents.sqsMessage("{\"Records\":[{\"eventSource\":\"aws:s3\",\"eventName\":\"ObjectCreated:Put\"}]}");
        messages.add(1, bad);
        String indexEtag = head(stack, "careers/index.html").eTag();

        // WHEN the batch is handled
        SQSBatchResponse response = stack.ingest(messages);

        // THEN exactly the bad message is reported, and the rest made exactly one revision (r2)
        assertThat(failures(response)).containsExactly(bad.getMessageId());
        Revision r2 = latest(stack);
        assertThat(r2.seq()).isEqualTo(2);
        assertThat(r2.accepted()).isTrue();
        assertThat(r2.changes().pages()).singleElement().satisfies(p -> assertThat(p.slug()).isEqualTo("faq"));
        assertThat(r2.trigger()).contains("content/notes/draft notes ü+1.md");

        // AND publishing r2 rewrites the changed page but leaves unchanged objects untouched
        stack.stream.settle();
        assertThat(stack.siteText("faq.html")).contains("One more paragraph, added by the integration test.");
        assertThat(head(stack, "careers/index.html").eTag()).isEqualTo(indexEtag);
        assertThat(stack.siteKeys()).contains("guide/r1.pdf", "guide/r2.pdf");
    }

    @Test
    void aRejectedPushIsRecordedButNeverStreamedToTheChannels() {
        // GIVEN r1 published, and a push that breaks a link
        Stack stack = new Stack().published();
        List<SQSEvent.SQSMessage> messages = stack.push(Map.of("broken.md", utf8("---\ntitle: Broken\nsummary: Broken.\n"
                + "section: careers\norder: 99\n---\n\nSee [nothing](nowhere.md).\n")));
        String faqEtag = head(stack, "faq.html").eTag();

        // WHEN it is ingested
        SQSBatchResponse response = stack.ingest(messages);

        // THEN r2 is REJECTED with the error, the template's stream filters drop its record, and the site is as it was
        assertThat(failures(response)).isEmpty();
        Revision r2 = latest(stack);
        assertThat(r2.seq()).isEqualTo(2);
        assertThat(r2.accepted()).isFalse();
        assertThat(r2.errors()).anySatisfy(e -> assertThat(e.toString()).startsWith("broken.md:"));
        assertThat(stack.stream.settle()).isEmpty();
        assertThat(head(stack, "faq.html").eTag()).isEqualTo(faqEtag);
        assertThat(stack.siteKeys()).doesNotContain("broken.html");
    }

    @Test
    void aRevisionWhoseChangeSetAndErrorsAreStoredApartFlowsLikeAnyOther() {
        // GIVEN a stack whose revision items keep no part over 64 bytes, as a 10,000-page hub's keep none of theirs
        Stack stack = new Stack(64);

        // WHEN the repository's content is pushed and the stream settles, then a push that breaks a link
        stack.published();
        assertThat(failures(stack.ingest(stack.push(Map.of("broken.md", utf8("---\ntitle: Broken\nsummary: Broken.\n"
                + "section: careers\norder: 99\n---\n\nSee [nothing](nowhere.md).\n")))))).isEmpty();

        // THEN r1's item names its change set in the state bucket, and every channel published r1 from it
        Map<String, AttributeValue> item = stack.item(1);
        assertThat(item).containsKey(DynamoRevisionLog.CHANGES_BLOB).doesNotContainKey(DynamoRevisionLog.CHANGES);
        assertThat(stack.blobs.get(item.get(DynamoRevisionLog.CHANGES_BLOB).s())).isPresent();
        Revision r1 = stack.revisions.get(Stack.HUB, 1).orElseThrow();
        assertThat(r1.changes().pages()).hasSizeGreaterThan(20);
        assertThat(r1.channels()).containsOnlyKeys("feeds", "guide", "site");
        assertThat(r1.channels().values()).extracting(ChannelStatus::state).containsOnly(ChannelStatus.State.DONE);
        assertThat(stack.siteText("changelog.html")).contains(r1.changes().pages().get(0).title());
        // AND r2's item names its errors, with their count and the first ones, and r2 reads back with them whole
        Map<String, AttributeValue> rejected = stack.item(2);
        Revision r2 = stack.revisions.get(Stack.HUB, 2).orElseThrow();
        assertThat(rejected).containsKey(DynamoRevisionLog.ERRORS_BLOB).doesNotContainKey(DynamoRevisionLog.ERRORS);
        assertThat(rejected.get(DynamoRevisionLog.ERROR_COUNT).n()).isEqualTo(Integer.toString(r2.errors().size()));
        assertThat(rejected.get(DynamoRevisionLog.FIRST_ERRORS).l()).extracting(AttributeValue::s)
                .containsExactlyElementsOf(r2.errors().stream().limit(10).map(Object::toString).toList());
        assertThat(r2.errors()).anySatisfy(e -> assertThat(e.toString()).startsWith("broken.md:"));
        assertThat(stack.stream.settle()).isEmpty();
    }

    /** A render cache whose gets and puts a test watches: a container's handle on the cache in the state bucket. */
    private static final class Watched implements RenderCache {
        private final RenderCache cache;
        final Set<String> found = new ConcurrentSkipListSet<>();
        final Set<String> put = new ConcurrentSkipListSet<>();

        Watched(RenderCache cache) {
            this.cache = cache;
        }

        @Override
        public Optional<byte[]> get(String name) {
            Optional<byte[]> value = cache.get(name);
            value.ifPresent(v -> found.add(name));
            return value;
        }

        @Override
        public void put(String name, byte[] bytes) {
            cache.put(name, bytes);
            put.add(name);
        }
    }

    @Test
    void aColdSiteFunctionRendersFromWhatTheLastOneKeptInTheStateBucketAndWritesTheSameBytes() {
        // GIVEN r1 ingested, and its site published by a channel function keeping its render cache in the state bucket
        Stack stack = new Stack();
        assertThat(failures(stack.ingest(stack.push(Stack.repositoryContent())))).isEmpty();
        Watched first = new Watched(stack.renderCache());
        assertThat(failures(stack.channel("site", stack.site, first).handleRequest(AwsEvents.revisionMessages("site", "MODIFY", 1), null)))
                .isEmpty();
        Set<String> kept = Set.of("page-outlines", "site-bodies", "site-search");
        assertThat(first.found).isEmpty();
        assertThat(first.put).isEqualTo(kept);
        assertThat(stack.stateKeys("cache/")).containsExactlyInAnyOrderElementsOf(kept.stream().map(n -> Env.RENDER_CACHE_PREFIX + n).toList());
        Map<String, byte[]> r1 = stack.siteBytes();

        // WHEN a fresh container (a new function, a new handle on the bucket) gets the same message again
        Watched second = new Watched(stack.renderCache());
        assertThat(failures(stack.channel("site", stack.site, second).handleRequest(AwsEvents.revisionMessages("site", "MODIFY", 1), null)))
                .isEmpty();

        // THEN it found every value the first kept and computed none (it wrote none back), and the site is byte for byte r1's
        assertThat(second.found).isEqualTo(kept);
        assertThat(second.put).isEmpty();
        Map<String, byte[]> again = stack.siteBytes();
        assertThat(again.keySet()).isEqualTo(r1.keySet());
        r1.forEach((key, bytes) -> assertThat(again.get(key)).as(key).isEqualTo(bytes));

        // WHEN an edit becomes r2 and a third fresh container publishes its site
        String faq = new String(Stack.repositoryContent().get("faq.md"), StandardCharsets.UTF_8);
        assertThat(failures(stack.ingest(stack.push(Map.of("faq.md", utf8(faq + "\nA paragraph for r2.\n")))))).isEmpty();
        Watched third = new Watched(stack.renderCache());
        assertThat(failures(stack.channel("site", stack.site, third).handleRequest(AwsEvents.revisionMessages("site", "MODIFY", 2), null)))
                .isEmpty();
        Map<String, byte[]> r2 = stack.siteBytes();
        assertThat(new String(r2.get("faq.html"), StandardCharsets.UTF_8)).contains("A paragraph for r2.");

        // THEN it started from the values kept, and kept the edited page's back
        assertThat(third.found).isEqualTo(kept);
        assertThat(third.put).contains("page-outlines", "site-bodies");

        // AND a container with no cache at all renders r2 to the very same bytes: publishing it again rewrites nothing
        int mark = stack.logMark();
        assertThat(failures(stack.channel("site", stack.site).handleRequest(AwsEvents.revisionMessages("site", "MODIFY", 2), null)))
                .isEmpty();
        assertThat(stack.logsSince(mark)).contains("\"written\":0");
        Map<String, byte[]> clean = stack.siteBytes();
        assertThat(clean.keySet()).isEqualTo(r2.keySet());
        r2.forEach((key, bytes) -> assertThat(clean.get(key)).as(key).isEqualTo(bytes));
    }
}
