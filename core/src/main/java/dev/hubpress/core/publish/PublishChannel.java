package dev.hubpress.core.publish;

import dev.hubpress.core.gate.PublishGate;
import dev.hubpress.core.model.Hub;
import dev.hubpress.core.port.ArtifactStore;
import dev.hubpress.core.port.RevisionLog;
import dev.hubpress.core.revision.ChannelStatus;
import dev.hubpress.core.revision.Revision;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Use case: publish one channel of one accepted revision. Renders the edition, writes the objects
 * that changed, removes the ones the channel no longer publishes, and records the channel's
 * status on the revision. A failing channel records FAILED and never touches other channels.
 */
public final class PublishChannel {

    /** How many accepted revisions a channel sees as history (the changelog, feeds). */
    public static final int HISTORY = 200;

    private final ChannelRenderer renderer;
    private final PublishGate gate;
    private final Snapshots snapshots;
    private final RevisionLog log;
    private final ArtifactStore store;

    public PublishChannel(ChannelRenderer renderer, PublishGate gate, Snapshots snapshots, RevisionLog log,
                          ArtifactStore store) {
        this.renderer = renderer;
        this.gate = gate;
        this.snapshots = snapshots;
        this.log = log;
        this.store = store;
    }

    /** What was published. */
    public record Outcome(ChannelStatus status, int written, int unchanged, int deleted) {
    }

    /** Publishes a revision known only by its number (as a stream record gives it). */
    public Outcome publish(String hub, long seq) {
        Revision revision = log.get(hub, seq).orElseThrow(() -> new IllegalArgumentException("no revision " + seq + " of hub " + hub));
        Hub loaded = gate.inspect(snapshots.load(revision.manifest())).hub().orElseThrow(() ->
                new IllegalStateException(revision.id() + " does not pass the gate; it cannot be published"));
        return publish(revision, loaded);
    }

    /** Publishes a revision whose hub is already loaded (the local command does both in one process). */
    public Outcome publish(Revision revision, Hub hub) {
        long started = System.nanoTime();
        String channel = renderer.channel();
        try {
            List<Revision> history = log.accepted(revision.hub(), HISTORY).stream()
                    .filter(r -> r.seq() <= revision.seq()).toList();
            List<Artifact> artifacts = renderer.render(new Edition(hub, revision, history));
            Map<String, String> previous = snapshots.listing(previousOutputs(history, revision, channel).orElse(""));
            Map<String, String> outputs = new LinkedHashMap<>();
            int written = 0;
            long bytes = 0;
            for (Artifact artifact : artifacts) {
                if (outputs.put(artifact.key(), artifact.digest()) != null) {
                    throw new IllegalStateException(channel + " rendered " + artifact.key() + " twice");
                }
                bytes += artifact.size();
                if (store.put(artifact)) {
                    written++;
                }
            }
            int deleted = 0;
            for (String key : previous.keySet()) {
                if (!outputs.containsKey(key) && !renderer.retains(key)) {
                    store.delete(key);
                    deleted++;
                }
            }
            ChannelStatus status = ChannelStatus.done(artifacts.size(), bytes, millisSince(started),
                    snapshots.storeListing(outputs), renderer.facts(artifacts));
            log.recordChannel(revision.hub(), revision.seq(), channel, status);
            return new Outcome(status, written, artifacts.size() - written, deleted);
        } catch (RuntimeException e) {
            ChannelStatus failed = ChannelStatus.failed(millisSince(started), String.valueOf(e.getMessage()));
            log.recordChannel(revision.hub(), revision.seq(), channel, failed);
            throw e;
        }
    }

    private static Optional<String> previousOutputs(List<Revision> history, Revision current, String channel) {
        return history.stream()
                .filter(r -> r.seq() != current.seq())
                .map(r -> r.channels().get(channel))
                .filter(s -> s != null && s.state() == ChannelStatus.State.DONE)
                .map(ChannelStatus::outputs)
                .findFirst();
    }

    private static long millisSince(long started) {
        return (System.nanoTime() - started) / 1_000_000;
    }
}
