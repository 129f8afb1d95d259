package dev.hubpress.cli;

import dev.hubpress.core.channel.Channels;
import dev.hubpress.core.content.ContentTree;
import dev.hubpress.core.port.ContentSource;
import dev.hubpress.core.port.RevisionLog;
import dev.hubpress.core.publish.IngestResult;
import dev.hubpress.core.publish.PublishRevision;
import dev.hubpress.core.revision.ChannelStatus;
import dev.hubpress.core.revision.History;
import dev.hubpress.core.revision.Revision;
import dev.hubpress.core.testing.ContentFixtures;
import dev.hubpress.core.testing.FixedClock;
import dev.hubpress.local.FileBlobStore;
import dev.hubpress.local.FolderArtifactStore;
import dev.hubpress.local.FolderContentSource;
import dev.hubpress.local.JsonLinesRevisionLog;
import dev.hubpress.local.LocalWorkspace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What one publish costs, counted where it crosses the ports, as {@code ./hub publish} runs it in a
 * fresh process with every channel: the content read once, the revision log read once, each content
 * file parsed at most once.
 */
class OnePublishCostTest {

    @TempDir
    Path tmp;

    /** The file log, counting the reads that go through the port. */
    private static final class CountingLog implements RevisionLog {
        final RevisionLog log;
        final AtomicInteger reads = new AtomicInteger();

        CountingLog(RevisionLog log) {
            this.log = log;
        }

        @Override
        public History recent(String hub, int accepted) {
            reads.incrementAndGet();
            return log.recent(hub, accepted);
        }

        @Override
        public Optional<Revision> get(String hub, long seq) {
            reads.incrementAndGet();
            return log.get(hub, seq);
        }

        @Override
        public boolean claim(Revision revision) {
            return log.claim(revision);
        }

        @Override
        public void recordChannel(String hub, long seq, String channel, ChannelStatus status) {
            log.recordChannel(hub, seq, channel, status);
        }
    }

    /** The folder source, counting reads. */
    private static final class CountingSource implements ContentSource {
        final ContentSource source;
        final AtomicInteger reads = new AtomicInteger();

        CountingSource(ContentSource source) {
            this.source = source;
        }

        @Override
        public ContentTree read() {
            reads.incrementAndGet();
            return source.read();
        }
    }

    /** A fresh process's workspace on the same folders, its ports counted. */
    private record Run(LocalWorkspace workspace, CountingSource source, CountingLog log) {
    }

    private Run freshProcess() {
        CountingSource source = new CountingSource(new FolderContentSource(tmp.resolve("content")));
        CountingLog log = new CountingLog(new JsonLinesRevisionLog(tmp.resolve("out/state/revisions.jsonl")));
        FolderArtifactStore site = new FolderArtifactStore(tmp.resolve("out/site"), tmp.resolve("out").resolve(LocalWorkspace.SITE_FILES));
        LocalWorkspace workspace = new LocalWorkspace(source, site, log,
                new FileBlobStore(tmp.resolve("out/state/blobs")), "hub", FixedClock.standard(), Channels.discover());
        return new Run(workspace, source, log);
    }

    /** What ./hub publish does: read, ingest, publish every channel of the new revision. */
    private static PublishRevision.Report publish(LocalWorkspace workspace) {
        IngestResult.Accepted accepted = (IngestResult.Accepted) workspace.ingest().ingest(workspace.source().read(), "local publish");
        return workspace.publish().publish(accepted.revision(), accepted.hub(), accepted.history(), workspace.channels().ids());
    }

    @Test
    void anEditInAFreshProcessReadsTheLogOnceAndParsesEachContentFileAtMostOnce() throws IOException {
        // GIVEN the repository's content published as r1 by an earlier process
        ContentFixtures.copyRepositoryContent(tmp.resolve("content"));
        publish(freshProcess().workspace());
        long pages = ContentFixtures.repositoryTree().files().stream().filter(f -> f.path().endsWith(".md")).count();

        // WHEN one page is edited and a new process publishes it
        Path faq = tmp.resolve("content/faq.md");
        Files.writeString(faq, Files.readString(faq) + "\nOne more line.\n", StandardCharsets.UTF_8);
        Run run = freshProcess();
        PublishRevision.Report report = publish(run.workspace());

        // THEN r2 is published, the content was read once and the revision log once (the ingest's
        // read serves the publish too), and the reader parsed every current page once and the
        // parent's version of the one changed page once: nothing twice; each channel after those it
        // reads (the site after the guide, the feeds after the site)
        assertThat(report.revision().id()).isEqualTo("r2");
        assertThat(report.outcomes()).extracting(PublishRevision.Outcome::channel).containsExactly("guide", "site", "feeds");
        assertThat(report.failed()).isEmpty();
        assertThat(run.source().reads.get()).isEqualTo(1);
        assertThat(run.log().reads.get()).isEqualTo(1);
        assertThat(run.workspace().reader().pagesParsed()).isEqualTo(pages + 1);
    }
}
