package dev.hubpress.core.publish;

import dev.hubpress.core.channel.Artifact;
import dev.hubpress.core.channel.Channel;
import dev.hubpress.core.channel.ChannelRenderer;
import dev.hubpress.core.model.Hub;
import dev.hubpress.core.revision.ChannelStatus;
import dev.hubpress.core.revision.History;
import dev.hubpress.core.revision.Revision;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

/**
 * A channel's objects rendered while the channels it {@linkplain Channel#reads reads} are still
 * publishing, on the guess that each of them ends as it last did: the feeds need only know that
 * the site published, so they need not wait the guide and the site out before rendering (on two
 * cores, a one-page edit of a 1,000-page hub spends most of the guide's binding on one).
 *
 * <p>A guess is made only where it is likely right: for every channel read that publishes in the
 * same run, its last complete (DONE) status recorded no facts, so all its outcome can tell the
 * reader is whether it published. The guess is checked before the objects are used: each of those
 * channels' outcome on this revision must have the guessed state and facts, which is all a
 * channel may read of another's status. Otherwise, or when rendering ahead failed in any way,
 * the channel renders again, as if nothing had been rendered ahead: the result never depends on
 * the guess.
 */
final class RenderAhead {

    /** The statuses guessed for the channels read, by channel. */
    private final Map<String, ChannelStatus> guessed;
    private final FutureTask<List<Artifact>> rendering;

    private RenderAhead(Map<String, ChannelStatus> guessed, FutureTask<List<Artifact>> rendering) {
        this.guessed = Map.copyOf(guessed);
        this.rendering = rendering;
    }

    /**
     * Starts rendering the channel's edition ahead, on a thread of its own, when every channel it
     * reads among {@code publishing} last published with no facts; otherwise empty.
     *
     * @param publishing the channels published in this run before this one
     */
    static Optional<RenderAhead> start(Channel channel, ChannelRenderer renderer, Collection<String> publishing,
                                       Revision revision, Hub hub, History history) {
        Map<String, ChannelStatus> guessed = new LinkedHashMap<>();
        Revision assumed = revision;
        for (String read : channel.reads()) {
            if (!publishing.contains(read)) {
                continue; // already on the revision as it will be when this channel renders
            }
            Optional<ChannelStatus> last = PublishRevision.lastDone(history, revision, read).map(r -> r.channels().get(read));
            if (last.isEmpty() || !last.get().facts().isEmpty()) {
                return Optional.empty();
            }
            guessed.put(read, last.get());
            assumed = assumed.withChannel(read, last.get());
        }
        if (guessed.isEmpty()) {
            return Optional.empty();
        }
        Revision edition = assumed;
        FutureTask<List<Artifact>> task = new FutureTask<>(() -> {
            List<Artifact> artifacts = renderer.render(PublishRevision.edition(edition, hub, history));
            // Hashed here too, while the channels read still publish: the publish asks for each version.
            artifacts.forEach(Artifact::version);
            return artifacts;
        });
        try {
            Thread thread = new Thread(task, "render-ahead-" + channel.id());
            thread.setDaemon(true);
            thread.start();
        } catch (OutOfMemoryError | SecurityException noThread) {
            return Optional.empty(); // no thread to spare: the channel renders in its turn
        }
        return Optional.of(new RenderAhead(guessed, task));
    }

    /**
     * The objects rendered ahead, when the guess held for the revision as it is now (with the
     * outcomes of the channels read); empty when it did not or the render failed. Waits for the
     * render either way, so that the renderer serves one edition at a time.
     */
    Optional<List<Artifact>> artifacts(Revision actual) {
        List<Artifact> artifacts = null;
        boolean finished = false;
        boolean interrupted = false;
        boolean failed = false;
        // Waits out an interrupt too (and keeps it for the caller): a render again must never overlap this one.
        while (!finished) {
            try {
                artifacts = rendering.get();
                finished = true;
            } catch (InterruptedException e) {
                interrupted = true;
            } catch (ExecutionException e) {
                failed = true; // rendered again, where the failure is recorded as the channel's
                finished = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        if (failed || artifacts == null) {
            return Optional.empty();
        }
        for (Map.Entry<String, ChannelStatus> guess : guessed.entrySet()) {
            ChannelStatus outcome = actual.channels().get(guess.getKey());
            if (outcome == null || outcome.state() != guess.getValue().state()
                    || !Objects.equals(outcome.facts(), guess.getValue().facts())) {
                return Optional.empty();
            }
        }
        return Optional.of(artifacts);
    }
}
