package dev.hubpress.lambda;

import dev.hubpress.core.load.ContentReader;
import dev.hubpress.core.load.HubLoader;
import dev.hubpress.core.markdown.MarkdownEngine;
import dev.hubpress.core.model.Hub;
import dev.hubpress.core.port.BlobStore;
import dev.hubpress.core.port.RenderCache;
import dev.hubpress.core.port.RevisionLog;
import dev.hubpress.core.publish.Snapshots;
import dev.hubpress.core.revision.Revision;

import java.util.Optional;

/**
 * The hub as of an accepted revision, loaded from its snapshot (not gated again) and kept while it
 * is the newest one asked for: what the email functions render with (settings, titles, URLs).
 * One per container.
 */
public final class AcceptedHubs {

    /** An accepted revision and its hub. */
    public record Loaded(Revision revision, Hub hub) {
    }

    private final String hubId;
    private final RevisionLog log;
    private final Snapshots snapshots;
    private final HubLoader loader;
    private Loaded cached;

    /** Keeping nothing between containers: a cold one parses every page again. */
    public AcceptedHubs(String hubId, RevisionLog log, BlobStore blobs) {
        this(hubId, log, blobs, RenderCache.NONE);
    }

    /** Hubs loaded with the page outlines kept in this render cache (what the ingest and the channels parsed). */
    public AcceptedHubs(String hubId, RevisionLog log, BlobStore blobs, RenderCache cache) {
        this.hubId = hubId;
        this.log = log;
        this.snapshots = new Snapshots(blobs);
        this.loader = new HubLoader(new ContentReader(MarkdownEngine.standard(), cache));
    }

    public String hubId() {
        return hubId;
    }

    public RevisionLog log() {
        return log;
    }

    /** The newest accepted revision and its hub; empty before the first one. */
    public Optional<Loaded> latest() {
        return log.recent(hubId, 1).lastAccepted().map(this::of);
    }

    /** The hub of an accepted revision. */
    public synchronized Loaded of(Revision revision) {
        if (cached != null && cached.revision().seq() == revision.seq()) {
            return cached;
        }
        Loaded loaded = new Loaded(revision, loader.load(snapshots.load(revision.manifest())));
        if (cached == null || revision.seq() >= cached.revision().seq()) {
            cached = loaded;
        }
        return loaded;
    }
}
