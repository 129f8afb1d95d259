package dev.hubpress.lambda;

import dev.hubpress.core.gate.GateLimits;
import dev.hubpress.core.gate.PublishGate;
import dev.hubpress.core.markdown.MarkdownEngine;
import dev.hubpress.core.model.Hub;
import dev.hubpress.core.port.BlobStore;
import dev.hubpress.core.port.RevisionLog;
import dev.hubpress.core.publish.Snapshots;
import dev.hubpress.core.revision.Revision;

import java.util.Optional;

/**
 * The hub as of an accepted revision, loaded from its snapshot and kept while it is the newest one
 * asked for: what the email functions render with (settings, titles, URLs). One per container.
 */
public final class Editions {

    /** An accepted revision and its hub. */
    public record Loaded(Revision revision, Hub hub) {
    }

    private final String hubId;
    private final RevisionLog log;
    private final Snapshots snapshots;
    private final PublishGate gate;
    private Loaded cached;

    public Editions(String hubId, RevisionLog log, BlobStore blobs) {
        this.hubId = hubId;
        this.log = log;
        this.snapshots = new Snapshots(blobs);
        this.gate = new PublishGate(new MarkdownEngine(), GateLimits.DEFAULT);
    }

    public String hubId() {
        return hubId;
    }

    public RevisionLog log() {
        return log;
    }

    /** The newest accepted revision and its hub; empty before the first one. */
    public Optional<Loaded> latest() {
        return log.accepted(hubId, 1).stream().findFirst().map(this::of);
    }

    /** The hub of an accepted revision. */
    public synchronized Loaded of(Revision revision) {
        if (cached != null && cached.revision().seq() == revision.seq()) {
            return cached;
        }
        Hub hub = gate.inspect(snapshots.load(revision.manifest())).hub().orElseThrow(() ->
                new IllegalStateException(revision.id() + " does not pass the gate"));
        Loaded loaded = new Loaded(revision, hub);
        if (cached == null || revision.seq() >= cached.revision().seq()) {
            cached = loaded;
        }
        return loaded;
    }
}
