package dev.hubpress.local;

import dev.hubpress.core.channel.Channels;
import dev.hubpress.core.gate.GateLimits;
import dev.hubpress.core.gate.PublishGate;
import dev.hubpress.core.load.ContentReader;
import dev.hubpress.core.load.HubLoader;
import dev.hubpress.core.markdown.MarkdownEngine;
import dev.hubpress.core.model.Hub;
import dev.hubpress.core.port.BlobStore;
import dev.hubpress.core.port.ContentSource;
import dev.hubpress.core.port.RenderCache;
import dev.hubpress.core.port.RevisionLog;
import dev.hubpress.core.publish.IngestRevision;
import dev.hubpress.core.publish.PublishRevision;
import dev.hubpress.core.publish.Snapshots;
import dev.hubpress.core.revision.Revision;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.function.Consumer;

/**
 * One content folder and one output folder, with the core's use cases assembled on the local
 * adapters once for the process, however many times it publishes: the site in {@code out/site/},
 * the revision log, content snapshots and the render cache in {@code out/state/}. What
 * {@code ./hub} publishes with, and what the benchmarks measure.
 */
public final class LocalWorkspace {

    /** Where the site folder's store keeps what it saw of its files ({@code FileStamps}), under the output folder. */
    public static final String SITE_FILES = "state/site-files";

    private final ContentSource source;
    private final FolderArtifactStore site;
    private final RevisionLog log;
    private final ContentReader reader;
    private final Snapshots snapshots;
    private final HubLoader loader;
    private final IngestRevision ingest;
    private final PublishRevision publish;
    private final Channels channels;

    /**
     * @param channels the channels to publish (and whose settings and paths the gate knows)
     * @param warnings where to say what the adapters skipped (an unreadable log line, an ignored file)
     */
    public LocalWorkspace(Path content, Path out, String hub, Clock clock, Channels channels, Consumer<String> warnings) {
        this(new FolderContentSource(content, warnings), new FolderArtifactStore(out.resolve("site"), out.resolve(SITE_FILES)),
                new JsonLinesRevisionLog(out.resolve("state/revisions.jsonl"), warnings),
                new FileBlobStore(out.resolve("state/blobs")), new FolderRenderCache(out.resolve("state/cache")), hub, clock,
                channels);
    }

    /** On these ports (tests watch what crosses them), keeping no render cache between processes. */
    public LocalWorkspace(ContentSource source, FolderArtifactStore site, RevisionLog log, BlobStore blobs, String hub,
                          Clock clock, Channels channels) {
        this(source, site, log, blobs, RenderCache.NONE, hub, clock, channels);
    }

    /**
     * On these ports, with a render cache: the reader keeps page outlines in it, and the channels'
     * renderers what they render from pages, for the next process.
     */
    public LocalWorkspace(ContentSource source, FolderArtifactStore site, RevisionLog log, BlobStore blobs, RenderCache cache,
                          String hub, Clock clock, Channels channels) {
        this.reader = new ContentReader(MarkdownEngine.standard(), cache);
        this.channels = channels.caching(cache);
        this.source = source;
        this.site = site;
        this.log = log;
        this.snapshots = new Snapshots(blobs);
        this.loader = new HubLoader(reader);
        this.ingest = new IngestRevision(hub, new PublishGate(reader, GateLimits.DEFAULT, this.channels), loader, snapshots, log,
                clock);
        this.publish = new PublishRevision(this.channels, loader, snapshots, log, site);
    }

    public ContentSource source() {
        return source;
    }

    /** The published site's folder. */
    public Path siteFolder() {
        return site.root();
    }

    /**
     * The site folder's files that are no longer as the last publish left them (see {@link
     * FolderArtifactStore#changedSinceRecorded}): a publish with no content change puts them back.
     */
    public List<String> siteFilesChanged() {
        return site.changedSinceRecorded();
    }

    /** Stops looking for these site files: no channel publishes them any more. */
    public void forgetSiteFiles(List<String> keys) {
        site.forget(keys);
    }

    public RevisionLog log() {
        return log;
    }

    /** The reader the gate and the loader share (how many pages it parsed says what a publish cost). */
    public ContentReader reader() {
        return reader;
    }

    public Channels channels() {
        return channels;
    }

    public IngestRevision ingest() {
        return ingest;
    }

    public PublishRevision publish() {
        return publish;
    }

    /** The hub of an accepted revision, read back from its snapshot (not gated again). */
    public Hub hub(Revision revision) {
        return loader.load(snapshots.load(revision.manifest()));
    }
}
