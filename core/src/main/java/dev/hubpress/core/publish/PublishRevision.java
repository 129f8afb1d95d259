package dev.hubpress.core.publish;

import dev.hubpress.core.channel.Artifact;
import dev.hubpress.core.channel.Channel;
import dev.hubpress.core.channel.ChannelRenderer;
import dev.hubpress.core.channel.Channels;
import dev.hubpress.core.channel.Edition;
import dev.hubpress.core.load.HubLoader;
import dev.hubpress.core.model.Hub;
import dev.hubpress.core.port.ArtifactStore;
import dev.hubpress.core.port.RevisionLog;
import dev.hubpress.core.revision.ChannelStatus;
import dev.hubpress.core.revision.History;
import dev.hubpress.core.revision.Revision;
import dev.hubpress.core.work.Parallel;
import dev.hubpress.core.work.Requests;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Use case: publish channels of one accepted revision from its loaded hub. For each channel, in
 * the registry's publish order: render the edition, write the objects that changed, remove the
 * ones the channel no longer publishes, and record the channel's status on the revision, with the
 * listing of every object's {@linkplain Artifact#version() version}. A channel that
 * {@linkplain Channel#reads reads} another sees that channel's outcome on this same revision
 * (when it reads only whether the other published, it is rendered beside it: {@link RenderAhead}).
 *
 * <p>Requests follow the change, not the size of the hub: the store is told which version the
 * channel's last complete publish wrote under each key, so an unchanged object costs it nothing
 * (a bucket makes no request for it) while a changed or new one is checked and written; the
 * requests that remain run a few at a time, with results and failures in the artifacts' order.
 *
 * <p>Whatever goes wrong inside a channel, any {@link Throwable} (a stack overflow included), is
 * recorded as that channel's FAILED status with one line saying why, and reported in the outcome;
 * the other channels still publish, and nothing already published is touched by the failed one.
 */
public final class PublishRevision {

    /** How many accepted revisions a channel sees as history (the changelog, feeds). */
    public static final int HISTORY = 200;

    /**
     * From how many objects a publish with no trusted listing lists the store once instead of
     * checking each object: a listing is one request per 1,000 keys, a check one per object.
     */
    static final int LIST_FROM = 50;

    private final Channels channels;
    private final HubLoader loader;
    private final Snapshots snapshots;
    private final RevisionLog log;
    private final ArtifactStore store;

    /**
     * @param loader loads a revision's hub from its snapshot, for a revision known only by its number
     */
    public PublishRevision(Channels channels, HubLoader loader, Snapshots snapshots, RevisionLog log, ArtifactStore store) {
        this.channels = channels;
        this.loader = loader;
        this.snapshots = snapshots;
        this.log = log;
        this.store = store;
    }

    /**
     * What one channel did.
     *
     * @param failure what went wrong when the status is FAILED (for the operator's log), else empty
     * @param changed the keys whose object this edition changed against the channel's last complete
     *                publish, written or deleted, in order: what a CDN may hold an old copy of. The
     *                same for a retry of the same revision after a failure half-way. Objects whose
     *                key names their version ({@linkplain Artifact.CachePolicy#IMMUTABLE immutable})
     *                are not among them: a new one is a new key, never cached before
     */
    public record Outcome(String channel, ChannelStatus status, int written, int unchanged, int deleted,
                          Optional<Throwable> failure, List<String> changed) {
        public Outcome {
            changed = List.copyOf(changed);
        }

        public boolean failed() {
            return status.state() == ChannelStatus.State.FAILED;
        }
    }

    /**
     * What a publish did: the revision and history with the new statuses on them, and each channel's outcome.
     *
     * @param superseded the channels not published because a newer revision's edition of theirs is
     *                   already published (see {@link #publish(String, long, Collection)})
     */
    public record Report(Revision revision, History history, List<Outcome> outcomes, List<String> superseded) {
        public Report {
            outcomes = List.copyOf(outcomes);
            superseded = List.copyOf(superseded);
        }

        public Report(Revision revision, History history, List<Outcome> outcomes) {
            this(revision, history, outcomes, List.of());
        }

        public List<String> failed() {
            return outcomes.stream().filter(Outcome::failed).map(Outcome::channel).toList();
        }
    }

    /**
     * Publishes channels of an accepted revision known only by its number (a queued message, a
     * retry, a message replayed from a DLQ): one read of the log, and the hub loaded from the
     * revision's snapshot, not gated again. A channel whose edition of a newer revision is already
     * published (DONE) is not published for this older one, which would put older pages back over
     * newer ones; it is listed in {@link Report#superseded()} instead.
     *
     * @throws IllegalArgumentException when there is no such accepted revision
     */
    public Report publish(String hub, long seq, Collection<String> channelIds) {
        History history = log.recent(hub, HISTORY);
        Revision revision = history.accepted(seq)
                .or(() -> log.get(hub, seq).filter(Revision::accepted))
                .orElseThrow(() -> new IllegalArgumentException("no accepted revision r" + seq + " of hub " + hub));
        List<String> superseded = channelIds.stream().filter(c -> publishedAfter(history, seq, c).isPresent()).toList();
        List<String> toPublish = channelIds.stream().filter(c -> !superseded.contains(c)).toList();
        if (toPublish.isEmpty()) {
            return new Report(revision, history, List.of(), superseded);
        }
        Report report = publish(revision, loader.load(snapshots.load(revision.manifest())), history, toPublish);
        return new Report(report.revision(), report.history(), report.outcomes(), superseded);
    }

    /** The newest accepted revision after {@code seq} whose edition of the channel is published (DONE), if any. */
    public static Optional<Revision> publishedAfter(History history, long seq, String channel) {
        return history.accepted().stream()
                .filter(r -> r.seq() > seq)
                .filter(r -> r.channels().get(channel) != null && r.channels().get(channel).state() == ChannelStatus.State.DONE)
                .findFirst();
    }

    /**
     * Publishes the given channels of an accepted revision.
     *
     * @param history  the hub's recent history (from the ingest that made the revision, or one read)
     * @param channelIds the channels to publish; published in the registry's order whatever the order here
     */
    public Report publish(Revision revision, Hub hub, History history, Collection<String> channelIds) {
        List<Channel> publishing = channels.publishing().stream().filter(c -> channelIds.contains(c.id())).toList();
        // A channel that only needs to know whether the channels before it published renders beside them (RenderAhead).
        Map<String, RenderAhead> ahead = new LinkedHashMap<>();
        for (int i = 1; i < publishing.size(); i++) {
            Channel channel = publishing.get(i);
            List<String> before = publishing.subList(0, i).stream().map(Channel::id).toList();
            RenderAhead.start(channel, channels.renderer(channel.id()).orElseThrow(), before, revision, hub, history)
                    .ifPresent(started -> ahead.put(channel.id(), started));
        }
        List<Outcome> outcomes = new ArrayList<>();
        Revision current = revision;
        History known = history;
        for (Channel channel : publishing) {
            ChannelRenderer renderer = channels.renderer(channel.id()).orElseThrow();
            Outcome outcome = publish(channel.id(), renderer, current, hub, known, Optional.ofNullable(ahead.get(channel.id())));
            current = current.withChannel(channel.id(), outcome.status());
            known = known.replacing(current);
            outcomes.add(outcome);
        }
        return new Report(current, known, outcomes);
    }

    /**
     * What a channel renders for this revision: the hub, the revision, and the history up to it, at
     * most {@link #HISTORY} revisions whatever history it is handed, so that its bytes do not depend
     * on how the revision came to be published.
     */
    static Edition edition(Revision revision, Hub hub, History history) {
        List<Revision> shown = new ArrayList<>();
        shown.add(revision);
        history.upTo(revision.seq()).stream().filter(r -> r.seq() != revision.seq()).limit(HISTORY - 1).forEach(shown::add);
        return new Edition(hub, revision, shown);
    }

    private Outcome publish(String channel, ChannelRenderer renderer, Revision revision, Hub hub, History history,
                            Optional<RenderAhead> ahead) {
        long started = System.nanoTime();
        try {
            Optional<List<Artifact>> early = ahead.flatMap(a -> a.artifacts(revision));
            List<Artifact> artifacts = early.isPresent() ? early.get() : renderer.render(edition(revision, hub, history));
            // Every object's bytes hashed on every core, once (an artifact keeps its digest): a
            // 1,000-page hub's objects are 75 MB, a second on one core under the quick compiler,
            // which has no SHA-256 intrinsic.
            List<String> versions = Parallel.map(artifacts, Artifact::version);
            Map<String, String> outputs = new LinkedHashMap<>();
            long bytes = 0;
            for (int i = 0; i < artifacts.size(); i++) {
                Artifact artifact = artifacts.get(i);
                if (outputs.put(artifact.key(), versions.get(i)) != null) {
                    throw new IllegalStateException(channel + " rendered " + artifact.key() + " twice");
                }
                bytes += artifact.size();
            }
            Base base = base(history, revision, channel);
            Map<String, String> previous = snapshots.listing(base.outputs());
            // An object whose version the trusted listing holds costs the store nothing to skip;
            // the others it checks (and writes if they differ), a few at a time. With no trusted
            // listing (a first publish, a replay) and many objects, one listing of the store is
            // cheaper than a check per object: what it lacks is written unchecked.
            Optional<Set<String>> held = !base.trusted() && artifacts.size() >= LIST_FROM ? store.heldKeys() : Optional.empty();
            List<Boolean> writes = Requests.map(artifacts, artifact -> held.isPresent() && !held.get().contains(artifact.key())
                    ? store.create(artifact)
                    : store.put(artifact, base.trusted() ? Optional.ofNullable(previous.get(artifact.key())) : Optional.empty()));
            int written = (int) writes.stream().filter(Boolean::booleanValue).count();
            // Deletes come last, once every new object is in place: links of the old objects keep working till then.
            List<String> gone = previous.keySet().stream().filter(key -> !outputs.containsKey(key) && !renderer.retains(key)).toList();
            Requests.forEach(gone, store::delete);
            List<String> changed = new ArrayList<>();
            for (int i = 0; i < artifacts.size(); i++) {
                Artifact artifact = artifacts.get(i);
                boolean differs = writes.get(i) || !artifact.version().equals(previous.get(artifact.key()));
                if (differs && artifact.cache() != Artifact.CachePolicy.IMMUTABLE) {
                    changed.add(artifact.key());
                }
            }
            changed.addAll(gone);
            ChannelStatus status = ChannelStatus.done(artifacts.size(), bytes, millisSince(started),
                    snapshots.storeListing(outputs), renderer.facts(artifacts));
            log.recordChannel(revision.hub(), revision.seq(), channel, status);
            return new Outcome(channel, status, written, artifacts.size() - written, gone.size(), Optional.empty(), changed);
        } catch (Throwable e) {
            ChannelStatus failed = ChannelStatus.failed(millisSince(started), oneLine(e));
            log.recordChannel(revision.hub(), revision.seq(), channel, failed);
            return new Outcome(channel, failed, 0, 0, 0, Optional.of(e), List.of());
        } finally {
            store.settle();
        }
    }

    /** What went wrong, in one line: the message, or the kind of failure when there is none (StackOverflowError). */
    public static String oneLine(Throwable e) {
        String message = e.getMessage();
        String text = message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
        String line = text.strip().replaceAll("\\s+", " ");
        return line.length() > 300 ? line.substring(0, 299) + "…" : line;
    }

    /**
     * What the channel last published completely, at or before this revision: the output listing
     * of its newest DONE status (this revision's own, when it is published again), or none.
     *
     * @param outputs the listing's hash; empty when the channel has published nothing yet
     * @param trusted whether the store holds exactly that listing: no publish of the channel has
     *                run since but this revision's own (no later revision has a status for it, so
     *                this is not a replay of an old revision, and none between failed half-way).
     *                An earlier failed attempt at this revision wrote only this revision's objects.
     */
    private record Base(String outputs, boolean trusted) {
    }

    private static Base base(History history, Revision current, String channel) {
        Optional<Revision> done = lastDone(history, current, channel);
        if (done.isEmpty()) {
            return new Base("", false);
        }
        long since = done.get().seq();
        boolean others = history.accepted().stream()
                .anyMatch(r -> r.seq() > since && r.seq() != current.seq() && r.channels().containsKey(channel));
        return new Base(done.get().channels().get(channel).outputs(), !others);
    }

    /**
     * The newest revision at or before this one (this one as given, not as the history holds it)
     * whose status of the channel is DONE, if any.
     */
    static Optional<Revision> lastDone(History history, Revision current, String channel) {
        return history.upTo(current.seq()).stream()
                .map(r -> r.seq() == current.seq() ? current : r)
                .filter(r -> isDone(r.channels().get(channel)))
                .findFirst()
                .or(() -> isDone(current.channels().get(channel)) ? Optional.of(current) : Optional.empty());
    }

    private static boolean isDone(ChannelStatus status) {
        return status != null && status.state() == ChannelStatus.State.DONE;
    }

    private static long millisSince(long started) {
        return (System.nanoTime() - started) / 1_000_000;
    }
}
